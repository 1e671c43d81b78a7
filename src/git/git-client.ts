import { spawn } from 'node:child_process';

/**
 * Git behind a small interface. Arguments are arrays handed straight to `spawn` (never a shell
 * string), so a ref or path from a pull request can't inject anything.
 *
 * Raw `spawn` rather than `simple-git`: history scanning streams `git log -z` and one long-lived
 * `git cat-file --batch`, and simple-git buffers whole outputs and has no binary-safe streaming
 * interface for `--batch`. Buffering 20k commits of `git log` or 100k blobs would break the memory
 * bound, and its per-call overhead dominates the thousands of small reads a scan makes.
 */
export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** One blob as read by the batch reader; `content` is cut at `maxBytes` (see `truncated`). */
export interface BlobContent {
  id: string;
  /** Undefined when the object is missing or is not a blob. */
  content?: Buffer;
  size: number;
  truncated: boolean;
}

export interface BlobReader {
  /**
   * Reads the given blobs in order, calling `onBlob` for each as soon as it is complete. One
   * `git cat-file --batch` process serves every call until `close`.
   */
  read(ids: readonly string[], onBlob: (blob: BlobContent) => void): Promise<void>;
  close(): Promise<void>;
}

export interface GitClient {
  readonly repoDir: string;
  /** Runs git and collects its output. Rejects on a non-zero exit unless `allowFailure`. */
  run(
    args: readonly string[],
    options?: { allowFailure?: boolean; input?: string },
  ): Promise<GitResult>;
  /**
   * Streams stdout split on `separator`, calling `onToken` per token, without holding the whole
   * output. Rejects on a non-zero exit.
   */
  stream(
    args: readonly string[],
    separator: '\0' | '\n',
    onToken: (token: string) => void,
    input?: string,
  ): Promise<void>;
  /** Opens a long-lived `git cat-file --batch`; content beyond `maxBytes` is discarded unread. */
  openBlobReader(maxBytes: number): BlobReader;
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

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Never prompt for credentials: a fetch in CI must fail fast instead of hanging. */
function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: process.env.GIT_ASKPASS ?? '' };
}

/**
 * Options every command gets: no pager, no colour, paths verbatim, and the real objects rather
 * than `git replace` substitutes (a replace ref must not be able to hide history from the scan).
 */
const BASE_ARGS = [
  '-c',
  'core.quotePath=false',
  '-c',
  'color.ui=false',
  '--no-pager',
  '--no-replace-objects',
];

export function createGitClient(repoDir: string): GitClient {
  const spawnGit = (args: readonly string[]) =>
    spawn('git', [...BASE_ARGS, ...args], {
      cwd: repoDir,
      env: gitEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });

  const run: GitClient['run'] = (args, options) =>
    new Promise((resolve, reject) => {
      const child = spawnGit(args);
      child.stdin.on('error', () => {});
      child.stdin.end(options?.input ?? '');
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code) => {
        const result = {
          code: code ?? -1,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        };
        if (result.code !== 0 && !options?.allowFailure)
          reject(new GitCommandError(args, result.code, result.stderr));
        else resolve(result);
      });
    });

  const stream: GitClient['stream'] = (args, separator, onToken, input) =>
    new Promise((resolve, reject) => {
      const child = spawnGit(args);
      child.stdin.on('error', () => {});
      child.stdin.end(input ?? '');
      let pending = '';
      let failed: Error | undefined;
      const errTail: string[] = [];
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        if (failed) return;
        pending += chunk;
        let start = 0;
        let at = pending.indexOf(separator, start);
        try {
          while (at !== -1) {
            onToken(pending.slice(start, at));
            start = at + 1;
            at = pending.indexOf(separator, start);
          }
        } catch (error) {
          failed = toError(error);
          child.kill();
        }
        pending = pending.slice(start);
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
          if (pending !== '') onToken(pending);
        } catch (error) {
          return reject(toError(error));
        }
        resolve();
      });
    });

  return {
    repoDir,
    run,
    stream,
    openBlobReader: (maxBytes) => openBatchReader(spawnGit(['cat-file', '--batch']), maxBytes),
  };
}

