import { parse as parseToml, TomlError } from 'smol-toml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { ConfigurationError } from '../core/errors';

/**
 * A configuration document as one tree with a line on every node, whatever it was written in:
 * `.django-deploy-guard.yml` (YAML) or `[tool.django-deploy-guard]` in `pyproject.toml` (TOML).
 * The validator (parse-config.ts) walks this tree, so both files get the same checks and the same
 * file:line messages. Pure.
 */
export type ConfigNode = { line: number } & (
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' }
  | { type: 'list'; items: ConfigNode[] }
  | { type: 'map'; entries: ConfigEntry[] }
  /** A date, a YAML alias or tag, anything no option takes. */
  | { type: 'other' }
);

export interface ConfigEntry {
  key: string;
  keyLine: number;
  value: ConfigNode;
}

/** Parses YAML into a ConfigNode; invalid YAML or a duplicate key names its line. */
export function yamlToConfigNode(text: string, file: string): ConfigNode {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const firstError = doc.errors[0];
  if (firstError) {
    const line = firstError.linePos?.[0]?.line ?? 1;
    throw new ConfigurationError(`invalid YAML: ${firstError.message.split('\n')[0]}`, file, line);
  }
  const lineOf = (node: unknown): number => {
    const range = (node as Node | null | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : 1;
  };
  const convert = (node: unknown, fallbackLine: number): ConfigNode => {
    const line = node ? lineOf(node) : fallbackLine;
    if (node === null || node === undefined) return { type: 'null', line };
    if (isScalar(node)) {
      const value = node.value;
      if (value === null) return { type: 'null', line };
      if (typeof value === 'string') return { type: 'string', value, line };
      if (typeof value === 'number') return { type: 'number', value, line };
      if (typeof value === 'boolean') return { type: 'boolean', value, line };
      return { type: 'other', line };
    }
    if (isSeq(node)) return { type: 'list', items: node.items.map((i) => convert(i, line)), line };
    if (isMap(node)) {
      const seen = new Set<string>();
      const entries = node.items.map((pair) => {
        const keyNode = pair.key;
        const key = isScalar(keyNode) ? String(keyNode.value) : '';
        const keyLine = keyNode ? lineOf(keyNode) : line;
        if (seen.has(key)) throw new ConfigurationError(`duplicate key '${key}'`, file, keyLine);
        seen.add(key);
        return { key, keyLine, value: convert(pair.value, keyLine) };
      });
      return { type: 'map', entries, line };
    }
    return { type: 'other', line };
  };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === '')))
    return { type: 'map', entries: [], line: 1 };
  return convert(root, 1);
}

/** The table in `pyproject.toml` that holds django-deploy-guard's configuration. */
export const PYPROJECT_TABLE = ['tool', 'django-deploy-guard'] as const;

/**
 * `[tool.django-deploy-guard]` of a TOML document as a ConfigNode, or undefined when the document
 * has no such table. Invalid TOML names its line (smol-toml's); smol-toml gives no positions for
 * values, so `locateTomlLines` finds the line of every key and array item.
 */
