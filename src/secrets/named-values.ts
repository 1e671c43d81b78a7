import { isDotenvPath } from './dotenv-files';
import { parseConfigValue, type ConfigFormat } from './django-key';
import { baseNameOf, linesMatching, splitLines, type TextLine } from './text-lines';

/**
 * Literal values assigned to a name, read line by line: Python assignments, keyword arguments,
 * dict entries and env-read defaults; `KEY=value` / `KEY: value` / `"key": "value"` lines of
 * YAML, JSON, INI, TOML, .env, shell and Dockerfiles, and the same shapes in documentation. A
 * lower-confidence reader than the Django key's tokenizer: one line at a time, for any name that
 * `isName` accepts.
 */

export interface NamedValue {
  name: string;
  value: string;
  /** 1-based. */
  line: number;
  /** Offset of the value's first character (or its opening quote) in the content. */
  offset: number;
  /** How the name was given a value, for messages: `assignment`, `env-read default`, … */
  form: 'assignment' | 'keyword argument' | 'dict entry' | 'env-read default' | 'config entry';
}

/** Where the reader applies and how it reads the file. */
export type NamedValueSyntax = 'python' | 'json' | 'script' | ConfigFormat;

/**
 * JavaScript and TypeScript source (not minified bundles, whose one-letter names say nothing).
 */
export function isScriptSourcePath(path: string): boolean {
  const base = baseNameOf(path);
  return /\.(js|jsx|mjs|cjs|ts|tsx|mts|cts|vue|svelte)$/.test(base) && !/\.min\.js$/.test(base);
}

/** Python, JS/TS, YAML, JSON, INI, TOML, .env-like, shell, Dockerfiles and documentation. */
export function namedValueSyntaxOf(path: string): NamedValueSyntax | undefined {
  const base = baseNameOf(path);
  if (/\.pyw?$/.test(base)) return 'python';
  if (isScriptSourcePath(path)) return 'script';
  if (/\.ya?ml$/.test(base)) return 'yaml';
  if (/\.json$/.test(base)) return 'json';
  if (/\.(ini|cfg)$/.test(base)) return 'ini';
  if (
    isDotenvPath(path) ||
    /\.(toml|conf|properties|sh|bash|env|tfvars|md|markdown|rst|txt|adoc)$/.test(base) ||
    base.startsWith('dockerfile') ||
    base.endsWith('.dockerfile') ||
    base === '.pypirc' ||
    base === '.netrc' ||
    base === '.npmrc'
  )
    return 'other';
  return undefined;
}

