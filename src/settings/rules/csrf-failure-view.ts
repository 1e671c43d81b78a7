import type { SyntaxNode } from '@lezer/common';
import { resolveModuleFile } from '../eval';
import { parsePython } from '../python/parse';
import type { ResolvedSetting, SettingsCheckContext } from '../rule';

/**
 * Static stand-in for Django's `check_csrf_failure_view` (django/core/checks/security/csrf.py):
 * resolve CSRF_FAILURE_VIEW inside the repository, never by importing it.
 * https://github.com/django/django/blob/main/django/core/checks/security/csrf.py
 */

export const DEFAULT_CSRF_FAILURE_VIEW = 'django.views.csrf.csrf_failure';

export type FailureViewResolution =
  | { kind: 'ok' }
  /** E102: Django's `get_callable` would raise ImportError. */
  | { kind: 'not-importable'; reason: string }
  /**
   * `get_callable` would raise ViewDoesNotExist (the module's parent imports but lacks it, or the
   * module lacks the name): not an ImportError, so Django's check crashes instead of giving E102.
   */
  | { kind: 'does-not-exist'; reason: string }
  /** E101: `inspect.signature(view).bind(None, reason=None)` would raise TypeError. */
  | { kind: 'bad-signature'; reason: string; file: string; line: number }
  /** Can't be decided statically: the value is Unknown, or the view lives outside the repo. */
  | { kind: 'unknown'; reason: string };

interface Param {
  kind: 'posonly' | 'pos' | 'kwonly' | 'varargs' | 'varkw';
  name: string;
  hasDefault: boolean;
}

