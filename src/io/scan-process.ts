import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/**
 * Flags of the node process the scan runs in; src/history/README.md (Memory) has the figures.
 *
 * - `--max-semi-space-size=8` caps V8's young generation at 8 MiB semi-spaces. Node 24 (the
 *   action's runtime) lets them grow much further; the history scan allocates short-lived buffers
 *   at hundreds of MB per second, so the young generation grows to its cap and the resident peak
 *   follows it. A full scan of wagtail peaked at 506–521 MB by default, 376–382 MB with this flag,
 *   in the same time.
 * - With a smaller young generation more short-lived objects reach the old one, which V8 lets
 *   grow to a multiple of what survives before it collects: saleor's peak swung from 444 to
 *   620 MB. `--heap-growing-percent=30` collects once the old generation has grown by 30 %
 *   (saleor 395–413 MB, same time), and `--initial-old-space-size=128` keeps a small scan from
 *   collecting at every few MB (alone, the growth setting made cookiecutter-django 20 % slower).
 *
 * V8 sizes its heap when the process starts: `v8.setFlagsFromString` later did not take
 * reliably, and the runner starts the action's node itself, without flags. So each entry
 * (src/action/index.ts, src/cli/index.ts) first starts itself again in a node child with these
 * flags, unless it already runs with them (`relaunchWithScanFlags`).
 */
export const SCAN_NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=8',
  '--heap-growing-percent=30',
  '--initial-old-space-size=128',
];

/**
 * Environment of the scan's process, where the workflow has not set these itself.
 *
 * `MALLOC_ARENA_MAX=1`: glibc's malloc gives each thread that allocates (libuv's pool, V8's
 * collector threads, worker threads) an arena of its own, and memory freed in one is not reused by
 * another. Buffers are malloc'ed, so the scan's short-lived ones fragmented several arenas: with one
 * arena a full scan of wagtail peaked at 317–320 MB against 358–366 MB, cookiecutter-django at
 * 185–188 MB against 215–218 MB, in the same time (with a worker thread too: 460 against 518 MB).
 * Other C libraries ignore it. git inherits it; the commands the scan runs (`log`, `cat-file`,
 * `ls-tree`) allocate from one thread.
 */
export const SCAN_ENVIRONMENT: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '1' };

/** The child's environment: this one, with SCAN_ENVIRONMENT's values where it has none. */
export function scanEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const [name, value] of Object.entries(SCAN_ENVIRONMENT))
    if (merged[name] === undefined || merged[name] === '') merged[name] = value;
  return merged;
}

/** The flags' names (`--max-semi-space-size`), to see whether one was already given. */
const FLAG_NAMES = SCAN_NODE_FLAGS.map((flag) => flag.split('=')[0]!);

/**
 * Whether this process needs no relaunch: it was started with the scan's flags (the child), or
 * the workflow chose its own value of one of them (in node's arguments or `NODE_OPTIONS`).
 */
export function runsWithScanFlags(execArgv: readonly string[], nodeOptions = ''): boolean {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  return FLAG_NAMES.some((name) => given.some((arg) => arg === name || arg.startsWith(`${name}=`)));
}

/**
 * The child's arguments: the scan's flags, the node options this process was started with (a
 * loader such as tsx's, when run from source), then this same script and its arguments.
 */
export function relaunchArguments(execArgv: readonly string[], argv: readonly string[]): string[] {
  return [...SCAN_NODE_FLAGS, ...execArgv, ...argv.slice(1)];
}

/** Signals a runner or a terminal sends to stop the run: passed on to the child. */
const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs this entry again in a node child started with SCAN_NODE_FLAGS, sharing standard input,
 * output and error and the environment (the runner's files and variables, with
 * SCAN_ENVIRONMENT). Resolves to the exit code to end with once the child has ended; a child
 * ended by a signal ends this process by the same signal. Resolves to `undefined` where this process should run the scan itself: it
 * already has the flags, or no child could be started (the scan then runs without them).
 */
export function relaunchWithScanFlags(): Promise<number | undefined> {
  const script = process.argv[1];
  if (script === undefined || runsWithScanFlags(process.execArgv, process.env.NODE_OPTIONS))
    return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, relaunchArguments(process.execArgv, process.argv), {
      stdio: 'inherit',
      env: scanEnvironment(process.env),
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    let started = false;
    child.once('spawn', () => {
      started = true;
      for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    });
    child.once('error', () => {
      if (!started) resolve(undefined);
    });
    child.once('exit', (code, signal) => {
      for (const name of FORWARDED_SIGNALS) process.off(name, forward);
      if (signal !== null) {
        // End the same way, so that the runner or the shell sees what the child saw.
        process.kill(process.pid, signal);
        resolve(128 + (constants.signals[signal] ?? 0));
        return;
      }
      resolve(code ?? 1);
    });
  });
}
