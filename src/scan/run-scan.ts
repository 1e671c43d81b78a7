import { isAbsolute, resolve } from 'node:path';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, type GuardConfig } from '../config/config';
import { parseConfig } from '../config/parse-config';
import {
  applyBaseline,
  createBaseline,
  describeBaselineEntries,
  parseBaseline,
  serializeBaseline,
} from '../core/baseline';
import { parseEnvAssignments } from '../core/dotenv';
import { ConfigurationError } from '../core/errors';
import { runFileRules } from '../core/file-rule';
import { mergeFindings } from '../core/finding';
import type { Logger } from '../core/logger';
import { applyConfigPolicy, describeAllowlistEntries } from '../core/policy';
import { Redactor } from '../core/redactor';
import { secretValuesOfEnvironment } from '../core/secret-names';
import type { HistoryCoverageReport, ScanResult, SettingsModuleReport } from '../core/scan-result';
import { sortFindings, summarizeFindings } from '../core/summarize';
import type { FailLevel, Finding } from '../core/types';
import { isComposePath, productionEnvFilesOf } from '../hardening/files';
import { withProductionEnvFiles } from '../hardening/rules';
import { createGitClient } from '../git/git-client';
import { scanHistory, type HistoryScanOptions } from '../history/scan-history';
import {
  createConfinedReader,
  isRepositoryRelative,
  type ConfinedReader,
} from '../io/confined-reader';
import { readWorkflowFile, writeOutputFile } from '../io/output-files';
import { listWorkspaceFiles, readHeadCommit, readRepositoryPrefix } from '../io/workspace';
import { allRules, fileRules, secretRules, settingsRules } from '../registry';
import { scanText, toSecretFinding, valuesToMask } from '../secrets/detect';
import { isVendoredPath } from '../secrets/path-context';
import { analyzeSettings } from '../settings/analyze';
import { TOOL_NAME, TOOL_VERSION } from '../version';

export type HistoryOption = 'off' | 'full' | 'range';

/** Everything a scan needs, already merged from flags/inputs; the config file fills the gaps. */
export interface ScanOptions {
  /** The directory to scan (a Django project, usually a git work tree). */
  root: string;
  /** Explicit config path (from the workflow); default `<root>/.django-deploy-guard.yml`. */
  configPath?: string;
  failOn?: FailLevel;
  history?: HistoryOption;
  base?: string;
  head?: string;
  defaultBranch?: string;
  settingsModules?: string[];
  pythonPaths?: string[];
  env?: Record<string, string>;
  envFile?: string;
  djangoVersion?: string;
  baselinePath?: string;
  updateBaseline?: boolean;
  cacheFile?: string;
  logger: Logger;
  progress?: HistoryScanOptions['progress'];
  /**
   * The run's redactor: the scan registers every secret value it meets (detected secrets, the
   * production profile's credentials, secret settings and their defaults), and the result it
   * returns has been through it. The adapters pass the same one to every output channel.
   */
  redactor?: Redactor;
}

export interface ScanOutcome {
  /** Already redacted. */
  result: ScanResult;
  /** Set when `updateBaseline` wrote a file. */
  baselineWritten?: string;
}

/**
 * A file named either by the workflow (flag or input: trusted, may be anywhere) or by the
 * repository's own config (untrusted: a repository path, read through the confined reader).
 */
type NamedFile = { path: string; from: 'workflow' } | { path: string; from: 'repository' };

