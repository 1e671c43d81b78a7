import type { Logger } from '../core/logger';
import { decodeBlob, isBinaryContent } from '../core/text-decode';
import type { Finding } from '../core/types';
import type { BlobContent, BlobReader, GitClient } from '../git/git-client';
import { refsContainingCommits } from '../git/queries';
import { createBytePrefilter, type BytePrefilter } from '../secrets/prefilter';
import type { SecretRule } from '../secrets/rule';
import { attributeFindings } from './attribute';
import {
  isPathRule,
  missingPathRules,
  scanBlobText,
  type BlobScan,
  type DetectedSecret,
} from './blob-scan';
import type { OccurrenceIndex } from './occurrences';
import type { ProgressCallback } from './progress';

/**
 * The blob pipeline shared by the full and the range scan: blobs read through one
 * `git cat-file --batch`, decided on their bytes (secrets/prefilter.ts), decoded and scanned only
 * when a rule could match, and turned into findings.
 */

/** Refs listed per finding. */
export const MAX_REFS = 20;
const PROGRESS_INTERVAL_MS = 500;

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
}

export function createScanState(options: {
  git: GitClient;
  rules: readonly SecretRule[];
  logger: Logger;
  progress?: ProgressCallback;
  maxBlobBytes: number;
  scans: Map<string, BlobScan>;
  /** No prefilter: every blob decoded and scanned (the benchmark's reference). */
  reference: boolean;
}): ScanState {
  return {
    git: options.git,
    rules: options.rules,
    pathRules: options.rules.filter(isPathRule),
    prefilter: options.reference
      ? { keywordsIn: () => undefined }
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
  };
}

/** Ends the scan's `cat-file` process, if one was started. */
export async function closeScanState(state: ScanState): Promise<void> {
  const reader = state.reader;
  state.reader = undefined;
  await reader?.close();
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

/** True when a path rule applies to one of the blob's paths and hasn't run on it yet. */
function needsPathRule(
  state: ScanState,
  index: OccurrenceIndex,
  id: string,
  previous: BlobScan | undefined,
): boolean {
  if (state.pathRules.length === 0) return false;
  for (const occurrence of index.blobs.get(id) ?? [])
    for (const rule of state.pathRules)
      if (previous?.p?.[rule.id] === undefined && rule.appliesToPath?.(occurrence.path) === true)
        return true;
  return false;
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
  const reader = (state.reader ??= state.git.openBlobReader(state.maxBlobBytes));
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
    if (isBinaryContent(content)) {
      // Binary: nothing any rule could read; remember it so it is never read again.
      const applicable = missingPathRules(undefined, index.pathsOf(blob.id), state.pathRules);
      state.scans.set(
        blob.id,
        applicable.length > 0
          ? { c: [], p: Object.fromEntries(applicable.map((rule) => [rule.id, []])) }
          : CLEAN,
      );
      return tick(state);
    }
    const keywords = state.prefilter.keywordsIn(content);
    if (keywords?.size === 0 && !previous && !needsPathRule(state, index, blob.id, previous)) {
      state.scans.set(blob.id, CLEAN);
      return tick(state);
    }
    const text = decodeBlob(content, blob.truncated);
    if (text === undefined) return tick(state);
    if (blob.truncated)
      state.logger.debug(
        `history: blob ${blob.id.slice(0, 12)} is ${blob.size} bytes; scanned its first ${state.maxBlobBytes}`,
      );
    const paths = index.pathsOf(blob.id);
    try {
      state.scans.set(
        blob.id,
        scanBlobText(text, paths, state.rules, previous, state.secrets, keywords),
      );
    } catch (error) {
      // A detector bug on odd content must not sink the whole scan; the blob stays unscanned
      // (not cached), so the next run tries again.
      const message = `history: a secret rule failed on blob ${blob.id.slice(0, 12)} (${paths[0] ?? '?'}): ${(error as Error).message}`;
      state.logger.warning(message);
      if (state.warnings.length < 20) state.warnings.push(message);
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
      await Promise.all(reads);
    },
  };
}

/** Logs how long a phase took (debug), so slow steps show up in a verbose run. */
export function phase(state: ScanState, name: string, since: number): number {
  const now = Date.now();
  state.logger.debug(`history: ${name} took ${now - since} ms`);
  return now;
}

function tick(state: ScanState): void {
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
  for (const blob of index.blobs.keys()) {
    const scan = state.scans.get(blob);
    if (scan && hasHits(scan)) hitScans.set(blob, scan);
  }
  if (hitScans.size === 0) return [];
  const headBlobs = new Map<string, string[]>();
  if (headSha)
    await state.git.lsTree(headSha, (path, blob) => {
      if (!hitScans.has(blob)) return;
      const paths = headBlobs.get(blob);
      if (paths) paths.push(path);
      else headBlobs.set(blob, [path]);
    });
  const findings = attributeFindings({ index, scans: hitScans, rules: state.rules, headBlobs });
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
