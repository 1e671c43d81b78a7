import type { GitHubClient } from './client';
import { statusOf } from './client';

/** The workflow's own `GITHUB_TOKEN` acts as this bot (the comments it writes carry this login). */
export const WORKFLOW_TOKEN_LOGIN = 'github-actions[bot]';

/**
 * The login the token acts as, so that only a comment written by the token's own identity is ever
 * taken as ours (a pull-request participant can paste our marker into a comment of their own).
 *
 * - GraphQL's `viewer` names any token's identity: a person for a personal token, `<app>[bot]`
 *   for an installation token (`github-actions[bot]` for `GITHUB_TOKEN`), in the same spelling
 *   as a REST comment's `user.login`.
 * - Where GraphQL is not answered, `GET /user` names a personal token's user; an installation
 *   token gets 403 there, and then it is taken to be the workflow's `GITHUB_TOKEN` (the input's
 *   default): another app's comments are then not found, so a new one is posted, never someone
 *   else's edited.
 * - Undefined when neither answered: no existing comment is adopted.
 * https://docs.github.com/en/graphql/reference/queries#viewer
 */
export async function resolveTokenLogin(octokit: GitHubClient): Promise<string | undefined> {
  try {
    const answer = await octokit.graphql<{ viewer?: { login?: unknown } }>(
      'query { viewer { login } }',
    );
    const login = answer.viewer?.login;
    if (typeof login === 'string' && login !== '') return login;
  } catch {
    // GraphQL disabled or failing: try REST.
  }
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return data.login;
  } catch (error) {
    return statusOf(error) === 403 ? WORKFLOW_TOKEN_LOGIN : undefined;
  }
}
