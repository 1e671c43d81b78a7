/**
 * A small, linear-time Python tokenizer: just enough to find string literals and the names and
 * operators around them without being fooled by `#`, quotes or brackets inside strings (a Django
 * key may hold `#`, `(` and `)`). It never throws: unterminated strings end at the line (or file)
 * end, unknown characters become one-character operators.
 * Grammar reference: https://docs.python.org/3/reference/lexical_analysis.html
 */

export type PyTokenKind = 'name' | 'string' | 'number' | 'op' | 'newline';

export interface PyToken {
  kind: PyTokenKind;
  /** Source text for names, numbers and operators; the literal's decoded value for strings. */
  text: string;
  /** 1-based line where the token starts. */
  line: number;
  /** Offset of the token start in the content. */
  offset: number;
  /** Bracket depth before the token (an opening bracket has the outer depth). */
  depth: number;
  /** Strings only: an f-string with a `{` replacement field is an expression, not a literal. */
  isExpression?: boolean;
}

const STRING_PREFIXES = new Set(['r', 'u', 'b', 'f', 'br', 'rb', 'fr', 'rf', 't', 'tr', 'rt']);
const TWO_CHAR_OPS = new Set([
  '==',
  '!=',
  '<=',
  '>=',
  ':=',
  '->',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
  '**',
  '//',
  '<<',
  '>>',
]);

/** TWO_CHAR_OPS by their two character codes (`first << 16 | second`): no string to build. */
const TWO_CHAR_OP_CODES = new Set(
  [...TWO_CHAR_OPS].map((op) => (op.charCodeAt(0) << 16) | op.charCodeAt(1)),
);

function isTwoCharOp(first: number, second: number): boolean {
  return TWO_CHAR_OP_CODES.has((first << 16) | second);
}

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;
}

function isNamePart(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '\n': '',
};

function decodeEscapes(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(\r\n|[\s\S])/g, (whole, char: string) =>
    char === '\r\n' || char === '\r' ? '' : (SIMPLE_ESCAPES[char] ?? whole),
  );
}

/** Token kinds as stored in `PyTokenStore.kinds`, in `PyTokenKind`'s order. */
export const NAME = 0;
export const STRING = 1;
export const NUMBER = 2;
export const OP = 3;
export const NEWLINE = 4;
const KIND_NAMES: readonly PyTokenKind[] = ['name', 'string', 'number', 'op', 'newline'];

/** String flags. */
const RAW = 1;
const EXPRESSION = 2;

/**
 * A text's tokens in parallel typed arrays: no object per token, and a token's text is cut from
 * the content only when asked for. Large Python files hold hundreds of thousands of tokens, and
 * one object each was most of what a history scan allocated.
 */
export class PyTokenStore {
  content = '';
  count = 0;
  kinds = new Uint8Array(0);
  /** 1-based line where each token starts. */
  lines = new Int32Array(0);
  /** Offset of each token's start (a string's prefix) and end in the content. */
  offsets = new Int32Array(0);
  ends = new Int32Array(0);
  /** Bracket depth before each token (an opening bracket has the outer depth). */
  depths = new Int32Array(0);
  /** Strings only: the body between the quotes (to the end of an unterminated one), and flags. */
  bodyStarts = new Int32Array(0);
  bodyEnds = new Int32Array(0);
  flags = new Uint8Array(0);

  get capacity(): number {
    return this.kinds.length;
  }

  /** Starts over on `content`, with room for about as many tokens as a Python text has. */
  reset(content: string): void {
    this.content = content;
    this.count = 0;
    if (this.capacity === 0) this.grow(Math.max(64, content.length >> 2));
  }

  /** Appends a token; returns its index. */
  push(kind: number, line: number, offset: number, end: number, depth: number): number {
    if (this.count === this.capacity) this.grow(this.capacity * 2);
    const index = this.count++;
    this.kinds[index] = kind;
    this.lines[index] = line;
    this.offsets[index] = offset;
    this.ends[index] = end;
    this.depths[index] = depth;
    this.flags[index] = 0;
    return index;
  }

