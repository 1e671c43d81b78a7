import { lineCounter } from './python-text';
import type { DotenvEntry, DotenvParse } from './types';

// docker compose 2.40: compose-go 2.9 dotenv/parser.go and template/template.go.

/** Go's `unicode.IsSpace`. */
const GO_SPACE = /^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;
/** compose-go's `isSpace`: a space that is not a line break. */
const isComposeBlank = (ch: string) => /^[\t\v\f\r \x85\xa0]$/.test(ch);
const isGoSpace = (ch: string) => GO_SPACE.test(ch);

class ComposeError extends Error {}

/** Go's `strings.TrimLeftFunc` / `TrimRightFunc` over code points. */
function trimLeft(text: string, test: (ch: string) => boolean): string {
  let i = 0;
  for (const ch of text) {
    if (!test(ch)) break;
    i += ch.length;
  }
  return text.slice(i);
}
function trimRight(text: string, test: (ch: string) => boolean): string {
  const chars = [...text];
  while (chars.length > 0 && test(chars.at(-1)!)) chars.pop();
  return chars.join('');
}

const COMPOSE_ESCAPE = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g;
const GO_SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
};

/** compose-go's `expandEscapes`: the escapes Go's `strconv.UnquoteChar` reads, `\$` as `$$`. */
function expandComposeEscapes(text: string): string {
  return text.replace(COMPOSE_ESCAPE, (match) => {
    if (match === '\\$') return '$$';
    const escape = match.startsWith('\\0') ? `\\${match.slice(2)}` : match;
    const simple = GO_SIMPLE_ESCAPES[escape.slice(1)];
    if (simple !== undefined && escape.length === 2) return simple;
    // Octal: exactly three digits, at most \377.
    if (/^\\[0-7]{3}$/.test(escape)) {
      const code = parseInt(escape.slice(1), 8);
      if (code <= 0xff) return String.fromCharCode(code);
    }
    return match;
  });
}

type Mapping = (name: string) => string | undefined;

/** A name in a compose template (compose-go matches `[_a-z][_a-z0-9]*` case-insensitively). */
const isNameStart = (ch: string | undefined) => ch !== undefined && /[_a-zA-Z]/.test(ch);
const isNameChar = (ch: string | undefined) => ch !== undefined && /[_a-zA-Z0-9]/.test(ch);

/** Nested `${a:-${b:-…}}` deeper than this is an error here (compose-go would recurse on). */
const MAX_TEMPLATE_DEPTH = 100;

/**
 * compose-go's template substitution (template.go), as a scan rather than its regular expression
 * `\$(?i:(\$)|([_a-z][_a-z0-9]*)|{(?:([_a-z][_a-z0-9]*(?::?[-+?](.*))?)}|()))`, whose greedy
 * `(.*)}` would backtrack quadratically here (Go's engine does not backtrack):
 * - `$$` is `$`; `$name` and `${name}` are the variable (empty when unset);
 * - `${name<sep>word}` with a modifier runs to the LAST `}` of the line; the modifier applies up
 *   to the `}` that closes the first `{`, and the text after it is substituted on its own;
 * - any other `${` is an invalid template; `$` before anything else stays.
 */
function substitute(template: string, mapping: Mapping, depth = 0): string {
  if (depth > MAX_TEMPLATE_DEPTH) throw new ComposeError('template nested too deeply');
  let out = '';
  let position = 0;
  for (;;) {
    const at = template.indexOf('$', position);
    if (at === -1) return out + template.slice(position);
    out += template.slice(position, at);
    const next = template[at + 1];
    if (next === '$') {
      out += '$';
      position = at + 2;
      continue;
    }
    if (isNameStart(next)) {
      let end = at + 2;
      while (isNameChar(template[end])) end += 1;
      out += mapping(template.slice(at + 1, end)) ?? '';
      position = end;
      continue;
    }
    if (next !== '{') {
      out += '$';
      position = at + 1;
      continue;
    }
    const braced = matchBraced(template, at);
    if (!braced) throw new ComposeError(`Invalid template: "\${"`);
    if (braced.modifier === undefined) {
      out += mapping(braced.name) ?? '';
      position = braced.end;
      continue;
    }
    // The modifier covers the text up to the brace closing the first `{`; the rest of the match
    // is substituted as it comes, which is what compose-go's recursion on it amounts to.
    const whole = template.slice(at, braced.end);
    const close = firstBraceClosingIndex(whole);
    const cut = close > -1 ? close + 1 : whole.length;
    const substitution = whole.slice(2, cut - 1);
    out += applyModifier(substitution, braced.modifier, mapping, depth);
    position = at + cut;
  }
}

/** `${name}` or `${name<sep>…}` at `at`, as the regular expression would match it. */
function matchBraced(
  template: string,
  at: number,
): { name: string; modifier: Separator | undefined; end: number } | undefined {
  let k = at + 2;
  if (!isNameStart(template[k])) return undefined;
  while (isNameChar(template[k])) k += 1;
  const name = template.slice(at + 2, k);
  const lineEnd = template.indexOf('\n', k) === -1 ? template.length : template.indexOf('\n', k);
  const lastBrace = template.lastIndexOf('}', lineEnd - 1);
  const colon = template[k] === ':' ? 1 : 0;
  const sign = template[k + colon];
  if (sign === '-' || sign === '+' || sign === '?') {
    // `[^\n]*}`: the last `}` before the end of the line, after the modifier.
    if (lastBrace >= k + colon + 1)
      return { name, modifier: colon ? `:${sign}` : sign, end: lastBrace + 1 };
  }
  if (template[k] === '}') return { name, modifier: undefined, end: k + 1 };
  return undefined;
}

