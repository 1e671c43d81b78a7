import { getOctokit } from '@actions/github';

/** The Octokit client the publishers take; tests build it against a local server. */
export type GitHubClient = ReturnType<typeof getOctokit>;

/**
 * A client for `token`. `baseUrl` defaults to `GITHUB_API_URL` (GitHub Enterprise Server and the
 * tests' local server set it), else https://api.github.com.
 */
export function createGitHubClient(token: string, baseUrl?: string): GitHubClient {
  return getOctokit(token, baseUrl ? { baseUrl } : {});
}

/** The HTTP status of an Octokit `RequestError`, if `error` is one. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    return typeof error.status === 'number' ? error.status : undefined;
  }
  return undefined;
}

/** The API's error message, without anything else from the response. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}
