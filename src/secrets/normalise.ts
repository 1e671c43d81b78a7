import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  Scalar,
  visit,
  type Document,
} from 'yaml';
import { tokenizePython, type PyToken } from './python-tokens';
import { baseNameOf, createLineIndex, linesMatching, splitLines } from './text-lines';

/**
 * The one normaliser: turns the common ways of *writing* a secret into the value they denote, so
 * every detector sees it, with the original place kept for the location. Each view is a small text
 * of one derived line per value, in a syntax the detectors already read (`NAME = "value"` for
 * Python and notebooks, `key: "value"` for YAML, `KEY=value` for shell and Dockerfiles), plus where
 * each derived line came from. `scanText` runs the content rules over the views and maps hits back.
 *
 * Forms:
 * - Python: adjacent and `+`-joined string literals, `'…'.join([…])` of literals, f-strings whose
 *   fields are constant strings (read with the project's Python tokenizer);
 * - JSON and notebooks: `\/` and `\uXXXX` escapes (a notebook's code cells read as Python);
 * - YAML: block (`|`), folded (`>`), flow (`{…}`, `[…]`) and multi-line scalars, parsed with the
 *   `yaml` package;
 * - shell, Dockerfiles, Makefiles, CI files and docs: `ENV KEY value`, `docker run -e KEY=value`,
 *   `--env KEY=value`, `heroku config:set KEY=value`, `fly secrets set KEY=value`,
 *   `kubectl create secret generic --from-literal=KEY=value`.
 *
 * Every pass is gated by a cheap substring test, so files without such forms cost one search.
 */

export interface NormalisedView {
  /** The path the rules see (its extension picks the syntax they read the view in). */
  path: string;
  content: string;
  /** For each line of `content` (0-based), the 1-based line and column it came from. */
  origins: readonly { line: number; column: number }[];
}

/** Views are for text a person wrote: minified bundles and huge files are left as they are. */
const MAX_NORMALISED_BYTES = 1024 * 1024;

/** Whether `normalisedViews` may give a view of a file at `path` (by its name alone). */
export function hasNormalisedViews(path: string): boolean {
  return hasWholeFileView(path) || isCommandPath(baseNameOf(path));
}

/**
 * Whether a view reads a file at `path` as a whole (Python, notebooks, JSON, YAML), so that a
 * change anywhere in it can change any of its hits (history's version delta never takes such a
 * file line by line).
 */
export function hasWholeFileView(path: string): boolean {
  const base = baseNameOf(path);
  return /\.pyw?$/.test(base) || /\.(ipynb|json|har|jsonc)$/.test(base) || /\.ya?ml$/.test(base);
}

/**
 * How many lines of `text` the command view of a file at `path` is built from (none: the file
 * has no command view).
 */
export function commandViewLines(path: string, text: string): number {
  return isCommandPath(baseNameOf(path)) ? linesMatching(text, COMMAND_GATE).length : 0;
}

export function normalisedViews(path: string, content: string): NormalisedView[] {
  if (content.length > MAX_NORMALISED_BYTES) return [];
  const base = baseNameOf(path);
  const views: (NormalisedView | undefined)[] = [];
  if (/\.pyw?$/.test(base)) views.push(pythonView(path, content));
  if (base.endsWith('.ipynb')) views.push(notebookView(path, content));
  else if (/\.(json|har|jsonc)$/.test(base)) views.push(jsonView(path, content));
  if (/\.ya?ml$/.test(base)) views.push(yamlView(path, content));
  if (isCommandPath(base)) views.push(commandView(path, content));
  return views.filter((view): view is NormalisedView => view !== undefined);
}

/** One derived line per value, and where it came from. */
class ViewBuilder {
  private readonly lines: string[] = [];
  private readonly origins: { line: number; column: number }[] = [];
  constructor(private readonly path: string) {}
  add(text: string, line: number, column: number): void {
    // One derived value is one line: a line break inside it would shift every later origin.
    this.lines.push(text.replace(/\r\n|\r|\n/g, ' '));
    this.origins.push({ line, column });
  }
  build(): NormalisedView | undefined {
    if (this.lines.length === 0) return undefined;
    return { path: this.path, content: `${this.lines.join('\n')}\n`, origins: this.origins };
  }
}

