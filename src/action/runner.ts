/**
 * What the action reads of the runner's environment, read once into one typed object (the way
 * actions/checkout's input-helper.ts turns the runner into settings). Nothing else in the action
 * reads `process.env`.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/variables#default-environment-variables
 */
export interface RunnerEnvironment {
  /** `GITHUB_WORKSPACE`, else the current directory. */
  workspace: string;
  /** `GITHUB_EVENT_NAME` ('' when unset). */
  eventName: string;
  /** `GITHUB_EVENT_PATH`: the event payload, read (and checked) by the action itself. */
  eventPath?: string;
  /** `GITHUB_REPOSITORY` split into owner and name, when it has both. */
  owner?: string;
  repo?: string;
  /** `GITHUB_API_URL`: GitHub Enterprise Server's `https://HOST/api/v3`, or unset for github.com. */
  apiUrl?: string;
  /** `GITHUB_SHA`, `GITHUB_REF`. */
  sha?: string;
  ref?: string;
  /** `RUNNER_TEMP`: where the JSON report goes (else the workspace). */
  runnerTemp?: string;
  /**
   * Every variable as it was at the start, for what needs the whole set: the redactor (the
   * runner's own tokens) and the links (`GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`, `GITHUB_RUN_ID`).
   */
  variables: Readonly<Record<string, string | undefined>>;
}

export function readRunnerEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): RunnerEnvironment {
  const set = (name: string) => {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const [owner, repo, ...rest] = (set('GITHUB_REPOSITORY') ?? '').split('/');
  const runner: RunnerEnvironment = {
    workspace: set('GITHUB_WORKSPACE') ?? cwd,
    eventName: set('GITHUB_EVENT_NAME') ?? '',
    variables: { ...env },
  };
  const optional = {
    eventPath: set('GITHUB_EVENT_PATH'),
    apiUrl: set('GITHUB_API_URL'),
    sha: set('GITHUB_SHA'),
    ref: set('GITHUB_REF'),
    runnerTemp: set('RUNNER_TEMP'),
    ...(owner && repo && rest.length === 0 ? { owner, repo } : {}),
  };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) (runner as unknown as Record<string, string>)[key] = value;
  return runner;
}
