import type { Logger } from '../core/logger';
import type { ScanBudget } from '../core/scan-budget';
import type { Finding } from '../core/types';
import type { BlobContent, BlobReader, GitClient } from '../git/git-client';
import { refsContainingCommits } from '../git/queries';
import { createBytePrefilter, type BytePrefilter } from '../secrets/prefilter';
import type { SecretRule } from '../secrets/rule';
import { secretRules } from '../secrets/rules/index';
import { attributeFindings } from './attribute';
import { locateInTree } from './bounded-log';
import { scanBlobJob, type BlobJob, type BlobOutcome, type BlobRules } from './blob-job';
import { VersionStore } from './version-delta';
import { isPathRule, missingPathRules, type BlobScan, type DetectedSecret } from './blob-scan';
import type { OccurrenceIndex } from './occurrences';
import type { ProgressCallback } from './progress';
import {
  findWorkerScript,
  startWorkerPool,
  workerPlan,
  type BatchItem,
  type WorkerPool,
} from './scan-workers';

/**
 * The blob pipeline shared by the full and the range scan: blobs read through one
 * `git cat-file --batch`, decided on their bytes (secrets/prefilter.ts), decoded and scanned only
 * when a rule could match, and turned into findings.
 */

/** Refs listed per finding. */
export const MAX_REFS = 20;
/** Paths of one blob in HEAD that are kept (as many as the history keeps, occurrences.ts). */
const MAX_HEAD_PATHS_PER_BLOB = 1000;
const PROGRESS_INTERVAL_MS = 500;
/** Bytes per batch handed to a worker, and bytes in flight before git's output is paused. */
const BATCH_BYTES = 256 << 10;
const BATCH_ITEMS = 256;
const MAX_IN_FLIGHT_BYTES = 8 << 20;
/** Earlier versions kept to scan the next against (a 1 MB schema in 24 versions). */
const VERSION_STORE_BYTES = 24 << 20;

/** Shared by every blob no rule could match; never mutated (scans are copied before changes). */
const CLEAN: BlobScan = Object.freeze({ c: Object.freeze([]) as unknown as BlobScan['c'] });

export interface ScanState {
  git: GitClient;
  rules: readonly SecretRule[];
  pathRules: readonly SecretRule[];
  prefilter: BytePrefilter;
  logger: Logger;
  progress: ProgressCallback | undefined;
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
  /** One `git cat-file --batch` for the whole scan, opened on first use (see closeScanState). */
  reader: BlobReader | undefined;
  /** Blobs listed in history but absent from the object store (a partial clone). */
  missing: Set<string>;
  /** Blobs read this run that are not text (core/text-decode.ts), so not scanned. */
  binary: number;
  /** Where blobs are scanned: here, or in worker threads once the scan is big enough. */
  dispatch: Dispatcher;
  /** Only findings at paths it accepts (repository-root paths) are reported. */
  pathFilter: ((path: string) => boolean) | undefined;
  /** Committed third-party paths whose (unvalidated) hits were left out. */
  vendoredSkipped: Set<string>;
  /** The run's detector time budget: past it, blobs are listed as skipped, not scanned. */
  budget: ScanBudget | undefined;
}

export function createScanState(options: {
  git: GitClient;
  rules: readonly SecretRule[];
  logger: Logger;
  progress?: ProgressCallback;
  maxBlobBytes: number;
  scans: Map<string, BlobScan>;
  /** No prefilter and no workers: every blob decoded and scanned here (the benchmark's reference). */
  reference: boolean;
  pathFilter?: (path: string) => boolean;
  budget?: ScanBudget;
}): ScanState {
  const state: Omit<ScanState, 'dispatch'> = {
    pathFilter: options.pathFilter,
    budget: options.budget,
    git: options.git,
    rules: options.rules,
    pathRules: options.rules.filter(isPathRule),
    prefilter: options.reference
      ? { keywordsIn: () => undefined, keywordCounts: () => undefined }
      : createBytePrefilter(options.rules),
    logger: options.logger,
    progress: options.progress,
    maxBlobBytes: options.maxBlobBytes,
    scans: options.scans,
    secrets: new Map(),
    warnings: [],
    started: Date.now(),
    read: 0,
    total: 0,
    bytes: 0,
    lastTick: 0,
    reader: undefined,
    missing: new Set(),
    vendoredSkipped: new Set(),
    binary: 0,
  };
  const workers = !options.reference && usesRegistryRules(options.rules);
  return Object.assign(state, {
    dispatch: createDispatcher(state, workers, !options.reference),
  });
}

