import { ConfigurationError } from '../core/errors';
import type { HistoryCoverageReport } from '../core/scan-result';
import type { Finding } from '../core/types';
import { scanHistory as scanGitHistory, type HistoryScanOptions } from '../history/scan-history';
import { secretRules } from '../registry';
import {
  isInsideWorkTree,
  resolveFrom,
  type HistoryOption,
  type ScanContext,
  type StepResult,
} from './scan-context';

export interface HistoryScan extends StepResult {
  coverage: HistoryCoverageReport;
}

const NOT_SCANNED: HistoryCoverageReport = {
  mode: 'off',
  commits: 0,
  blobs: 0,
  blobsFromCache: 0,
  shallow: false,
  warnings: [],
};

/** Step 3: git history, full or the range `base..head`; findings named below the scanned root. */
export async function scanHistory(
  context: ScanContext,
  mode: HistoryOption,
  progress: HistoryScanOptions['progress'] | undefined,
): Promise<HistoryScan> {
  if (mode === 'off') return { findings: [], notes: [], coverage: NOT_SCANNED };
  if (!context.listing.isGitRepository)
    throw new ConfigurationError(
      `--history ${mode} needs a git repository; ${context.givenRoot} is not one`,
    );
  const { options, prefix } = context;
  const notes: string[] = [];
  let cacheFile = options.cacheFile ? resolveFrom(context.root, options.cacheFile) : undefined;
  if (cacheFile && isInsideWorkTree(context, cacheFile)) {
    // Anything in the checkout is the pushed commit's to write: a cache there could list a
    // secret's blob as already scanned and clean. Every blob is scanned instead.
    notes.push(
      `history cache ${options.cacheFile} is inside the repository's work tree, which the scanned commits control: not used (every blob was scanned); keep it in runner.temp, restored with actions/cache`,
    );
    cacheFile = undefined;
  }
  const scanned = await scanGitHistory({
    repoDir: context.root,
    git: context.git,
    mode,
    rules: secretRules,
    logger: context.logger,
    ...(options.base ? { base: options.base } : {}),
    ...(options.head ? { head: options.head } : {}),
    ...(options.defaultBranch ? { defaultBranch: options.defaultBranch } : {}),
    ...(cacheFile ? { cacheFile } : {}),
    ...(progress ? { progress } : {}),
    // A subdirectory scan covers that subdirectory's history.
    ...(prefix !== '' ? { pathFilter: (path: string) => path.startsWith(prefix) } : {}),
    budget: context.budget,
  });
  context.redactor.addAll(scanned.secretsToMask);
  const c = scanned.coverage;
  const coverage: HistoryCoverageReport = {
    mode: c.mode,
    commits: c.commits,
    blobs: c.blobs,
    blobsFromCache: c.blobsFromCache,
    shallow: c.shallow,
    warnings: c.warnings,
    ...(c.base ? { base: c.base } : {}),
    ...(c.head ? { head: c.head } : {}),
    // Reaching the base branch's rules may already have fetched what the range needed.
    ...(c.deepened || context.base?.deepened
      ? { deepened: c.deepened ?? context.base?.deepened }
      : {}),
  };
  return {
    findings: scanned.findings.map((finding) => withinScan(finding, prefix)),
    notes: [...notes, ...c.warnings],
    incomplete: c.unlisted,
    coverage,
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
