import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { tmpdir } from 'node:os';
import {
  GLOBAL_OPTIONS,
  hardenedEnv,
  patternOverrides,
  staticConfigArgs,
  withConfigEntries,
} from './safe-options';

/**
 * The one module that starts a process (lint allows `node:child_process` here only): git, always
 * with the safe options of safe-options.ts (docs/git-hardening.md), argument arrays handed
 * straight to `spawn` (never a shell string), in one repository. How to spawn, collect, stream
 * and build the environment lives here; what to ask git lives in git-client.ts.
 *
 * Raw `spawn` rather than `simple-git`: history scanning streams `git log -z` and one long-lived
 * `git cat-file --batch`, and simple-git buffers whole outputs and has no binary-safe streaming
 * interface for `--batch`.
 */

/** A running git whose three pipes the caller drives (the long-lived `cat-file --batch`). */
export type GitChild = ChildProcessWithoutNullStreams;

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly code: number,
    readonly stderr: string,
  ) {
    super(
      `git ${args.join(' ')} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`,
    );
    this.name = 'GitCommandError';
  }
}

export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The repository's configuration keys, read once per process layer: they decide the pattern
 * overrides and whether a fetch is refused. Includes followed (so an included file is
 * neutralised too).
 */
export interface RepositoryConfig {
  keys: string[];
  values: Map<string, string[]>;
}

/** Members are functions, not methods: the client destructures them. */
export interface GitProcess {
  /** Runs git to the end; throws `GitCommandError` on a non-zero exit unless `allowFailure`. */
  run: (
    args: readonly string[],
    options?: { allowFailure?: boolean; input?: string },
  ) => Promise<GitResult>;
  /**
   * Streams stdout split on `separator`, one token at a time, without holding the whole output.
   * A token is a view of git's raw output, valid during the call (decode what you keep: a string
   * cut from a big one would keep all of it alive).
   */
  streamBytes: (
    args: readonly string[],
    separator: '\0' | '\n',
    onToken: (token: Buffer) => void,
    input?: string,
    /** Stops git and rejects with the signal's reason (the caller decided it has seen enough). */
    signal?: AbortSignal,
  ) => Promise<void>;
  /** `streamBytes` with each token decoded (UTF-8) into a string of its own. */
  stream: (
    args: readonly string[],
    separator: '\0' | '\n',
    onToken: (token: string) => void,
    input?: string,
  ) => Promise<void>;
  /** Starts git and hands its pipes over (for a long-lived process such as `cat-file --batch`). */
  start: (args: readonly string[]) => Promise<GitChild>;
  /** The configuration as git sees it in this repository, with our overrides already applied. */
  repositoryConfig: () => Promise<RepositoryConfig>;
}

