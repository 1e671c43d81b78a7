/**
 * Parses `git cat-file --batch` output: `<oid> <type> <size>\n<content>\n` or `<oid> missing\n`.
 * Only up to `maxBytes` of each object is kept; the rest is skipped as it streams past, so a huge
 * blob never sits in memory. `openBatchReader` drives one long-lived process over the parser;
 * starting it is the process layer's job (process.ts).
 */

import { GitCommandError, toError, type GitChild } from './process';

/** One object as read from `cat-file --batch`; `content` is cut at `maxBytes` (see `truncated`). */
export interface BlobContent {
  id: string;
  /**
   * Undefined when the object is missing or not of a kept type (blobs, by default). A view into
   * the buffer git's output was read into, or into one the parser reuses for the next object that
   * spans reads: valid during the `onObject`/`onBlob` call only, so copy it to keep it.
   */
  content?: Buffer;
  size: number;
  truncated: boolean;
}

export interface BatchParser {
  /** Feeds one chunk of stdout; calls `onObject` for each object completed by it. */
  push(chunk: Buffer): void;
}

const BLOBS: ReadonlySet<string> = new Set(['blob']);
/** The largest object read into the reused buffer; a bigger one (a tree read whole) gets its own. */
const MAX_SCRATCH_BYTES = 4 << 20;

/** A parser for a stream of `--batch` records. */
export function createBatchParser(
  maxBytes: number,
  onObject: (object: BlobContent) => void,
  /** Object types whose content is kept: blobs only unless trees or commits are asked for. */
  keptTypes: ReadonlySet<string> = BLOBS,
): BatchParser {
  let header: Buffer[] = [];
  // Body state: bytes still to consume for the current object (+1 for its trailing newline).
  let bodyLeft = -1;
  let id = '';
  /** The current object is of a kept type (a blob, unless `keptTypes` says more). */
  let keeping = false;
  let size = 0;
  // The kept part of the current blob: one buffer of the size to keep, filled as chunks arrive
  // (no list of parts to concatenate).
  let kept: Buffer | undefined;
  let filled = 0;
  // What `kept` is cut from, reused object after object: a fresh buffer for each version of a
  // large file was most of the scan's garbage outside V8's heap.
  let scratch = Buffer.alloc(0);
  /** The current object was delivered early (see below); its remaining bytes are skipped. */
  let delivered = false;

  const push = (chunk: Buffer) => {
    let offset = 0;
    while (offset < chunk.length) {
      if (bodyLeft < 0) {
        const nl = chunk.indexOf(10, offset);
        if (nl === -1) {
          header.push(chunk.subarray(offset));
          break;
        }
        let line: string;
        if (header.length === 0) line = chunk.toString('latin1', offset, nl);
        else {
          header.push(chunk.subarray(offset, nl));
          line = Buffer.concat(header).toString('latin1');
          header = [];
        }
        offset = nl + 1;
        const first = line.indexOf(' ');
        const second = line.indexOf(' ', first + 1);
        id = first === -1 ? line : line.slice(0, first);
        const type = second === -1 ? line.slice(first + 1) : line.slice(first + 1, second);
        if (second === -1) {
          // `<oid> missing` or `<oid> ambiguous`
          onObject({ id, size: 0, truncated: false });
          continue;
        }
        size = Number(line.slice(second + 1));
        keeping = keptTypes.has(type);
        bodyLeft = size + 1;
        filled = 0;
        const keep = Math.min(size, maxBytes);
        if (keeping && offset + keep <= chunk.length) {
          // The part to keep is in this chunk: hand out a view, skip the rest as it streams past.
          kept = undefined;
          const content = chunk.subarray(offset, offset + keep);
          const take = Math.min(bodyLeft, chunk.length - offset);
          offset += take;
          bodyLeft -= take;
          const object = { id, content, size, truncated: keep < size };
          if (bodyLeft === 0) bodyLeft = -1;
          else delivered = true;
          // Delivered now, even if the skipped remainder is still to come: nothing else is kept.
          onObject(object);
          continue;
        }
        if (!keeping) kept = undefined;
        else if (keep > MAX_SCRATCH_BYTES) kept = Buffer.allocUnsafe(keep);
        else {
          if (scratch.length < keep)
            scratch = Buffer.allocUnsafeSlow(
              Math.min(MAX_SCRATCH_BYTES, Math.max(keep, 2 * scratch.length)),
            );
          kept = scratch.subarray(0, keep);
        }
      } else {
        const take = Math.min(bodyLeft, chunk.length - offset);
        if (kept && filled < kept.length) {
          const want = Math.min(take, kept.length - filled);
          chunk.copy(kept, filled, offset, offset + want);
          filled += want;
        }
        offset += take;
        bodyLeft -= take;
        if (bodyLeft === 0) {
          bodyLeft = -1;
          const content = kept;
          kept = undefined;
          if (delivered) delivered = false;
          else
            onObject(
              content
                ? { id, content, size, truncated: content.length < size }
                : { id, size, truncated: false },
            );
        }
      }
    }
  };
  return { push };
}

