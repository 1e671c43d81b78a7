import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { GuardConfig } from '../config/config';
import { loadConfig } from '../config/load-config';
import { unreadableConfig } from '../guard/changes';
import type { UnreadableConfig } from '../guard/rule';
import { resolveOptions, type OptionValues, type ResolvedOptions } from '../config/options';
import { parseEnvAssignments } from '../dotenv';
import { ConfigurationError } from '../core/errors';
import type { Logger } from '../core/logger';
import { Redactor } from '../core/redactor';
import { budgetFromEnv, createScanBudget, describeBudgetSkips } from '../core/scan-budget';
import type { ScanResult, ScanSummary } from '../core/scan-result';
import { secretValuesOfEnvironment } from '../core/secret-names';
import { sortFindings, summarizeFindings } from '../core/summarize';
import type { Finding } from '../core/types';
import { createGitClient } from '../git/git-client';
import type { HistoryScanOptions } from '../history/scan-history';
import { createConfinedReader, type ConfinedReader } from '../io/confined-reader';
import { kindOfWorkflowPath } from '../io/output-files';
import { listWorkspaceFiles, readHeadCommit, readRepositoryPrefix } from '../io/workspace';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import { compareWithBase } from './delta-step';
import { scanDependencies } from './dependency-step';
import { checkGuardChanges, withoutAddedIgnores } from './guard-step';
import { scanHistory } from './history-step';
import { applyPolicy } from './policy-step';
import { loadBaseConfig, openBaseBranch, readRuleFile } from './base-branch';
import {
  namedFile,
  repositoryPath,
  repositoryTop,
  resolveFrom,
  type HistoryOption,
  type ScanContext,
  messagePathsFromTop,
} from './scan-context';
import { scanSettings } from './settings-step';
import { scanTree, type StagedSelection } from './tree-step';

export type { HistoryOption } from './scan-context';

/** Everything a scan needs from its adapter (the CLI or the action). */
export interface ScanOptions {
  /** The directory to scan (a Django project, usually a git work tree). */
  root: string;
  /**
   * What the workflow set (CLI flags or action inputs), and only that: the config file fills the
   * gaps, then `surfaceDefaults`, then the schema's defaults (`resolveOptions`).
   */
  given: OptionValues;
  /** Defaults of the adapter that beat the schema's (the action: the range from the event). */
  surfaceDefaults?: OptionValues;
  /**
   * `history: range` without a base: a usage error (the CLI, where the user asked for it), or a
   * full scan with a note (the action, when neither the inputs nor the event give a range).
   */
  rangeWithoutBase?: 'error' | 'full';
  logger: Logger;
  progress?: HistoryScanOptions['progress'];
  /**
   * The run's redactor: the scan registers every secret value it meets (detected secrets, the
   * production profile's credentials, secret settings and their defaults), and the result it
   * returns has been through it. The adapters pass the same one to every output channel.
   */
  redactor?: Redactor;
  /**
   * The base branch's rules decide the verdict (config, baseline, allowlist, inline ignores and
   * env file read from the base commit; changes to them reported; findings marked new or
   * existing) whenever a base is given: the CLI with `--base`, the action on pull-request events.
   */
  verdictFromBase?: boolean;
  /**
   * With `staged`: what to read from the index, as named (relative to `root`): a directory (`.`,
   * `app`, the repository itself) limits the scan to the staged changes below it; a file is read
   * as staged (one not in the index is an error). Default: every staged change. The repository
   * scanned is the one holding `root`, from its top, as `git commit` sees it.
   */
  stagedPaths?: readonly string[];
  /**
   * The ISO date the pinned versions are judged on (support dates); default the clock. The
   * adapters pass `todayFrom(env)`, which honours SOURCE_DATE_EPOCH.
   */
  today?: string;
  /** The detectors' time budget; default from DDG_DETECTOR_BUDGET_SECONDS (core/scan-budget.ts). */
  detectorBudgetMs?: number;
}

export interface ScanOutcome {
  /** Already redacted. */
  result: ScanResult;
  /** The options the scan ran with, after the merge with the config file. */
  options: ResolvedOptions;
  /** Set when `updateBaseline` wrote a file. */
  baselineWritten?: string;
  /** Where the scanned root sits in its repository (`backend/`); finding paths start with it. */
  repositoryPrefix: string;
}

/**
 * The one pipeline behind the CLI and the action: the tree's secrets and file rules, the settings
 * deploy check, history, then the policy (config, baseline) and the threshold decision.
 */
