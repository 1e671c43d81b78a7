import { ConfigurationError } from '../core/errors';
import { sha256Hex } from '../core/fingerprint';
import type { Logger } from '../core/logger';
import type { Finding } from '../core/types';
import { createGitClient, type BlobContent, type GitClient } from '../git/git-client';
import {
  isGitRepository,
  isShallowRepository,
  listScannedRefs,
  listTreeBlobs,
  mergeBaseOf,
  refsContainingCommits,
  resolveCommit,
  ZERO_SHA,
} from '../git/queries';
import { ensureRangeAvailable, shallowAdvice } from '../git/shallow';
import type { SecretRule } from '../secrets/rule';
import { attributeFindings } from './attribute';
import {
  isPathRule,
  missingPathRules,
  scanBlobText,
  secretKey,
  type BlobScan,
  type DetectedSecret,
} from './blob-scan';
import {
  computeRulesHash,
  packCache,
  unpackScans,
  type CachedHistory,
  type HistoryCacheFile,
} from './cache';
import { loadCache, saveCache } from './cache-file';
import { decodeBlob, DEFAULT_MAX_FILE_BYTES } from '../core/text-decode';
import { OccurrenceIndex } from './occurrences';
import type { ProgressCallback } from './progress';
import { createRawLogParser, RAW_LOG_FORMAT } from './raw-log';

/**
 * Secrets in git history.
 *
 * 1. List `(commit, path, blob)` for every change: `git log --raw -c -z` over every ref (full) or
 *    over `base..head` (range), oldest first in topological order, streamed token by token.
 * 2. Read each distinct blob once through one `git cat-file --batch` process and run the secret
 *    rules on it (binary skipped, text cut at `maxBlobBytes`). Cost follows distinct content, not
 *    diff volume.
 * 3. Attribute: one finding per (rule, secret hash) with every path it was introduced at, the
 *    first commit, whether HEAD still holds it and which refs contain it.
 */
export type HistoryMode = 'full' | 'range';

export interface HistoryScanOptions {
  /** Absolute path of the work tree. */
  repoDir: string;
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
  /** Only findings at paths it accepts (repository-root paths) are reported. */
  pathFilter?: (path: string) => boolean;
}

