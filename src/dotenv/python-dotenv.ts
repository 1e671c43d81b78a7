import { PYTHON_SIMPLE_ESCAPES } from '../core/python-escapes';
import {
  PY_BLANK,
  PY_SPACE,
  isPySpace,
  lineCounter,
  pyRstrip,
  pythonTextMode,
} from './python-text';
import type { DotenvOptions, DotenvParse } from './types';

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

export function pythonDotenvBindings(text: string): Binding[] {
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

export function parsePythonDotenv(text: string, options: DotenvOptions): DotenvParse {
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
