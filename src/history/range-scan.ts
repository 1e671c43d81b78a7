import { ConfigurationError } from '../core/errors';
import type { Finding } from '../core/types';
import { ZERO_SHA } from '../git/queries';
import { ensureRangeAvailable, shallowAdvice } from '../git/shallow';
import { secretKey } from './blob-scan';
import {
  addRefs,
  blobsToRead,
  finish,
  readAndScan,
  startBlobScanner,
  type ScanState,
} from './blob-pipeline';
import { OccurrenceIndex } from './occurrences';
import { logChangesBounded, lsTreeBounded, type UnlistedHistory } from './bounded-log';
import { runHistoryRules, treeObservations } from './rule';
import { historyRules } from './rules/index';
import type { RawLogHandlers } from './raw-log';
import type { HistoryCacheFile } from './cache';
import { describeAll } from './full-scan';
import type { ModeResult } from './types';

/** Blobs read per batch when looking for a secret's earlier presence (allows stopping early). */
const BASE_CHECK_BATCH = 10_000;
/** Blob ids handed to cat-file at a time while history is being listed. */
const PIPELINE_BATCH = 256;

export interface RangeOptions {
  base?: string;
  head?: string;
  defaultBranch?: string;
  allowFetch?: boolean;
}

/** `base..head`: only what the range introduced, and only secrets that are new to it. */
export async function scanRange(
  state: ScanState,
  shallow: boolean,
  options: RangeOptions,
  cache?: HistoryCacheFile,
): Promise<ModeResult> {
  const { git, logger } = state;
  if (options.base === undefined || options.base.trim() === '')
    throw new ConfigurationError(
      'range mode needs a base commit (the pull request base sha or the push "before" sha); use full mode to scan all history.',
    );
  const headRev = options.head ?? 'HEAD';
  const headSha = await git.resolveCommit(headRev);
  if (!headSha)
    throw new ConfigurationError(
      `head ${headRev} is not a commit in this repository: pass an existing commit or ref.`,
    );

  let baseSha: string | undefined;
  let deepened: string | undefined;
  if (ZERO_SHA.test(options.base)) {
    // A push that created a branch has no "before": scan what the branch adds to the default one.
    const defaultSha = options.defaultBranch
      ? await git.resolveCommit(options.defaultBranch)
      : undefined;
    baseSha = defaultSha ? await git.mergeBase(defaultSha, headSha) : undefined;
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
  const unlisted = await logChangesBounded(
    git,
    { include: [headSha], exclude: baseSha ? [baseSha] : [], order: 'oldest-first' },
    {
      onCommit(sha, date) {
        current = index.addCommit(sha, date);
        commitCount += 1;
      },
      onChange(change) {
        if (change.blob) index.addOccurrence(change.blob, change.path, current);
        for (const blob of change.parentBlobs)
          if (!parentBlobs.has(blob)) parentBlobs.set(blob, change.path);
      },
    },
    state.warnings,
  );
  const newBlobs = [...index.blobIds()];
  const toRead = blobsToRead(state, index, newBlobs);
  await readAndScan(state, index, toRead);

  let findings = await finish(state, index, headSha, undefined, false);
  if (baseSha && findings.length > 0) {
    const earlier = await findEarlierSecrets(
      state,
      findings,
      baseSha,
      index,
      parentBlobs,
      cache,
      unlisted,
    );
    const dropped = findings.filter((finding) => earlier.has(keyOf(finding)));
    if (dropped.length > 0)
      logger.info(
        `history: ${dropped.length} secret(s) in ${baseSha.slice(0, 12)}..${headSha.slice(0, 12)} were already committed before the range and are not reported as new`,
      );
    findings = findings.filter((finding) => !earlier.has(keyOf(finding)));
  }
  findings.push(...runHistoryRules(treeObservations(unlisted), historyRules));
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
    unlisted: describeAll(unlisted, [], headSha),
  };
}

const keyOf = (finding: { ruleId: string; secretHash?: string }) =>
  secretKey(finding.ruleId, finding.secretHash ?? '');

/**
 * Which of `findings` were already committed before the range: the same rule and secret hash in
 * any blob reachable from `base`, at any path. Checked cheapest first, stopping as soon as every
 * finding is settled: the old versions of the files the range changed, then base's tree, then the
 * rest of base's history (read through the same cache). For that last, largest step a blob is
 * only scanned when its bytes contain one of the pending secret values (a plain byte search, in
 * UTF-8 and Latin-1), so proving a secret new costs about one read of base's blobs — unless the
 * cache holds a full scan that covered all of base's history: then no cached blob holding a
 * pending secret proves it new without reading anything.
 */
async function findEarlierSecrets(
  state: ScanState,
  findings: readonly Finding[],
  base: string,
  rangeIndex: OccurrenceIndex,
  parentBlobs: ReadonlyMap<string, string>,
  /** The cache as loaded: its full scan's tips and the blobs it saw with hits. */
  cache: HistoryCacheFile | undefined,
  /** Receives what could not be listed (git bombs, git failures). */
  unlisted: UnlistedHistory[],
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
      (blob) => !checked.has(blob) && !(fromRange && rangeIndex.has(blob)),
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
  const bomb = await lsTreeBounded(state.git, base, (path, blob) => {
    if (!tree.has(blob)) tree.set(blob, path);
  });
  if (bomb) unlisted.push(bomb);
  await check(tree, false);
  if (pending.size === 0) return earlier;
  const cachedTips = cache?.history?.tips ?? [];
  if (cachedTips.length > 0 && (await state.git.listCommits([base], cachedTips, 1)).length === 0) {
    // The cached full scan covered all of base's history, so every blob reachable from base is
    // in the cache: a secret no cached blob holds is new. (Reading base's history would settle
    // nothing more: cached blobs are not read again, and a blob outside the cache, e.g. the
    // range's own, can't be reachable from base.) The others are looked for below.
    const held = heldByCachedBlobs(cache?.blobs ?? {}, pending);
    const proven = [...pending].filter((key) => !held.has(key));
    for (const key of proven) pending.delete(key);
    state.logger.debug(
      `history: the cache covers ${base.slice(0, 12)}'s history; ${proven.length} of the range's secret(s) are in no cached blob: new`,
    );
    if (pending.size === 0) return earlier;
  }
  // The rest of base's history: read while it is being listed (newest first, so output starts at
  // once), only scanning blobs whose bytes hold a pending value.
  const prefilter = bytePrefilter(state, pending);
  const scanner = startBlobScanner(state, baseIndex, prefilter);
  const reachable: string[] = [];
  let batch: string[] = [];
  const handlers: RawLogHandlers = {
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
  };
  try {
    unlisted.push(
      ...(await logChangesBounded(state.git, { include: [base], order: 'newest-first' }, handlers)),
    );
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

/** The keys of `pending` (rule + secret hash) that some cached blob has a hit for. */
function heldByCachedBlobs(
  blobs: HistoryCacheFile['blobs'],
  pending: ReadonlySet<string>,
): Set<string> {
  const held = new Set<string>();
  for (const scan of Object.values(blobs))
    for (const hit of [...scan.c, ...Object.values(scan.p ?? {}).flat()])
      if (pending.has(keyOf(hit))) held.add(keyOf(hit));
  return held;
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