export function createGitProcess(
  repoDir: string,
  baseEnv: NodeJS.ProcessEnv = process.env,
): GitProcess {
  const staticArgs = [...staticConfigArgs(baseEnv), ...GLOBAL_OPTIONS];
  const env = hardenedEnv(baseEnv);
  let configPromise: Promise<RepositoryConfig> | undefined;
  let runEnvPromise: Promise<NodeJS.ProcessEnv> | undefined;

  const spawnWith = (runEnv: NodeJS.ProcessEnv, args: readonly string[]) =>
    spawn('git', [...staticArgs, ...args], {
      cwd: repoDir,
      env: runEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });

  const collect = (child: ChildProcessWithoutNullStreams, input?: string) =>
    new Promise<GitResult>((resolve, reject) => {
      child.stdin.on('error', () => {});
      child.stdin.end(input ?? '');
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code) =>
        resolve({
          code: code ?? -1,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        }),
      );
    });

  /**
   * `safe.directory` from the user's and the system's configuration, which the hardened commands
   * don't read: git honours it only from there (or the command line), and a container job's
   * workspace owned by another user depends on it. Read outside the repository.
   */
  let safeEnvPromise: Promise<NodeJS.ProcessEnv> | undefined;
  const safeEnv = (): Promise<NodeJS.ProcessEnv> =>
    (safeEnvPromise ??= Promise.all(
      ['--global', '--system'].map((scope) =>
        collect(
          spawn('git', ['config', scope, '--get-all', 'safe.directory'], {
            cwd: tmpdir(),
            env: { ...baseEnv, GIT_TERMINAL_PROMPT: '0' },
            stdio: ['pipe', 'pipe', 'pipe'],
          }),
        ).catch(() => undefined),
      ),
    ).then((results) => {
      const values = results.flatMap((result) =>
        result?.code === 0 ? result.stdout.split('\n').filter((line) => line !== '') : [],
      );
      return withConfigEntries(
        env,
        values.map((value) => ['safe.directory', value] as const),
      );
    }));

  const repositoryConfig = (): Promise<RepositoryConfig> =>
    (configPromise ??= safeEnv()
      .then((trusted) => collect(spawnWith(trusted, ['config', '--list', '-z'])))
      .then((result) => {
        const values = new Map<string, string[]>();
        const keys: string[] = [];
        if (result.code !== 0) return { keys, values };
        for (const entry of result.stdout.split('\0')) {
          if (entry === '') continue;
          const nl = entry.indexOf('\n');
          const key = nl === -1 ? entry : entry.slice(0, nl);
          const value = nl === -1 ? '' : entry.slice(nl + 1);
          if (!values.has(key)) keys.push(key);
          values.set(key, [...(values.get(key) ?? []), value]);
        }
        return { keys, values };
      }));

  /** The environment with the repository's pattern-matched keys neutralised. */
  const runEnv = (): Promise<NodeJS.ProcessEnv> =>
    (runEnvPromise ??= Promise.all([safeEnv(), repositoryConfig()]).then(([trusted, config]) =>
      withConfigEntries(trusted, patternOverrides(config.keys)),
    ));

  const run: GitProcess['run'] = async (args, options) => {
    const result = await collect(spawnWith(await runEnv(), args), options?.input);
    if (result.code !== 0 && !options?.allowFailure)
      throw new GitCommandError(args, result.code, result.stderr);
    return result;
  };

  const streamBytes: GitProcess['streamBytes'] = async (
    args,
    separator,
    onToken,
    input,
    signal,
  ) => {
    signal?.throwIfAborted();
    const child = spawnWith(await runEnv(), args);
    const byte = separator.charCodeAt(0);
    return new Promise((resolve, reject) => {
      child.stdin.on('error', () => {});
      child.stdin.end(input ?? '');
      let pending: Buffer | undefined;
      let failed: Error | undefined;
      const onAbort = () => {
        failed ??= toError(signal?.reason);
        child.kill();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      child.on('close', () => signal?.removeEventListener('abort', onAbort));
      const errTail: string[] = [];
      child.stdout.on('data', (chunk: Buffer) => {
        if (failed) return;
        let start = 0;
        try {
          for (let at = chunk.indexOf(byte, start); at !== -1; at = chunk.indexOf(byte, start)) {
            if (pending) {
              onToken(Buffer.concat([pending, chunk.subarray(start, at)]));
              pending = undefined;
            } else onToken(chunk.subarray(start, at));
            start = at + 1;
          }
        } catch (error) {
          failed = toError(error);
          child.kill();
          return;
        }
        if (start < chunk.length) {
          const rest = chunk.subarray(start);
          pending = pending ? Buffer.concat([pending, rest]) : Buffer.from(rest);
        }
      });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        errTail.push(chunk);
        if (errTail.length > 20) errTail.shift();
      });
      child.on('error', reject);
      child.on('close', (code) => {
        if (failed) return reject(failed);
        if (code !== 0) return reject(new GitCommandError(args, code ?? -1, errTail.join('')));
        try {
          if (pending && pending.length > 0) onToken(pending);
        } catch (error) {
          return reject(toError(error));
        }
        resolve();
      });
    });
  };

  return {
    run,
    streamBytes,
    stream: (args, separator, onToken, input) =>
      streamBytes(args, separator, (token) => onToken(token.toString('utf8')), input),
    start: async (args) => spawnWith(await runEnv(), args),
    repositoryConfig,
  };
}