/** Splits a parameter list's inner text on top-level commas (brackets and strings respected). */
function splitParams(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote !== undefined) {
      if (ch === '\\') {
        current += ch + (text[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts.filter((p) => p !== '');
}

/** Parameters of `def f(...)` from the ParamList text `( ... )`. */
export function parseParams(paramListText: string): Param[] {
  const parts = splitParams(paramListText.replace(/^\(/, '').replace(/\)$/, ''));
  const params: Param[] = [];
  let keywordOnly = false;
  for (const part of parts) {
    if (part === '/') {
      for (const p of params) if (p.kind === 'pos') p.kind = 'posonly';
      continue;
    }
    if (part === '*') {
      keywordOnly = true;
      continue;
    }
    const name = /^\**\s*([A-Za-z_]\w*)/u.exec(part)?.[1] ?? part;
    if (part.startsWith('**')) params.push({ kind: 'varkw', name, hasDefault: false });
    else if (part.startsWith('*')) {
      params.push({ kind: 'varargs', name, hasDefault: false });
      keywordOnly = true;
    } else {
      const hasDefault = /^[^=]*?(?::[^=]*)?=/.test(part);
      params.push({ kind: keywordOnly ? 'kwonly' : 'pos', name, hasDefault });
    }
  }
  return params;
}

/** Why `bind(None, reason=None)` fails for these parameters, or undefined when it binds. */
export function bindFailure(params: readonly Param[]): string | undefined {
  const bound = new Set<Param>();
  const positional = params.find((p) => p.kind === 'posonly' || p.kind === 'pos');
  if (positional) bound.add(positional);
  else if (!params.some((p) => p.kind === 'varargs')) return 'it takes no positional argument';
  const reason = params.find(
    (p) => p.name === 'reason' && (p.kind === 'pos' || p.kind === 'kwonly'),
  );
  if (reason !== undefined) {
    if (bound.has(reason)) return "its first parameter is named 'reason', so reason= binds twice";
    bound.add(reason);
  } else if (!params.some((p) => p.kind === 'varkw')) {
    return "it has no 'reason' keyword parameter";
  }
  const missing = params.filter(
    (p) => !bound.has(p) && !p.hasDefault && p.kind !== 'varargs' && p.kind !== 'varkw',
  );
  if (missing.length > 0)
    return `it requires more arguments (${missing.map((p) => p.name).join(', ')})`;
  return undefined;
}

/** Top-level statement that defines `name` in a module, by kind. */
function findDefinition(
  top: SyntaxNode,
  source: string,
  name: string,
): { kind: 'def'; node: SyntaxNode } | { kind: 'other' } | { kind: 'star' } | undefined {
  let starImport = false;
  for (let stmt = top.firstChild; stmt; stmt = stmt.nextSibling) {
    const node = stmt.name === 'DecoratedStatement' ? stmt.lastChild : stmt;
    if (!node) continue;
    const text = (n: SyntaxNode | null) => (n ? source.slice(n.from, n.to) : '');
    if (node.name === 'FunctionDefinition' || node.name === 'ClassDefinition') {
      const id = node.getChild('VariableName');
      if (text(id) === name)
        return node.name === 'FunctionDefinition' ? { kind: 'def', node } : { kind: 'other' };
      continue;
    }
    const stmtText = text(node);
    if (node.name === 'ImportStatement') {
      if (/\bimport\s+\*/.test(stmtText)) starImport = true;
      if (new RegExp(`\\b${name}\\b`).test(stmtText.replace(/^from\s+\S+/, '')))
        return { kind: 'other' };
      continue;
    }
    if (node.name === 'AssignStatement' && new RegExp(`^${name}\\s*(?::[^=]*)?=`).test(stmtText))
      return { kind: 'other' };
  }
  return starImport ? { kind: 'star' } : undefined;
}

/** Resolves CSRF_FAILURE_VIEW against the repository, as Django's check would see it. */
export function resolveFailureView(
  ctx: SettingsCheckContext,
  setting: ResolvedSetting,
): FailureViewResolution {
  const value = setting.value;
  if (value.kind === 'unknown') return { kind: 'unknown', reason: value.reason };
  // get_callable accepts a callable object too; the evaluator can't model those.
  if (value.kind !== 'str') return { kind: 'unknown', reason: `a ${value.kind} value` };
  const path = value.value;
  if (path === DEFAULT_CSRF_FAILURE_VIEW) return { kind: 'ok' };
  const dot = path.lastIndexOf('.');
  if (dot <= 0 || dot === path.length - 1)
    return { kind: 'not-importable', reason: 'the path must be a fully qualified dotted name' };
  const moduleName = path.slice(0, dot);
  const attribute = path.slice(dot + 1);
  const paths = [...ctx.pythonPaths];
  const file = resolveModuleFile(moduleName, paths, ctx.files);
  if (file === undefined) {
    // A module missing from a package that lives in the repo can't be imported either.
    const topPackage = moduleName.split('.')[0]!;
    // Python 3 imports a plain directory as a namespace package, so a directory is enough.
    const searchPaths = paths.length === 0 ? [''] : paths;
    const isRepoPackageDir = (dotted: string) =>
      searchPaths.some((dir) => {
        const rel = dotted.split('.').join('/');
        return ctx.files.isDirectory(
          dir === '' || dir === '.' ? rel : `${dir.replace(/\/+$/, '')}/${rel}`,
        );
      });
    if (isRepoPackageDir(topPackage) && moduleName.includes('.')) {
      // get_callable: the import fails, then it imports the parent; a parent that imports but
      // has no such submodule is ViewDoesNotExist, a parent that fails to import is ImportError.
      const parent = moduleName.slice(0, moduleName.lastIndexOf('.'));
      if (resolveModuleFile(parent, paths, ctx.files) !== undefined || isRepoPackageDir(parent))
        return {
          kind: 'does-not-exist',
          reason: `module ${moduleName} does not exist in the repository (its package ${parent} does)`,
        };
      return {
        kind: 'not-importable',
        reason: `module ${moduleName} does not exist in the repository`,
      };
    }
    return {
      kind: 'unknown',
      reason: `module ${moduleName} is not in the repository (installed package?)`,
    };
  }
  const source = ctx.files.read(file);
  if (source === undefined) return { kind: 'unknown', reason: `${file} could not be read` };
  const parsed = parsePython(source, file);
  const found = findDefinition(parsed.tree.topNode, source, attribute);
  if (found === undefined)
    return { kind: 'does-not-exist', reason: `${file} defines no ${attribute}` };
  if (found.kind === 'star')
    return { kind: 'unknown', reason: `${file} may define ${attribute} through a star import` };
  if (found.kind === 'other')
    return { kind: 'unknown', reason: `${attribute} in ${file} is not a plain function` };
  const paramList = found.node.getChild('ParamList');
  const params = parseParams(paramList ? source.slice(paramList.from, paramList.to) : '()');
  const failure = bindFailure(params);
  if (failure === undefined) return { kind: 'ok' };
  return { kind: 'bad-signature', reason: failure, file, line: parsed.lineAt(found.node.from) };
}
