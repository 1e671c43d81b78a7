import { isAbsolute, relative, resolve } from 'node:path';
import type { GuardConfig } from '../config/config';
import type { HISTORY_MODES, OptionValues, ResolvedOptions } from '../config/options';
import { ConfigurationError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Redactor } from '../core/redactor';
import type { ScanBudget } from '../core/scan-budget';
import type { Finding } from '../core/types';
import type { UnreadableConfig } from '../guard/rule';
import type { GitClient } from '../git/git-client';
import type { ConfinedReader } from '../io/confined-reader';
import { readWorkflowFile, realPathOfWorkflowPath } from '../io/output-files';
import type { WorkspaceListing } from '../io/workspace';

/** The base branch whose rules decide a pull request (opened by `base-branch.ts`). */
export interface BaseBranch {
  /** The base commit (full id): the rules. */
  commit: string;
  /** Absolute path of the repository's top (the work tree). */
  top: string;
  /** Where the scanned root sits below `top` (`backend/`). */
  prefix: string;
  /** What was fetched to reach the base (a shallow clone), for the history report. */
  deepened?: string;
  /** A file of the base commit, by path below the scanned root; undefined when it has none. */
  readFile(path: string): Promise<string | undefined>;
}

/**
 * What every step of a scan shares: the scanned root, its readers, the merged options and the
 * run's redactor. Built once by `runScan`; the steps read it and return their findings and notes.
 */
export interface ScanContext {
  /** Absolute path of the scanned directory. */
  root: string;
  /** The path as the user gave it, for messages. */
  givenRoot: string;
  reader: ConfinedReader;
  /** One git client for the whole run: every git command goes through it, hardened. */
  git: GitClient;
  /** Where `root` sits in its repository (`backend/`), '' at the top. */
  prefix: string;
  listing: WorkspaceListing;
  /** The rules: the base branch's config on a pull request, else the scanned root's. */
  config: GuardConfig;
  /**
   * The pull request's own config (undefined without a base branch, or an unreadable one as
   * data): only compared with `config` for changes to the guard.
   */
  headConfig?: GuardConfig | UnreadableConfig;
  /** The base branch whose rules decide a pull request's verdict. */
  base?: BaseBranch;
  /** What the workflow set (flags or inputs), and only that. */
  given: OptionValues;
  options: ResolvedOptions;
  /** The production profile the settings are evaluated under. */
  env: Record<string, string>;
  redactor: Redactor;
  logger: Logger;
  /** The detectors' one time budget, shared by the tree and history steps. */
  budget: ScanBudget;
}

export type HistoryOption = (typeof HISTORY_MODES)[number];

/** What each step returns. */
export interface StepResult {
  findings: Finding[];
  notes: string[];
  /** What was not scanned (the run fails closed when anything is). */
  incomplete?: string[];
}

/** A path below the scanned root named from the repository's top (`backend/config/settings.py`). */
export function repositoryPath(context: Pick<ScanContext, 'prefix'>, path: string): string {
  return `${context.prefix}${path}`;
}

/**
 * A message's paths named from the repository's top: each word that is a file of the scanned
 * folder (alone, or as `file:line`) gets the folder's prefix. Words split at spaces, brackets and
 * quotes, so a path already named from the top (`web/x.py`, a file above the folder) is left
 * alone. One pass over the text.
 */
export function messagePathsFromTop(
  text: string,
  files: ReadonlySet<string>,
  prefix: string,
): string {
  if (prefix === '') return text;
  let out = '';
  let start = 0;
  const flush = (end: number) => {
    const word = text.slice(start, end);
    const colon = word.indexOf(':');
    let path = colon < 0 ? word : word.slice(0, colon);
    // A sentence's last word: `... in proj/settings.py.`
    if (!files.has(path) && /[.,]$/.test(path)) path = path.slice(0, -1);
    out += path !== '' && files.has(path) ? `${prefix}${word}` : word;
  };
  for (let i = 0; i < text.length; i++) {
    if (!WORD_BOUNDARY.has(text[i]!)) continue;
    flush(i);
    out += text[i];
    start = i + 1;
  }
  flush(text.length);
  return out;
}

const WORD_BOUNDARY = new Set([
  ' ',
  '\n',
  '\t',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '`',
  ',',
  ';',
  '<',
  '>',
]);

/**
 * Whether an absolute path lies inside the scanned repository's work tree (symlinks resolved as
 * far as the path exists), where the scanned commits decide what a file holds.
 */
export function isInsideWorkTree(
  context: Pick<ScanContext, 'root' | 'prefix'>,
  path: string,
): boolean {
  const top = realPathOfWorkflowPath(repositoryTop(context));
  const fromTop = relative(top, realPathOfWorkflowPath(path));
  return !fromTop.startsWith('..') && !isAbsolute(fromTop);
}

/** The repository's top directory: the scanned root without its prefix. */
export function repositoryTop(context: Pick<ScanContext, 'root' | 'prefix'>): string {
  const depth = context.prefix.split('/').filter(Boolean).length;
  return resolve(context.root, ...Array<string>(depth).fill('..'));
}

export function resolveFrom(root: string, path: string): string {
  return isAbsolute(path) ? path : resolve(root, path);
}

/**
 * A file named either by the workflow (flag or input: trusted, may be anywhere) or by the
 * repository's own config (untrusted: a repository path, read through the confined reader; the
 * config reader has already refused absolute paths and `..`).
 */
export type NamedFile = { path: string; from: 'workflow' } | { path: string; from: 'repository' };

export function namedFile(
  given: string | undefined,
  resolved: string | undefined,
): NamedFile | undefined {
  if (given !== undefined) return { path: given, from: 'workflow' };
  return resolved === undefined ? undefined : { path: resolved, from: 'repository' };
}

/**
 * Reads a named file. A repository file that is missing, a symlink leading outside, or not a
 * regular file reads as undefined (and the reader notes the symlink).
 */
export function readNamedFile(
  file: NamedFile,
  root: string,
  reader: ConfinedReader,
): string | undefined {
  if (file.from === 'workflow') return readWorkflowFile(resolveFrom(root, file.path));
  const read = reader.readText(file.path);
  if (read.kind === 'outside')
    throw new ConfigurationError(
      `${file.path} leads outside the repository (a symlink?); it was not read`,
    );
  return read.kind === 'text' ? read.content : undefined;
}
