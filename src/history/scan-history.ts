import { ConfigurationError } from '../core/errors';
import type { ScanBudget } from '../core/scan-budget';
import type { Logger } from '../core/logger';
import type { Finding } from '../core/types';
import { DEFAULT_MAX_FILE_BYTES } from '../core/text-decode';
import { createGitClient, type GitClient } from '../git/git-client';
import type { SecretRule } from '../secrets/rule';
import { closeScanState, createScanState, phase } from './blob-pipeline';
import { secretKey } from './blob-scan';
import { cacheFileText, computeRulesHash, unpackScans } from './cache';
import { loadCache, saveCache } from './cache-file';
import { scanFull } from './full-scan';
import type { ProgressCallback } from './progress';
import { scanRange } from './range-scan';
import type { HistoryCoverage, HistoryMode } from './types';

export { MAX_REFS } from './blob-pipeline';

/**
 * Secrets in git history: the entry. The work is split by seam:
 *
 * - full-scan.ts: every blob reachable from every ref (and ref targets that are blobs or trees),
 *   listed with `git log --raw -c -z` oldest first, incrementally with the cache;
 * - range-scan.ts: `base..head`, and the proof that a secret found there is new;
 * - blob-pipeline.ts: one `git cat-file --batch` per pass, the byte prefilter, the detectors, and
 *   attribution (attribute.ts): one finding per (rule, secret hash) with every path it was
 *   introduced at, the first commit, whether HEAD still holds it and which refs contain it.
 *
 * See README.md in this folder for the semantics.
 */
export interface HistoryScanOptions {
  /** Absolute path of the work tree. */
  repoDir: string;
  /** The run's git client; one is created for `repoDir` when not given. */
  git?: GitClient;
  mode: HistoryMode;
  /** Range mode: `base..head`; `head` defaults to HEAD. An all-zero base is a push creating a branch. */
  base?: string;
  head?: string;
  /** For a push creating a branch: the range starts at the merge base with this ref. */
  defaultBranch?: string;
  rules: readonly SecretRule[];
  /** Text beyond this many bytes of a blob is not scanned. Default 2 MiB (DEFAULT_MAX_BLOB_BYTES). */
  maxBlobBytes?: number;
  /** Incremental cache (JSON); see cache.ts for what it holds. */
  cacheFile?: string;
  logger: Logger;
  progress?: ProgressCallback;
  /** Range mode on a shallow clone may fetch what is missing. Default true. */
  allowFetch?: boolean;
  /**
   * Internal: decode and scan every blob, without the byte prefilter. The benchmark runs it to
   * check that the fast path's findings are identical.
   */
  reference?: boolean;
  /** The run's detector time budget (core/scan-budget.ts). */
  budget?: ScanBudget;
  /** Only findings at paths it accepts (repository-root paths) are reported. */
  pathFilter?: (path: string) => boolean;
}

export interface HistoryScanResult {
  findings: Finding[];
  coverage: HistoryCoverage;
  /** Every secret value detected in a blob read this run (never logged; the action masks them). */
  secretsToMask: string[];
}

/**
 * 2 MiB: settings, `.env` and key files are far smaller; bigger text is mostly generated data or
 * fixtures, whose first 2 MiB are still scanned.
 */
export const DEFAULT_MAX_BLOB_BYTES = DEFAULT_MAX_FILE_BYTES;

export async function scanHistory(options: HistoryScanOptions): Promise<HistoryScanResult> {
  const git = options.git ?? createGitClient(options.repoDir);
  const { logger } = options;
  if (!(await git.isRepository()))
    throw new ConfigurationError(
      `${options.repoDir} is not a git repository: check out the repository (actions/checkout with fetch-depth: 0) before scanning its history.`,
    );
  const maxBlobBytes = options.maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES;
  const shallow = await git.isShallow();
  const rulesHash = computeRulesHash(options.rules, maxBlobBytes);
  const cache = options.cacheFile
    ? await loadCache(options.cacheFile, rulesHash, logger)
    : undefined;
  const state = createScanState({
    git,
    rules: options.rules,
    logger,
    ...(options.progress ? { progress: options.progress } : {}),
    maxBlobBytes,
    scans: unpackScans(cache),
    reference: options.reference ?? false,
    ...(options.pathFilter ? { pathFilter: options.pathFilter } : {}),
    ...(options.budget ? { budget: options.budget } : {}),
  });
  let mark = phase(state, 'opening repository and cache', state.started);
  if (await git.hasGraftFile()) {
    // GIT_GRAFT_FILE points git at an empty file (git/safe-options.ts): history is read as committed.
    const text =
      'this repository has a .git/info/grafts file; it was ignored, so history was read as committed (a graft can cut commits out of history)';
    logger.warning(text);
    state.warnings.push(text);
  }

  let result;
  try {
    result =
      options.mode === 'full'
        ? await scanFull(state, shallow, cache)
        : await scanRange(state, shallow, options, cache);
  } finally {
    await closeScanState(state);
  }

  if (state.missing.size > 0) {
    const text = `${state.missing.size} blob(s) listed in history are missing from the object store (partial clone?) and were not scanned`;
    logger.warning(text);
    state.warnings.push(text);
  }
  for (const text of result.unlisted) logger.warning(`history: ${text}`);
  if (state.binary > 0)
    state.warnings.push(
      `${state.binary} blob(s) in history are binary (not decodable as text) and were not scanned`,
    );
  if (state.vendoredSkipped.size > 0)
    state.warnings.push(
      `history: ${state.vendoredSkipped.size} committed third-party file(s) (site-packages/, venv/, .venv/, env/lib/python*/, node_modules/) held values that were not reported; only tokens that pass their format's validation count there`,
    );
  mark = phase(state, `${options.mode} scan`, mark);
  // An unchanged cache is not rewritten: a warm rerun stays cheap.
  if (options.cacheFile && (!cache || state.read > 0 || result.historyChanged)) {
    const history = result.history ?? cache?.history;
    await saveCache(options.cacheFile, cacheFileText(state.scans, rulesHash, history), logger);
    phase(state, 'writing the cache', mark);
  }
  options.progress?.({
    blobsScanned: state.read,
    blobsTotal: state.read,
    bytes: state.bytes,
    elapsedMs: Date.now() - state.started,
  });
  const reported = new Set(
    result.findings.map((finding) => secretKey(finding.ruleId, finding.secretHash ?? '')),
  );
  return {
    findings: result.findings,
    coverage: {
      ...result.coverage,
      bytes: state.bytes,
      shallow,
      warnings: state.warnings,
      unlisted: result.unlisted,
    },
    // Only values of reported findings: a library's test key in committed vendored code is
    // dropped from the findings, and so from masking.
    secretsToMask: [
      ...new Set(
        [...state.secrets]
          .filter(([key]) => reported.has(key))
          .flatMap(([, secret]) => secret.mask),
      ),
    ],
  };
}
