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
import { NAME, OP, PyTokenStore, STRING, tokenizePythonInto } from './python-tokens';
import {
  baseNameOf,
  countAtMost,
  createLineIndex,
  lineIndexAt,
  linesMatching,
  splitLines,
} from './text-lines';

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

/** Whether a file at `path` has a Python view (its next version's: `nextPythonViewState`). */
export function hasPythonView(path: string): boolean {
  return /\.pyw?$/.test(baseNameOf(path));
}

/**
 * Whether a view reads a file at `path` as a whole (Python, notebooks, YAML): a change anywhere
 * in it can change any of its view's lines. History's version delta finds a Python view's next
 * version from the changed statements (`nextPythonViewState`) and reads the others whole. The
 * other views (JSON, commands) are line views: see `lineViewLines`.
 */
export function hasWholeFileView(path: string): boolean {
  const base = baseNameOf(path);
  return /\.pyw?$/.test(base) || base.endsWith('.ipynb') || /\.ya?ml$/.test(base);
}

/**
 * The lines (1-based) of `text` that the views of a file at `path` without a whole-file view are
 * built from, in order (none: it has no view). Each view line comes from one of them alone, so
 * the views of a text whose other lines are blanked are the same (history's version delta
 * relies on it).
 */
export function lineViewLines(path: string, text: string): number[] {
  const base = baseNameOf(path);
  if (hasWholeFileView(path)) return [];
  const gates = [
    ...(isJsonPath(base) ? [JSON_GATE] : []),
    ...(isCommandPath(base) ? [COMMAND_GATE] : []),
  ];
  const lines = gates.flatMap((gate) => linesMatching(text, gate).map((line) => line.number));
  // Both views (`Dockerfile.json`): one list, in order.
  return gates.length > 1 ? [...new Set(lines)].sort((x, y) => x - y) : lines;
}

function isJsonPath(base: string): boolean {
  return /\.(json|har|jsonc)$/.test(base);
}

/** Whether `normalisedViews` reads a text of `length` characters at all. */
export function isNormalisedLength(length: number): boolean {
  return length <= MAX_NORMALISED_BYTES;
}

