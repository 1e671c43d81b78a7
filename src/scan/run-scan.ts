import { isAbsolute, relative, resolve, sep } from 'node:path';
import { policyOf } from '../config/config';
import { loadConfig } from '../config/load-config';
import {
  resolveOptions,
  type HISTORY_MODES,
  type OptionValues,
  type ResolvedOptions,
} from '../config/options';
import {
  applyBaseline,
  createBaseline,
  describeBaselineEntries,
  parseBaseline,
  serializeBaseline,
} from '../core/baseline';
import { parseEnvAssignments } from '../dotenv';
import { ConfigurationError } from '../core/errors';
import { runFileRules } from '../hardening/file-rule';
import { mergeFindings } from '../core/finding';
import { mergeSameProblemFindings } from '../core/same-problem';
import type { Logger } from '../core/logger';
import { applyConfigPolicy, describeAllowlistEntries } from '../core/policy';
import { Redactor } from '../core/redactor';
import { secretValuesOfEnvironment } from '../core/secret-names';
import type {
  HistoryCoverageReport,
  ScanResult,
  ScanSummary,
  SettingsModuleReport,
} from '../core/scan-result';
import { sortFindings, summarizeFindings } from '../core/summarize';
import type { Finding } from '../core/types';
import { isComposePath, productionEnvFilesOf } from '../hardening/deployment-files';
import { withProductionEnvFiles } from '../hardening/rules';
import { createGitClient, type GitClient } from '../git/git-client';
import { scanHistory, type HistoryScanOptions } from '../history/scan-history';
import { budgetFromEnv, createScanBudget, describeBudgetSkips } from '../core/scan-budget';
import { decodeBlob, DEFAULT_MAX_FILE_BYTES } from '../core/text-decode';
import { readStagedFiles } from '../git/staged';
import { createConfinedReader, type ConfinedReader, type ReadResult } from '../io/confined-reader';
import type { RepoFiles } from '../core/repo-files';
import { readWorkflowFile, writeOutputFile } from '../io/output-files';
import { listWorkspaceFiles, readHeadCommit, readRepositoryPrefix } from '../io/workspace';
import { allRules, fileRules, secretRules, settingsRules } from '../registry';
import {
  createHitOverflow,
  describeHitOverflow,
  runSecretRules,
  toSecretFinding,
  valuesToMask,
} from '../secrets/detect';
import { isVendoredPath } from '../secrets/path-context';
import { analyzeSettings } from '../settings/analyze';
import { fileFixFor, settingsFixFor } from '../fix';
import { TOOL_NAME, TOOL_VERSION } from '../version';

export type HistoryOption = (typeof HISTORY_MODES)[number];

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
  /** With `staged`: the files to read from the index (relative to `root`); default the changed ones. */
  stagedFiles?: readonly string[];
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
 * A file named either by the workflow (flag or input: trusted, may be anywhere) or by the
 * repository's own config (untrusted: a repository path, read through the confined reader; the
 * config reader has already refused absolute paths and `..`).
 */
type NamedFile = { path: string; from: 'workflow' } | { path: string; from: 'repository' };

function namedFile(given: string | undefined, resolved: string | undefined): NamedFile | undefined {
  if (given !== undefined) return { path: given, from: 'workflow' };
  return resolved === undefined ? undefined : { path: resolved, from: 'repository' };
}

/**
 * Reads a named file. A repository file that is missing, a symlink leading outside, or not a
 * regular file reads as undefined (and the reader notes the symlink).
 */
function readNamedFile(file: NamedFile, root: string, reader: ConfinedReader): string | undefined {
  if (file.from === 'workflow') return readWorkflowFile(resolveFrom(root, file.path));
  const read = reader.readText(file.path);
  if (read.kind === 'outside')
    throw new ConfigurationError(
      `${file.path} leads outside the repository (a symlink?); it was not read`,
    );
  return read.kind === 'text' ? read.content : undefined;
}

/**
 * The index's version of the files being committed (or of `paths`), decoded as the tree scan
 * decodes a file.
 */
async function readStagedTexts(
  git: GitClient,
  root: string,
  paths: readonly string[] | undefined,
): Promise<{ path: string; read: ReadResult }[]> {
  const normalized = paths?.map((path) => relative(root, resolve(root, path)).split(sep).join('/'));
  const staged = await readStagedFiles(git, normalized, DEFAULT_MAX_FILE_BYTES);
  return staged.map(({ path, content, truncated }) => {
    const text = content === undefined ? undefined : decodeBlob(content, truncated);
    const read: ReadResult =
      content === undefined
        ? { kind: 'missing' }
        : text === undefined
          ? { kind: 'binary' }
          : { kind: 'text', content: text, truncated };
    return { path, read };
  });
}