export interface HistoryCoverage {
  mode: HistoryMode;
  base?: string;
  head?: string;
  commits: number;
  /** Distinct blobs covered (read now or known from the cache). */
  blobs: number;
  blobsFromCache: number;
  /** Bytes of blob content read this run. */
  bytes: number;
  shallow: boolean;
  deepened?: string;
  refs: number;
  warnings: string[];
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
/** Refs listed per finding. */
export const MAX_REFS = 20;
const PROGRESS_INTERVAL_MS = 500;
/** Blobs read per batch when looking for a secret's earlier presence (allows stopping early). */
const BASE_CHECK_BATCH = 10_000;
/** Blob ids handed to cat-file at a time while history is being listed. */
const PIPELINE_BATCH = 256;

const LOG_ARGS = [
  '-c',
  'log.showSignature=false',
  'log',
  '--raw',
  '-c',
  '--root',
  '--no-renames',
  '--no-abbrev',
  '--no-textconv',
  '--no-ext-diff',
  '--topo-order',
  '--reverse',
  '-z',
  RAW_LOG_FORMAT,
];

interface ScanState {
  git: GitClient;
  options: HistoryScanOptions;
  maxBlobBytes: number;
  scans: Map<string, BlobScan>;
  /** Detected values by secret key; only for masking and the range byte search. */
  secrets: Map<string, DetectedSecret>;
  warnings: string[];
  started: number;
  read: number;
  total: number;
  bytes: number;
  lastTick: number;
  missing: number;
}

export async function scanHistory(options: HistoryScanOptions): Promise<HistoryScanResult> {
  const git = createGitClient(options.repoDir);
  const { logger } = options;
  if (!(await isGitRepository(git).catch(() => false)))
    throw new ConfigurationError(
      `${options.repoDir} is not a git repository: check out the repository (actions/checkout with fetch-depth: 0) before scanning its history.`,
    );
  const maxBlobBytes = options.maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES;
  const shallow = await isShallowRepository(git);
  const rulesHash = computeRulesHash(options.rules, maxBlobBytes);
  const cache = options.cacheFile
    ? await loadCache(options.cacheFile, rulesHash, logger)
    : undefined;
  const state: ScanState = {
    git,
    options,
    maxBlobBytes,
    scans: unpackScans(cache),
    secrets: new Map(),
    warnings: [],
    started: Date.now(),
    read: 0,
    total: 0,
    bytes: 0,
    lastTick: 0,
    missing: 0,
  };
  let mark = phase(state, 'opening repository and cache', state.started);

  const result =
    options.mode === 'full'
      ? await scanFull(state, shallow, cache)
      : await scanRange(state, shallow);

  if (state.missing > 0) {
    const text = `${state.missing} blob(s) listed in history are missing from the object store (partial clone?) and were not scanned`;
    logger.warning(text);
    state.warnings.push(text);
  }
  mark = phase(state, `${options.mode} scan`, mark);
  // An unchanged cache is not rewritten: a warm rerun stays cheap.
  if (options.cacheFile && (!cache || state.read > 0 || result.historyChanged)) {
    const history = result.history ?? cache?.history;
    await saveCache(options.cacheFile, packCache(state.scans, rulesHash, history), logger);
    phase(state, 'writing the cache', mark);
  }
  options.progress?.({
    blobsScanned: state.read,
    blobsTotal: state.read,
    bytes: state.bytes,
    elapsedMs: Date.now() - state.started,
  });
  return {
    findings: result.findings,
    coverage: { ...result.coverage, bytes: state.bytes, shallow, warnings: state.warnings },
    secretsToMask: [...new Set([...state.secrets.values()].flatMap((secret) => secret.mask))],
  };
}

type PartialCoverage = Omit<HistoryCoverage, 'bytes' | 'shallow' | 'warnings'>;

interface ModeResult {
  findings: Finding[];
  coverage: PartialCoverage;
  /** Full mode: what lets the next run list only new commits. */
  history?: CachedHistory;
  historyChanged?: boolean;
}

async function scanFull(
  state: ScanState,
  shallow: boolean,
  cache: HistoryCacheFile | undefined,
): Promise<ModeResult> {
  const { git, options } = state;
  const refs = await listScannedRefs(git);
  const tips = await currentTips(git);
  const index = new OccurrenceIndex();
  let commitCount = 0;
  let priorBlobs = 0;
  let logRevs: string[] = ['--exclude=refs/stash', '--all'];
  let stdin: string | undefined;

  const previous = cache?.history;
  // Which refs contain a commit only changes when a ref does (name or target).
  const refsKey = sha256Hex([...refs].map(([name, sha]) => `${name} ${sha}`).join('\n'));
  const knownRefs =
    previous?.refs && previous.refsKey === refsKey
      ? new Map(Object.entries(previous.refs))
      : undefined;
  if (previous && !shallow && tips.length > 0 && (await tipsStillReachable(git, previous.tips))) {
    // Everything reachable from the previous tips was scanned: list only what is new. New commits
    // are never ancestors of old ones, so appending them keeps the topological order.
    for (const [sha, date] of previous.commits) index.addCommit(sha, date);
    for (const [blob, places] of Object.entries(previous.occurrences))
      for (const [path, commit] of places) index.addOccurrence(blob, path, commit);
    commitCount = previous.commitCount;
    priorBlobs = previous.blobCount ?? 0;
    logRevs = ['--stdin'];
    // `^sha` rather than `--not`: git before 2.42 takes no options in --stdin.
    stdin = `${[...tips, ...previous.tips.map((tip) => `^${tip}`)].join('\n')}\n`;
    options.logger.debug(`history: cache covers ${previous.commitCount} commits; listing new ones`);
  }

  const before = new Set(index.blobs.keys());
  const touched = new Set<string>();
  const readBefore = state.read;
  if (tips.length > 0) {
    // Blobs are read while history is still being listed (see startBlobScanner).
    const scanner = startBlobScanner(state, index);
    let batch: string[] = [];
    let current = 0;
    const parse = createRawLogParser({
      onCommit(sha, date) {
        current = index.addCommit(sha, date);
        commitCount += 1;
      },
      onChange(change) {
        if (!change.blob) return;
        index.addOccurrence(change.blob, change.path, current);
        if (touched.has(change.blob)) return;
        touched.add(change.blob);
        if (state.scans.has(change.blob)) return;
        batch.push(change.blob);
        if (batch.length >= PIPELINE_BATCH) {
          scanner.enqueue(batch);
          batch = [];
        }
      },
    });
    try {
      await git.stream([...LOG_ARGS, ...logRevs, '--'], '\0', parse, stdin);
      scanner.enqueue(batch);
    } finally {
      await scanner.done();
    }
  }
  let mark = phase(
    state,
    `listing changes (${commitCount} commits) and reading blobs`,
    state.started,
  );
  const newBlobs = [...touched].filter((blob) => !before.has(blob));
  // Cached blobs, and any first read before a later path needed a path rule on it.
  await readAndScan(state, index, blobsToRead(state, index, [...touched]));
  const blobsRead = state.read - readBefore;
  mark = phase(state, `reading ${blobsRead} blobs in all`, mark);

  if (shallow) {
    const text = shallowAdvice(
      `history is incomplete: this is a shallow clone, so only ${commitCount} commit(s) reachable from ${refs.size} ref(s) were scanned`,
    );
    options.logger.warning(text);
    state.warnings.push(text);
  }

  const headSha = await resolveCommit(git, 'HEAD');
  const findings = await finish(state, index, headSha, knownRefs);
  phase(state, 'attributing findings', mark);
  const blobs = priorBlobs + newBlobs.length;
  return {
    findings,
    coverage: {
      mode: 'full',
      ...(headSha ? { head: headSha } : {}),
      commits: commitCount,
      blobs,
      blobsFromCache: Math.max(0, blobs - blobsRead),
      refs: refs.size,
    },
    ...(shallow
      ? {}
      : {
          history: {
            ...buildCachedHistory(state, index, tips, commitCount, blobs, findings),
            refsKey,
          },
          historyChanged:
            newBlobs.length > 0 || !knownRefs || commitCount !== previous?.commitCount,
        }),
  };
}

async function scanRange(state: ScanState, shallow: boolean): Promise<ModeResult> {
  const { git, options } = state;
  const { logger } = options;
  if (options.base === undefined || options.base.trim() === '')
    throw new ConfigurationError(
      'range mode needs a base commit (the pull request base sha or the push "before" sha); use full mode to scan all history.',
    );
  const headRev = options.head ?? 'HEAD';
  const headSha = await resolveCommit(git, headRev);
  if (!headSha)
    throw new ConfigurationError(
      `head ${headRev} is not a commit in this repository: pass an existing commit or ref.`,
    );

  let baseSha: string | undefined;
  let deepened: string | undefined;
  if (ZERO_SHA.test(options.base)) {
    // A push that created a branch has no "before": scan what the branch adds to the default one.
    const defaultSha = options.defaultBranch
      ? await resolveCommit(git, options.defaultBranch)
      : undefined;
    baseSha = defaultSha ? await mergeBaseOf(git, defaultSha, headSha) : undefined;
    if (baseSha && defaultSha) {
      const available = await ensureRangeAvailable(git, {
        base: baseSha,
        head: headSha,
        shallow,
        allowFetch: options.allowFetch ?? true,
        logger,
      });
      deepened = available.deepened;
      logger.info(
        `history: new branch; scanning commits since its merge base ${baseSha.slice(0, 12)} with ${options.defaultBranch ?? ''}`,
      );
    } else {
      logger.info(
        `history: new branch with no merge base${options.defaultBranch ? ` with ${options.defaultBranch}` : ''}; scanning all history of ${headSha.slice(0, 12)}`,
      );
      if (shallow) {
        const text = shallowAdvice(
          `history is incomplete: this is a shallow clone, so the new branch's history is cut short`,
        );
        logger.warning(text);
        state.warnings.push(text);
      }
    }
  } else {
    const available = await ensureRangeAvailable(git, {
      base: options.base,
      head: headSha,
      shallow,
      allowFetch: options.allowFetch ?? true,
      logger,
    });
    baseSha = available.baseSha;
    deepened = available.deepened;
  }

  const index = new OccurrenceIndex();
  const parentBlobs = new Map<string, string>();
  let commitCount = 0;
  let current = 0;
  const parse = createRawLogParser({
    onCommit(sha, date) {
      current = index.addCommit(sha, date);
      commitCount += 1;
    },
    onChange(change) {
      if (change.blob) index.addOccurrence(change.blob, change.path, current);
      for (const blob of change.parentBlobs)
        if (!parentBlobs.has(blob)) parentBlobs.set(blob, change.path);
    },
  });
  const revs = baseSha ? [`${baseSha}..${headSha}`] : [headSha];
  await git.stream([...LOG_ARGS, ...revs, '--'], '\0', parse);
  const newBlobs = [...index.blobs.keys()];
  const toRead = blobsToRead(state, index, newBlobs);
  await readAndScan(state, index, toRead);

  let findings = await finish(state, index, headSha, undefined, false);
  if (baseSha && findings.length > 0) {
    const earlier = await findEarlierSecrets(state, findings, baseSha, index, parentBlobs);
    const dropped = findings.filter((finding) => earlier.has(keyOf(finding)));
    if (dropped.length > 0)
      logger.info(
        `history: ${dropped.length} secret(s) in ${baseSha.slice(0, 12)}..${headSha.slice(0, 12)} were already committed before the range and are not reported as new`,
      );
    findings = findings.filter((finding) => !earlier.has(keyOf(finding)));
  }
  await addRefs(git, findings);
  return {
    findings,
    coverage: {
      mode: 'range',
      ...(baseSha ? { base: baseSha } : {}),
      head: headSha,
      commits: commitCount,
      blobs: newBlobs.length,
      blobsFromCache: newBlobs.length - toRead.length,
      ...(deepened ? { deepened } : {}),
      refs: 1,
    },
  };
}

/** Blobs that need reading: not cached, or cached but seen under a path a path rule now needs. */
function blobsToRead(state: ScanState, index: OccurrenceIndex, blobs: readonly string[]): string[] {
  const pathRules = state.options.rules.filter(isPathRule);
  return blobs.filter((blob) => {
    const cached = state.scans.get(blob);
    return !cached || missingPathRules(cached, index.pathsOf(blob), pathRules).length > 0;
  });
}

async function readAndScan(
  state: ScanState,
  index: OccurrenceIndex,
  ids: readonly string[],
  /** When given, blobs it rejects are neither scanned nor cached (a cheap byte search). */
  prefilter?: (content: Buffer) => boolean,
): Promise<void> {
  if (ids.length === 0) return;
  const scanner = startBlobScanner(state, index, prefilter);
  scanner.enqueue(ids);
  await scanner.done();
}

interface BlobScanner {
  /** Queues blobs for reading; returns at once. */
  enqueue(ids: readonly string[]): void;
  /** Waits for every queued blob, then ends the `cat-file` process. */
  done(): Promise<void>;
}

/**
 * One `git cat-file --batch` fed while the caller is still listing history, so git's tree diffs
 * and blob reads overlap. Each blob is scanned with the paths known when it arrives; the caller
 * re-reads the rare blob that a later path needs a path rule for (see `blobsToRead`).
 */
function startBlobScanner(
  state: ScanState,
  index: OccurrenceIndex,
  prefilter?: (content: Buffer) => boolean,
): BlobScanner {
  const { options } = state;
  const pathRules = options.rules.filter(isPathRule);
  const reader = state.git.openBlobReader(state.maxBlobBytes);
  const reads: Promise<void>[] = [];
  const onBlob = (blob: BlobContent) => {
    state.read += 1;
    if (!blob.content) {
      state.missing += 1;
      return;
    }
    state.bytes += blob.content.length;
    if (prefilter && !prefilter(blob.content)) return tick(state);
    const text = decodeBlob(blob.content, blob.truncated);
    if (text === undefined) {
      // Binary: nothing any rule could read; remember it so it is never read again.
      const applicable = missingPathRules(undefined, index.pathsOf(blob.id), pathRules);
      state.scans.set(
        blob.id,
        applicable.length > 0
          ? { c: [], p: Object.fromEntries(applicable.map((rule) => [rule.id, []])) }
          : { c: [] },
      );
    } else {
      if (blob.truncated)
        options.logger.debug(
          `history: blob ${blob.id.slice(0, 12)} is ${blob.size} bytes; scanned its first ${state.maxBlobBytes}`,
        );
      const paths = index.pathsOf(blob.id);
      try {
        state.scans.set(
          blob.id,
          scanBlobText(text, paths, options.rules, state.scans.get(blob.id), state.secrets),
        );
      } catch (error) {
        // A detector bug on odd content must not sink the whole scan; the blob stays unscanned
        // (not cached), so the next run tries again.
        const text = `history: a secret rule failed on blob ${blob.id.slice(0, 12)} (${paths[0] ?? '?'}): ${(error as Error).message}`;
        options.logger.warning(text);
        if (state.warnings.length < 20) state.warnings.push(text);
      }
    }
    tick(state);
  };
  return {
    enqueue(ids) {
      if (ids.length === 0) return;
      state.total += ids.length;
      const read = reader.read(ids, onBlob);
      // Settled in done(); don't let an early failure go unhandled meanwhile.
      read.catch(() => {});
      reads.push(read);
    },
    async done() {
      try {
        await Promise.all(reads);
      } finally {
        await reader.close();
      }
    },
  };
}

/** Logs how long a phase took (debug), so slow steps show up in a verbose run. */
function phase(state: ScanState, name: string, since: number): number {
  const now = Date.now();
  state.options.logger.debug(`history: ${name} took ${now - since} ms`);
  return now;
}

function tick(state: ScanState): void {
  const progress = state.options.progress;
  if (!progress) return;
  const now = Date.now();
  if (now - state.lastTick < PROGRESS_INTERVAL_MS || state.read >= state.total) return;
  state.lastTick = now;
  progress({
    blobsScanned: state.read,
    blobsTotal: state.total,
    bytes: state.bytes,
    elapsedMs: now - state.started,
  });
}

/** Findings from the scanned blobs, with `inHead` against `headSha`'s tree. */
async function finish(
  state: ScanState,
  index: OccurrenceIndex,
  headSha: string | undefined,
  knownRefs?: ReadonlyMap<string, string[]>,
  withRefs = true,
): Promise<Finding[]> {
  const hitScans = new Map<string, BlobScan>();
  for (const blob of index.blobs.keys()) {
    const scan = state.scans.get(blob);
    if (scan && hasHits(scan)) hitScans.set(blob, scan);
  }
  if (hitScans.size === 0) return [];
  const headBlobs = new Map<string, string[]>();
  if (headSha)
    await listTreeBlobs(state.git, headSha, (path, blob) => {
      if (!hitScans.has(blob)) return;
      const paths = headBlobs.get(blob);
      if (paths) paths.push(path);
      else headBlobs.set(blob, [path]);
    });
  const findings = attributeFindings({
    index,
    scans: hitScans,
    rules: state.options.rules,
    headBlobs,
    ...(state.options.pathFilter ? { pathFilter: state.options.pathFilter } : {}),
  });
  if (withRefs) await addRefs(state.git, findings, knownRefs);
  return findings;
}

function hasHits(scan: BlobScan): boolean {
  return scan.c.length > 0 || Object.values(scan.p ?? {}).some((hits) => hits.length > 0);
}

async function addRefs(
  git: GitClient,
  findings: Finding[],
  knownRefs?: ReadonlyMap<string, string[]>,
): Promise<void> {
  const byCommit = new Map<string, string[]>(knownRefs);
  const missing = [
    ...new Set(findings.flatMap((f) => (f.commit && !byCommit.has(f.commit) ? [f.commit] : []))),
  ];
  for (const [commit, refs] of await refsContainingCommits(git, missing, MAX_REFS)) {
    byCommit.set(commit, refs);
  }
  for (const finding of findings) {
    if (finding.commit) finding.refs = byCommit.get(finding.commit) ?? [];
  }
}

const keyOf = (finding: { ruleId: string; secretHash?: string }) =>
  secretKey(finding.ruleId, finding.secretHash ?? '');

/**
 * Which of `findings` were already committed before the range: the same rule and secret hash in
 * any blob reachable from `base`, at any path. Checked cheapest first, stopping as soon as every
 * finding is settled: the old versions of the files the range changed, then base's tree, then the
 * rest of base's history (read through the same cache). For that last, largest step a blob is
 * only scanned when its bytes contain one of the pending secret values (a plain byte search, in
 * UTF-8 and Latin-1), so proving a secret new costs about one read of base's blobs.
 */
async function findEarlierSecrets(
  state: ScanState,
  findings: readonly Finding[],
  base: string,
  rangeIndex: OccurrenceIndex,
  parentBlobs: ReadonlyMap<string, string>,
): Promise<Set<string>> {
  const pending = new Set(findings.map(keyOf));
  const earlier = new Set<string>();
  const checked = new Set<string>();
  const baseIndex = new OccurrenceIndex();
  const note = baseIndex.addCommit(base, '');

  const settle = (blob: string) => {
    const scan = state.scans.get(blob);
    if (!scan) return;
    for (const hit of [...scan.c, ...Object.values(scan.p ?? {}).flat()]) {
      const key = keyOf(hit);
      if (pending.delete(key)) earlier.add(key);
    }
  };

  // A parent-side blob may itself come from earlier in the range; base's own blobs can't.
  const check = async (
    candidates: Map<string, string>,
    fromRange: boolean,
    prefilter?: (content: Buffer) => boolean,
  ) => {
    const ids = [...candidates.keys()].filter(
      (blob) => !checked.has(blob) && !(fromRange && rangeIndex.blobs.has(blob)),
    );
    for (const blob of ids) baseIndex.addOccurrence(blob, candidates.get(blob) ?? '', note);
    for (let i = 0; i < ids.length && pending.size > 0; i += BASE_CHECK_BATCH) {
      const batch = ids.slice(i, i + BASE_CHECK_BATCH);
      const toRead = blobsToRead(state, baseIndex, batch);
      await readAndScan(state, baseIndex, toRead, prefilter);
      for (const blob of batch) {
        checked.add(blob);
        settle(blob);
      }
    }
  };

  await check(new Map(parentBlobs), true);
  if (pending.size === 0) return earlier;
  const tree = new Map<string, string>();
  await listTreeBlobs(state.git, base, (path, blob) => {
    if (!tree.has(blob)) tree.set(blob, path);
  });
  await check(tree, false);
  if (pending.size === 0) return earlier;
  // The rest of base's history: read while it is being listed (newest first: no --topo-order
  // --reverse, so output starts at once), only scanning blobs whose bytes hold a pending value.
  const prefilter = bytePrefilter(state, pending);
  const scanner = startBlobScanner(state, baseIndex, prefilter);
  const reachable: string[] = [];
  let batch: string[] = [];
  const parse = createRawLogParser({
    onCommit() {},
    onChange(change) {
      if (!change.blob) return;
      baseIndex.addOccurrence(change.blob, change.path, note);
      if (checked.has(change.blob)) return;
      checked.add(change.blob);
      reachable.push(change.blob);
      if (state.scans.has(change.blob)) return;
      batch.push(change.blob);
      if (batch.length >= PIPELINE_BATCH) {
        scanner.enqueue(batch);
        batch = [];
      }
    },
  });
  const unordered = LOG_ARGS.filter((arg) => arg !== '--topo-order' && arg !== '--reverse');
  try {
    await state.git.stream([...unordered, base, '--'], '\0', parse);
    scanner.enqueue(batch);
  } finally {
    await scanner.done();
  }
  // Blobs scanned (or cached) before a later path needed a path rule on them. Blobs without
  // a scan were rejected by the byte search: no path makes them relevant.
  const again = blobsToRead(
    state,
    baseIndex,
    reachable.filter((blob) => state.scans.has(blob)),
  );
  await readAndScan(state, baseIndex, again, prefilter);
  for (const blob of reachable) settle(blob);
  return earlier;
}

/**
 * A byte search for the still-pending secret values, or undefined when one of them is unknown
 * (its hit came from the cache, which never holds values): then every blob is scanned.
 */
function bytePrefilter(
  state: ScanState,
  pending: ReadonlySet<string>,
): ((content: Buffer) => boolean) | undefined {
  const needles: { key: string; bytes: Buffer[] }[] = [];
  for (const key of pending) {
    const value = state.secrets.get(key)?.identity;
    if (value === undefined || value === '') return undefined;
    const utf8 = Buffer.from(value, 'utf8');
    const latin1 = Buffer.from(value, 'latin1');
    needles.push({ key, bytes: utf8.equals(latin1) ? [utf8] : [utf8, latin1] });
  }
  return (content) =>
    needles.some(
      (needle) => pending.has(needle.key) && needle.bytes.some((bytes) => content.includes(bytes)),
    );
}

/** Commits at the tips of every scanned ref and HEAD (tags peeled; stash left out). */
async function currentTips(git: GitClient): Promise<string[]> {
  const result = await git.run(['rev-list', '--no-walk', '--exclude=refs/stash', '--all'], {
    allowFailure: true,
  });
  return [...new Set(result.stdout.split('\n').filter((sha) => /^[0-9a-f]{40,64}$/.test(sha)))];
}

/** True when every previous tip is still reachable from a current ref (no history rewritten). */
async function tipsStillReachable(git: GitClient, tips: readonly string[]): Promise<boolean> {
  if (tips.length === 0) return false;
  const result = await git.run(['rev-list', '--stdin', '--not', '--exclude=refs/stash', '--all'], {
    allowFailure: true,
    input: `${tips.join('\n')}\n`,
  });
  return result.code === 0 && result.stdout.trim() === '';
}

function buildCachedHistory(
  state: ScanState,
  index: OccurrenceIndex,
  tips: string[],
  commitCount: number,
  blobCount: number,
  findings: readonly Finding[],
): CachedHistory {
  const commitSlot = new Map<number, number>();
  const commits: [string, string][] = [];
  const occurrences: Record<string, [string, number][]> = {};
  // Keep only commits that hit blobs refer to, renumbered in their original order.
  const used: number[] = [];
  for (const [blob, places] of index.blobs) {
    const scan = state.scans.get(blob);
    if (!scan || !hasHits(scan)) continue;
    for (const place of places) used.push(place.commit);
  }
  for (const commit of [...new Set(used)].sort((a, b) => a - b)) {
    commitSlot.set(commit, commits.length);
    const info = index.commits[commit];
    commits.push([info?.sha ?? '', info?.authorDate ?? '']);
  }
  for (const [blob, places] of index.blobs) {
    const scan = state.scans.get(blob);
    if (!scan || !hasHits(scan)) continue;
    occurrences[blob] = places.map((place) => [place.path, commitSlot.get(place.commit) ?? 0]);
  }
  const refs: Record<string, string[]> = {};
  for (const finding of findings)
    if (finding.commit && finding.refs) refs[finding.commit] = finding.refs;
  return { tips, commitCount, blobCount, commits, occurrences, refs };
}