interface PendingRead {
  remaining: number;
  onBlob: (blob: BlobContent) => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Parses `git cat-file --batch` output: `<oid> <type> <size>\n<content>\n` or `<oid> missing\n`.
 * Only up to `maxBytes` of each object is kept; the rest is skipped as it streams past, so a huge
 * blob never sits in memory.
 */
function openBatchReader(child: ReturnType<typeof spawn>, maxBytes: number): BlobReader {
  const stdin = child.stdin!;
  const stdout = child.stdout!;
  const queue: PendingRead[] = [];
  let header: Buffer[] = [];
  // Body state: bytes still to consume for the current object (+1 for its trailing newline).
  let bodyLeft = -1;
  let current:
    { id: string; isBlob: boolean; size: number; parts: Buffer[]; kept: number } | undefined;
  let closed = false;
  let fatal: Error | undefined;
  const errTail: string[] = [];

  const deliver = (blob: BlobContent) => {
    const head = queue[0];
    if (!head) return;
    head.onBlob(blob);
    head.remaining -= 1;
    if (head.remaining === 0) {
      queue.shift();
      head.resolve();
    }
  };

  const fail = (error: Error) => {
    fatal = error;
    for (const pending of queue.splice(0)) pending.reject(error);
  };

  stdout.on('data', (chunk: Buffer) => {
    let offset = 0;
    try {
      while (offset < chunk.length) {
        if (bodyLeft < 0) {
          const nl = chunk.indexOf(10, offset);
          if (nl === -1) {
            header.push(chunk.subarray(offset));
            break;
          }
          header.push(chunk.subarray(offset, nl));
          offset = nl + 1;
          const line = Buffer.concat(header).toString('utf8');
          header = [];
          const [id = '', type = '', sizeText = ''] = line.split(' ');
          if (type === 'missing' || type === 'ambiguous' || sizeText === '') {
            deliver({ id, size: 0, truncated: false });
            continue;
          }
          const size = Number(sizeText);
          current = { id, isBlob: type === 'blob', size, parts: [], kept: 0 };
          bodyLeft = size + 1;
        } else {
          const take = Math.min(bodyLeft, chunk.length - offset);
          const cur = current!;
          const want = Math.min(take, maxBytes - cur.kept, Math.max(0, cur.size - cur.kept));
          if (cur.isBlob && want > 0) {
            // Copy: `chunk` is reused by the stream and must not be retained.
            cur.parts.push(Buffer.from(chunk.subarray(offset, offset + want)));
            cur.kept += want;
          }
          offset += take;
          bodyLeft -= take;
          if (bodyLeft === 0) {
            bodyLeft = -1;
            current = undefined;
            deliver(
              cur.isBlob
                ? {
                    id: cur.id,
                    content: Buffer.concat(cur.parts, cur.kept),
                    size: cur.size,
                    truncated: cur.kept < cur.size,
                  }
                : { id: cur.id, size: cur.size, truncated: false },
            );
          }
        }
      }
    } catch (error) {
      fail(error as Error);
      child.kill();
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    errTail.push(chunk);
    if (errTail.length > 20) errTail.shift();
  });
  child.on('error', fail);
  child.on('close', (code) => {
    closed = true;
    if (queue.length > 0)
      fail(new GitCommandError(['cat-file', '--batch'], code ?? -1, errTail.join('')));
  });
  // A write after the process died surfaces through 'close'; don't crash on EPIPE.
  stdin.on('error', () => {});
  // Requests are written strictly one after another: output order must match the queue's.
  let writing = Promise.resolve();

  return {
    read(ids, onBlob) {
      if (ids.length === 0) return Promise.resolve();
      if (fatal) return Promise.reject(fatal);
      if (closed) return Promise.reject(new Error('git cat-file --batch has exited'));
      return new Promise<void>((resolve, reject) => {
        queue.push({ remaining: ids.length, onBlob, resolve, reject });
        writing = writing.then(() => writeIds(stdin, ids)).catch(() => {});
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        if (closed) return resolve();
        child.once('close', () => resolve());
        void writing.then(() => stdin.end());
      });
    },
  };
}

/** Writes ids in slices, honouring back-pressure so a 100k-id request doesn't buffer at once. */
async function writeIds(stdin: NodeJS.WritableStream, ids: readonly string[]): Promise<void> {
  const slice = 512;
  for (let i = 0; i < ids.length; i += slice) {
    const text = ids.slice(i, i + slice).join('\n') + '\n';
    if (!stdin.write(text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          stdin.removeListener('drain', done);
          stdin.removeListener('close', done);
          resolve();
        };
        stdin.once('drain', done);
        stdin.once('close', done);
      });
    }
  }
}
