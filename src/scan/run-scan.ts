import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, type GuardConfig } from '../config/config';
import { parseConfig } from '../config/parse-config';
import { applyBaseline, createBaseline, parseBaseline, serializeBaseline } from '../core/baseline';
import { parseEnvAssignments } from '../core/dotenv';
import { ConfigurationError } from '../core/errors';
import { runFileRules } from '../core/file-rule';
import type { Logger } from '../core/logger';
import { applyConfigPolicy } from '../core/policy';
import type { HistoryCoverageReport, ScanResult, SettingsModuleReport } from '../core/scan-result';
import { sortFindings, summarizeFindings } from '../core/summarize';
import type { FailLevel, Finding } from '../core/types';
import { isComposePath, productionEnvFilesOf } from '../hardening/files';
import { withProductionEnvFiles } from '../hardening/rules';
import { scanHistory, type HistoryScanOptions } from '../history/scan-history';
import {
  createFsRepoFiles,
  listWorkspaceFiles,
  readHeadCommit,
  readWorkspaceFile,
} from '../io/workspace';
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
  /** Explicit config path; default `<root>/.django-deploy-guard.yml` when it exists. */
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
}

export interface ScanOutcome {
  result: ScanResult;
  /** Every detected secret value, for `core.setSecret`. Never print or serialise. */
  secretsToMask: string[];
  /** Set when `updateBaseline` wrote a file. */
  baselineWritten?: string;
}

/** Reads and validates the config file; a missing default file is not an error. */
export function loadConfig(root: string, configPath?: string): GuardConfig {
  const path = configPath ? resolveFrom(root, configPath) : join(root, CONFIG_FILE_NAME);
  if (!existsSync(path)) {
    if (configPath) throw new ConfigurationError(`config file not found: ${configPath}`);
    return EMPTY_CONFIG;
  }
  return parseConfig(readFileSync(path, 'utf8'), configPath ?? CONFIG_FILE_NAME);
}

function resolveFrom(root: string, path: string): string {
  return isAbsolute(path) ? path : resolve(root, path);
}