/** Workers load the registry's rules themselves: only a scan with exactly those can use them. */
function usesRegistryRules(rules: readonly SecretRule[]): boolean {
  const registry = new Map<string, SecretRule>(secretRules.map((rule) => [rule.id, rule]));
  return rules.length > 0 && rules.every((rule) => registry.get(rule.id) === rule);
}

/** Ends the scan's `cat-file` process and workers, if they were started. */
export async function closeScanState(state: ScanState): Promise<void> {
  const reader = state.reader;
  state.reader = undefined;
  await Promise.all([reader?.close(), state.dispatch.close()]);
}

/** Records a blob's outcome: its scan, the values found, warnings. */
function apply(state: Omit<ScanState, 'dispatch'>, id: string, outcome: BlobOutcome): void {
  if (outcome.debug) state.logger.debug(outcome.debug);
  if (outcome.binary) state.binary++;
  for (const [key, secret] of outcome.secrets ?? []) state.secrets.set(key, secret);
  if (outcome.scan === 'clean') state.scans.set(id, CLEAN);
  else if (outcome.scan) state.scans.set(id, outcome.scan);
  if (outcome.warning) {
    state.logger.warning(outcome.warning);
    if (state.warnings.length < 20) state.warnings.push(outcome.warning);
  }
  tick(state);
}

