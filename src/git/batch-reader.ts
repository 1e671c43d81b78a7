/**
 * Parses `git cat-file --batch` output: `<oid> <type> <size>\n<content>\n` or `<oid> missing\n`.
 * Only up to `maxBytes` of each object is kept; the rest is skipped as it streams past, so a huge
 * blob never sits in memory. Takes the process's streams, not the process: spawning is the
 * client's job (git-client.ts).
 */

/** One object as read from `cat-file --batch`; `content` is cut at `maxBytes` (see `truncated`). */
export interface BlobContent {
  id: string;
  /**
   * Undefined when the object is missing or is not a blob. Often a view into the buffer git's
   * output was read into (no copy for the common small blob): copy it to keep it.
   */
  content?: Buffer;
  size: number;
  truncated: boolean;
}

export interface BatchParser {
  /** Feeds one chunk of stdout; calls `onObject` for each object completed by it. */
  push(chunk: Buffer): void;
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
        isBlob = type === 'blob';
        bodyLeft = size + 1;
        filled = 0;
        const keep = Math.min(size, maxBytes);
        if (isBlob && offset + keep <= chunk.length) {
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
        kept = isBlob ? Buffer.allocUnsafe(keep) : undefined;
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