  private grow(capacity: number): void {
    const grown = <T extends Uint8Array | Int32Array>(array: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(array.subarray(0, this.count));
      return next;
    };
    this.kinds = grown(this.kinds, (n) => new Uint8Array(n));
    this.lines = grown(this.lines, (n) => new Int32Array(n));
    this.offsets = grown(this.offsets, (n) => new Int32Array(n));
    this.ends = grown(this.ends, (n) => new Int32Array(n));
    this.depths = grown(this.depths, (n) => new Int32Array(n));
    this.bodyStarts = grown(this.bodyStarts, (n) => new Int32Array(n));
    this.bodyEnds = grown(this.bodyEnds, (n) => new Int32Array(n));
    this.flags = grown(this.flags, (n) => new Uint8Array(n));
  }

  /** Token `index`'s kind, or -1 when there is no such token (before the first, past the last). */
  kindAt(index: number): number {
    return index >= 0 && index < this.count ? this.kinds[index]! : -1;
  }

  kind(index: number): PyTokenKind {
    return KIND_NAMES[this.kinds[index] ?? NEWLINE] ?? 'newline';
  }

  /** Source text for names, numbers and operators; the literal's decoded value for strings. */
  text(index: number): string {
    const kind = this.kinds[index];
    if (kind === NEWLINE) return '\n';
    if (kind !== STRING) return this.content.slice(this.offsets[index], this.ends[index]);
    const body = this.content.slice(this.bodyStarts[index], this.bodyEnds[index]);
    return (this.flags[index]! & RAW) !== 0 ? body : decodeEscapes(body);
  }

  /** Strings only: an f-string with a `{` replacement field is an expression, not a literal. */
  isExpression(index: number): boolean {
    return this.kinds[index] === STRING && (this.flags[index]! & EXPRESSION) !== 0;
  }

  /** Whether token `index` exists, is of `kind` and its source text is `text` (nothing is cut). */
  is(index: number, kind: number, text: string): boolean {
    if (this.kindAt(index) !== kind) return false;
    const offset = this.offsets[index]!;
    return this.ends[index]! - offset === text.length && this.content.startsWith(text, offset);
  }

  /** Token `index` as an object (for code that walks a few tokens). */
  token(index: number): PyToken {
    const token: PyToken = {
      kind: this.kind(index),
      text: this.text(index),
      line: this.lines[index]!,
      offset: this.offsets[index]!,
      depth: this.depths[index]!,
    };
    if (this.isExpression(index)) token.isExpression = true;
    return token;
  }
}

/**
 * `statementLines`, when given, receives every line (1-based, after the first) that starts at
 * bracket depth 0 outside any string or continuation: the tokenizer's state there is its initial
 * state, so tokenizing the text from such a line on gives the same tokens (history's version
 * delta re-tokenizes only from the statement before a change).
 */
export function tokenizePython(content: string, statementLines?: number[]): PyToken[] {
  const store = tokenizePythonInto(new PyTokenStore(), content, statementLines);
  const tokens: PyToken[] = [];
  for (let index = 0; index < store.count; index++) tokens.push(store.token(index));
  return tokens;
}