interface Dispatcher {
  submit(job: BlobJob): void;
  /** Resolves once every submitted blob's outcome has been applied. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Scans blobs on this thread, or, once the scan is big enough and when there are cores to spare
 * and the worker bundle is there (see scan-workers.ts), in worker threads: blobs are copied into batches,
 * and outcomes applied in submission order, so the result doesn't depend on where a blob ran.
 */
function createDispatcher(
  state: Omit<ScanState, 'dispatch'>,
  workersAllowed: boolean,
  /** Scan a large file's next version against the last (version-delta.ts); off for the reference. */
  delta: boolean,
): Dispatcher {
  const context: BlobRules = {
    rules: state.rules,
    pathRules: state.pathRules,
    prefilter: state.prefilter,
    maxBlobBytes: state.maxBlobBytes,
    ...(delta ? { versions: new VersionStore(VERSION_STORE_BYTES) } : {}),
  };
  const plan = workerPlan();
  let script = workersAllowed && plan.count > 0 ? findWorkerScript() : undefined;
  if (workersAllowed && plan.threshold === 0 && plan.count > 0 && !script)
    state.logger.warning(
      `history: ${plan.count} worker thread(s) asked for (DDG_HISTORY_WORKERS) but the worker bundle is not beside this one: scanning on one thread`,
    );
  let pool: WorkerPool | undefined;
  let buffer: Uint8Array | undefined;
  let used = 0;
  let items: BatchItem[] = [];
  let applied: Promise<void> = Promise.resolve();
  let failure: Error | undefined;

  const send = () => {
    if (!pool || !buffer || items.length === 0) return;
    const batch = items;
    const outcomes = pool.submit(buffer.buffer as ArrayBuffer, batch);
    buffer = undefined;
    used = 0;
    items = [];
    if (pool.pendingBytes > MAX_IN_FLIGHT_BYTES) state.reader?.pause();
    outcomes.catch(() => {});
    applied = applied.then(async () => {
      const results = await outcomes.catch((error: unknown) => {
        failure ??= error as Error;
        return [];
      });
      results.forEach((outcome, i) => apply(state, batch[i]!.id, outcome));
      if ((pool?.pendingBytes ?? 0) <= MAX_IN_FLIGHT_BYTES / 2) state.reader?.resume();
    });
  };

  return {
    submit(job) {
      if (state.budget?.exceeded()) {
        // Not scanned and not cached: the next run (with time left) reads it again.
        state.budget.skip(`blob ${job.id.slice(0, 12)} (${job.paths[0] ?? '?'})`);
        return;
      }
      if (!pool && script && state.total >= plan.threshold) {
        const { count } = plan;
        if (count > 0)
          pool = startWorkerPool(script, count, {
            ruleIds: state.rules.map((rule) => rule.id),
            maxBlobBytes: state.maxBlobBytes,
            versionStoreBytes: delta ? Math.ceil(VERSION_STORE_BYTES / count) : 0,
          });
        // The workers keep their own versions from here on.
        delete context.versions;
        script = undefined;
      }
      if (!pool) return apply(state, job.id, scanBlobJob(job, context));
      const length = job.content.length;
      if (buffer && used + length > buffer.length) send();
      buffer ??= new Uint8Array(Math.max(BATCH_BYTES, length));
      buffer.set(job.content, used);
      items.push({
        id: job.id,
        start: used,
        length,
        size: job.size,
        truncated: job.truncated,
        paths: job.paths,
        ...(job.previous ? { previous: job.previous } : {}),
      });
      used += length;
      if (items.length >= BATCH_ITEMS || used >= BATCH_BYTES) send();
    },
    async drain() {
      send();
      await applied;
      if (failure) throw failure;
    },
    async close() {
      await pool?.close();
    },
  };
}

/** Blobs that need reading: not cached, or cached but seen under a path a path rule now needs. */
export function blobsToRead(
  state: ScanState,
  index: OccurrenceIndex,
  blobs: readonly string[],
): string[] {
  return blobs.filter((blob) => {
    const cached = state.scans.get(blob);
    return !cached || missingPathRules(cached, index.pathsOf(blob), state.pathRules).length > 0;
  });
}

export async function readAndScan(
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

export interface BlobScanner {
  /** Queues blobs for reading; returns at once. */
  enqueue(ids: readonly string[]): void;
  /** Waits for every queued blob. */
  done(): Promise<void>;
}

/**
 * Blobs read through the scan's `git cat-file --batch`, fed while the caller is still listing
 * history, so git's tree diffs and blob reads overlap. Each blob is scanned with the paths known when it arrives; the caller
 * re-reads the rare blob that a later path needs a path rule for (see `blobsToRead`).
 *
 * Most blobs hold none of the rules' keywords: the byte prefilter settles them without decoding
 * (the result is the same `{c: []}` a full scan would give, see secrets/prefilter.ts).
 */
export function startBlobScanner(
  state: ScanState,
  index: OccurrenceIndex,
  prefilter?: (content: Buffer) => boolean,
): BlobScanner {
  const reads: Promise<void>[] = [];
  const onBlob = (blob: BlobContent) => {
    state.read += 1;
    const content = blob.content;
    if (!content) {
      state.missing.add(blob.id);
      return;
    }
    state.bytes += content.length;
    if (prefilter && !prefilter(content)) return tick(state);
    const previous = state.scans.get(blob.id);
    state.dispatch.submit({
      id: blob.id,
      content,
      size: blob.size,
      truncated: blob.truncated,
      paths: index.pathsOf(blob.id),
      ...(previous ? { previous } : {}),
    });
  };
  return {
    enqueue(ids) {
      if (ids.length === 0) return;
      state.total += ids.length;
      // Opened on the first blob: a rerun served by the cache starts no cat-file at all.
      const reader = (state.reader ??= state.git.openBlobReader(state.maxBlobBytes));
      const read = reader.read(ids, onBlob);
      // Settled in done(); don't let an early failure go unhandled meanwhile.
      read.catch(() => {});
      reads.push(read);
    },
    async done() {
      await Promise.all(reads);
      await state.dispatch.drain();
    },
  };
}

/** Logs how long a phase took (debug), so slow steps show up in a verbose run. */
export function phase(state: ScanState, name: string, since: number): number {
  const now = Date.now();
  state.logger.debug(`history: ${name} took ${now - since} ms`);
  return now;
}

function tick(state: Omit<ScanState, 'dispatch'>): void {
  const progress = state.progress;
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

export function hasHits(scan: BlobScan): boolean {
  return scan.c.length > 0 || Object.values(scan.p ?? {}).some((hits) => hits.length > 0);
}

/** Findings from the scanned blobs, with `inHead` against `headSha`'s tree. */
export async function finish(
  state: ScanState,
  index: OccurrenceIndex,
  headSha: string | undefined,
  knownRefs?: ReadonlyMap<string, string[]>,
  withRefs = true,
): Promise<Finding[]> {
  const hitScans = new Map<string, BlobScan>();
  for (const blob of index.blobIds()) {
    const scan = state.scans.get(blob);
    if (scan && hasHits(scan)) hitScans.set(blob, scan);
  }
  if (hitScans.size === 0) return [];
  const headBlobs = headSha
    ? await locateInTree(state.git, headSha, new Set(hitScans.keys()), MAX_HEAD_PATHS_PER_BLOB)
    : new Map<string, string[]>();
  const findings = attributeFindings({
    index,
    scans: hitScans,
    rules: state.rules,
    headBlobs,
    ...(state.pathFilter ? { pathFilter: state.pathFilter } : {}),
    onVendoredSkipped: (path) => state.vendoredSkipped.add(path),
  });
  if (withRefs) await addRefs(state.git, findings, knownRefs);
  return findings;
}

export async function addRefs(
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