function namedFile(
  fromWorkflow: string | undefined,
  fromConfig: string | undefined,
  config: GuardConfig,
  key: string,
): NamedFile | undefined {
  if (fromWorkflow !== undefined) return { path: fromWorkflow, from: 'workflow' };
  if (fromConfig === undefined) return undefined;
  if (!isRepositoryRelative(fromConfig))
    throw new ConfigurationError(
      `'${key}' must be a path inside the repository (no absolute path, no '..'); set it as an action input or CLI flag to use a file elsewhere`,
      config.file,
      config.keyLines?.[key],
    );
  return { path: fromConfig, from: 'repository' };
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

/** Reads and validates the config file; a missing default file is not an error. */
export function loadConfig(root: string, reader: ConfinedReader, configPath?: string): GuardConfig {
  if (configPath !== undefined) {
    const text = readWorkflowFile(resolveFrom(root, configPath));
    if (text === undefined) throw new ConfigurationError(`config file not found: ${configPath}`);
    return parseConfig(text, configPath);
  }
  const read = reader.readText(CONFIG_FILE_NAME);
  if (read.kind === 'outside')
    throw new ConfigurationError(
      `${CONFIG_FILE_NAME} is a symlink that leads outside the repository; it was not read`,
    );
  if (read.kind !== 'text') return EMPTY_CONFIG;
  return parseConfig(read.content, CONFIG_FILE_NAME);
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
export async function runScan(options: ScanOptions): Promise<ScanOutcome> {
  const redactor = options.redactor ?? new Redactor();
  const root = resolve(options.root);
  let reader: ConfinedReader;
  try {
    reader = createConfinedReader(root);
  } catch {
    throw new ConfigurationError(`path not found: ${options.root}`);
  }
  const config = loadConfig(root, reader, options.configPath);
  const failOn = options.failOn ?? config.failOn ?? 'high';
  const historyMode = options.history ?? config.history ?? 'off';
  const notes: string[] = [];
  const logger = options.logger;

  // The production profile first: its credentials must be known before anything is printed.
  const envFile = namedFile(options.envFile, config.envFile, config, 'env-file');
  let envFromFile: Record<string, string> = {};
  if (envFile) {
    const text = readNamedFile(envFile, root, reader);
    if (text === undefined) throw new ConfigurationError(`env file not found: ${envFile.path}`);
    envFromFile = parseEnvFileText(text, envFile.path);
  }
  const env = { ...envFromFile, ...(options.env ?? {}) };
  for (const { value, pieces } of secretValuesOfEnvironment(env)) redactor.add(value, { pieces });

  // Findings and notes name paths from the repository's top (`backend/config/settings.py` when
  // the scan is of `backend/`); everything inside the scan works with paths below its root.
  // One git client for the whole run: every git command goes through it, hardened.
  const git = createGitClient(root);
  const prefix = await readRepositoryPrefix(git);
  const repoPath = (path: string) => `${prefix}${path}`;

  // 1. Files in the working tree: secret detectors and file rules.
  const listing = await listWorkspaceFiles(root, git);
  const files = reader.files;
  const findings: Finding[] = [];
  let skippedBinary = 0;
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
  for (const path of scannable) {
    // Committed virtualenvs and node_modules hold the libraries' test keys, not the project's.
    if (isVendoredPath(path)) {
      vendored++;
      continue;
    }
    const read = reader.readText(path);
    if (read.kind === 'binary') {
      skippedBinary++;
      continue;
    }
    if (read.kind !== 'text') continue;
    if (read.truncated)
      notes.push(`${repoPath(path)}: larger than 2 MiB; only the first 2 MiB were scanned`);
    const file = { path, content: read.content };
    for (const raw of scanText(file, secretRules)) {
      for (const value of valuesToMask(raw)) redactor.add(value);
      findings.push(toSecretFinding(raw));
    }
    findings.push(...runFileRules(file, activeFileRules));
  }
  if (skippedSpecial > 0)
    notes.push(`${skippedSpecial} listed path(s) are not regular files (FIFO, device); not read`);
  logger.debug(`tree: ${listing.files.length} files, ${skippedBinary} binary skipped`);
  if (vendored > 0)
    notes.push(
      `${vendored} committed third-party files (site-packages/, venv/, .venv/, env/lib/python*/, node_modules/) were not scanned`,
    );

  // 2. Settings: the production settings module(s), evaluated statically.
  let settingsReports: SettingsModuleReport[] = [];
  const settingsModules = options.settingsModules?.length
    ? options.settingsModules
    : config.settingsModules;
  const pythonPaths = options.pythonPaths?.length ? options.pythonPaths : config.pythonPaths;
  const settings = analyzeSettings({
    files,
    fileList: readable,
    env,
    rules: settingsRules,
    ...(settingsModules?.length ? { settingsModules } : {}),
    ...(pythonPaths?.length ? { pythonPaths } : {}),
    ...((options.djangoVersion ?? config.djangoVersion)
      ? { djangoVersion: (options.djangoVersion ?? config.djangoVersion)! }
      : {}),
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
  }));
  for (const report of settings.reports) {
    for (const d of report.diagnostics) {
      if (d.severity !== 'info') notes.push(`${repoPath(d.file)}:${d.line}: ${d.message}`);
    }
  }
  if (settings.reports.length === 0)
    notes.push('no Django settings module found; the settings deploy check did not run');

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
        `--history ${historyMode} needs a git repository; ${options.root} is not one`,
      );
    if (historyMode === 'range' && !options.base)
      throw new ConfigurationError('--history range needs --base REV (and optionally --head REV)');
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
      ...(options.progress ? { progress: options.progress } : {}),
      // A subdirectory scan covers that subdirectory's history.
      ...(prefix !== '' ? { pathFilter: (path: string) => path.startsWith(prefix) } : {}),
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
  }

  // 4. Policy: config (rules, excludes, allowlist), then the baseline.
  // One finding per problem: a secret seen in the tree, a setting and history is one finding.
  const merged = mergeFindings(findings);
  notes.push(...describeAllowlistEntries(config, merged));
  let policed = applyConfigPolicy(merged, config, new Set(allRules.map((r) => r.id)));
  const baselineFile = namedFile(options.baselinePath, config.baseline, config, 'baseline');
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
    summary: summarizeFindings(sorted, failOn),
    settings: settingsReports,
    history,
    notes,
  };
  return {
    result: redactor.redactDeep(result),
    ...(baselineWritten ? { baselineWritten } : {}),
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
  };
}
