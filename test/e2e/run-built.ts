import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Runs the built CLI exactly as a user does: `node dist/cli/index.js ...`. */
export function runBuiltCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
) {
  const result = spawnSync(process.execPath, [resolve('dist/cli/index.js'), ...args], {
    cwd: options.cwd ?? process.cwd(),
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes a small project tree into a fresh temporary directory. */
export function writeTree(files: Record<string, string | Buffer>, parent?: string): string {
  const root = parent ?? mkdtempSync(join(tmpdir(), 'ddg-e2e-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

/** `git init` + commit everything, with a fixed identity and date (real git, no mocks). */
export function commitAll(root: string, message = 'initial'): void {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.invalid',
    GIT_COMMITTER_NAME: 'Test Author',
    GIT_COMMITTER_EMAIL: 'author@example.invalid',
    GIT_AUTHOR_DATE: '2024-01-01T12:00:00Z',
    GIT_COMMITTER_DATE: '2024-01-01T12:00:00Z',
  };
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: root, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  };
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', message);
}

/** Asserts-ready: every place a planted secret could leak to, as one string. */
export function everything(...parts: (string | undefined)[]): string {
  return parts.filter(Boolean).join('\n');
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  runnerTemp: string;
}

export interface ActionRunOptions {
  workspace: string;
  inputs: Record<string, string>;
  eventName?: string;
  payload?: unknown;
  env?: Record<string, string>;
}

function prepareRunner(options: ActionRunOptions) {
  const temp = mkdtempSync(join(tmpdir(), 'ddg-runner-'));
  const outputFile = join(temp, 'github_output');
  const summaryFile = join(temp, 'step_summary.md');
  const eventPath = join(temp, 'event.json');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(eventPath, JSON.stringify(options.payload ?? {}));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_NAME: options.eventName ?? 'workflow_dispatch',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '42',
    RUNNER_TEMP: temp,
    // The action's defaults as the runner would fill them from action.yml.
    'INPUT_GITHUB-TOKEN': 'test-token',
    INPUT_COMMENT: 'auto',
    'INPUT_CHECK-RUN': 'false',
    INPUT_HISTORY: 'auto',
    INPUT_PATH: '.',
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const finish = (code: number | null, stdout: string, stderr: string): ActionRun => ({
    code,
    stdout,
    stderr,
    outputs: parseGitHubOutput(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    runnerTemp: temp,
  });
  return { env, finish };
}

/**
 * Runs the built action the way the runner does: `node dist/index.js` with `INPUT_*` variables,
 * `GITHUB_WORKSPACE`, `GITHUB_OUTPUT` / `GITHUB_STEP_SUMMARY` files, `RUNNER_TEMP` and an event
 * payload file.
 */
export function runBuiltAction(options: ActionRunOptions): ActionRun {
  const { env, finish } = prepareRunner(options);
  const result = spawnSync(process.execPath, [resolve('dist/index.js')], {
    cwd: options.workspace,
    encoding: 'utf8',
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  return finish(result.status, result.stdout, result.stderr);
}

/** The same, without blocking this process (needed when the test also serves the GitHub API). */
export function runBuiltActionAsync(options: ActionRunOptions): Promise<ActionRun> {
  const { env, finish } = prepareRunner(options);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [resolve('dist/index.js')], {
      cwd: options.workspace,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise(finish(code, stdout, stderr)));
  });
}

/** Parses the `name<<DELIMITER … DELIMITER` records @actions/core writes to GITHUB_OUTPUT. */
export function parseGitHubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i]!);
    outputs[match[1]!] = value.join('\n');
  }
  return outputs;
}

/** How @actions/core writes a value in `::add-mask::` (it escapes %, CR and LF). */
export function maskCommandFor(value: string): string {
  return `::add-mask::${value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`;
}
