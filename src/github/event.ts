/**
 * What to scan for the event that triggered the workflow: a pure function of the event name, its
 * payload (`GITHUB_EVENT_PATH`) and the environment. The commit range ALWAYS comes from the
 * payload: the pull-request commits API pages at 250 commits and would silently miss some.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows
 */

export type HistoryMode = 'full' | 'range' | 'off';

/** `base` value meaning "the merge base of `head` with the default branch" (a new branch was pushed). */
export const MERGE_BASE_WITH_DEFAULT_BRANCH = 'merge-base-with-default-branch';

const ZERO_SHA = /^0+$/;
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export interface PullRequestContext {
  number: number;
  /** Head repository differs from base: the token is read-only and secrets are absent. */
  isFork: boolean;
  headSha: string;
}

export interface EventContext {
  eventName: string;
  historyMode: HistoryMode;
  /** Exclusive start of the range (a SHA, or MERGE_BASE_WITH_DEFAULT_BRANCH). */
  base?: string;
  /** Inclusive end of the range; for full scans, the commit the workflow runs on when known. */
  head?: string;
  defaultBranch?: string;
  pullRequest?: PullRequestContext;
  /** Something worth telling the user (unknown event, odd payload); show it as a notice. */
  notice?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function stringField(value: unknown, ...path: string[]): string | undefined {
  const found = field(value, ...path);
  return typeof found === 'string' && found !== '' ? found : undefined;
}

function shaField(value: unknown, ...path: string[]): string | undefined {
  const found = stringField(value, ...path);
  return found !== undefined && SHA.test(found) ? found : undefined;
}

function isZeroSha(value: string | undefined): boolean {
  return value !== undefined && ZERO_SHA.test(value);
}

function envSha(env: Env): string | undefined {
  const sha = env.GITHUB_SHA;
  return sha !== undefined && SHA.test(sha) ? sha : undefined;
}

function fullScan(eventName: string, payload: unknown, env: Env, notice?: string): EventContext {
  const context: EventContext = { eventName, historyMode: 'full' };
  const head = envSha(env);
  if (head) context.head = head;
  const defaultBranch = stringField(payload, 'repository', 'default_branch');
  if (defaultBranch) context.defaultBranch = defaultBranch;
  if (notice) context.notice = notice;
  return context;
}

function malformed(eventName: string, payload: unknown, env: Env, what: string): EventContext {
  return fullScan(
    eventName,
    payload,
    env,
    `The ${eventName} event payload has no valid ${what}; scanning the full history instead.`,
  );
}

function pullRequestContext(eventName: string, payload: unknown, env: Env): EventContext {
  const base = shaField(payload, 'pull_request', 'base', 'sha');
  const head = shaField(payload, 'pull_request', 'head', 'sha');
  const number = field(payload, 'pull_request', 'number') ?? field(payload, 'number');
  if (!base || !head) return malformed(eventName, payload, env, 'pull_request.base.sha/head.sha');
  const baseRepo = stringField(payload, 'pull_request', 'base', 'repo', 'full_name');
  const headRepo = stringField(payload, 'pull_request', 'head', 'repo', 'full_name');
  const context: EventContext = { eventName, historyMode: 'range', base, head };
  const defaultBranch =
    stringField(payload, 'repository', 'default_branch') ??
    stringField(payload, 'pull_request', 'base', 'repo', 'default_branch');
  if (defaultBranch) context.defaultBranch = defaultBranch;
  if (typeof number === 'number' && Number.isInteger(number) && number > 0) {
    // A deleted head repository (null) is treated as a fork: its token is read-only too.
    context.pullRequest = {
      number,
      isFork: headRepo === undefined || headRepo !== baseRepo,
      headSha: head,
    };
  }
  return context;
}

function pushContext(eventName: string, payload: unknown, env: Env): EventContext {
  const before = stringField(payload, 'before');
  const after = stringField(payload, 'after');
  const ref = stringField(payload, 'ref');
  const defaultBranch = stringField(payload, 'repository', 'default_branch');
  if (isZeroSha(after) || field(payload, 'deleted') === true) {
    const context: EventContext = {
      eventName,
      historyMode: 'off',
      notice: `${ref ?? 'A ref'} was deleted: nothing to scan.`,
    };
    if (defaultBranch) context.defaultBranch = defaultBranch;
    return context;
  }
  if (!after || !SHA.test(after)) return malformed(eventName, payload, env, 'after');
  if (defaultBranch && ref === `refs/heads/${defaultBranch}`) {
    return { eventName, historyMode: 'full', head: after, defaultBranch };
  }
  let base: string;
  if (before === undefined || isZeroSha(before) || field(payload, 'created') === true) {
    // A new branch: scan what it adds on top of the default branch.
    base = MERGE_BASE_WITH_DEFAULT_BRANCH;
  } else if (SHA.test(before)) {
    base = before;
  } else {
    return malformed(eventName, payload, env, 'before');
  }
  const context: EventContext = { eventName, historyMode: 'range', base, head: after };
  if (defaultBranch) context.defaultBranch = defaultBranch;
  return context;
}

function mergeGroupContext(eventName: string, payload: unknown, env: Env): EventContext {
  const base = shaField(payload, 'merge_group', 'base_sha');
  const head = shaField(payload, 'merge_group', 'head_sha');
  if (!base || !head) return malformed(eventName, payload, env, 'merge_group.base_sha/head_sha');
  const context: EventContext = { eventName, historyMode: 'range', base, head };
  const defaultBranch = stringField(payload, 'repository', 'default_branch');
  if (defaultBranch) context.defaultBranch = defaultBranch;
  return context;
}

/** What to scan for `GITHUB_EVENT_NAME` with its payload. Never throws. */
export function resolveEvent(eventName: string, payload: unknown, env: Env = {}): EventContext {
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_target':
      return pullRequestContext(eventName, payload, env);
    case 'push':
      return pushContext(eventName, payload, env);
    case 'merge_group':
      return mergeGroupContext(eventName, payload, env);
    case 'workflow_dispatch':
    case 'schedule':
      return fullScan(eventName, payload, env);
    default:
      return fullScan(
        eventName,
        payload,
        env,
        `django-deploy-guard does not know the '${eventName || '(none)'}' event; scanning the full history.`,
      );
  }
}
