import type { FixEdit } from '../core/types';
import type { ResolvedSetting, SettingsCheckContext } from '../settings/rule';
import {
  detectEnvStyle,
  findTopLevelAssignment,
  hasStarImport,
  lastTopLevelImportLine,
  pyString,
  type EnvStyle,
} from './python-source';

/**
 * Edits that set one setting in the production settings module: the assignment itself when the
 * production module makes it, else an override right after its last import. A value that comes
 * from a base module is overridden, never edited in the base: other modules (local, test) import
 * it too.
 */

/** The env library the project reads with, and whether the production module can use it as is. */
export interface EnvReader {
  style: EnvStyle;
  /** Import lines the production module needs before it can call the reader. */
  imports: string[];
}

/** Text lines of a repository file (without line ends), or undefined. */
export function fileLines(ctx: SettingsCheckContext, file: string): string[] | undefined {
  return ctx.files.read(file)?.split(/\r\n|\r|\n/);
}

function settingsTexts(ctx: SettingsCheckContext): { file: string; source: string }[] {
  const production = ctx.snapshot.file;
  const files = [production, ...ctx.snapshot.filesRead.filter((f) => f !== production)];
  return files.flatMap((file) => {
    const source = ctx.files.read(file);
    return source === undefined ? [] : [{ file, source }];
  });
}

/**
 * The project's env reader for the production module, with the imports it lacks: a reader bound
 * in a base module reaches the production module through its `from .base import *`.
 */
export function envReaderFor(ctx: SettingsCheckContext, needsCsv = false): EnvReader {
  const texts = settingsTexts(ctx);
  const { style, boundIn } = detectEnvStyle(texts);
  const production = texts[0]?.source ?? '';
  const reachable =
    boundIn === ctx.snapshot.file || (boundIn !== undefined && hasStarImport(production));
  const imports: string[] = [];
  if (style.library === 'django-environ' && !reachable)
    imports.push('import environ', `${style.name} = environ.Env()`);
  if (style.library === 'decouple' && !reachable) imports.push('from decouple import config');
  if (style.library === 'os' && !reachable) imports.push('import os');
  if (style.library === 'decouple' && needsCsv) {
    const csvBound = texts.some(({ source }) =>
      /^from decouple import [^\n]{0,200}\bCsv\b/m.test(source),
    );
    if (!csvBound || !hasStarImport(production)) {
      if (!/^from decouple import [^\n]{0,200}\bCsv\b/m.test(production))
        imports.push('from decouple import Csv');
    }
  }
  return { style, imports };
}

export type EnvCast = 'str' | 'bool' | 'int' | 'list';

/**
 * An env read in the project's style. `fallback` is Python source for the default (omitted: the
 * variable is required and a missing one stops the start).
 */
export function envRead(style: EnvStyle, cast: EnvCast, name: string, fallback?: string): string {
  const key = pyString(name);
  switch (style.library) {
    case 'django-environ': {
      const method = cast === 'str' ? '' : `.${cast}`;
      return `${style.name}${method}(${key}${fallback !== undefined ? `, default=${fallback}` : ''})`;
    }
    case 'decouple': {
      const castArg =
        cast === 'bool'
          ? ', cast=bool'
          : cast === 'int'
            ? ', cast=int'
            : cast === 'list'
              ? ', cast=Csv()'
              : '';
      return `config(${key}${fallback !== undefined ? `, default=${fallback}` : ''}${castArg})`;
    }
    case 'os':
      switch (cast) {
        case 'str':
          return fallback !== undefined
            ? `os.environ.get(${key}, ${fallback})`
            : `os.environ[${key}]`;
        case 'bool':
          // `bool('False')` is True: compare the text instead.
          return `os.environ.get(${key}, ${pyString(fallback === 'True' ? 'True' : 'False')}) == "True"`;
        case 'int':
          return `int(os.environ.get(${key}, ${pyString(fallback ?? '0')}))`;
        case 'list':
          return `os.environ[${key}].split(",")`;
      }
  }
}

export interface SettingEditOptions {
  /** Further lines placed right after the setting's own (e.g. CORS_ALLOWED_ORIGINS). */
  following?: string[];
  /** Import lines the new text needs (from `envReaderFor`). */
  imports?: string[];
}

/**
 * Edits that make the production module assign `lines` (the `NAME = …` statement) for `setting`.
 * Undefined when the production module assigns it in a shape a line edit can't safely replace
 * (inside a branch, several targets), or a file can't be read.
 */
export function setSettingEdits(
  ctx: SettingsCheckContext,
  setting: ResolvedSetting,
  lines: string[],
  options: SettingEditOptions = {},
): FixEdit[] | undefined {
  const production = ctx.snapshot.file;
  const source = ctx.files.read(production);
  if (source === undefined) return undefined;
  const body = [...lines, ...(options.following ?? [])];
  const importLine = lastTopLevelImportLine(source, production);
  const anchor = source.split(/\r\n|\r|\n/)[Math.max(1, importLine) - 1] ?? '';
  const edits: FixEdit[] = [];
  if (options.imports?.length)
    edits.push({
      kind: 'insert',
      file: production,
      afterLine: importLine,
      anchor,
      lines: options.imports,
    });
  const at = setting.isDefault ? undefined : setting.provenance;
  if (at !== undefined && at.file === production) {
    const span = findTopLevelAssignment(source, production, at.line, setting.name);
    if (span === undefined) return undefined;
    edits.push({
      kind: 'replace',
      file: production,
      startLine: span.startLine,
      endLine: span.endLine,
      lines: body,
    });
    return edits;
  }
  edits.push({ kind: 'insert', file: production, afterLine: importLine, anchor, lines: body });
  return edits;
}