/** A Python string literal starting at `quote` on `text`: its value and where it ends. */
function readPythonString(
  text: string,
  prefix: string,
  quote: number,
): { value: string; end: number } | undefined {
  const q = text[quote] ?? '';
  const triple = text.startsWith(q.repeat(3), quote);
  const open = triple ? 3 : 1;
  const raw = /r/i.test(prefix);
  let value = '';
  for (let i = quote + open; i < text.length; i++) {
    const char = text[i] ?? '';
    if (char === '\\' && !raw) {
      const next = text[i + 1] ?? '';
      value += { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' }[next] ?? `\\${next}`;
      i++;
      continue;
    }
    if (triple ? text.startsWith(q.repeat(3), i) : char === q) return { value, end: i + open };
    value += char;
  }
  return undefined;
}

const PY_ASSIGNMENT =
  /(?:^|[\s,(;{])([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*[A-Za-z_][\w.[\], |]*?)?\s*=(?!=)\s*([rRuUbBfF]{0,2})(['"])/g;
const PY_DICT_ENTRY = /(['"])([A-Za-z_][\w.-]*)\1\s*:\s*([rRuUbBfF]{0,2})(['"])/g;
/** Calls that read an env variable: `os.environ.get`, `os.getenv`, `setdefault`, `env(…)`, `env.str`, decouple `config`. */
const ENV_READ_CALL = '\\b(?:get|getenv|setdefault|env|str|config)\\s*';
const PY_ENV_DEFAULT = new RegExp(
  `${ENV_READ_CALL}\\(\\s*(['"])([A-Za-z_][\\w.-]*)\\1\\s*,\\s*(?:default\\s*=\\s*)?([rRuUbBfF]{0,2})(['"])`,
  'g',
);
const PY_ENV_KEYWORD_DEFAULT = new RegExp(
  `${ENV_READ_CALL}\\(\\s*(['"])([A-Za-z_][\\w.-]*)\\1[^()\\n]*?\\bdefault\\s*=\\s*([rRuUbBfF]{0,2})(['"])`,
  'g',
);

function findPythonValues(
  isName: (name: string) => boolean,
  lines: readonly TextLine[],
): NamedValue[] {
  const found: NamedValue[] = [];
  for (const line of lines) {
    const text = line.text;
    const seen = new Set<number>();
    const take = (
      match: RegExpMatchArray,
      nameGroup: number,
      prefixGroup: number,
      form: NamedValue['form'],
    ): void => {
      const name = match[nameGroup] ?? '';
      if (!isName(name)) return;
      const prefix = match[prefixGroup] ?? '';
      const quote = (match.index ?? 0) + match[0].length - 1;
      if (seen.has(quote)) return;
      seen.add(quote);
      const literal = readPythonString(text, prefix, quote);
      if (!literal) return;
      // `'…' % x`, `'…'.format(x)`, `'…' + x`, `'…'[0]`: computed, not the literal itself.
      const after = text.slice(literal.end).trimStart();
      if (/^[.%[+*]/.test(after) || /^(if|for)\b/.test(after)) return;
      // An f-string with a replacement field is a computation too.
      if (/f/i.test(prefix) && /\{(?!\{)/.test(literal.value.replace(/\{\{/g, ''))) return;
      found.push({
        name,
        value: literal.value,
        line: line.number,
        offset: line.offset + quote,
        form,
      });
    };
    for (const match of text.matchAll(PY_ENV_DEFAULT)) take(match, 2, 3, 'env-read default');
    for (const match of text.matchAll(PY_ENV_KEYWORD_DEFAULT))
      take(match, 2, 3, 'env-read default');
    for (const match of text.matchAll(PY_DICT_ENTRY)) take(match, 2, 3, 'dict entry');
    for (const match of text.matchAll(PY_ASSIGNMENT)) {
      const before = text.slice(0, match.index ?? 0);
      const form =
        /\(\s*$|,\s*$/.test(before) || /\([^)]*$/.test(before) ? 'keyword argument' : 'assignment';
      take(match, 1, 2, form);
    }
  }
  return found;
}

/**
 * JavaScript/TypeScript: `const NAME = '…'`, `NAME = "…"`, `name: '…'` and `'name': "…"` in an
 * object literal, `` name: `…` `` without `${…}`. A quoted value only: anything else is code.
 */
const SCRIPT_ASSIGNMENT =
  /(?:^|[\s,({;])(["']?)([A-Za-z_$][\w$]{0,80})\1[ \t]*(?::|=(?![=>]))[ \t]*(["'`])/g;

/** A JS string literal starting at `quote`: its value, or undefined when not a plain literal. */
function readScriptString(text: string, quote: number): { value: string; end: number } | undefined {
  const q = text[quote] ?? '';
  let value = '';
  for (let i = quote + 1; i < text.length; i++) {
    const char = text[i] ?? '';
    if (char === '\\') {
      const next = text[i + 1] ?? '';
      value += { n: '\n', t: '\t', r: '\r' }[next] ?? next;
      i++;
      continue;
    }
    if (q === '`' && char === '$' && text[i + 1] === '{') return undefined;
    if (char === q) return { value, end: i + 1 };
    value += char;
  }
  return undefined;
}

function findScriptValues(
  isName: (name: string) => boolean,
  lines: readonly TextLine[],
): NamedValue[] {
  const found: NamedValue[] = [];
  for (const line of lines) {
    for (const match of line.text.matchAll(SCRIPT_ASSIGNMENT)) {
      const name = match[2] ?? '';
      if (!isName(name)) continue;
      const quote = match.index + match[0].length - 1;
      const literal = readScriptString(line.text, quote);
      if (!literal) continue;
      const after = line.text.slice(literal.end);
      // `'…' + x`, `'…'.concat(x)`, `'…'[0]`: computed, not the literal itself.
      if (/^\s*[.+[?]/.test(after)) continue;
      // A literal cannot be followed straight by a word character or a quote: the quote that
      // seemed to close it was escaped one level up (code inside an eval("…") string of a
      // webpack dev bundle: `pass: 'Element\\'s default…'`), so this is not its value.
      if (/^[\w$'"`\\]/.test(after)) continue;
      found.push({
        name,
        value: literal.value,
        line: line.number,
        offset: line.offset + quote,
        form: /=/.test(match[0]) ? 'assignment' : 'dict entry',
      });
    }
  }
  return found;
}

/** `KEY=value`, `export KEY=value`, `ENV KEY=value`, `KEY: value`, `- KEY=value`, `"key": "value"`. */
const CONFIG_LINE =
  /^\s*(?:export\s+|ENV\s+|set\s+)?(?:-\s+)?(["']?)([A-Za-z_][\w.-]*)\1\s*(=|:(?=\s|$|["']))(.*)$/;

function findConfigValues(
  format: ConfigFormat,
  isName: (name: string) => boolean,
  lines: readonly TextLine[],
): NamedValue[] {
  const found: NamedValue[] = [];
  for (const line of lines) {
    const match = CONFIG_LINE.exec(line.text);
    if (!match) continue;
    const name = match[2] ?? '';
    if (!isName(name)) continue;
    const rest = match[4] ?? '';
    const value = parseConfigValue(rest, format);
    if (value === undefined) continue;
    // Code in a config-looking line (docs, shell): `'PASSWORD': os.environ['DB_PASSWORD'],`,
    // `token=response.transaction.id,`.
    if (
      !/^\s*["']/.test(rest) &&
      (/^[A-Za-z_][\w.]*\s*[[(]/.test(value) ||
        /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)+,?$/.test(value))
    )
      continue;
    const at = line.text.indexOf(value, line.text.length - rest.length);
    found.push({
      name,
      value,
      line: line.number,
      offset: line.offset + (at === -1 ? line.text.length - rest.length : at),
      form: 'config entry',
    });
  }
  return found;
}

/** `"key": "value"` pairs anywhere on a line (JSON is often one line per object, or minified). */
const JSON_PAIR = /"([A-Za-z_][\w.-]*)"\s*:\s*"((?:\\.|[^"\\]){0,1000})"/g;

function findJsonValues(
  isName: (name: string) => boolean,
  lines: readonly TextLine[],
): NamedValue[] {
  const found: NamedValue[] = [];
  for (const line of lines) {
    for (const match of line.text.matchAll(JSON_PAIR)) {
      const name = match[1] ?? '';
      if (!isName(name)) continue;
      let value: string;
      try {
        value = JSON.parse(`"${match[2] ?? ''}"`) as string;
      } catch {
        continue;
      }
      const at = match.index + match[0].length - (match[2] ?? '').length - 1;
      found.push({
        name,
        value,
        line: line.number,
        offset: line.offset + at,
        form: 'config entry',
      });
    }
  }
  return found;
}

/**
 * Every literal assigned to a name `isName` accepts, in a file of a supported syntax. `lineHint`
 * (a global regex) selects the lines that can hold such a name; no other line is parsed.
 */
export function findNamedValues(
  path: string,
  content: string,
  isName: (name: string) => boolean,
  lineHint?: RegExp,
): NamedValue[] {
  const syntax = namedValueSyntaxOf(path);
  if (syntax === undefined) return [];
  const lines = lineHint ? linesMatching(content, lineHint) : splitLines(content);
  if (syntax === 'python') return findPythonValues(isName, lines);
  if (syntax === 'json') return findJsonValues(isName, lines);
  if (syntax === 'script') return findScriptValues(isName, lines);
  return findConfigValues(syntax, isName, lines);
}
