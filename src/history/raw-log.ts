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

const ZERO = /^0+$/;
const REGULAR_FILE = /^100(644|755|664)$/;

/** Returns a token consumer; feed it every NUL-separated token of the log output in order. */
export function createRawLogParser(handlers: RawLogHandlers): (token: string) => void {
  let meta: string | undefined;
  return (rawToken) => {
    // Git puts a newline between the header and the first raw line.
    const token = rawToken.startsWith('\n') ? rawToken.slice(1) : rawToken;
    if (meta !== undefined) {
      const fields = meta.split(' ');
      meta = undefined;
      const parents = /^:+/.exec(fields[0] ?? '')?.[0].length ?? 1;
      fields[0] = (fields[0] ?? '').slice(parents);
      const mode = fields[parents] ?? '';
      const blob = fields[2 * parents + 1] ?? '';
      const parentBlobs = fields
        .slice(parents + 1, 2 * parents + 1)
        .filter((sha, i) => !ZERO.test(sha) && REGULAR_FILE.test(fields[i] ?? ''));
      const change: RawChange = { path: token, parentBlobs };
      if (REGULAR_FILE.test(mode) && !ZERO.test(blob) && blob !== '') change.blob = blob;
      handlers.onChange(change);
      return;
    }
    if (token === '') return;
    if (token.startsWith('\x01')) {
      const space = token.indexOf(' ');
      handlers.onCommit(token.slice(1, space), token.slice(space + 1).trim());
      return;
    }
    if (token.startsWith(':')) meta = token;
  };
}
