/**
 * Parses `git log -z --raw -c --no-renames --no-abbrev --format=%x01%H %aI` token by token (the
 * output is split on NUL by the caller, so nothing is held whole). Pure.
 *
 * Tokens are: a header `\x01<sha> <author date>`; then per changed path a meta token
 * `:<modes…> <shas…> <status>` (one leading colon per parent; `::` for a merge's combined diff)
 * followed by a path token. `-c` lists a merge's path only when it differs from every parent, i.e.
 * when the merge itself produced that content (a hand-made conflict resolution): any blob equal to a
 * parent's was introduced earlier on that parent's side and is listed there. See
 * https://git-scm.com/docs/git-diff#_raw_output_format (combined diff format).
 *
 * Tokens arrive as raw bytes (views into git's output, valid during the call): the ids, paths and
 * dates kept are decoded into strings of their own, so none keeps a chunk of the log alive (the
 * index of a 200,000-blob history would otherwise hold most of git's output).
 */
export const RAW_LOG_FORMAT = '--format=%x01%H %aI';

export interface RawChange {
  path: string;
  /** Blob after the change; undefined for deletions, submodules and symlinks. */
  blob?: string;
  /** Blobs on the parent side(s), absent ones omitted. */
  parentBlobs: string[];
}

export interface RawLogHandlers {
  onCommit(sha: string, authorDate: string): void;
  onChange(change: RawChange): void;
}

const COLON = 0x3a;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const HEADER = 0x01;
const ZERO = 0x30;
/** The last three digits of a regular file's mode, as three bytes. */
const MODE_644 = (0x36 << 16) | (0x34 << 8) | 0x34;
const MODE_755 = (0x37 << 16) | (0x35 << 8) | 0x35;
const MODE_664 = (0x36 << 16) | (0x36 << 8) | 0x34;

/** A regular file's mode: 100644, 100755 or 100664 (git's legacy group-writable mode). */
function isRegularFile(token: Uint8Array, start: number, end: number): boolean {
  if (end - start !== 6 || token[start] !== 0x31 || token[start + 1] !== ZERO) return false;
  if (token[start + 2] !== ZERO) return false;
  const tail = (token[start + 3]! << 16) | (token[start + 4]! << 8) | token[start + 5]!;
  return tail === MODE_644 || tail === MODE_755 || tail === MODE_664;
}

function isZero(token: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (token[i] !== ZERO) return false;
  return end > start;
}

/** Returns a token consumer; feed it every NUL-separated token of the log output in order. */
export function createRawLogParser(handlers: RawLogHandlers): (token: Buffer) => void {
  // The change described by the last meta token, completed by the path token that follows.
  let pending: { blob?: string; parentBlobs: string[] } | undefined;
  const fields: number[] = [];
  return (raw) => {
    // Git puts a newline between the header and the first raw line.
    const token = raw.length > 0 && raw[0] === NEWLINE ? raw.subarray(1) : raw;
    if (pending) {
      const change: RawChange = { path: token.toString('utf8'), parentBlobs: pending.parentBlobs };
      if (pending.blob !== undefined) change.blob = pending.blob;
      pending = undefined;
      handlers.onChange(change);
      return;
    }
    if (token.length === 0) return;
    if (token[0] === HEADER) {
      const space = token.indexOf(SPACE);
      handlers.onCommit(
        token.toString('latin1', 1, space),
        token.toString('latin1', space + 1).trim(),
      );
      return;
    }
    if (token[0] !== COLON) return;
    let parents = 0;
    while (token[parents] === COLON) parents++;
    // Field boundaries: [start, end) of each space-separated field after the colons.
    fields.length = 0;
    let start = parents;
    for (let at = token.indexOf(SPACE, start); at !== -1; at = token.indexOf(SPACE, start)) {
      fields.push(start, at);
      start = at + 1;
    }
    fields.push(start, token.length);
    // parents + 1 modes, then parents + 1 shas, then the status.
    const field = (i: number): [number, number] => [fields[2 * i] ?? 0, fields[2 * i + 1] ?? 0];
    const parentBlobs: string[] = [];
    for (let p = 0; p < parents; p++) {
      const [modeStart, modeEnd] = field(p);
      const [shaStart, shaEnd] = field(parents + 1 + p);
      if (isRegularFile(token, modeStart, modeEnd) && !isZero(token, shaStart, shaEnd))
        parentBlobs.push(token.toString('latin1', shaStart, shaEnd));
    }
    const [modeStart, modeEnd] = field(parents);
    const [shaStart, shaEnd] = field(2 * parents + 1);
    pending = { parentBlobs };
    if (
      shaEnd > shaStart &&
      isRegularFile(token, modeStart, modeEnd) &&
      !isZero(token, shaStart, shaEnd)
    )
      pending.blob = token.toString('latin1', shaStart, shaEnd);
  };
}
