import { sha256Hex } from '../core/fingerprint';
import type { SecretRule } from '../secrets/rule';
import type { BlobScan, HitRecord } from './blob-scan';

/**
 * The incremental cache: which blobs were already scanned and what they held. Pure (parse and
 * build); `cache-file.ts` does the reading and writing.
 *
 * It never holds a secret: hits keep the rule, line, message, severity, secret hash and redacted
 * evidence only. The values to mask (`secretsToMask`) therefore can't be recovered for a cached
 * hit; that is acceptable because a cached finding carries only redacted evidence and nothing of
 * the value is ever printed.
 *
 * `history` (full mode only) lets a rerun list just the commits added since: the ref tips whose
 * whole ancestry was scanned, the number of commits scanned, and the occurrences of the blobs that
 * had hits (the only ones attribution needs).
 */
// 2: evidence no longer carries a fingerprint (findings have one identity, shown in full).
// 3: a stray NUL no longer makes a blob binary, UTF-16 with a BOM is text, hits are capped.
// 4: hits say whether their value passed its format's validation (vendored paths keep only those).
export const CACHE_VERSION = 4;

export interface CachedHistory {
  /** Commits whose ancestry is fully scanned (the ref tips at the time). */
  tips: string[];
  commitCount: number;
  /** Distinct blobs listed so far. */
  blobCount?: number;
  /** Commits referenced by `occurrences`, oldest first: `[sha, authorDate]`. */
  commits: [string, string][];
  /** Blob → `[path, index into commits]`, for blobs with hits. */
  occurrences: Record<string, [string, number][]>;
  /** Refs containing each finding's commit; valid while `refsKey` is unchanged. */
  refs?: Record<string, string[]>;
  /** Hash of every scanned ref's name and target when `refs` was computed. */
  refsKey?: string;
}

export interface HistoryCacheFile {
  version: typeof CACHE_VERSION;
  rulesHash: string;
  /** Blobs with hits or path-rule results. */
  blobs: Record<string, BlobScan>;
  /**
   * Space-separated ids of blobs scanned with no hit and no path rule run: the vast majority,
   * kept as one string so a 100k-blob cache loads and saves in milliseconds.
   */
  clean?: string;
  history?: CachedHistory;
}

/** Shared by every clean blob restored from the cache; never mutated (scans are copied). */
const CLEAN: BlobScan = Object.freeze({ c: Object.freeze([]) as unknown as BlobScan['c'] });

function isClean(scan: BlobScan): boolean {
  return scan.c.length === 0 && scan.p === undefined;
}

/** Clean blob ids per piece of the cache file's text. */
const CLEAN_IDS_PER_PIECE = 8192;

/**
 * The cache file for a set of scans, as JSON text in pieces: the same text as `JSON.stringify` of
 * the `HistoryCacheFile` (fields in its order), without ever holding it whole. The clean ids are
 * most of it (207,000 on wagtail, 8.5 MB); one string of them, the JSON text and its bytes were
 * 30 MB at once at the end of a full scan, above the scan's own peak.
 */
export function* cacheFileText(
  scans: ReadonlyMap<string, BlobScan>,
  rulesHash: string,
  history: CachedHistory | undefined,
): Generator<string> {
  const blobs: Record<string, BlobScan> = {};
  for (const [id, scan] of scans) if (!isClean(scan)) blobs[id] = scan;
  const version: HistoryCacheFile['version'] = CACHE_VERSION;
  yield `{"version":${version},"rulesHash":${JSON.stringify(rulesHash)},"blobs":${JSON.stringify(blobs)},"clean":"`;
  // The ids joined, as JSON string content (hex ids need no escaping, but the format says so).
  const joined = (ids: string[]) => JSON.stringify(ids.join(' ')).slice(1, -1);
  let piece: string[] = [];
  let separator = '';
  for (const [id, scan] of scans) {
    if (!isClean(scan)) continue;
    piece.push(id);
    if (piece.length === CLEAN_IDS_PER_PIECE) {
      yield separator + joined(piece);
      separator = ' ';
      piece = [];
    }
  }
  if (piece.length > 0) yield separator + joined(piece);
  yield '"';
  if (history) yield `,"history":${JSON.stringify(history)}`;
  yield '}';
}

/** Every scan a cache file holds. */
export function unpackScans(cache: HistoryCacheFile | undefined): Map<string, BlobScan> {
  const scans = new Map<string, BlobScan>();
  if (!cache) return scans;
  if (cache.clean) for (const id of cache.clean.split(' ')) if (id !== '') scans.set(id, CLEAN);
  for (const [id, scan] of Object.entries(cache.blobs)) scans.set(id, scan);
  return scans;
}

