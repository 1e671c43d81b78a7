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

/**
 * `statementLines`, when given, receives every line (1-based, after the first) that starts at
 * bracket depth 0 outside any string or continuation: the tokenizer's state there is its initial
 * state, so tokenizing the text from such a line on gives the same tokens (history's version
 * delta re-tokenizes only from the statement before a change).
 */
export function tokenizePython(content: string, statementLines?: number[]): PyToken[] {
  const tokens: PyToken[] = [];
  const length = content.length;
  let i = 0;
  let line = 1;
  let depth = 0;

  const pushNewline = (offset: number): void => {
    const last = tokens[tokens.length - 1];
    if (depth === 0 && last && last.kind !== 'newline') {
      tokens.push({ kind: 'newline', text: '\n', line, offset, depth });
    }
  };

  /** Reads a string starting at the quote at `start`; returns the end offset. */
  const readString = (prefix: string, tokenStart: number, start: number): number => {
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
    const rawBody = content.slice(bodyStart, bodyEnd === -1 ? end : bodyEnd);
    const lowerPrefix = prefix.toLowerCase();
    const isRaw = lowerPrefix.includes('r');
    const isFormatted = lowerPrefix.includes('f') || lowerPrefix.includes('t');
    const token: PyToken = {
      kind: 'string',
      text: isRaw ? rawBody : decodeEscapes(rawBody),
      line: startLine,
      offset: tokenStart,
      depth,
    };
    if (isFormatted && /\{(?!\{)/.test(rawBody.replace(/\{\{/g, ''))) token.isExpression = true;
    tokens.push(token);
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
      i = readString('', i, i);
      continue;
    }
    if (isNameStart(code)) {
      let j = i + 1;
      while (j < length && isNamePart(content.charCodeAt(j))) j++;
      const name = content.slice(i, j);
      const after = content.charCodeAt(j);
      if ((after === 34 || after === 39) && STRING_PREFIXES.has(name.toLowerCase())) {
        i = readString(name, i, j);
        continue;
      }
      tokens.push({ kind: 'name', text: name, line, offset: i, depth });
      i = j;
      continue;
    }
    if (code >= 48 && code <= 57) {
      let j = i + 1;
      while (j < length && (isNamePart(content.charCodeAt(j)) || content.charCodeAt(j) === 46)) j++;
      tokens.push({ kind: 'number', text: content.slice(i, j), line, offset: i, depth });
      i = j;
      continue;
    }
    const char = content[i] ?? '';
    if (char === '(' || char === '[' || char === '{') {
      tokens.push({ kind: 'op', text: char, line, offset: i, depth });
      depth++;
      i++;
      continue;
    }
    if (char === ')' || char === ']' || char === '}') {
      depth = Math.max(0, depth - 1);
      tokens.push({ kind: 'op', text: char, line, offset: i, depth });
      i++;
      continue;
    }
    // Sliced only when it is one: a slice per operator character was garbage for the collector.
    if (isTwoCharOp(code, content.charCodeAt(i + 1))) {
      tokens.push({ kind: 'op', text: content.slice(i, i + 2), line, offset: i, depth });
      i += 2;
      continue;
    }
    tokens.push({ kind: 'op', text: char, line, offset: i, depth });
    i++;
  }
  pushNewline(length);
  return tokens;
}
