import type { SyntaxNode } from '@lezer/common';
import { firstKid, nextKid, parsePython, type ParsedModule } from '../settings/python/parse';

/**
 * What a fix needs to know about a settings file's text: where a top-level assignment starts and
 * ends, where the last top-level import is, and which env library the project reads with. Read
 * with the evaluator's own parser, so a fix edits the statement the evaluator ran. Pure.
 */

export interface StatementSpan {
  /** 1-based, inclusive: the statement occupies these lines whole. */
  startLine: number;
  endLine: number;
  node: SyntaxNode;
  parsed: ParsedModule;
}

/**
 * The top-level `NAME = value` statement that starts on `line`, when it is the only thing on its
 * lines (a comment after it aside). Undefined for anything else (a branch, a tuple target, two
 * statements on one line): a fix then does not touch the file.
 */
export function findTopLevelAssignment(
  source: string,
  file: string,
  line: number,
  name: string,
): StatementSpan | undefined {
  const parsed = parsePython(source, file);
  for (const statement of parsed.statements) {
    if (parsed.lineAt(statement.from) !== line) continue;
    if (statement.name !== 'AssignStatement') return undefined;
    const target = firstKid(statement);
    const op = nextKid(target);
    if (target?.name !== 'VariableName' || source.slice(target.from, target.to) !== name)
      return undefined;
    if (op?.name !== 'AssignOp' || source.slice(op.from, op.to) !== '=') return undefined;
    // A chained `A = B = value` has a second `=`.
    if (nextKid(nextKid(op))?.name === 'AssignOp') return undefined;
    if (parsed.brokenStatements.has(statement.from)) return undefined;
    const end = statementEnd(source, statement);
    const startLine = line;
    const endLine = parsed.lineAt(end);
    const lineStart = source.lastIndexOf('\n', statement.from - 1) + 1;
    if (source.slice(lineStart, statement.from).trim() !== '') return undefined;
    const lineEnd = source.indexOf('\n', end);
    const rest = source.slice(end, lineEnd === -1 ? source.length : lineEnd).trim();
    if (rest !== '' && !rest.startsWith('#')) return undefined;
    return { startLine, endLine, node: statement, parsed };
  }
  return undefined;
}

/** Where a statement's own text ends (lezer's node may take the newline with it). */
function statementEnd(source: string, statement: SyntaxNode): number {
  let end = statement.to;
  while (end > statement.from && /\s/.test(source[end - 1]!)) end--;
  return end;
}

/** The line a top-level statement's text ends on. */
export function endLineOf(parsed: ParsedModule, node: SyntaxNode): number {
  return parsed.lineAt(statementEnd(parsed.source, node));
}

/**
 * The last line of the module's last top-level import (0 when it has none): overrides go right
 * after it, so they come after `from .base import *` and before the module's own settings.
 */
export function lastTopLevelImportLine(source: string, file: string): number {
  const parsed = parsePython(source, file);
  let last = 0;
  for (const statement of parsed.statements) {
    if (statement.name === 'ImportStatement') last = endLineOf(parsed, statement);
  }
  return last;
}

/** The project's way of reading the environment, from the settings files the evaluation read. */
export type EnvStyle =
  { library: 'django-environ'; name: string } | { library: 'decouple' } | { library: 'os' };

// `env = environ.Env(...)` or `env = Env(...)` at the start of a line.
const ENVIRON_BINDING = /^([A-Za-z_]\w{0,40}) {0,8}= {0,8}(?:environ\.)?Env\(/m;
const DECOUPLE_IMPORT = /^from decouple import [^\n]{0,200}\bconfig\b/m;

export interface EnvStyleFinding {
  style: EnvStyle;
  /** The file that binds the reader (`env`, `config`, `os`), when one does. */
  boundIn?: string;
}

/**
 * django-environ when a settings file binds `environ.Env()`, python-decouple when one imports
 * `config`, else `os.environ`. The production module's own choice wins over its bases'.
 */
export function detectEnvStyle(
  texts: readonly { file: string; source: string }[],
): EnvStyleFinding {
  for (const { file, source } of texts) {
    const environ = ENVIRON_BINDING.exec(source);
    if (environ) return { style: { library: 'django-environ', name: environ[1]! }, boundIn: file };
    if (DECOUPLE_IMPORT.test(source)) return { style: { library: 'decouple' }, boundIn: file };
  }
  const withOs = texts.find(({ source }) => /^import os\b/m.test(source));
  return withOs ? { style: { library: 'os' }, boundIn: withOs.file } : { style: { library: 'os' } };
}

/** Whether `module` star-imports (`from x import *`) another module: a base's names reach it. */
export function hasStarImport(source: string): boolean {
  return /^from [\w.]{1,200} import \*/m.test(source);
}

/** A Python string literal of `text` (double quotes, escapes as repr would need). */
export function pyString(text: string): string {
  return JSON.stringify(text);
}