export async function runScan(scan: ScanOptions): Promise<ScanOutcome> {
  const { context, historyMode, notes, stagedSelection } = await prepareScan(scan);
  const tree = await scanTree(context, stagedSelection);
  const guard = await checkGuardChanges(context, tree.withInlineIgnores);
  const settings = scanSettings(context, tree.readable);
  const dependencies = scanDependencies(
    context,
    tree.readable,
    scan.today ?? new Date().toISOString().slice(0, 10),
  );
  const history = await scanHistory(context, historyMode, scan.progress);
  const policy = await applyPolicy(
    context,
    withoutAddedIgnores(
      [
        ...guard.findings,
        ...tree.findings,
        ...settings.findings,
        ...dependencies.findings,
        ...history.findings,
      ],
      guard,
    ),
  );
  const delta = await compareWithBase(context, policy.findings);
  notes.push(...tree.notes, ...guard.notes, ...settings.notes, ...dependencies.notes);
  notes.push(...history.notes);
  notes.push(...policy.notes, ...delta.notes);
  notes.push(...context.reader.notes().map((path) => repositoryPath(context, path)));
  // What was not scanned: a git failure on a ref, the spent detector budget.
  const incomplete = [...(tree.incomplete ?? []), ...(history.incomplete ?? [])];
  const budgetSkips = describeBudgetSkips(context.budget);
  if (budgetSkips !== undefined) incomplete.push(budgetSkips);

  const scannedFiles = new Set(tree.readable);
  const findings = sortFindings(
    delta.findings.map((finding) => fromRepositoryTop(finding, context.prefix, scannedFiles)),
  );
  const commit = await readHeadCommit(context.git);
  const { options } = context;
  const result: ScanResult = {
    version: 2,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    ...(commit ? { commit } : {}),
    findings,
    ...(context.base ? { fixed: delta.fixed } : {}),
    summary: failClosed(
      summarizeFindings(findings, {
        failOn: options.failOn,
        failScope: options.failScope,
        undecided: options.undecided,
      }),
      incomplete,
    ),
    settings: settings.reports,
    history: history.coverage,
    notes,
    ...(incomplete.length > 0 ? { incomplete } : {}),
  };
  return {
    result: context.redactor.redactDeep(result),
    options,
    ...(policy.baselineWritten ? { baselineWritten: policy.baselineWritten } : {}),
    repositoryPrefix: context.prefix,
  };
}

/**
 * The run's context: the config merged with the workflow's options, the history mode, the
 * production profile (its credentials known to the redactor before anything is printed), the git
 * client and the listing of the files to scan.
 */
