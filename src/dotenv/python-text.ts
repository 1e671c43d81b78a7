/** Python's string primitives as the Python dialects (python-dotenv, django-environ, python-decouple) see text. */
// Characters as each implementation classifies them.

/** Python's `str.isspace()`, which is also `\s` in a `str` regular expression. */
export const PY_SPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Python's `\s` without `\r` and `\n` (python-dotenv's `[^\S\r\n]`). */
export const PY_BLANK =
  '\\t\\v\\f\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_SPACE_CHAR = new RegExp(`[${PY_SPACE}]`);
export const isPySpace = (ch: string | undefined) => ch !== undefined && PY_SPACE_CHAR.test(ch);

// The strips and searches below are loops, not regular expressions: a backtracking `\s+$` or
// `\s+#` takes quadratic time on a long run of spaces, and the files come from the repository
// under scan.

/** Python's `str.strip()` / `str.rstrip()`. */
export function pyStrip(text: string): string {
  let start = 0;
  while (isPySpace(text[start])) start += 1;
  return pyRstrip(text.slice(start));
}
export function pyRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && isPySpace(text[end - 1])) end -= 1;
  return text.slice(0, end);
}

/** `open(path)` in text mode: universal newlines turn `\r\n` and `\r` into `\n`. */
export function pythonTextMode(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Python's `str.splitlines()` boundaries. */
// eslint-disable-next-line no-control-regex -- \x1c-\x1e are line boundaries to Python.
export const PY_LINE_BREAK = /\r\n|[\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029]/;

/** 1-based line of an offset, counting python-dotenv's line breaks (`\r\n`, `\n`, `\r`). */
export function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\n|\r/g)) starts.push(match.index + match[0].length);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