/** `tokenizePython` into `store` (reset first; its arrays are reused), which is returned. */
export function tokenizePythonInto(
  store: PyTokenStore,
  content: string,
  statementLines?: number[],
): PyTokenStore {
  store.reset(content);
  const length = content.length;
  let i = 0;
  let line = 1;
  let depth = 0;

  const pushNewline = (offset: number): void => {
    const last = store.count - 1;
    if (depth === 0 && last >= 0 && store.kinds[last] !== NEWLINE) {
      store.push(NEWLINE, line, offset, offset, depth);
    }
  };

  /** Reads a string starting at the quote at `start`; returns the end offset. */
  const readString = (prefixEnd: number, tokenStart: number, start: number): number => {
    const quote = content[start] ?? '"';
    const triple = content[start + 1] === quote && content[start + 2] === quote;
    const startLine = line;
    const bodyStart = start + (triple ? 3 : 1);
    let j = bodyStart;
    let bodyEnd = -1;
    while (j < length) {
      const char = content[j];
      if (char === '\\') {
        const next = content[j + 1];
        if (next === '\n') line++;
        else if (next === '\r') {
          line++;
          if (content[j + 2] === '\n') j++;
        }
        j += 2;
        continue;
      }
      if (char === '\n' || char === '\r') {
        if (!triple) break; // unterminated single-quoted string: stop at the line end
        if (char === '\r' && content[j + 1] === '\n') j++;
        line++;
        j++;
        continue;
      }
      if (char === quote) {
        if (!triple) {
          bodyEnd = j;
          j++;
          break;
        }
        if (content[j + 1] === quote && content[j + 2] === quote) {
          bodyEnd = j;
          j += 3;
          break;
        }
      }
      j++;
    }
    const end = Math.min(j, length);
    const index = store.push(STRING, startLine, tokenStart, end, depth);
    store.bodyStarts[index] = bodyStart;
    store.bodyEnds[index] = bodyEnd === -1 ? end : bodyEnd;
    let raw = false;
    let formatted = false;
    for (let k = tokenStart; k < prefixEnd; k++) {
      const code = content.charCodeAt(k) | 32;
      if (code === 114)
        raw = true; // r
      else if (code === 102 || code === 116) formatted = true; // f, t
    }
    let flags = raw ? RAW : 0;
    if (formatted) {
      const rawBody = content.slice(bodyStart, store.bodyEnds[index]);
      if (/\{(?!\{)/.test(rawBody.replace(/\{\{/g, ''))) flags |= EXPRESSION;
    }
    store.flags[index] = flags;
    return end;
  };

  while (i < length) {
    const code = content.charCodeAt(i);
    if (code === 10 || code === 13) {
      pushNewline(i);
      if (code === 13 && content.charCodeAt(i + 1) === 10) i++;
      line++;
      i++;
      if (depth === 0 && statementLines) statementLines.push(line);
      continue;
    }
    if (code === 32 || code === 9 || code === 12) {
      i++;
      continue;
    }
    if (code === 35) {
      // Comment: skip to the line end (the newline itself is handled above).
      while (i < length && content.charCodeAt(i) !== 10 && content.charCodeAt(i) !== 13) i++;
      continue;
    }
    if (code === 92) {
      // Explicit line continuation.
      const next = content.charCodeAt(i + 1);
      if (next === 13 && content.charCodeAt(i + 2) === 10) i += 3;
      else i += next === 10 || next === 13 ? 2 : 1;
      if (next === 10 || next === 13) line++;
      continue;
    }
    if (code === 34 || code === 39) {
      i = readString(i, i, i);
      continue;
    }
    if (isNameStart(code)) {
      let j = i + 1;
      while (j < length && isNamePart(content.charCodeAt(j))) j++;
      const after = content.charCodeAt(j);
      if ((after === 34 || after === 39) && j - i <= 2 && isStringPrefix(content, i, j)) {
        i = readString(j, i, j);
        continue;
      }
      store.push(NAME, line, i, j, depth);
      i = j;
      continue;
    }
    if (code >= 48 && code <= 57) {
      let j = i + 1;
      while (j < length && (isNamePart(content.charCodeAt(j)) || content.charCodeAt(j) === 46)) j++;
      store.push(NUMBER, line, i, j, depth);
      i = j;
      continue;
    }
    if (code === 40 || code === 91 || code === 123) {
      // ( [ {
      store.push(OP, line, i, i + 1, depth);
      depth++;
      i++;
      continue;
    }
    if (code === 41 || code === 93 || code === 125) {
      // ) ] }
      depth = Math.max(0, depth - 1);
      store.push(OP, line, i, i + 1, depth);
      i++;
      continue;
    }
    if (isTwoCharOp(code, content.charCodeAt(i + 1))) {
      store.push(OP, line, i, i + 2, depth);
      i += 2;
      continue;
    }
    // One UTF-16 unit, as `content[i]` was: an astral character's halves are two operators.
    store.push(OP, line, i, i + 1, depth);
    i++;
  }
  pushNewline(length);
  return store;
}

/** Whether `content[from, to)` (one or two characters) is a string prefix, in any case. */
function isStringPrefix(content: string, from: number, to: number): boolean {
  return STRING_PREFIXES.has(content.slice(from, to).toLowerCase());
}
