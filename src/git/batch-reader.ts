/**
 * Parses `git cat-file --batch` output: `<oid> <type> <size>\n<content>\n` or `<oid> missing\n`.
 * Only up to `maxBytes` of each object is kept; the rest is skipped as it streams past, so a huge
 * blob never sits in memory. Takes the process's streams, not the process: spawning is the
 * client's job (git-client.ts).
 */

/** One object as read from `cat-file --batch`; `content` is cut at `maxBytes` (see `truncated`). */
export interface BlobContent {
  id: string;
  /** Undefined when the object is missing or is not a blob. */
  content?: Buffer;
  size: number;
  truncated: boolean;
}

export interface BatchParser {
  /** Feeds one chunk of stdout; calls `onObject` for each object completed by it. */
  push(chunk: Buffer): void;
  /** True between objects (nothing half-read). */
  readonly idle: boolean;
}

/** A parser for a stream of `--batch` records. */
export function createBatchParser(
  maxBytes: number,
  onObject: (object: BlobContent) => void,
): BatchParser {
  let header: Buffer[] = [];
  // Body state: bytes still to consume for the current object (+1 for its trailing newline).
  let bodyLeft = -1;
  let id = '';
  let isBlob = false;
  let size = 0;
  // The kept part of the current blob: one buffer of the size to keep, filled as chunks arrive
  // (no list of parts to concatenate).
  let kept: Buffer | undefined;
  let filled = 0;

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
        isBlob = type === 'blob';
        bodyLeft = size + 1;
        filled = 0;
        kept = isBlob ? Buffer.allocUnsafe(Math.min(size, maxBytes)) : undefined;
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
          onObject(
            content
              ? { id, content, size, truncated: content.length < size }
              : { id, size, truncated: false },
          );
        }
      }
    }
  };
  return {
    push,
    get idle() {
      return bodyLeft < 0 && header.length === 0;
    },
  };
}