export interface BlobReader {
  /**
   * Reads the given blobs in order, calling `onBlob` for each as soon as it is complete. One
   * `git cat-file --batch` process serves every call until `close`. In a partial clone, blobs
   * that are not present locally come back as missing (no `content`) without being fetched.
   */
  read(ids: readonly string[], onBlob: (blob: BlobContent) => void): Promise<void>;
  /** Stops taking git's output for a while (back-pressure: git then waits). */
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

interface PendingRead {
  /** The ids asked for: each answer carries the caller's own string (no second copy kept). */
  ids: readonly string[];
  next: number;
  remaining: number;
  onBlob: (blob: BlobContent) => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Requests are written strictly one after another and answers delivered to the oldest pending
 * request: output order matches the queue's. `present` (partial clones only) filters out ids that
 * aren't in the object store, which come back as missing without reaching git.
 */
export function openBatchReader(
  childPromise: Promise<GitChild>,
  maxBytes: number,
  presentSet: () => Promise<Set<string> | undefined>,
  keptTypes?: ReadonlySet<string>,
): BlobReader {
  const queue: PendingRead[] = [];
  let closed = false;
  let fatal: Error | undefined;
  const errTail: string[] = [];

  const deliver = (blob: BlobContent) => {
    const head = queue[0];
    if (!head) return;
    const asked = head.ids[head.next++];
    if (asked === blob.id) blob.id = asked;
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

  const started = childPromise.then((child) => {
    const parser = createBatchParser(maxBytes, deliver, keptTypes);
    child.stdout.on('data', (chunk: Buffer) => {
      try {
        parser.push(chunk);
      } catch (error) {
        fail(toError(error));
        child.kill();
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
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
    child.stdin.on('error', () => {});
    return child;
  });
  started.catch(fail);
  let writing: Promise<unknown> = started;

  const onChild = (use: (child: GitChild) => void) => void started.then(use, () => {});
  return {
    pause() {
      onChild((child) => child.stdout.pause());
    },
    resume() {
      onChild((child) => child.stdout.resume());
    },
    read(ids, onBlob) {
      if (ids.length === 0) return Promise.resolve();
      if (fatal) return Promise.reject(fatal);
      if (closed) return Promise.reject(new Error('git cat-file --batch has exited'));
      return new Promise<void>((resolve, reject) => {
        writing = writing
          .then(async () => {
            const child = await started;
            const present = await presentSet();
            const wanted = present ? ids.filter((id) => present.has(id)) : ids;
            if (wanted.length < ids.length)
              for (const id of ids)
                if (!present?.has(id)) onBlob({ id, size: 0, truncated: false });
            if (wanted.length === 0) return resolve();
            queue.push({ ids: wanted, next: 0, remaining: wanted.length, onBlob, resolve, reject });
            await writeIds(child.stdin, wanted);
          })
          .catch((error: unknown) => reject(toError(error)));
      });
    },
    close() {
      return started.then(
        (child) =>
          new Promise<void>((resolve) => {
            if (closed) return resolve();
            child.once('close', () => resolve());
            void writing.finally(() => child.stdin.end());
          }),
        () => undefined,
      );
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
