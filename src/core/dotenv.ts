import { PYTHON_SIMPLE_ESCAPES } from './python-escapes';
/**
 * `.env` text, read the way each program that reads it does. The same file means different
 * things to different readers (`SECURE_SSL_REDIRECT=True # on` is `True` to python-dotenv and
 * docker compose, `True # on` to django-environ's `read_env`), so every caller names its
 * dialect instead of getting a general-purpose guess:
 *
 * - `python-dotenv`: python-dotenv 1.2 (`load_dotenv`, `dotenv_values`): quotes, escapes,
 *   multi-line quoted values, ` #` comments, `export`, `${VAR}` / `${VAR:-default}`.
 * - `django-environ`: django-environ 0.12 `Env.read_env`, line by line, with or without
 *   `parse_comments`.
 * - `python-decouple`: python-decouple 3.6 `RepositoryEnv` (`.env` next to the settings).
 * - `docker-compose`: docker compose 2.40 `env_file:` (compose-go 2.9 dotenv): compose
 *   interpolation (`$VAR`, `${VAR:-d}`, `${VAR:?err}`, `$$`), `KEY: value`, and a file it
 *   cannot read fails as a whole.
 * - `inputs`: the action's `env` / `env-file` inputs and the CLI's `--env` / `--env-from-file`:
 *   python-dotenv's syntax, no interpolation (a value is what the user wrote), and a line
 *   python-dotenv would skip (or a key without `=`) is an error naming the line.
 *
 * Each dialect is a port of the library's own parser, checked against the real library
 * (Debian's python3-dotenv, python3-django-environ, python3-decouple, docker-compose) by a
 * differential test over generated files (test/core/dotenv-oracle.test.ts).
 */

export type DotenvDialect =
  'python-dotenv' | 'django-environ' | 'python-decouple' | 'docker-compose' | 'inputs';

export interface DotenvEntry {
  key: string;
  /** Undefined for a key without `=` (python-dotenv's `None`; compose takes it from the environment). */
  value: string | undefined;
  /** 1-based line of the key. */
  line: number;
}

export interface DotenvParse {
  /** In file order; a key may repeat (the last one wins, see `dotenvValues`). */
  entries: DotenvEntry[];
  /** 1-based lines the reader could not read (python-dotenv and django-environ skip them). */
  invalidLines: number[];
  /** docker compose rejects the whole file: why (then `entries` is empty). */
  error?: string;
}

export interface DotenvOptions {
  /**
   * Variables from outside the file, for interpolation: python-dotenv's `os.environ`, compose's
   * project environment. Nothing is set outside the file when absent.
   */
  environment?: (name: string) => string | undefined;
  /** python-dotenv's `interpolate` (default true, as in the library). */
  interpolate?: boolean;
  /**
   * python-dotenv's `override`: whether the file's own earlier values win over `environment`
   * when interpolating. `dotenv_values` uses true (the default here), `load_dotenv` false.
   */
  override?: boolean;
  /** django-environ's `read_env(parse_comments=...)` (default false, as in the library). */
  parseComments?: boolean;
}

export function parseDotenv(
  text: string,
  dialect: DotenvDialect,
  options: DotenvOptions = {},
): DotenvParse {
  switch (dialect) {
    case 'python-dotenv':
      return parsePythonDotenv(text, options);
    case 'django-environ':
      return parseDjangoEnviron(text, options.parseComments ?? false);
    case 'python-decouple':
      return parseDecouple(text);
    case 'docker-compose':
      return parseCompose(text, options.environment ?? (() => undefined));
    case 'inputs':
      return parseInputs(text);
  }
}

/** The value each key ends with (the last assignment wins); keys without a value left out. */
export function dotenvValues(parse: DotenvParse): Map<string, string> {
  const values = new Map<string, string>();
  for (const { key, value } of parse.entries) {
    if (value === undefined) values.delete(key);
    else values.set(key, value);
  }
  return values;
}

/**
 * The `inputs` dialect as the action inputs and CLI flags use it: the pairs, and the lines that
 * are not `KEY=VALUE` so the caller can reject them with a clear message.
 */
export function parseEnvAssignments(text: string): {
  values: Record<string, string>;
  invalidLines: number[];
} {
  const parsed = parseDotenv(text, 'inputs');
  return {
    values: Object.fromEntries(dotenvValues(parsed)),
    invalidLines: parsed.invalidLines,
  };
}