export function normalisedViews(path: string, content: string): NormalisedView[] {
  if (!isNormalisedLength(content.length)) return [];
  const base = baseNameOf(path);
  const views: (NormalisedView | undefined)[] = [];
  if (hasPythonView(path)) views.push(pythonView(path, content));
  if (base.endsWith('.ipynb')) views.push(notebookView(path, content));
  else if (isJsonPath(base)) views.push(jsonView(path, content));
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

function stringValue(tokens: PyTokenStore, k: number): string | undefined {
  if (tokens.kindAt(k) !== STRING) return undefined;
  const text = tokens.text(k);
  return tokens.isExpression(k) ? constantFString(text) : text;
}

const isOp = (tokens: PyTokenStore, k: number, text: string): boolean => tokens.is(k, OP, text);

/** `NAME =`, `NAME:`, `'name':`, `name=` before token `k`: the name the value is given to. */
function nameBefore(tokens: PyTokenStore, k: number): string | undefined {
  const op = k - 1;
  const name = k - 2;
  if (!isOp(tokens, op, '=') && !isOp(tokens, op, ':') && !isOp(tokens, op, '+=')) return undefined;
  const kind = tokens.kindAt(name);
  if (kind === NAME || (kind === STRING && !tokens.isExpression(name))) return tokens.text(name);
  return undefined;
}

/** Whether token `k` is the name `join` (or, as any token's text was compared, a string 'join'). */
function isJoin(tokens: PyTokenStore, k: number): boolean {
  if (tokens.kindAt(k) === STRING) return tokens.text(k) === 'join';
  return tokens.is(k, NAME, 'join');
}

/**
 * One store reused by every Python view (views are built one at a time, synchronously); a store
 * grown past this many tokens by a huge file is let go rather than kept.
 */
const MAX_KEPT_TOKENS = 1 << 18;
let scratchTokens: PyTokenStore | undefined;

/**
 * Cheap gate before tokenizing: a literal `+` a literal, `'…'.join(`, or a constant f-string
 * field (`{'…'}`). Without one there is nothing to join. Global, for `gateLines`: every use sets
 * `lastIndex` first.
 */
const PYTHON_GATE =
  /["'][ \t]*\+\s{0,80}[rRbBuUfF]{0,2}["']|["']\.join\(|\{[ \t]*'[^'{}\n]{0,200}'[ \t]*\}|\{[ \t]*"[^"{}\n]{0,200}"[ \t]*\}/g;

/** One line of a view before it is built: the derived text and where its value was written. */
interface ViewEntry {
  text: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

function pythonView(path: string, content: string, viewPath = path): NormalisedView | undefined {
  PYTHON_GATE.lastIndex = 0;
  if (!PYTHON_GATE.test(content)) return undefined;
  return buildView(viewPath, pythonViewEntries(content));
}

function buildView(path: string, entries: readonly ViewEntry[]): NormalisedView | undefined {
  const view = new ViewBuilder(path);
  for (const entry of entries) view.add(entry.text, entry.line, entry.column);
  return view.build();
}

/**
 * The Python view's lines, whether or not the gate lets the view through. Each comes from one
 * statement's tokens (a run of literals, a join or a name before them never crosses a newline at
 * depth 0), so the entries of a text are those of its statements. `statementLines` as for
 * tokenizePython.
 */
function pythonViewEntries(content: string, statementLines?: number[]): ViewEntry[] {
  const tokens = tokenizePythonInto(scratchTokens ?? new PyTokenStore(), content, statementLines);
  scratchTokens = undefined;
  try {
    return viewEntriesOf(tokens, content);
  } finally {
    tokens.content = '';
    if (tokens.capacity <= MAX_KEPT_TOKENS) scratchTokens = tokens;
  }
}

function viewEntriesOf(tokens: PyTokenStore, content: string): ViewEntry[] {
  const index = createLineIndex(content);
  const entries: ViewEntry[] = [];
  const count = tokens.count;
  const isString = (k: number) => tokens.kindAt(k) === STRING;
  const emit = (start: number, value: string): void => {
    if (start >= count || value.length < 8) return;
    const name = nameBefore(tokens, start);
    const target = name !== undefined && /^[A-Za-z_][\w.-]{0,80}$/.test(name) ? name : '_';
    const offset = tokens.offsets[start]!;
    entries.push({
      text: `${target} = ${pythonLiteral(value)}`,
      line: index.lineAt(offset),
      column: index.columnAt(offset),
    });
  };
  for (let k = 0; k < count; k++) {
    if (!isString(k)) continue;
    // `'sep'.join([ 'a', 'b' ])` / `.join(('a', 'b'))`
    if (isOp(tokens, k + 1, '.') && isJoin(tokens, k + 2) && isOp(tokens, k + 3, '(')) {
      const separator = stringValue(tokens, k);
      const open = isOp(tokens, k + 4, '[') || isOp(tokens, k + 4, '(') ? k + 5 : k + 4;
      const parts: string[] = [];
      let j = open;
      for (; j < count && j < open + 400; j += 2) {
        const part = stringValue(tokens, j);
        if (part === undefined) break;
        parts.push(part);
        if (!isOp(tokens, j + 1, ',')) {
          j++;
          break;
        }
      }
      const closes = isOp(tokens, j, ']') || isOp(tokens, j, ')');
      if (separator !== undefined && parts.length > 1 && closes) emit(k, parts.join(separator));
      continue;
    }
    // A run of literals joined by `+` or adjacency, or one f-string with constant fields. A lone
    // plain literal (most strings) has nothing to join and is never decoded.
    if (
      !tokens.isExpression(k) &&
      !(isOp(tokens, k + 1, '+') && isString(k + 2)) &&
      !isString(k + 1)
    )
      continue;
    const parts: string[] = [];
    let joined = false;
    let j = k;
    while (j < count) {
      const part = stringValue(tokens, j);
      if (part === undefined) break;
      if (tokens.isExpression(j)) joined = true;
      parts.push(part);
      if (isOp(tokens, j + 1, '+') && isString(j + 2)) {
        joined = true;
        j += 2;
      } else if (isString(j + 1)) {
        joined = true;
        j += 1;
      } else break;
    }
    if (joined && parts.length > 0) emit(k, parts.join(''));
    // A URL built with `+` around a name (`'postgres://app:' + PASSWORD + '@db'`) denotes no
    // literal value; the literals on their own are left to the original text.
    k = Math.max(k, j);
  }
  return entries;
}

/**
 * How far past the end of the line it starts on a gate match can reach, in UTF-8 bytes (and so in
 * characters): a match stays on its first line up to its `+` or closing brace, then takes at most
 * 80 whitespace characters (`\s`, up to 3 bytes each in UTF-8), a two-letter prefix and a quote.
 */
const GATE_REACH = 3 * 80 + 3 + 1;
/** Lines tokenized past a change at first when looking for the statement the two versions share. */
const RESYNC_LINES = 8;

/**
 * What the Python view of one version of a file needs for the next version's view to be found
 * from its changed lines only (history's version delta): the view equals
 * `pythonView(path, text)` (`pythonViewOf`).
 */
export interface PythonViewState {
  /** Lines (1-based, ascending) that start a statement afresh (tokenizePython's statementLines, and 1). */
  statements: Int32Array;
  /** The view's entries, gate or not, in order. */
  entries: readonly ViewEntry[];
  /** Lines (1-based, ascending) on which a gate match starts. The view exists when there is any. */
  gate: Int32Array;
}

/** A change between two versions, as 0-based line ranges `[aFrom, aTo)` → `[bFrom, bTo)`. */
export interface LineChange {
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
}

/** The state of a whole text. */
export function pythonViewState(content: string): PythonViewState {
  const statements = [1];
  const entries = pythonViewEntries(content, statements);
  return { statements: Int32Array.from(statements), entries, gate: gateLines(content, 0) };
}

/** `normalisedViews(path, text)` of a file with a Python view (`hasPythonView`) whose state is known. */
export function pythonViews(path: string, text: string, state: PythonViewState): NormalisedView[] {
  const view = isNormalisedLength(text.length) ? pythonViewOf(path, state) : undefined;
  return view ? [view] : [];
}

/** The Python view a state stands for (see `pythonView`). */
export function pythonViewOf(path: string, state: PythonViewState): NormalisedView | undefined {
  return state.gate.length > 0 ? buildView(path, state.entries) : undefined;
}

/**
 * Lines (1-based, offset by `firstLine`) on which a gate match starts in `text`: every position a
 * match starts at, not only those of a leftmost scan, so a line's answer depends only on the text
 * from that line on.
 */
function gateLines(text: string, firstLine: number): Int32Array {
  const index = createLineIndex(text);
  const lines: number[] = [];
  PYTHON_GATE.lastIndex = 0;
  for (let match = PYTHON_GATE.exec(text); match; match = PYTHON_GATE.exec(text)) {
    const line = firstLine + index.lineAt(match.index);
    if (lines[lines.length - 1] !== line) lines.push(line);
    PYTHON_GATE.lastIndex = match.index + 1;
  }
  return Int32Array.from(lines);
}

/**
 * The next version's state from `base` (the earlier version's), the `changes` between the two
 * (ascending, apart) and the next version's text by 0-based line ranges (`text(from, to)`: lines
 * `[from, to)` with their line breaks). Statements the changes don't touch keep their entries,
 * moved by the lines added or removed; the text is tokenized from the last statement start
 * before each change to the first statement start after it that the base also starts a statement
 * on. Undefined when `text` can't give a range.
 */
export function nextPythonViewState(
  base: PythonViewState,
  changes: readonly LineChange[],
  versions: {
    /** Offsets (bytes or characters) of the base's and the next version's line starts. */
    baseStarts: Int32Array;
    starts: Int32Array;
    /** Lengths of the two, in the same unit. */
    baseLength: number;
    length: number;
    text: (from: number, to: number) => string | undefined;
  },
): PythonViewState | undefined {
  const { baseStarts, starts, text } = versions;
  const lineCount = starts.length;
  const statements: number[] = [];
  const entries: ViewEntry[] = [];
  const isBaseStatement = (line: number) => {
    const at = countAtMost(base.statements, line - 1);
    return base.statements[at] === line;
  };
  /** The base's statements and entries on its lines `[fromA, toA)` (0-based), moved by `shift`. */
  const copy = (fromA: number, toA: number, shift: number): void => {
    for (let k = countAtMost(base.statements, fromA); k < base.statements.length; k++) {
      const line = base.statements[k] ?? 0;
      if (line - 1 >= toA) break;
      statements.push(line + shift);
    }
    for (let k = countAtMost(entriesLines, fromA); k < base.entries.length; k++) {
      const entry = base.entries[k];
      if (!entry || entry.line - 1 >= toA) break;
      entries.push(shift === 0 ? entry : { ...entry, line: entry.line + shift });
    }
  };
  const entriesLines = base.entries.map((entry) => entry.line);
  const shiftAfter = (change: LineChange) => change.bTo - change.aTo;

  // New lines before `settled` are done; there the base's line is the new line less `shift`.
  let settled = 0;
  let shift = 0;
  let next = 0;
  while (next < changes.length) {
    const change = changes[next]!;
    // The last statement start at or before the change (the base's, unchanged up to there).
    const at = countAtMost(base.statements, change.aFrom + 1) - 1;
    const startA = Math.max((base.statements[at] ?? 1) - 1, settled - shift);
    copy(settled - shift, startA, shift);
    const from = startA + shift;
    let to = Math.min(lineCount, change.bTo + RESYNC_LINES);
    for (;;) {
      const segment = text(from, to);
      if (segment === undefined) return undefined;
      const found: number[] = [];
      const segmentEntries = pythonViewEntries(segment, found);
      // The first statement start past the changes it follows, outside every change, that the
      // base starts a statement on too: from there on the two are tokenized alike.
      let covered = next;
      let shiftThere = shift;
      let sync = -1;
      for (const relative of found) {
        const line = from + relative - 1;
        if (line >= to) break;
        while (covered < changes.length && changes[covered]!.bTo <= line) {
          shiftThere = shiftAfter(changes[covered]!);
          covered++;
        }
        if (covered === next) continue;
        if (covered < changes.length && changes[covered]!.bFrom < line) continue;
        if (isBaseStatement(line - shiftThere + 1)) {
          sync = line;
          break;
        }
      }
      if (sync === -1 && to < lineCount) {
        // Not found in this stretch: tokenize a longer one (doubling keeps it linear).
        to = Math.min(lineCount, from + 2 * (to - from) + RESYNC_LINES);
        continue;
      }
      const end = sync === -1 ? lineCount : sync;
      // (A change that removes the last lines leaves no line to start.)
      if (from < lineCount) statements.push(from + 1);
      for (const relative of found) if (from + relative - 1 < end) statements.push(from + relative);
      for (const entry of segmentEntries)
        if (from + entry.line - 1 < end) entries.push({ ...entry, line: entry.line + from });
      if (sync === -1) {
        // Tokenized to the end of the text.
        const gate = nextGate();
        return gate && { statements: Int32Array.from(statements), entries, gate };
      }
      settled = sync;
      // The shift at `sync`: after every change that ends at or before it.
      while (covered < changes.length && changes[covered]!.bTo <= sync) {
        shiftThere = shiftAfter(changes[covered]!);
        covered++;
      }
      shift = shiftThere;
      next = covered;
      break;
    }
  }
  copy(settled - shift, Number.MAX_SAFE_INTEGER, shift);
  const gate = nextGate();
  return gate && { statements: Int32Array.from(statements), entries, gate };

  /**
   * The gate's lines: the base's away from every change (a match starting there reads only
   * unchanged text), and those found again on the lines from which a match can reach a change.
   */
  function nextGate(): Int32Array | undefined {
    const startOf = (own: Int32Array, line: number, length: number) => own[line] ?? length;
    const reachFrom = (own: Int32Array, line: number, length: number) =>
      lineIndexAt(own, Math.max(0, startOf(own, line, length) - GATE_REACH));
    const lines: number[] = [];
    let k = 0;
    let moved = 0;
    for (const change of changes) {
      const zoneFrom = reachFrom(baseStarts, change.aFrom, versions.baseLength);
      for (; k < base.gate.length && (base.gate[k] ?? 0) - 1 < zoneFrom; k++)
        lines.push((base.gate[k] ?? 0) + moved);
      while (k < base.gate.length && (base.gate[k] ?? 0) - 1 < change.aTo) k++;
      // The next version's lines that can reach this change, found again.
      const from = reachFrom(starts, change.bFrom, versions.length);
      const to = Math.min(
        lineCount,
        lineIndexAt(starts, startOf(starts, change.bTo, versions.length) + GATE_REACH) + 1,
      );
      const window = text(from, to);
      if (window === undefined) return undefined;
      for (const line of gateLines(window, from))
        if (line - 1 < change.bTo && lines[lines.length - 1] !== line) lines.push(line);
      moved = shiftAfter(change);
    }
    for (; k < base.gate.length; k++) lines.push((base.gate[k] ?? 0) + moved);
    // Zones of changes close together overlap: one list, in order.
    return Int32Array.from(new Set(lines)).sort();
  }
}

// ---------------------------------------------------------------------------------------------
// JSON and notebooks

/**
 * JSON escapes that hide text a detector looks for: `\/` (so `https:\/\/hooks.slack.com\/…` and
 * `postgres:\/\/user:pass@…` are not URLs to a pattern) and `\uXXXX` for an ASCII character
 * (encoders escape non-ASCII, so an escaped ASCII letter is deliberate).
 */
const HIDING_ESCAPE = /\\(?:\/|u00([2-7][0-9a-fA-F]))/g;
/** A line that may hold a hiding escape (the view's lines are those it matches on). */
const JSON_GATE = /\\\/|\\u00/g;

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