/** A Python string literal holding `value` (a JSON string is one, for these characters). */
function pythonLiteral(value: string): string {
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------------
// Python

/** `{'…'}` / `{"…"}`: an f-string field that is a constant string. */
const CONSTANT_FIELD = /\{\s*(['"])([^'"{}\\]{0,200})\1\s*\}/g;

/** The value of an f-string whose every field is a constant string, else undefined. */
function constantFString(text: string): string | undefined {
  const resolved = text.replace(CONSTANT_FIELD, (_whole, _quote: string, inner: string) => inner);
  const rest = resolved.replace(/\{\{|\}\}/g, '');
  if (rest.includes('{')) return undefined;
  return resolved.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
}

function stringValue(token: PyToken | undefined): string | undefined {
  if (token?.kind !== 'string') return undefined;
  if (!token.isExpression) return token.text;
  return constantFString(token.text);
}

const isOp = (token: PyToken | undefined, text: string): boolean =>
  token?.kind === 'op' && token.text === text;

/** `NAME =`, `NAME:`, `'name':`, `name=` before token `k`: the name the value is given to. */
function nameBefore(tokens: readonly PyToken[], k: number): string | undefined {
  const op = tokens[k - 1];
  const name = tokens[k - 2];
  if (!op || op.kind !== 'op' || !['=', ':', '+='].includes(op.text)) return undefined;
  if (name?.kind === 'name' || (name?.kind === 'string' && !name.isExpression)) return name.text;
  return undefined;
}

/**
 * Cheap gate before tokenizing: a literal `+` a literal, `'…'.join(`, or a constant f-string
 * field (`{'…'}`). Without one there is nothing to join.
 */
const PYTHON_GATE =
  /["'][ \t]*\+\s{0,80}[rRbBuUfF]{0,2}["']|["']\.join\(|\{[ \t]*'[^'{}\n]{0,200}'[ \t]*\}|\{[ \t]*"[^"{}\n]{0,200}"[ \t]*\}/;

function pythonView(path: string, content: string, viewPath = path): NormalisedView | undefined {
  if (!PYTHON_GATE.test(content)) return undefined;
  const tokens = tokenizePython(content);
  const index = createLineIndex(content);
  const view = new ViewBuilder(viewPath);
  const emit = (start: number, value: string): void => {
    const token = tokens[start];
    if (!token || value.length < 8) return;
    const name = nameBefore(tokens, start);
    const target = name !== undefined && /^[A-Za-z_][\w.-]{0,80}$/.test(name) ? name : '_';
    view.add(
      `${target} = ${pythonLiteral(value)}`,
      index.lineAt(token.offset),
      index.columnAt(token.offset),
    );
  };
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k];
    if (token?.kind !== 'string') continue;
    // `'sep'.join([ 'a', 'b' ])` / `.join(('a', 'b'))`
    if (isOp(tokens[k + 1], '.') && tokens[k + 2]?.text === 'join' && isOp(tokens[k + 3], '(')) {
      const separator = stringValue(token);
      const open = isOp(tokens[k + 4], '[') || isOp(tokens[k + 4], '(') ? k + 5 : k + 4;
      const parts: string[] = [];
      let j = open;
      for (; j < tokens.length && j < open + 400; j += 2) {
        const part = stringValue(tokens[j]);
        if (part === undefined) break;
        parts.push(part);
        if (!isOp(tokens[j + 1], ',')) {
          j++;
          break;
        }
      }
      const closes = isOp(tokens[j], ']') || isOp(tokens[j], ')');
      if (separator !== undefined && parts.length > 1 && closes) emit(k, parts.join(separator));
      continue;
    }
    // A run of literals joined by `+` or adjacency, or one f-string with constant fields.
    const parts: string[] = [];
    let joined = false;
    let j = k;
    while (j < tokens.length) {
      const part = stringValue(tokens[j]);
      if (part === undefined) break;
      if (tokens[j]?.isExpression) joined = true;
      parts.push(part);
      if (isOp(tokens[j + 1], '+') && tokens[j + 2]?.kind === 'string') {
        joined = true;
        j += 2;
      } else if (tokens[j + 1]?.kind === 'string') {
        joined = true;
        j += 1;
      } else break;
    }
    if (joined && parts.length > 0) emit(k, parts.join(''));
    // A URL built with `+` around a name (`'postgres://app:' + PASSWORD + '@db'`) denotes no
    // literal value; the literals on their own are left to the original text.
    k = Math.max(k, j);
  }
  return view.build();
}

// ---------------------------------------------------------------------------------------------
// JSON and notebooks

/**
 * JSON escapes that hide text a detector looks for: `\/` (so `https:\/\/hooks.slack.com\/…` and
 * `postgres:\/\/user:pass@…` are not URLs to a pattern) and `\uXXXX` for an ASCII character
 * (encoders escape non-ASCII, so an escaped ASCII letter is deliberate).
 */
const HIDING_ESCAPE = /\\(?:\/|u00([2-7][0-9a-fA-F]))/g;

/** Characters kept on each side of an escape in a long line (minified JSON is one line). */
const WINDOW = 300;

function unescapeHiding(text: string): string {
  return text.replace(HIDING_ESCAPE, (whole, hex: string | undefined) => {
    if (hex === undefined) return '/';
    const char = String.fromCharCode(parseInt(hex, 16));
    // A quote or backslash stays escaped: it would end or break the string.
    return char === '"' || char === '\\' ? whole : char;
  });
}

/**
 * Each line with hiding escapes, unescaped; a long line only around its escapes (a window each
 * side), so a megabyte of minified JSON is not read twice.
 */
function jsonView(path: string, content: string): NormalisedView | undefined {
  if (!content.includes('\\/') && !content.includes('\\u00')) return undefined;
  const view = new ViewBuilder(path);
  for (const line of splitLines(content)) {
    const text = line.text;
    if (!text.includes('\\/') && !text.includes('\\u00')) continue;
    if (text.length <= 4 * WINDOW) {
      const rewritten = unescapeHiding(text);
      if (rewritten !== text) view.add(rewritten, line.number, 1);
      continue;
    }
    let coveredTo = -1;
    for (const match of text.matchAll(HIDING_ESCAPE)) {
      if (match.index < coveredTo) continue;
      const from = Math.max(0, match.index - WINDOW);
      coveredTo = Math.min(text.length, match.index + WINDOW);
      view.add(unescapeHiding(text.slice(from, coveredTo)), line.number, from + 1);
    }
  }
  return view.build();
}

/** A line that is one JSON string (a notebook source or output line), with its closing comma. */
const NOTEBOOK_LINE = /^\s*"((?:[^"\\]|\\.){0,4000})",?\s*$/;