/**
 * Changes whenever a rule's id, name, severity, keywords, detector or path test changes (their
 * source text stands in for a version), or the blob size limit does: any of them changes results.
 */
export function computeRulesHash(rules: readonly SecretRule[], maxBlobBytes: number): string {
  const parts = rules.map((rule) =>
    JSON.stringify([
      rule.id,
      rule.name,
      rule.severity,
      rule.keywords ?? null,
      rule.detect.toString(),
      rule.appliesToPath?.toString() ?? null,
    ]),
  );
  return sha256Hex(`v${CACHE_VERSION}\n${maxBlobBytes}\n${parts.join('\n')}`).slice(0, 32);
}

export type ParsedCache =
  { ok: true; cache: HistoryCacheFile } | { ok: false; reason: string; stale?: boolean };

/** Validates a cache file's text; never throws. */
export function parseCache(text: string, rulesHash: string): ParsedCache {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the cache file is not valid JSON' };
  }
  if (!isRecord(data)) return { ok: false, reason: 'the cache file is not a JSON object' };
  if (data.version !== CACHE_VERSION)
    return {
      ok: false,
      reason: `cache version ${String(data.version)} is not ${CACHE_VERSION}`,
      stale: true,
    };
  if (data.rulesHash !== rulesHash)
    return {
      ok: false,
      reason: 'the secret rules changed since the cache was written',
      stale: true,
    };
  if (!isRecord(data.blobs)) return { ok: false, reason: 'the cache file has no blobs table' };
  const blobs: Record<string, BlobScan> = {};
  for (const [id, value] of Object.entries(data.blobs)) {
    if (!/^[0-9a-f]{40,64}$/.test(id) || !isBlobScan(value))
      return { ok: false, reason: `the cache entry for ${id.slice(0, 12)} is malformed` };
    blobs[id] = value;
  }
  const cache: HistoryCacheFile = { version: CACHE_VERSION, rulesHash, blobs };
  if (data.clean !== undefined) {
    if (typeof data.clean !== 'string' || !/^[0-9a-f ]*$/.test(data.clean))
      return { ok: false, reason: 'the cache list of clean blobs is malformed' };
    cache.clean = data.clean;
  }
  if (data.history !== undefined && isCachedHistory(data.history)) cache.history = data.history;
  return { ok: true, cache };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHit(value: unknown): value is HitRecord {
  return (
    isRecord(value) &&
    typeof value.ruleId === 'string' &&
    typeof value.line === 'number' &&
    typeof value.message === 'string' &&
    typeof value.severity === 'string' &&
    typeof value.secretHash === 'string' &&
    typeof value.evidence === 'string'
  );
}

function isBlobScan(value: unknown): value is BlobScan {
  if (!isRecord(value) || !Array.isArray(value.c) || !value.c.every(isHit)) return false;
  if (value.p === undefined) return true;
  return (
    isRecord(value.p) &&
    Object.values(value.p).every((hits) => Array.isArray(hits) && hits.every(isHit))
  );
}

function isCachedHistory(value: unknown): value is CachedHistory {
  if (!isRecord(value)) return false;
  const { tips, commitCount, commits, occurrences, refs, refsKey } = value;
  if (refsKey !== undefined && typeof refsKey !== 'string') return false;
  if (
    refs !== undefined &&
    !(
      isRecord(refs) &&
      Object.values(refs).every(
        (list) => Array.isArray(list) && list.every((ref) => typeof ref === 'string'),
      )
    )
  )
    return false;
  return (
    Array.isArray(tips) &&
    tips.every((tip) => typeof tip === 'string' && /^[0-9a-f]{40,64}$/.test(tip)) &&
    typeof commitCount === 'number' &&
    Array.isArray(commits) &&
    commits.every(
      (commit) =>
        Array.isArray(commit) && typeof commit[0] === 'string' && typeof commit[1] === 'string',
    ) &&
    isRecord(occurrences) &&
    Object.values(occurrences).every(
      (list) =>
        Array.isArray(list) &&
        list.every(
          (entry) =>
            Array.isArray(entry) &&
            typeof entry[0] === 'string' &&
            typeof entry[1] === 'number' &&
            entry[1] >= 0 &&
            entry[1] < commits.length,
        ),
    )
  );
}
