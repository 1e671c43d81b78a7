import type { Finding, FindingLocation } from '../core/types';
import { encodePathForUrl, escapeMarkdown } from './escape';

/** Where the scanned repository lives on GitHub, for links in markdown reports. */
export interface RepositoryLinks {
  /** `GITHUB_SERVER_URL`: `https://github.com`, or a GitHub Enterprise Server's own host. */
  serverUrl: string;
  /** `owner/name` (`GITHUB_REPOSITORY`). */
  repository: string;
  /** The scanned commit; tree and settings findings link to the file at this commit. */
  sha?: string;
  /** Link to the workflow run (its job summary). */
  runUrl?: string;
}

/**
 * A URL we build is safe inside a markdown link destination once spaces, angle brackets and
 * parentheses are percent-encoded.
 */
export function toLinkDestination(url: string): string {
  return url.replace(
    /[\s<>()]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

export const DEFAULT_SERVER_URL = 'https://github.com';

/**
 * The links of the repository a workflow runs for, from the runner's variables: GitHub
 * Enterprise Server (and GHE.com) set `GITHUB_SERVER_URL` to their own host, so every link is
 * built from it, never from github.com. Undefined outside a workflow (no `GITHUB_REPOSITORY`).
 * https://docs.github.com/en/actions/reference/workflows-and-actions/variables#default-environment-variables
 */
export function repositoryLinksFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  sha?: string,
): RepositoryLinks | undefined {
  const repository = env.GITHUB_REPOSITORY;
  if (!repository || !repository.includes('/')) return undefined;
  const serverUrl = (env.GITHUB_SERVER_URL || DEFAULT_SERVER_URL).replace(/\/+$/, '');
  const links: RepositoryLinks = { serverUrl, repository, ...(sha ? { sha } : {}) };
  const runId = env.GITHUB_RUN_ID;
  return runId ? { ...links, runUrl: workflowRunUrl(links, runId) } : links;
}

/** The repository's page, e.g. `https://github.com/owner/name` (SARIF's repositoryUri). */
export function repositoryUrl(links: Pick<RepositoryLinks, 'serverUrl' | 'repository'>): string {
  const repo = links.repository.split('/').map(encodeURIComponent).join('/');
  return `${links.serverUrl.replace(/\/+$/, '')}/${repo}`;
}

/** A workflow run, where the job summary is (the latest attempt's). */
export function workflowRunUrl(
  links: Pick<RepositoryLinks, 'serverUrl' | 'repository'>,
  runId: string,
): string {
  return `${repositoryUrl(links)}/actions/runs/${encodeURIComponent(runId)}`;
}

export function blobUrl(links: RepositoryLinks, sha: string, path: string, line?: number): string {
  const anchor = line !== undefined && line >= 1 ? `#L${line}` : '';
  return `${repositoryUrl(links)}/blob/${encodeURIComponent(sha)}/${encodePathForUrl(path)}${anchor}`;
}

export function commitUrl(links: RepositoryLinks, sha: string): string {
  return `${repositoryUrl(links)}/commit/${encodeURIComponent(sha)}`;
}

/**
 * `[file:line](url)`, or escaped plain text when the repository or commit is unknown. A location
 * that holds the problem now links to the scanned commit; a history occurrence to the file's line
 * at the commit that introduced it (a permalink: today's file may not hold it any more).
 */
export function renderLocation(
  location: Pick<FindingLocation, 'file' | 'line' | 'current' | 'commit'>,
  links: RepositoryLinks | undefined,
): string {
  const label = escapeMarkdown(`${location.file}:${location.line}`);
  const sha = location.current ? links?.sha : location.commit;
  if (!links || !sha) return location.current ? label : `${label} (in history)`;
  const url = toLinkDestination(blobUrl(links, sha, location.file, location.line));
  return location.current
    ? `[${label}](${url})`
    : `[${label}](${url}) at ${escapeMarkdown(sha.slice(0, 12))}`;
}

/** `[abc123def456](url)` for a history finding's commit. */
export function renderCommit(commit: string, links: RepositoryLinks | undefined): string {
  const label = escapeMarkdown(commit.slice(0, 12));
  return links ? `[${label}](${toLinkDestination(commitUrl(links, commit))})` : label;
}

/** `[security.W004](docs) hsts-not-set`. */
export function renderRuleLink(finding: Finding): string {
  return `[${escapeMarkdown(finding.ruleId)}](${toLinkDestination(finding.docsUrl)})`;
}