function resolveFrom(root: string, path: string): string {
  return isAbsolute(path) ? path : resolve(root, path);
}

/** Parses an env file for the production profile; bad lines are an error (never quoted). */
function parseEnvFileText(text: string, path: string): Record<string, string> {
  const { values, invalidLines } = parseEnvAssignments(text);
  if (invalidLines.length > 0) {
    throw new ConfigurationError('expected KEY=VALUE', path, invalidLines[0]);
  }
  return values;
}

/**
 * The one pipeline behind the CLI and the action: tree secrets and file rules, the settings
 * deploy check, history, then config policy, baseline and the threshold decision.
 */
export async function runScan(scan: ScanOptions): Promise<ScanOutcome> {
  const redactor = scan.redactor ?? new Redactor();
  const root = resolve(scan.root);
  let reader: ConfinedReader;
  try {
    reader = createConfinedReader(root);
  } catch {
    throw new ConfigurationError(`path not found: ${scan.root}`);
  }
  const { given } = scan;
  const config = loadConfig(reader, given.config, (path) => resolveFrom(root, path));
  const options = resolveOptions(given, config.values, scan.surfaceDefaults);
  const failOn = options.failOn;
  const notes: string[] = [];
  /** What was not scanned: the run fails closed when there is any. */
  const incomplete: string[] = [];
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
  const logger = scan.logger;

  // The production profile first: its credentials must be known before anything is printed.
  const envFile = namedFile(given.envFile, options.envFile);
  let envFromFile: Record<string, string> = {};
  if (envFile) {
    const text = readNamedFile(envFile, root, reader);
    if (text === undefined) throw new ConfigurationError(`env file not found: ${envFile.path}`);
    envFromFile = parseEnvFileText(text, envFile.path);
  }
  const env = { ...envFromFile, ...options.env };
  for (const { value, pieces } of secretValuesOfEnvironment(env)) redactor.add(value, { pieces });

  // Findings and notes name paths from the repository's top (`backend/config/settings.py` when
  // the scan is of `backend/`); everything inside the scan works with paths below its root.
  // One git client for the whole run: every git command goes through it, hardened.
  const git = createGitClient(root);
  const prefix = await readRepositoryPrefix(git);
  const repoPath = (path: string) => `${prefix}${path}`;

  // 1. Files in the working tree (or, with --staged, in the index): secrets and file rules.
  const listing = await listWorkspaceFiles(root, git);
  if (options.staged && !listing.isGitRepository)
    throw new ConfigurationError(`--staged needs a git repository; ${scan.root} is not one`);
  const files = reader.files;
  const findings: Finding[] = [];
  let skippedBinary = 0;
  const hitOverflow = createHitOverflow();
  const budget = createScanBudget(scan.detectorBudgetMs ?? budgetFromEnv(process.env));
  let skippedSpecial = 0;
  const kinds = new Map(listing.files.map((path) => [path, reader.classify(path)]));
  for (const kind of kinds.values()) if (kind === 'special') skippedSpecial++;
  // A symlink inside the repository is scanned where it points (when that file is listed), but
  // settings discovery and imports may go through it.
  const scannable = listing.files.filter((path) => kinds.get(path) === 'file');
  const readable = listing.files.filter(
    (path) => kinds.get(path) === 'file' || kinds.get(path) === 'symlink-inside',
  );
  // Env files that a production compose file loads (`env_file:`) are production env files too,
  // whatever their name: the file rules need that list before they run.
  const composeEnvFiles = scannable.filter(isComposePath).flatMap((path) => {
    const content = files.read(path);
    return content === undefined ? [] : productionEnvFilesOf({ path, content });
  });
  const activeFileRules = withProductionEnvFiles(fileRules, composeEnvFiles);
  let vendored = 0;
  // Committed virtualenvs and node_modules hold the libraries' test keys, not the project's:
  // there only a token that passes its format's validation (a checksum, a live key) counts.
  const toScan = options.staged
    ? await readStagedTexts(git, root, scan.stagedFiles)
    : scannable.map((path) => ({ path, read: reader.readText(path) }));
  for (const [position, { path, read }] of toScan.entries()) {
    if (budget.exceeded()) {
      for (const rest of toScan.slice(position)) budget.skip(repoPath(rest.path));
      break;
    }
    const isVendored = isVendoredPath(path);
    if (isVendored) vendored++;
    if (read.kind === 'binary') {
      skippedBinary++;
      continue;
    }
    if (read.kind !== 'text') continue;
    if (read.truncated)
      notes.push(`${repoPath(path)}: larger than 2 MiB; only the first 2 MiB were scanned`);
    const file = { path, content: read.content };
    for (const raw of runSecretRules(file, secretRules, undefined, hitOverflow)) {
      if (isVendored && !raw.match.validated) continue;
      for (const value of valuesToMask(raw)) redactor.add(value);
      const finding = toSecretFinding(raw);
      const autofix = fileFixFor(finding);
      findings.push(autofix ? { ...finding, autofix } : finding);
    }
    if (!isVendored) findings.push(...runFileRules(file, activeFileRules));
  }
  const skippedHits = describeHitOverflow({
    ...hitOverflow,
    paths: hitOverflow.paths.map(repoPath),
  });
  if (skippedHits !== undefined) notes.push(skippedHits);
  if (skippedSpecial > 0)
    notes.push(`${skippedSpecial} listed path(s) are not regular files (FIFO, device); not read`);
  logger.debug(`tree: ${listing.files.length} files, ${skippedBinary} binary skipped`);
  if (skippedBinary > 0)
    notes.push(
      `${skippedBinary} binary file(s) (not decodable as text) were not scanned for secrets`,
    );
  if (vendored > 0)
    notes.push(
      `${vendored} committed third-party files (site-packages/, venv/, .venv/, env/lib/python*/, node_modules/) were scanned only for tokens that pass their format's validation`,
    );

  // 2. Settings: the production settings module(s), evaluated statically.
  let settingsReports: SettingsModuleReport[] = [];
  if (options.staged)
    notes.push(
      '--staged: the staged files were scanned for secrets and file rules; the settings deploy check runs in a full scan',
    );
  else if (options.settingsCheck) {
    const settings = analyzeSettings({
      files,
      fileList: readable,
      env,
      rules: settingsRules,
      fixFor: settingsFixFor,
      ...(options.settingsModule?.length ? { settingsModules: options.settingsModule } : {}),
      ...(options.pythonPath?.length ? { pythonPaths: options.pythonPath } : {}),
      ...(options.djangoVersion ? { djangoVersion: options.djangoVersion } : {}),
      ...(prefix !== '' ? { repositoryTop: repositoryTop(root, prefix) } : {}),
    });
    redactor.addAll(settings.secretValues);
    findings.push(...settings.findings);
    settingsReports = settings.reports.map((report) => ({
      module: report.module,
      file: repoPath(report.file),
      reason: report.reason,
      djangoVersion: report.djangoVersion,
      djangoVersionSource: report.djangoVersionSource,
      envSet: report.envSet,
      envUnsetWithDefault: report.envUnsetWithDefault,
      ...(report.setAside ? { setAside: report.setAside } : {}),
    }));
    for (const report of settings.reports) {
      for (const d of report.diagnostics) {
        if (d.severity !== 'info') notes.push(`${repoPath(d.file)}:${d.line}: ${d.message}`);
      }
    }
    if (settings.reports.length === 0) {
      notes.push(...settings.discoveryNotes);
      notes.push('no Django settings module found; the settings deploy check did not run');
    }
  } else notes.push('the settings deploy check is off (settings-check: false)');

  // 3. History.
  let history: HistoryCoverageReport = {
    mode: 'off',
    commits: 0,
    blobs: 0,
    blobsFromCache: 0,
    shallow: false,
    warnings: [],
  };
  if (historyMode !== 'off') {
    if (!listing.isGitRepository)
      throw new ConfigurationError(
        `--history ${historyMode} needs a git repository; ${scan.root} is not one`,
      );
    const scanned = await scanHistory({
      repoDir: root,
      git,
      mode: historyMode,
      rules: secretRules,
      logger,
      ...(options.base ? { base: options.base } : {}),
      ...(options.head ? { head: options.head } : {}),
      ...(options.defaultBranch ? { defaultBranch: options.defaultBranch } : {}),
      ...(options.cacheFile ? { cacheFile: resolveFrom(root, options.cacheFile) } : {}),
      ...(scan.progress ? { progress: scan.progress } : {}),
      // A subdirectory scan covers that subdirectory's history.
      ...(prefix !== '' ? { pathFilter: (path: string) => path.startsWith(prefix) } : {}),
      budget,
    });
    redactor.addAll(scanned.secretsToMask);
    findings.push(...scanned.findings.map((finding) => withinScan(finding, prefix)));
    const c = scanned.coverage;
    history = {
      mode: c.mode,
      commits: c.commits,
      blobs: c.blobs,
      blobsFromCache: c.blobsFromCache,
      shallow: c.shallow,
      warnings: c.warnings,
      ...(c.base ? { base: c.base } : {}),
      ...(c.head ? { head: c.head } : {}),
      ...(c.deepened ? { deepened: c.deepened } : {}),
    };
    notes.push(...c.warnings);
    incomplete.push(...c.unlisted);
  }
  const budgetSkips = describeBudgetSkips(budget);
  if (budgetSkips !== undefined) incomplete.push(budgetSkips);

  // 4. Policy: config (rules, excludes, allowlist), then the baseline.
  // One finding per problem: a secret seen in the tree, a setting and history is one finding.
  // One finding per problem across ids too: a project rule that explains a Django check is folded into it.
  const merged = mergeSameProblemFindings(mergeFindings(findings));
  const policy = policyOf(config.file, options);
  notes.push(...describeAllowlistEntries(policy, merged));
  let policed = applyConfigPolicy(merged, policy, new Set(allRules.map((r) => r.id)));
  const baselineFile = namedFile(given.baseline, options.baseline);
  let baselineWritten: string | undefined;
  if (baselineFile) {
    const readBaseline = () => {
      const text = readNamedFile(baselineFile, root, reader);
      return text === undefined ? undefined : parseBaseline(text, baselineFile.path);
    };
    if (options.updateBaseline) {
      const target =
        baselineFile.from === 'workflow'
          ? resolveFrom(root, baselineFile.path)
          : resolve(reader.root, baselineFile.path);
      writeOutputFile(target, serializeBaseline(createBaseline(policed, readBaseline())), redactor);
      baselineWritten = baselineFile.path;
    }
    const baseline = readBaseline();
    if (baseline) {
      policed = applyBaseline(policed, baseline);
      notes.push(...describeBaselineEntries(baseline, policed, baselineFile.path));
    } else if (!options.updateBaseline)
      throw new ConfigurationError(
        `baseline file not found: ${baselineFile.path} (create it with --update-baseline)`,
      );
  } else if (options.updateBaseline) {
    throw new ConfigurationError('--update-baseline needs --baseline FILE');
  }

  notes.push(...reader.notes().map(repoPath));
  const sorted = sortFindings(policed.map((finding) => fromRepositoryTop(finding, prefix)));
  const commit = await readHeadCommit(git);
  const result: ScanResult = {
    version: 2,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    ...(commit ? { commit } : {}),
    findings: sorted,
    summary: failClosed(summarizeFindings(sorted, failOn), incomplete),
    settings: settingsReports,
    history,
    notes,
    ...(incomplete.length > 0 ? { incomplete } : {}),
  };
  return {
    result: redactor.redactDeep(result),
    options,
    ...(baselineWritten ? { baselineWritten } : {}),
    repositoryPrefix: prefix,
  };
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

/** A history finding's paths (from the repository's top) made relative to the scanned root. */
function withinScan(finding: Finding, prefix: string): Finding {
  if (prefix === '') return finding;
  const strip = (path: string) => (path.startsWith(prefix) ? path.slice(prefix.length) : path);
  return {
    ...finding,
    file: strip(finding.file),
    locations: finding.locations.map((location) => ({ ...location, file: strip(location.file) })),
  };
}

/** Paths from the scanned root made relative to the repository's top, for every report. */
function fromRepositoryTop(finding: Finding, prefix: string): Finding {
  if (prefix === '') return finding;
  return {
    ...finding,
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

/**
 * The repository's top seen through its own confined reader, for files a folder scan needs from
 * above it (the pinned Django version): still inside the repository, never outside it.
 */
function repositoryTop(root: string, prefix: string): { files: RepoFiles; prefix: string } {
  const depth = prefix.split('/').filter((p) => p !== '').length;
  return {
    files: createConfinedReader(resolve(root, ...Array<string>(depth).fill('..'))).files,
    prefix,
  };
}
