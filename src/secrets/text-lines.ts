/**
 * Offset → line/column for detector matches. Line breaks are `\r\n`, `\r` or `\n`, the same split
 * `runSecretRules` uses for inline-ignore comments, so a reported line is the line a person sees even
 * in CRLF files.
 */
export interface LineIndex {
  /** 1-based line of a UTF-16 offset. */
  lineAt(offset: number): number;
  /** 1-based column (UTF-16 units) of an offset. */
  columnAt(offset: number): number;
}

export function createLineIndex(content: string): LineIndex {
  // Built on first use: most files a detector looks at have no match, and a full pass over every
  // scanned file for every rule showed up as a tenth of a history scan's time.
  let starts: Int32Array | undefined;
  const lineStarts = (): Int32Array => (starts ??= lineStartsOf(content));
  const lineAt = (offset: number): number => lineIndexAt(lineStarts(), offset) + 1;
  return {
    lineAt,
    columnAt: (offset) => offset - (lineStarts()[lineAt(offset) - 1] ?? 0) + 1,
  };
}

/** How many of the ascending `values` are at most `value` (one binary search). */
export function countAtMost(values: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((values[mid] ?? 0) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** 0-based index of the last line start at or before `offset` (`starts` ascending, from 0). */
export function lineIndexAt(starts: ArrayLike<number>, offset: number): number {
  return Math.max(0, countAtMost(starts, offset) - 1);
}

/**
 * The last text's line starts: every rule that reads line numbers indexes the same file in turn,
 * so one index serves them all (one typed array per file instead of a growing array per rule,
 * which was 150 MB of garbage at the peak of a history scan).
 */
let indexed: { content: string; starts: Int32Array } | undefined;
/** Where lineStartsOf collects line starts (entry 0 is always 0); let go past a million lines. */
let scratchStarts = new Int32Array(1024);
const MAX_SCRATCH_STARTS = 1 << 20;

function lineStartsOf(content: string): Int32Array {
  if (indexed !== undefined && indexed.content === content) return indexed.starts;
  let starts: Int32Array;
  if (content.indexOf('\r') === -1) {
    // LF only: one pass of native indexOf into a reused buffer, then one copy of what it found
    // (counting first, then filling, was two passes over every text).
    let n = 1;
    for (let i = content.indexOf('\n'); i !== -1; i = content.indexOf('\n', i + 1)) {
      if (n === scratchStarts.length) {
        const grown = new Int32Array(scratchStarts.length * 2);
        grown.set(scratchStarts);
        scratchStarts = grown;
      }
      scratchStarts[n++] = i + 1;
    }
    starts = scratchStarts.slice(0, n);
    if (scratchStarts.length > MAX_SCRATCH_STARTS) scratchStarts = new Int32Array(1024);
  } else {
    const found: number[] = [0];
    for (let i = 0; i < content.length; i++) {
      const code = content.charCodeAt(i);
      if (code === 10) found.push(i + 1);
      else if (code === 13) {
        if (content.charCodeAt(i + 1) === 10) i++;
        found.push(i + 1);
      }
    }
    starts = Int32Array.from(found);
  }
  indexed = { content, starts };
  return starts;
}

/** One physical line with the offset it starts at. */
export interface TextLine {
  /** 1-based. */
  number: number;
  text: string;
  offset: number;
}

/** Splits into physical lines (CRLF, CR, LF) keeping offsets; the line text has no break. */
export function splitLines(content: string): TextLine[] {
  const lines: TextLine[] = [];
  const pattern = /\r\n|\r|\n/g;
  let start = 0;
  let number = 1;
  for (let match = pattern.exec(content); match; match = pattern.exec(content)) {
    lines.push({ number, text: content.slice(start, match.index), offset: start });
    start = match.index + match[0].length;
    number++;
  }
  lines.push({ number, text: content.slice(start), offset: start });
  return lines;
}

/** Lower-case base name of a repository-relative path. */
export function baseNameOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return (slash === -1 ? path : path.slice(slash + 1)).toLowerCase();
}

/**
 * The physical lines on which `pattern` (a global regex) matches, in order, each once: one pass
 * of the regex over the text (measured faster than one `indexOf` pass per keyword), and no
 * splitting of the lines nobody looks at. Line numbers come from the file's line index, built
 * once per file and shared by every rule (counting every line break up to each matched line, per
 * rule, was a tenth of a history scan; a getter per line that built the index lazily kept 150 MB
 * more at the scan's peak).
 */
export function linesMatching(content: string, pattern: RegExp): TextLine[] {
  // Most text has no CR: then line ends are found with indexOf (native, fast) instead of a
  // JavaScript loop over every character, which was a tenth of a history scan.
  // Decided at the first match: most texts have none, and then neither search is needed.
  let lf: boolean | undefined;
  const index = createLineIndex(content);
  const lines: TextLine[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(content); match !== null; match = pattern.exec(content)) {
    let start: number;
    let end: number;
    lf ??= content.indexOf('\r') === -1;
    if (lf) {
      start = match.index === 0 ? 0 : content.lastIndexOf('\n', match.index - 1) + 1;
      const newline = content.indexOf('\n', match.index + Math.max(1, match[0].length));
      end = newline === -1 ? content.length : newline;
    } else {
      start = match.index;
      while (start > 0) {
        const code = content.charCodeAt(start - 1);
        if (code === 10 || code === 13) break;
        start--;
      }
      end = match.index + Math.max(1, match[0].length);
      while (end < content.length) {
        const code = content.charCodeAt(end);
        if (code === 10 || code === 13) break;
        end++;
      }
    }
    lines.push({ number: index.lineAt(start), text: content.slice(start, end), offset: start });
    // The next match starts on a later line.
    pattern.lastIndex = end;
  }
  return lines;
}
