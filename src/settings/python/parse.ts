/**
 * Python parsing for the settings evaluator.
 *
 * Why @lezer/python: it is pure JavaScript (bundles into ncc's dist/ with no wasm or native
 * asset, unlike tree-sitter), it is error-tolerant (a syntax error yields `⚠` nodes inside an
 * otherwise usable tree, so one broken line does not hide the rest of the settings), and it is
 * fast (throughput is measured in bench/settings.bench.ts).
 */
import { parser } from '@lezer/python';
import type { SyntaxNode, Tree } from '@lezer/common';
import type { Diagnostic } from '../snapshot';

export interface ParsedModule {
  file: string;
  source: string;
  tree: Tree;
  /** One error diagnostic per syntax error region (capped), naming the file and line. */
  diagnostics: Diagnostic[];
  /**
   * Start offsets of statements that contain a syntax error directly (not only in a nested
   * body). The evaluator does not run them; their assignment targets become Unknown.
   */
  brokenStatements: Set<number>;
  /** 1-based line of an offset. */
  lineAt(offset: number): number;
}

/** At most this many syntax-error diagnostics per file; the rest are summarised. */
const MAX_SYNTAX_DIAGNOSTICS = 20;

export function isStatementNode(name: string): boolean {
  return (
    name.endsWith('Statement') ||
    name === 'FunctionDefinition' ||
    name === 'ClassDefinition' ||
    name === 'StatementGroup'
  );
}

/** CPython refuses more than 200 nested brackets ("too many nested parentheses"). */
const MAX_BRACKET_DEPTH = 200;

/**
 * Lines whose bracket nesting exceeds CPython's limit. lezer builds its tree recursively and
 * overflows the JS stack on ~10k nested brackets, so such lines are cut before parsing (the file
 * is not valid Python anyway). Strings and comments are skipped roughly; good enough for a guard.
 */
function findTooDeepLines(source: string): Set<number> {
  const lines = new Set<number>();
  let depth = 0;
  let line = 1;
  let quote = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\n') line++;
    if (quote) {
      if (ch === '\\') {
        if (source[++i] === '\n') line++;
      } else if (source.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = '';
      } else if (ch === '\n' && quote.length === 1) quote = '';
      continue;
    }
    if (ch === '#') {
      const nl = source.indexOf('\n', i);
      i = (nl === -1 ? source.length : nl) - 1;
    } else if (ch === '"' || ch === "'") {
      quote = source.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      i += quote.length - 1;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      if (++depth > MAX_BRACKET_DEPTH) lines.add(line);
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return lines;
}

/** Replaces too-deep lines by their text before the first bracket plus an invalid token. */
function cutTooDeepLines(source: string, lines: Set<number>): string {
  return source
    .split('\n')
    .map((text, i) => {
      if (!lines.has(i + 1)) return text;
      const first = text.search(/[([{]/);
      const prefix = first > 0 && !/["'#]/.test(text.slice(0, first)) ? text.slice(0, first) : '';
      // `$` is never valid Python: the statement becomes a syntax error confined to this line.
      return `${prefix}$`;
    })
    .join('\n');
}

/** Parses Python source; never throws (lezer recovers from any input). */
export function parsePython(source: string, file: string): ParsedModule {
  const tooDeep = findTooDeepLines(source);
  // The interpreter slices node text from `source`, so it must be the text that was parsed.
  source = tooDeep.size ? cutTooDeepLines(source, tooDeep) : source;
  let tree: Tree;
  try {
    tree = parser.parse(source);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    source = '';
    tree = parser.parse('');
    tooDeep.add(1);
  }
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1))
    lineStarts.push(i + 1);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const diagnostics: Diagnostic[] = [...tooDeep].slice(0, MAX_SYNTAX_DIAGNOSTICS).map((line) => ({
    severity: 'error' as const,
    file,
    line,
    message: `invalid Python syntax: more than ${MAX_BRACKET_DEPTH} nested brackets; line not evaluated`,
  }));
  const brokenStatements = new Set<number>();
  let errors = 0;
  let lastLine = -1;
  // Iterative cursor walk: a recursive walk would overflow on deeply nested input.
  const cursor = tree.cursor();
  for (;;) {
    if (cursor.type.isError) {
      const node: SyntaxNode = cursor.node;
      let statementStart: number | undefined;
      for (let up = node.parent; up; up = up.parent) {
        if (isStatementNode(up.name) && up.name !== 'StatementGroup') {
          brokenStatements.add(up.from);
          statementStart = up.from;
          break;
        }
      }
      // Report the line of the statement that will not run (an unclosed bracket is only noticed
      // lines later), as Python's "'(' was never closed" does.
      const line = lineAt(statementStart ?? cursor.from);
      if (line !== lastLine) {
        errors++;
        lastLine = line;
        if (errors <= MAX_SYNTAX_DIAGNOSTICS) {
          const near = source
            .slice(cursor.from, cursor.from + 20)
            .split('\n')[0]!
            .trim();
          diagnostics.push({
            severity: 'error',
            file,
            line,
            message: `invalid Python syntax near ${near === '' ? 'end of line' : JSON.stringify(near)}`,
          });
        }
      }
    }
    if (cursor.firstChild()) continue;
    while (!cursor.nextSibling()) {
      if (!cursor.parent()) {
        if (errors > MAX_SYNTAX_DIAGNOSTICS) {
          diagnostics.push({
            severity: 'error',
            file,
            line: lastLine,
            message: `${errors - MAX_SYNTAX_DIAGNOSTICS} more syntax errors not shown`,
          });
        }
        return { file, source, tree, diagnostics, brokenStatements, lineAt };
      }
    }
  }
}

/** First child that is not a comment (lezer keeps comments as nodes inside expressions). */
export function firstKid(node: SyntaxNode | null | undefined): SyntaxNode | null {
  let c = node?.firstChild ?? null;
  while (c?.name === 'Comment') c = c.nextSibling;
  return c;
}

/** Next sibling that is not a comment. */
export function nextKid(node: SyntaxNode | null | undefined): SyntaxNode | null {
  let c = node?.nextSibling ?? null;
  while (c?.name === 'Comment') c = c.nextSibling;
  return c;
}

/** Last child that is not a comment. */
export function lastKid(node: SyntaxNode | null | undefined): SyntaxNode | null {
  let c = node?.lastChild ?? null;
  while (c?.name === 'Comment') c = c.prevSibling;
  return c;
}