/** Reads an env file for the production profile (`--env-file`); bad lines are an error. */
export function loadEnvFile(root: string, path: string): Record<string, string> {
  const full = resolveFrom(root, path);
  if (!existsSync(full)) throw new ConfigurationError(`env file not found: ${path}`);
  const { values, invalidLines } = parseEnvAssignments(readFileSync(full, 'utf8'));
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
  const root = resolve(options.root);
  if (!existsSync(root)) throw new ConfigurationError(`path not found: ${options.root}`);
  const config = loadConfig(root, options.configPath);
  const failOn = options.failOn ?? config.failOn ?? 'high';
  const historyMode = options.history ?? config.history ?? 'off';
  const notes: string[] = [];
  const secretsToMask = new Set<string>();
  const logger = options.logger;

  // 1. Files in the working tree: secret detectors and file rules.
  const listing = await listWorkspaceFiles(root);
  const files = createFsRepoFiles(root);
  const findings: Finding[] = [];
  let skippedBinary = 0;
  // Env files that a production compose file loads (`env_file:`) are production env files too,
  // whatever their name: the file rules need that list before they run.
  const composeEnvFiles = listing.files.filter(isComposePath).flatMap((path) => {
    const content = files.read(path);
    return content === undefined ? [] : productionEnvFilesOf({ path, content });
  });
  const activeFileRules = withProductionEnvFiles(fileRules, composeEnvFiles);
  let vendored = 0;
  for (const path of listing.files) {
    // Committed virtualenvs and node_modules hold the libraries' test keys, not the project's.
    if (isVendoredPath(path)) {
      vendored++;
      continue;
    }
    const read = readWorkspaceFile(root, path);
    if (read.kind === 'binary') {
      skippedBinary++;
      continue;
    }
    if (read.kind !== 'text') continue;
    if (read.truncated) notes.push(`${path}: larger than 2 MiB; only the first 2 MiB were scanned`);
    const file = { path, content: read.content };
    for (const raw of scanText(file, secretRules)) {
      for (const value of valuesToMask(raw)) secretsToMask.add(value);
      findings.push(toSecretFinding(raw, 'tree'));
    }
    findings.push(...runFileRules(file, activeFileRules));
  }
  logger.debug(`tree: ${listing.files.length} files, ${skippedBinary} binary skipped`);
  if (vendored > 0)
    notes.push(
      `${vendored} committed third-party files (site-packages/, venv/, .venv/, env/lib/python*/, node_modules/) were not scanned`,
    );

  // 2. Settings: the production settings module(s), evaluated statically.
  const env = {
    ...((options.envFile ?? config.envFile)
      ? loadEnvFile(root, (options.envFile ?? config.envFile)!)
      : {}),
    ...(options.env ?? {}),
  };
  let settingsReports: SettingsModuleReport[] = [];
  const settingsModules = options.settingsModules?.length
    ? options.settingsModules
    : config.settingsModules;
  const pythonPaths = options.pythonPaths?.length ? options.pythonPaths : config.pythonPaths;
  const settings = analyzeSettings({
    files,
    fileList: listing.files,
    env,
    rules: settingsRules,
    ...(settingsModules?.length ? { settingsModules } : {}),
    ...(pythonPaths?.length ? { pythonPaths } : {}),
    ...((options.djangoVersion ?? config.djangoVersion)
      ? { djangoVersion: (options.djangoVersion ?? config.djangoVersion)! }
      : {}),
  });
  findings.push(...settings.findings);
  for (const value of settings.secretsToMask) secretsToMask.add(value);
  settingsReports = settings.reports.map((report) => ({
    module: report.module,
    file: report.file,
    reason: report.reason,
    djangoVersion: report.djangoVersion,
    djangoVersionSource: report.djangoVersionSource,
    envSet: report.envSet,
    envUnsetWithDefault: report.envUnsetWithDefault,
  }));
  for (const report of settings.reports) {
    for (const d of report.diagnostics) {
      if (d.severity !== 'info') notes.push(`${d.file}:${d.line}: ${d.message}`);
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
      mode: historyMode,
      rules: secretRules,
      logger,
      ...(options.base ? { base: options.base } : {}),
      ...(options.head ? { head: options.head } : {}),
      ...(options.defaultBranch ? { defaultBranch: options.defaultBranch } : {}),
      ...(options.cacheFile ? { cacheFile: resolveFrom(root, options.cacheFile) } : {}),
      ...(options.progress ? { progress: options.progress } : {}),
    });
    for (const secret of scanned.secretsToMask) secretsToMask.add(secret);
    findings.push(...scanned.findings);
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
  let policed = applyConfigPolicy(
    linkSecretFindings(findings),
    config,
    new Set(allRules.map((r) => r.id)),
  );
  const baselinePath = options.baselinePath ?? config.baseline;
  let baselineWritten: string | undefined;
  if (baselinePath) {
    const full = resolveFrom(root, baselinePath);
    const previous = existsSync(full)
      ? parseBaseline(readFileSync(full, 'utf8'), baselinePath)
      : undefined;
    if (options.updateBaseline) {
      writeFileSync(full, serializeBaseline(createBaseline(policed, previous)));
      baselineWritten = baselinePath;
    }
    const baseline = existsSync(full)
      ? parseBaseline(readFileSync(full, 'utf8'), baselinePath)
      : undefined;
    if (baseline) policed = applyBaseline(policed, baseline);
    else if (!options.updateBaseline)
      throw new ConfigurationError(
        `baseline file not found: ${baselinePath} (create it with --update-baseline)`,
      );
  } else if (options.updateBaseline) {
    throw new ConfigurationError('--update-baseline needs --baseline FILE');
  }

  const sorted = sortFindings(policed);
  const commit = await readHeadCommit(root);
  const result: ScanResult = {
    version: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    ...(commit ? { commit } : {}),
    findings: sorted,
    summary: summarizeFindings(sorted, failOn),
    settings: settingsReports,
    history,
    notes,
  };
  return {
    result,
    secretsToMask: [...secretsToMask],
    ...(baselineWritten ? { baselineWritten } : {}),
  };
}

/**
 * A key in SECRET_KEY_FALLBACKS that history also holds: say so on the settings finding, so the
 * reader sees both halves (the old key is still accepted, and it is public in git).
 */
function linkSecretFindings(findings: Finding[]): Finding[] {
  const historyByHash = new Map<string, Finding>();
  for (const f of findings)
    if (f.source === 'history' && f.secretHash) historyByHash.set(f.secretHash, f);
  if (historyByHash.size === 0) return findings;
  return findings.map((f) => {
    if (f.source !== 'settings' || !f.secretHash) return f;
    const hit = historyByHash.get(f.secretHash);
    if (!hit?.commit) return f;
    return {
      ...f,
      message: `${f.message} (this key is in git history: commit ${hit.commit.slice(0, 12)}, ${hit.file}:${hit.line})`,
    };
  });
}