async function prepareScan(scan: ScanOptions): Promise<{
  context: ScanContext;
  historyMode: HistoryOption;
  notes: string[];
  stagedSelection?: StagedSelection;
}> {
  const redactor = scan.redactor ?? new Redactor();
  const { given } = scan;
  let root = resolve(scan.root);
  const kind = kindOfWorkflowPath(root);
  if (kind === 'missing') throw new ConfigurationError(`path not found: ${scan.root}`);
  if (kind === 'file' && !given.staged)
    throw new ConfigurationError(
      `${scan.root} is a file: scan takes the project's directory (to check files being committed, use scan --staged FILE...)`,
    );
  let git = createGitClient(root);
  let prefix = await readRepositoryPrefix(git);
  let stagedSelection: StagedSelection | undefined;
  if (given.staged) {
    // As `git commit` sees it: the repository holding the directory, from its top.
    const top = repositoryTop({ root, prefix });
    stagedSelection = selectStaged(scan.stagedPaths, root, top);
    if (top !== root) {
      root = top;
      git = createGitClient(root);
      prefix = '';
    }
  }
  let reader: ConfinedReader;
  try {
    reader = createConfinedReader(root);
  } catch {
    throw new ConfigurationError(`path not found: ${scan.root}`);
  }
  const base = scan.verdictFromBase
    ? await openBaseBranch({
        git,
        root,
        prefix,
        base: given.base ?? scan.surfaceDefaults?.base,
        head: given.head ?? scan.surfaceDefaults?.head,
        logger: scan.logger,
      })
    : undefined;
  const loadHeadConfig = () => loadConfig(reader, given.config, (path) => resolveFrom(root, path));
  let config: GuardConfig;
  let headConfig: GuardConfig | UnreadableConfig | undefined;
  if (base) {
    // The base branch's rules decide; the pull request's own config is only compared with them.
    config = await loadBaseConfig(base, root, given.config, reader);
    try {
      headConfig = loadHeadConfig();
    } catch (error) {
      headConfig = unreadableConfig(error);
    }
  } else config = loadHeadConfig();
  const options = resolveOptions(given, config.values, scan.surfaceDefaults);
  const notes: string[] = [];
  let historyMode = options.history;
  if (options.staged) {
    // A commit's content, not the repository's past: the config's history is for CI.
    if (given.history !== undefined && given.history !== 'off')
      throw new ConfigurationError('--staged scans the index; it does not take --history');
    historyMode = 'off';
  }
  if (historyMode === 'range' && !options.base) {
    if (scan.rangeWithoutBase !== 'full')
      throw new ConfigurationError('--history range needs --base REV (and optionally --head REV)');
    notes.push(
      'history range without a base (no `base` input, none in the event): scanned the full history',
    );
    historyMode = 'full';
  }

  // The production profile first: its credentials must be known before anything is printed.
  const envFile = namedFile(given.envFile, options.envFile);
  let envFromFile: Record<string, string> = {};
  if (envFile) {
    const text = await readRuleFile({ base, root, reader }, envFile);
    if (text === undefined) throw new ConfigurationError(`env file not found: ${envFile.path}`);
    envFromFile = parseEnvFileText(text, envFile.path);
  }
  const env = { ...envFromFile, ...options.env };
  for (const { value, pieces } of secretValuesOfEnvironment(env)) redactor.add(value, { pieces });

  // Findings and notes name paths from the repository's top (`backend/config/settings.py` when
  // the scan is of `backend/`); everything inside the scan works with paths below its root.
  const listing = await listWorkspaceFiles(root, git);
  if (options.staged && !listing.isGitRepository)
    throw new ConfigurationError(`--staged needs a git repository; ${scan.root} is not one`);
  const context: ScanContext = {
    root,
    givenRoot: scan.root,
    reader,
    git,
    prefix,
    listing,
    config,
    ...(headConfig ? { headConfig } : {}),
    ...(base ? { base } : {}),
    given,
    options,
    env,
    redactor,
    logger: scan.logger,
    budget: createScanBudget(scan.detectorBudgetMs ?? budgetFromEnv(process.env)),
  };
  return { context, historyMode, notes, ...(stagedSelection ? { stagedSelection } : {}) };
}

/** `--staged` paths, as named from `root`, sorted into directories and files from `top`. */
function selectStaged(
  paths: readonly string[] | undefined,
  root: string,
  top: string,
): StagedSelection | undefined {
  if (!paths || paths.length === 0) return undefined;
  const selection: StagedSelection = { dirs: [], files: [] };
  for (const path of paths) {
    const absolute = resolve(root, path);
    const fromTop = relative(top, absolute).split(sep).join('/');
    if (fromTop.startsWith('..') || isAbsolute(fromTop))
      throw new ConfigurationError(`--staged: ${path} is outside the repository`);
    if (kindOfWorkflowPath(absolute) === 'directory') selection.dirs.push(fromTop);
    else selection.files.push(fromTop);
  }
  return selection;
}

/** Parses an env file for the production profile; bad lines are an error (never quoted). */
function parseEnvFileText(text: string, path: string): Record<string, string> {
  const { values, invalidLines } = parseEnvAssignments(text);
  if (invalidLines.length > 0) {
    throw new ConfigurationError('expected KEY=VALUE', path, invalidLines[0]);
  }
  return values;
}

/** An incomplete scan fails, whatever its findings: what was not scanned may hold anything. */
function failClosed(summary: ScanSummary, incomplete: readonly string[]): ScanSummary {
  if (incomplete.length === 0) return summary;
  return {
    ...summary,
    failed: true,
    reason: `the scan is incomplete (${incomplete.join('; ')}); ${summary.reason}`,
  };
}

/**
 * Paths from the scanned root made relative to the repository's top, for every report: the
 * finding's files and the paths its message names.
 */
function fromRepositoryTop(finding: Finding, prefix: string, files: ReadonlySet<string>): Finding {
  if (prefix === '') return finding;
  return {
    ...finding,
    message: messagePathsFromTop(finding.message, files, prefix),
    file: `${prefix}${finding.file}`,
    locations: finding.locations.map((location) => ({
      ...location,
      file: `${prefix}${location.file}`,
    })),
    ...(finding.autofix
      ? {
          autofix: {
            ...finding.autofix,
            edits: finding.autofix.edits.map((edit) => ({
              ...edit,
              file: `${prefix}${edit.file}`,
            })),
          },
        }
      : {}),
  };
}
