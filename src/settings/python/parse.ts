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

/** Parses Python source; never throws (lezer recovers from any input). */
export function parsePython(source: string, file: string): ParsedModule {
  const tree = parser.parse(source);
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
  const diagnostics: Diagnostic[] = [];
  const brokenStatements = new Set<number>();
  let errors = 0;
  let lastLine = -1;
  // Iterative cursor walk: a recursive walk would overflow on deeply nested input.
  const cursor = tree.cursor();
  for (;;) {
    if (cursor.type.isError) {
      const node: SyntaxNode = cursor.node;
      for (let up = node.parent; up; up = up.parent) {
        if (isStatementNode(up.name) && up.name !== 'StatementGroup') {
          brokenStatements.add(up.from);
          break;
        }
      }
      const line = lineAt(cursor.from);
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