/**
 * A notebook's code, decoded from its JSON strings (`"source": ["TOKEN = \"…\"\n", …]`, one
 * string per line as Jupyter writes them), read as Python; output text lines are read the same
 * way (a token printed in an output is committed too). Images and other long strings are skipped.
 */
function notebookView(path: string, content: string): NormalisedView | undefined {
  const view = new ViewBuilder(`${path}.py`);
  for (const line of splitLines(content)) {
    if (line.text.length > 4000 || !line.text.includes('"')) continue;
    const match = NOTEBOOK_LINE.exec(line.text);
    if (!match) continue;
    const body = match[1] ?? '';
    if (body.length < 8) continue;
    let decoded: string;
    try {
      decoded = JSON.parse(`"${body}"`) as string;
    } catch {
      continue;
    }
    view.add(decoded, line.number, line.text.indexOf('"') + 2);
  }
  const decoded = view.build();
  if (!decoded) return undefined;
  // The decoded code may itself join literals: normalise it as Python too.
  const joined = pythonView(`${path}.py`, decoded.content);
  if (!joined) return decoded;
  return {
    path: decoded.path,
    content: decoded.content + joined.content,
    origins: [
      ...decoded.origins,
      ...joined.origins.map((at) => decoded.origins[at.line - 1] ?? at),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// YAML

/** Block indicators, flow collections or a quoted scalar continued on the next line. */
const YAML_GATE = /:[ \t]*[|>][-+0-9]{0,2}[ \t]*$|\{[^{}:\n]{0,200}:|:[ \t]+["'][^"'\n]{0,500}$/m;

/**
 * Scalars a line reader gets wrong: block and folded scalars, values inside flow collections,
 * and quoted or plain scalars spanning lines. Written as `key: "value"` on their first line.
 */
function yamlView(path: string, content: string): NormalisedView | undefined {
  if (!YAML_GATE.test(content)) return undefined;
  const counter = new LineCounter();
  let documents;
  try {
    documents = parseAllDocuments(content, {
      lineCounter: counter,
      uniqueKeys: false,
      strict: false,
    });
  } catch {
    return undefined;
  }
  if (!Array.isArray(documents)) return undefined;
  const view = new ViewBuilder(path);
  for (const document of documents) visitScalars(document, counter, view);
  return view.build();
}

function visitScalars(document: Document, counter: LineCounter, view: ViewBuilder): void {
  visit(document, {
    Pair(_key, pair, path) {
      if (!isPair(pair) || !isScalar(pair.key) || !isScalar(pair.value)) return;
      const value = pair.value;
      if (typeof value.value !== 'string' || value.value.trim().length < 8) return;
      const range = value.range;
      if (!range) return;
      const start = counter.linePos(range[0]);
      const end = counter.linePos(Math.max(range[0], range[1] - 1));
      const parent = path[path.length - 1];
      const inFlow = (isMap(parent) || isSeq(parent)) && parent.flow === true;
      const block = value.type === Scalar.BLOCK_LITERAL || value.type === Scalar.BLOCK_FOLDED;
      if (!block && !inFlow && start.line === end.line) return;
      const keyText = String(pair.key.value);
      if (!/^[A-Za-z_][\w.-]{0,80}$/.test(keyText)) return;
      // A block scalar's value starts on the line after its indicator.
      const first = block ? Math.min(start.line + 1, end.line) : start.line;
      view.add(
        `${keyText}: ${JSON.stringify(value.value.replace(/\n+$/, ''))}`,
        first,
        block ? 1 : start.col,
      );
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Shell, Dockerfiles, Makefiles, CI and docs

function isCommandPath(base: string): boolean {
  return (
    /\.(sh|bash|zsh|ya?ml|md|markdown|rst|txt|adoc|mk|ps1|toml)$/.test(base) ||
    base.startsWith('dockerfile') ||
    base.endsWith('.dockerfile') ||
    base.startsWith('makefile') ||
    base === 'procfile' ||
    base === 'justfile' ||
    !base.includes('.')
  );
}

/** Commands that set a variable for a container, an app or a cluster secret. */
const COMMAND_GATE =
  /\bENV[ \t]+[A-Za-z_]|[ \t](?:-e|--env)[ \t=]|config:set|secrets[ \t]+set|--from-literal/g;
/** `KEY=value` pairs on such a line; quoted values keep their quotes (the reader strips them). */
const PAIR =
  /(?<![\w$-])([A-Za-z_][A-Za-z0-9_]{0,80})=("[^"\n]{0,500}"|'[^'\n]{0,500}'|`[^`\n]{0,500}`|\$\([^)\n]{0,500}\)|[^\s"'`\\;|&$][^\s"'`\\;|&]{0,499})/g;
/** Dockerfile's space form, `ENV KEY value` (one variable per instruction). */
const ENV_SPACE_FORM = /^[ \t]*ENV[ \t]+([A-Za-z_][A-Za-z0-9_]{0,80})[ \t]+([^\s=][^\n]{0,500})$/;

function commandView(path: string, content: string): NormalisedView | undefined {
  // `KEY=value` lines in a shell-like syntax every config reader (and DDG101's) understands.
  const view = new ViewBuilder(`${path}.normalised.sh`);
  // The gate can't match across a line break, so the lines it matches on are those of its matches
  // in the whole text: one pass, without splitting a long document into lines.
  for (const line of linesMatching(content, COMMAND_GATE)) {
    const space = ENV_SPACE_FORM.exec(line.text);
    if (space && !(space[1] ?? '').includes('=')) {
      const value = (space[2] ?? '').trim();
      view.add(`${space[1] ?? ''}=${value}`, line.number, line.text.indexOf(value) + 1);
      continue;
    }
    // `--from-literal=KEY=value`, `--env=KEY=value`: the flag's own `=` is not an assignment.
    const text = line.text.replace(/--(?:from-literal|env)=/g, (flag) => ' '.repeat(flag.length));
    for (const pair of text.matchAll(PAIR)) {
      view.add(`${pair[1] ?? ''}=${pair[2] ?? ''}`, line.number, pair.index + 1);
    }
  }
  return view.build();
}