/** Index of the `}` that closes the first `{` (compose-go's `getFirstBraceClosingIndex`). */
function firstBraceClosingIndex(text: string): number {
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '}') {
      open -= 1;
      if (open === 0) return i;
    }
    if (text[i] === '{') {
      open += 1;
      i += 1;
    }
  }
  return -1;
}

type Separator = ':?' | '?' | ':-' | '-' | ':+' | '+';

function partition(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}

/** `${name<separator>word}`. */
function applyModifier(
  substitution: string,
  separator: Separator,
  mapping: Mapping,
  depth: number,
): string {
  const [name, rawWord] = partition(substitution, separator);
  const word = substitute(rawWord, mapping, depth + 1);
  const value = mapping(name);
  switch (separator) {
    case ':?':
    case '?':
      if (value === undefined || (separator === ':?' && value === ''))
        throw new ComposeError(
          `required variable ${name} is missing a value${word ? `: ${word}` : ''}`,
        );
      return value;
    case ':-':
    case '-':
      return value === undefined || (separator === ':-' && value === '') ? word : value;
    case ':+':
    case '+':
      return value !== undefined && (separator === '+' || value !== '') ? word : (value ?? '');
  }
}

export function parseCompose(
  text: string,
  environment: (name: string) => string | undefined,
): DotenvParse {
  const source = text.replace(/^\uFEFF/, '');
  const lineAt = lineCounter(source);
  const out = new Map<string, string>();
  const entries: DotenvEntry[] = [];
  // Variables: the project environment first, then what the file set so far.
  const mapping: Mapping = (name) => environment(name) ?? out.get(name);
  let line = 1;
  let cut = source;
  const offsetOf = (rest: string) => source.length - rest.length;
  try {
    for (;;) {
      cut = statementStart(cut, (n) => (line += n));
      if (cut === '') break;
      const keyLine = lineAt(offsetOf(cut));
      const located = locateKeyName(cut, line);
      line = located.line;
      const { key } = located;
      if (key.includes(' ')) throw new ComposeError(`line ${line}: key cannot contain a space`);
      if (located.inherited) {
        const value = environment(key);
        if (value !== undefined) {
          out.set(key, value);
          entries.push({ key, value, line: keyLine });
        }
        cut = located.rest;
        continue;
      }
      const extracted = extractVarValue(located.rest, line, mapping);
      line = extracted.line;
      out.set(key, extracted.value);
      entries.push({ key, value: extracted.value, line: keyLine });
      cut = extracted.rest;
    }
  } catch (error) {
    if (!(error instanceof ComposeError)) throw error;
    return { entries: [], invalidLines: [line], error: error.message };
  }
  return { entries, invalidLines: [] };
}

/** Skips blanks and `#` comment lines (compose-go's `getStatementStart`), counting line breaks. */
function statementStart(text: string, countLines: (n: number) => void): string {
  let rest = text;
  for (;;) {
    let i = 0;
    for (const ch of rest) {
      if (!isGoSpace(ch)) break;
      if (ch === '\n') countLines(1);
      i += ch.length;
    }
    if (i >= rest.length) return '';
    rest = rest.slice(i);
    if (rest[0] !== '#') return rest;
    const newline = rest.indexOf('\n');
    if (newline === -1) return '';
    rest = rest.slice(newline);
  }
}

function locateKeyName(
  text: string,
  line: number,
): { key: string; rest: string; inherited: boolean; line: number } {
  let src = text;
  if (/^export[\t\n\f\r ]+/.test(src)) src = trimLeft(src.slice('export'.length), isComposeBlank);
  let key = '';
  let offset = 0;
  let inherited = false;
  let index = 0;
  for (const ch of src) {
    const at = index;
    index += ch.length;
    if (isComposeBlank(ch)) continue;
    if (ch === '=' || ch === ':' || ch === '\n') {
      key = src.slice(0, at);
      offset = at + 1;
      inherited = ch === '\n';
      break;
    }
    if ('_.-[]'.includes(ch) || /^[\p{L}\p{N}]$/u.test(ch)) continue;
    throw new ComposeError(
      `line ${line}: unexpected character "${ch}" in variable name "${src.split('\n')[0]}"`,
    );
  }
  if (src === '') throw new ComposeError('zero length string');
  let next = line;
  if (inherited && !key.includes(' ')) next += 1;
  key = trimRight(key, isGoSpace);
  return { key, rest: trimLeft(src.slice(offset), isComposeBlank), inherited, line: next };
}

function extractVarValue(
  text: string,
  line: number,
  mapping: Mapping,
): { value: string; rest: string; line: number } {
  const quote = text[0];
  if (quote !== '"' && quote !== "'") {
    const newline = text.indexOf('\n');
    let value = newline === -1 ? text : text.slice(0, newline);
    const rest = newline === -1 ? '' : text.slice(newline + 1);
    const comment = value.indexOf(' #');
    if (comment !== -1) value = value.slice(0, comment);
    value = trimRight(value, isGoSpace);
    return { value: substitute(value, mapping), rest, line: line + 1 };
  }
  let current = line;
  let previousIsEscape = false;
  let chars = '';
  for (let i = 1; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\n') current += 1;
    if (char !== quote) {
      if (!previousIsEscape && char === '\\') {
        previousIsEscape = true;
        continue;
      }
      if (previousIsEscape) {
        previousIsEscape = false;
        chars += '\\';
      }
      chars += char;
      continue;
    }
    if (previousIsEscape) {
      previousIsEscape = false;
      chars += char;
      continue;
    }
    const value = quote === '"' ? substitute(expandComposeEscapes(chars), mapping) : chars;
    return { value, rest: text.slice(i + 1), line: current };
  }
  const end = text.indexOf('\n');
  throw new ComposeError(
    `line ${current}: unterminated quoted value ${end === -1 ? text : text.slice(0, end)}`,
  );
}