// ---------------------------------------------------------------------------------------------
// Characters as each implementation classifies them.

/** Python's `str.isspace()`, which is also `\s` in a `str` regular expression. */
const PY_SPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Python's `\s` without `\r` and `\n` (python-dotenv's `[^\S\r\n]`). */
const PY_BLANK =
  '\\t\\v\\f\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_SPACE_CHAR = new RegExp(`[${PY_SPACE}]`);
const isPySpace = (ch: string | undefined) => ch !== undefined && PY_SPACE_CHAR.test(ch);

// The strips and searches below are loops, not regular expressions: a backtracking `\s+$` or
// `\s+#` takes quadratic time on a long run of spaces, and the files come from the repository
// under scan.

/** Python's `str.strip()` / `str.rstrip()`. */
function pyStrip(text: string): string {
  let start = 0;
  while (isPySpace(text[start])) start += 1;
  return pyRstrip(text.slice(start));
}
function pyRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && isPySpace(text[end - 1])) end -= 1;
  return text.slice(0, end);
}

/** `open(path)` in text mode: universal newlines turn `\r\n` and `\r` into `\n`. */
function pythonTextMode(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Python's `str.splitlines()` boundaries. */
// eslint-disable-next-line no-control-regex -- \x1c-\x1e are line boundaries to Python.
const PY_LINE_BREAK = /\r\n|[\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029]/;

/** 1-based line of an offset, counting python-dotenv's line breaks (`\r\n`, `\n`, `\r`). */
function lineCounter(text: string): (offset: number) => number {
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

// ---------------------------------------------------------------------------------------------
// python-dotenv 1.2 (dotenv/parser.py, dotenv/variables.py, dotenv/main.py).

const sticky = (source: string) => new RegExp(source, 'y');
const PD = {
  multilineWhitespace: sticky(`[${PY_SPACE}]*`),
  whitespace: sticky(`[${PY_BLANK}]*`),
  export: sticky(`(?:export[${PY_BLANK}]+)?`),
  singleQuotedKey: sticky(`'([^']+)'`),
  unquotedKey: sticky(`([^=#${PY_SPACE}]+)`),
  equalSign: sticky(`(=[${PY_BLANK}]*)`),
  singleQuotedValue: sticky(`'((?:\\\\'|[^'])*)'`),
  doubleQuotedValue: sticky(`"((?:\\\\"|[^"])*)"`),
  unquotedValue: sticky(`([^\\r\\n]*)`),
  comment: sticky(`(?:[${PY_BLANK}]*#[^\\r\\n]*)?`),
  endOfLine: sticky(`[${PY_BLANK}]*(?:\\r\\n|\\n|\\r|$(?![\\s\\S]))`),
  restOfLine: sticky(`[^\\r\\n]*(?:\\r|\\n|\\r\\n)?`),
};
const DOUBLE_QUOTE_ESCAPES = /\\[\\'"abfnrtv]/g;
const SINGLE_QUOTE_ESCAPES = /\\[\\']/g;
/** `re.sub(r"\s+#.*", "", part)`: cut at the blanks before the first `#` that follows a blank. */
function cutUnquotedComment(part: string): string {
  for (let i = 1; i < part.length; i++) {
    if (part[i] !== '#' || !isPySpace(part[i - 1])) continue;
    let start = i - 1;
    while (start > 0 && isPySpace(part[start - 1])) start -= 1;
    return part.slice(0, start);
  }
  return part;
}

class ParseFailure extends Error {}

/** python-dotenv's `Reader`: a position in the text and regular expressions read at it. */
class Reader {
  position = 0;
  constructor(readonly text: string) {}
  hasNext(): boolean {
    return this.position < this.text.length;
  }
  peek(count: number): string {
    return this.text.slice(this.position, this.position + count);
  }
  read(regex: RegExp): string[] {
    regex.lastIndex = this.position;
    const match = regex.exec(this.text);
    if (!match) throw new ParseFailure();
    this.position += match[0].length;
    return match.slice(1).map((group) => group ?? '');
  }
}

interface Binding {
  key: string | undefined;
  value: string | undefined;
  line: number;
  error: boolean;
  /** Line where the binding's text starts (python-dotenv's `original.line`, used in warnings). */
  startLine: number;
}

function parseKey(reader: Reader): string | undefined {
  const char = reader.peek(1);
  if (char === '#') return undefined;
  return reader.read(char === "'" ? PD.singleQuotedKey : PD.unquotedKey)[0];
}

function parseValue(reader: Reader): string {
  const char = reader.peek(1);
  if (char === "'") {
    const [value = ''] = reader.read(PD.singleQuotedValue);
    return value.replace(SINGLE_QUOTE_ESCAPES, (m) => PYTHON_SIMPLE_ESCAPES[m[1]!]!);
  }
  if (char === '"') {
    const [value = ''] = reader.read(PD.doubleQuotedValue);
    return value.replace(DOUBLE_QUOTE_ESCAPES, (m) => PYTHON_SIMPLE_ESCAPES[m[1]!]!);
  }
  if (char === '' || char === '\n' || char === '\r') return '';
  const [part = ''] = reader.read(PD.unquotedValue);
  return pyRstrip(cutUnquotedComment(part));
}

function parseBinding(reader: Reader, lineAt: (offset: number) => number): Binding {
  const start = reader.position;
  const startLine = lineAt(start);
  try {
    reader.read(PD.multilineWhitespace);
    if (!reader.hasNext())
      return { key: undefined, value: undefined, line: startLine, error: false, startLine };
    const line = lineAt(reader.position);
    reader.read(PD.export);
    const key = parseKey(reader);
    reader.read(PD.whitespace);
    let value: string | undefined;
    if (reader.peek(1) === '=') {
      reader.read(PD.equalSign);
      value = parseValue(reader);
    }
    reader.read(PD.comment);
    reader.read(PD.endOfLine);
    return { key, value, line, error: false, startLine };
  } catch (error) {
    if (!(error instanceof ParseFailure)) throw error;
    reader.read(PD.restOfLine);
    return { key: undefined, value: undefined, line: startLine, error: true, startLine };
  }
}

function pythonDotenvBindings(text: string): Binding[] {
  const reader = new Reader(text);
  const lineAt = lineCounter(text);
  const bindings: Binding[] = [];
  while (reader.hasNext()) bindings.push(parseBinding(reader, lineAt));
  return bindings;
}

/**
 * python-dotenv's `\$\{(?P<name>[^\}:]*)(?::-(?P<default>[^\}]*))?\}` over a value: `${name}` and
 * `${name:-default}`, the only forms it expands, found without backtracking.
 */
function expandPosixVariables(
  value: string,
  resolve: (name: string, fallback: string | undefined) => string,
): string {
  let out = '';
  let position = 0;
  for (;;) {
    const start = value.indexOf('${', position);
    if (start === -1) return out + value.slice(position);
    out += value.slice(position, start);
    let end = start + 2;
    while (end < value.length && value[end] !== '}' && value[end] !== ':') end += 1;
    const name = value.slice(start + 2, end);
    let close = -1;
    let fallback: string | undefined;
    if (value[end] === '}') close = end;
    else if (value[end] === ':' && value[end + 1] === '-') {
      close = value.indexOf('}', end + 2);
      if (close !== -1) fallback = value.slice(end + 2, close);
    }
    if (close === -1) {
      out += '$';
      position = start + 1;
      continue;
    }
    out += resolve(name, fallback);
    position = close + 1;
  }
}

function parsePythonDotenv(text: string, options: DotenvOptions): DotenvParse {
  const bindings = pythonDotenvBindings(pythonTextMode(text));
  const invalidLines = bindings.filter((b) => b.error).map((b) => b.startLine);
  const raw = bindings.filter((b): b is Binding & { key: string } => b.key !== undefined);
  if (options.interpolate === false) {
    return { entries: raw.map(({ key, value, line }) => ({ key, value, line })), invalidLines };
  }
  const environment = options.environment ?? (() => undefined);
  const override = options.override ?? true;
  // The values resolved so far: None (undefined) counts as present, as in the library.
  const resolved = new Map<string, string | undefined>();
  const lookup = (name: string): { found: boolean; value: string | undefined } => {
    const outside = environment(name);
    if (override) {
      if (resolved.has(name)) return { found: true, value: resolved.get(name) };
      return { found: outside !== undefined, value: outside };
    }
    if (outside !== undefined) return { found: true, value: outside };
    return { found: resolved.has(name), value: resolved.get(name) };
  };
  const entries = raw.map(({ key, value, line }) => {
    const result =
      value === undefined
        ? undefined
        : expandPosixVariables(value, (name, fallback) => {
            const { found, value: got } = lookup(name);
            return (found ? got : fallback) ?? '';
          });
    resolved.set(key, result);
    return { key, value: result, line };
  });
  return { entries, invalidLines };
}

// ---------------------------------------------------------------------------------------------
// The inputs: python-dotenv's syntax, values as written, strict.

function parseInputs(text: string): DotenvParse {
  const normalised = pythonTextMode(text);
  const entries: DotenvEntry[] = [];
  const invalidLines: number[] = [];
  for (const binding of pythonDotenvBindings(normalised)) {
    if (binding.error) invalidLines.push(binding.startLine);
    else if (binding.key !== undefined && binding.value === undefined)
      invalidLines.push(binding.line);
    else if (binding.key !== undefined)
      entries.push({ key: binding.key, value: binding.value, line: binding.line });
  }
  return { entries, invalidLines };
}

// ---------------------------------------------------------------------------------------------
// django-environ 0.12 (environ/environ.py, Env.read_env).

const ENVIRON_LINE = /^(?:export )?([A-Za-z_0-9]+)=([\s\S]*)$/;
const ENVIRON_SINGLE_QUOTED = /^'([\s\S]*)'$/;
const ENVIRON_DOUBLE_QUOTED = /^"([\s\S]*)"$/;
/**
 * `\A\s*'(.*)'\s*(#.*\s*)?\Z`: the text between the first quote and the LAST quote that only
 * blanks and a comment follow; undefined when there is none. A loop, for the reason above.
 */
function environCommentedSingle(value: string): string | undefined {
  let open = 0;
  while (isPySpace(value[open])) open += 1;
  if (value[open] !== "'") return undefined;
  // tailOk: from i + 1 on, blanks then the end or a `#`.
  let tailOk = true;
  for (let i = value.length - 1; i > open; i--) {
    if (value[i] === "'" && tailOk) return value.slice(open + 1, i);
    tailOk = value[i] === '#' || (isPySpace(value[i]) && tailOk);
  }
  return undefined;
}
const ENVIRON_COMMENT = /^([\s\S]*?)(#[\s\S]*)?$/;

function parseDjangoEnviron(text: string, parseComments: boolean): DotenvParse {
  const entries: DotenvEntry[] = [];
  const invalidLines: number[] = [];
  // `content.splitlines()`; a final line break does not start another line.
  const lines = pythonTextMode(text).split(PY_LINE_BREAK);
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => {
    const match = ENVIRON_LINE.exec(line);
    if (!match) {
      if (line !== '' && !line.startsWith('#')) invalidLines.push(index + 1);
      return;
    }
    let value = match[2]!;
    if (!parseComments) {
      const single = ENVIRON_SINGLE_QUOTED.exec(value);
      if (single) value = single[1]!;
    } else {
      const single = environCommentedSingle(value);
      if (single !== undefined) value = single;
      else value = ENVIRON_COMMENT.exec(value)?.[1] ?? value;
    }
    const double = ENVIRON_DOUBLE_QUOTED.exec(value);
    // Escapes are undone, except \n, \r and \t, which stay escaped.
    if (double)
      value = double[1]!.replace(/\\([\s\S])/g, (_m, ch: string) =>
        'rnt'.includes(ch) ? `\\${ch}` : ch,
      );
    entries.push({ key: match[1]!, value, line: index + 1 });
  });
  return { entries, invalidLines };
}

// ---------------------------------------------------------------------------------------------
// python-decouple 3.6 (decouple.py, RepositoryEnv).

function parseDecouple(text: string): DotenvParse {
  const entries: DotenvEntry[] = [];
  pythonTextMode(text)
    .split('\n')
    .forEach((raw, index) => {
      const line = pyStrip(raw);
      if (line === '' || line.startsWith('#') || !line.includes('=')) return;
      const eq = line.indexOf('=');
      const key = pyStrip(line.slice(0, eq));
      let value = pyStrip(line.slice(eq + 1));
      if (
        value.length >= 2 &&
        ((value.startsWith("'") && value.endsWith("'")) ||
          (value.startsWith('"') && value.endsWith('"')))
      )
        value = value.slice(1, -1);
      entries.push({ key, value, line: index + 1 });
    });
  return { entries, invalidLines: [] };
}

// ---------------------------------------------------------------------------------------------
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

function parseCompose(
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