export function tomlTableToConfigNode(
  text: string,
  file: string,
  table: readonly string[] = PYPROJECT_TABLE,
): ConfigNode | undefined {
  let document: Record<string, unknown>;
  try {
    document = parseToml(text, { unsafeKeyBehaviour: 'drop' });
  } catch (error) {
    const line = error instanceof TomlError ? error.line : 1;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigurationError(`invalid TOML: ${message}`, file, line);
  }
  let value: unknown = document;
  for (const key of table) {
    if (!isPlainObject(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  const lines = locateTomlLines(text);
  const lineAt = (path: readonly (string | number)[], fallback: number) =>
    lines.get(pathKey(path)) ?? fallback;
  const convert = (node: unknown, path: (string | number)[], fallback: number): ConfigNode => {
    const line = lineAt(path, fallback);
    if (typeof node === 'string') return { type: 'string', value: node, line };
    if (typeof node === 'number') return { type: 'number', value: node, line };
    if (typeof node === 'boolean') return { type: 'boolean', value: node, line };
    if (Array.isArray(node))
      return {
        type: 'list',
        items: node.map((item, index) => convert(item, [...path, index], line)),
        line,
      };
    if (isPlainObject(node))
      return {
        type: 'map',
        entries: Object.entries(node).map(([key, inner]) => {
          const keyLine = lineAt([...path, key], line);
          return { key, keyLine, value: convert(inner, [...path, key], keyLine) };
        }),
        line,
      };
    return { type: 'other', line };
  };
  return convert(value, [...table], 1);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

function pathKey(path: readonly (string | number)[]): string {
  return JSON.stringify(path);
}

/**
 * The line where each key path of a (valid) TOML document is first defined: table headers,
 * `[[array of tables]]` entries (by index), dotted keys, keys of inline tables and the items of
 * arrays. A small scanner over TOML's statement grammar, enough for positions: the document has
 * already been parsed (and validated) by smol-toml.
 * https://toml.io/en/v1.0.0
 */
export function locateTomlLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const arrayCounts = new Map<string, number>();
  let pos = 0;
  let line = 1;
  let table: (string | number)[] = [];

  const record = (path: readonly (string | number)[], at: number) => {
    for (let i = 1; i <= path.length; i++) {
      const key = pathKey(path.slice(0, i));
      if (!lines.has(key)) lines.set(key, at);
    }
  };
  const advance = (n = 1) => {
    for (let i = 0; i < n && pos < text.length; i++) {
      if (text[pos] === '\n') line++;
      pos++;
    }
  };
  const skipSpaces = () => {
    while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t')) pos++;
  };
  /** Spaces, newlines and comments (between statements, inside arrays). */
  const skipBlank = () => {
    for (;;) {
      skipSpaces();
      if (text[pos] === '#') while (pos < text.length && text[pos] !== '\n') pos++;
      if (text[pos] === '\n' || text[pos] === '\r') advance();
      else return;
    }
  };
  const readString = (): string => {
    const quote = text[pos]!;
    const triple = text.startsWith(quote.repeat(3), pos);
    const delimiter = triple ? quote.repeat(3) : quote;
    advance(delimiter.length);
    let out = '';
    while (pos < text.length && !text.startsWith(delimiter, pos)) {
      if (quote === '"' && text[pos] === '\\') {
        out += text.slice(pos, pos + 2);
        advance(2);
        continue;
      }
      out += text[pos];
      advance();
    }
    advance(delimiter.length);
    // Up to two more quotes may close a multi-line string (`""""` ends with a quote inside).
    if (triple) while (text[pos] === quote) advance();
    return quote === '"' ? unescapeBasic(out) : out;
  };
  const readKey = (): string[] => {
    const parts: string[] = [];
    for (;;) {
      skipSpaces();
      if (text[pos] === '"' || text[pos] === "'") parts.push(readString());
      else {
        const start = pos;
        while (pos < text.length && /[A-Za-z0-9_-]/.test(text[pos]!)) pos++;
        parts.push(text.slice(start, pos));
      }
      skipSpaces();
      if (text[pos] !== '.') return parts;
      pos++;
    }
  };
  const skipValue = (path: (string | number)[]) => {
    skipSpaces();
    const c = text[pos];
    if (c === '"' || c === "'") {
      readString();
    } else if (c === '[') {
      advance();
      for (let index = 0; ; index++) {
        skipBlank();
        if (text[pos] === ']' || pos >= text.length) break;
        record([...path, index], line);
        skipValue([...path, index]);
        skipBlank();
        if (text[pos] === ',') advance();
      }
      advance();
    } else if (c === '{') {
      advance();
      for (;;) {
        skipBlank();
        if (text[pos] === '}' || pos >= text.length) break;
        const at = line;
        const key = readKey();
        record([...path, ...key], at);
        skipSpaces();
        if (text[pos] === '=') advance();
        skipValue([...path, ...key]);
        skipBlank();
        if (text[pos] === ',') advance();
      }
      advance();
    } else {
      while (pos < text.length && !/[,\]}\n#]/.test(text[pos]!)) pos++;
    }
  };

  while (pos < text.length) {
    skipBlank();
    if (pos >= text.length) break;
    const at = line;
    if (text[pos] === '[') {
      const isArray = text[pos + 1] === '[';
      advance(isArray ? 2 : 1);
      const key = readKey();
      skipSpaces();
      advance(isArray ? 2 : 1);
      if (isArray) {
        const count = arrayCounts.get(pathKey(key)) ?? 0;
        arrayCounts.set(pathKey(key), count + 1);
        table = [...key, count];
      } else table = key;
      record(table, at);
    } else {
      const key = readKey();
      record([...table, ...key], at);
      skipSpaces();
      if (text[pos] === '=') advance();
      skipValue([...table, ...key]);
    }
    // The rest of the line (a comment) belongs to this statement.
    while (pos < text.length && text[pos] !== '\n') pos++;
  }
  return lines;
}

/** Enough of TOML's basic-string escapes for keys (`"security.W004"`, `"a\"b"`). */
function unescapeBasic(text: string): string {
  return text.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, escape: string) => {
    if (escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    return (
      ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[escape] ?? escape
    );
  });
}
