import { sha256Hex } from '../core/fingerprint';
import type { Finding } from '../core/types';
import type { RefEntry } from '../git/git-client';
import { shallowAdvice } from '../git/shallow';
import {
  blobsToRead,
  finish,
  hasHits,
  phase,
  readAndScan,
  startBlobScanner,
  type ScanState,
} from './blob-pipeline';
import type { CachedHistory, HistoryCacheFile } from './cache';
import { OccurrenceIndex, type Occurrence } from './occurrences';
import { runHistoryRules, treeObservations } from './rule';
import { historyRules } from './rules/index';
import {
  describeUnlisted,
  logChangesBounded,
  lsTreeBounded,
  type UnlistedHistory,
} from './bounded-log';
import type { RawLogHandlers } from './raw-log';
import type { ModeResult } from './types';

/** Blob ids handed to cat-file at a time while history is being listed. */
const PIPELINE_BATCH = 256;

/**
 * Objects that refs point at directly, not through a commit: a tag (annotated or lightweight) of
 * a blob or a tree. Each becomes a stand-in commit after every real one (so a real commit that
 * introduced the same secret is still the first), named by the ref's object and dated by the tag,
 * with the blob at the ref's name or the tree's files at their paths.
 */
interface RefTarget {
  /** The ref's own object (the tag object, or the blob/tree itself for a lightweight tag). */
  object: string;
  date: string;
  refs: string[];
  blob?: { id: string; path: string };
  tree?: string;
}

function refTargets(refs: readonly RefEntry[]): RefTarget[] {
  const byObject = new Map<string, RefTarget>();
  for (const ref of refs) {
    const target = ref.type === 'tag' ? ref.peeled : { object: ref.object, type: ref.type };
    if (!target || (target.type !== 'blob' && target.type !== 'tree')) continue;
    const known = byObject.get(ref.object);
    if (known) {
      known.refs.push(ref.short);
      continue;
    }
    byObject.set(ref.object, {
      object: ref.object,
      date: ref.date,
      refs: [ref.short],
      ...(target.type === 'blob'
        ? { blob: { id: target.object, path: ref.name } }
        : { tree: target.object }),
    });
  }
  return [...byObject.values()];
}

/** The commits every ref (tags peeled) and HEAD point at: what `rev-list --all` starts from. */
function tipCommits(refs: readonly RefEntry[], head: string | undefined): string[] {
  const tips = new Set<string>();
  if (head) tips.add(head);
  for (const ref of refs) {
    if (ref.type === 'commit') tips.add(ref.object);
    else if (ref.peeled?.type === 'commit') tips.add(ref.peeled.object);
  }
  return [...tips];
}

/** Every blob reachable from every ref (except refs/stash), merges and ref targets included. */
export async function scanFull(
  state: ScanState,
  shallow: boolean,
  cache: HistoryCacheFile | undefined,
): Promise<ModeResult> {
  const { git } = state;
  const [refList, headSha] = await Promise.all([git.listRefs(), git.resolveCommit('HEAD')]);
  const refs = new Map(refList.map((ref) => [ref.name, ref.object]));
  const tips = tipCommits(refList, headSha);
  const index = new OccurrenceIndex();
  let commitCount = 0;
  let priorBlobs = 0;
  let incremental = false;

  const previous = cache?.history;
  // Which refs contain a commit only changes when a ref does (name or target).
  const refsKey = sha256Hex([...refs].map(([name, sha]) => `${name} ${sha}`).join('\n'));
  const knownRefs =
    previous?.refs && previous.refsKey === refsKey
      ? new Map(Object.entries(previous.refs))
      : new Map<string, string[]>();
  // The same tips as last time: nothing new to list (and nothing to check).
  const tipSet = new Set(tips);
  const unchanged =
    previous !== undefined &&
    previous.tips.length === tipSet.size &&
    previous.tips.every((tip) => tipSet.has(tip));
  if (
    previous &&
    !shallow &&
    tips.length > 0 &&
    previous.tips.length > 0 &&
    (unchanged || (await git.commitsNotReachable(previous.tips)).length === 0)
  ) {
    // Everything reachable from the previous tips was scanned: list only what is new. New commits
    // are never ancestors of old ones, so appending them keeps the topological order.
    for (const [sha, date] of previous.commits) index.addCommit(sha, date);
    for (const [blob, places] of Object.entries(previous.occurrences))
      for (const [path, commit] of places) index.addOccurrence(blob, path, commit);
    commitCount = previous.commitCount;
    priorBlobs = previous.blobCount ?? 0;
    incremental = true;
    state.logger.debug(`history: cache covers ${previous.commitCount} commits; listing new ones`);
  }

  const before = new Set(index.blobIds());
  const touched = new Set<string>();
  const readBefore = state.read;
  const scanner = startBlobScanner(state, index);
  let batch: string[] = [];
  /** Ref-target blobs that an earlier run already counted and scanned. */
  const seenTargets = new Set<string>();
  const queue = (blob: string, fromTarget = false) => {
    if (touched.has(blob)) return;
    touched.add(blob);
    if (state.scans.has(blob)) {
      if (fromTarget) seenTargets.add(blob);
      return;
    }
    batch.push(blob);
    if (batch.length >= PIPELINE_BATCH) {
      scanner.enqueue(batch);
      batch = [];
    }
  };
  const unlisted: UnlistedHistory[] = [];
  // Stand-in commits for ref targets, excluded from the cached history (rebuilt every run).
  const standIns = new Set<number>();
  try {
    if (tips.length > 0 && !(incremental && unchanged)) {
      // Blobs are read while history is still being listed (see startBlobScanner).
      let current = 0;
      const handlers: RawLogHandlers = {
        onCommit(sha, date) {
          current = index.addCommit(sha, date);
          commitCount += 1;
        },
        onChange(change) {
          if (!change.blob) return;
          index.addOccurrence(change.blob, change.path, current);
          queue(change.blob);
        },
      };
      unlisted.push(
        ...(await logChangesBounded(
          git,
          {
            include: tips,
            ...(incremental ? { exclude: previous?.tips ?? [] } : {}),
            order: 'oldest-first',
          },
          handlers,
          state.warnings,
        )),
      );
    }
    for (const target of refTargets(refList)) {
      const slot = index.addStandIn(target.object, target.date);
      standIns.add(slot);
      knownRefs.set(target.object, target.refs);
      if (target.blob) {
        index.addOccurrence(target.blob.id, target.blob.path, slot);
        queue(target.blob.id, true);
      } else if (target.tree) {
        const bomb = await lsTreeBounded(git, target.tree, (path, blob) => {
          index.addOccurrence(blob, path, slot);
          queue(blob, true);
        });
        if (bomb) unlisted.push(bomb);
      }
    }
    scanner.enqueue(batch);
  } finally {
    await scanner.done();
  }
  let mark = phase(
    state,
    `listing changes (${commitCount} commits) and reading blobs`,
    state.started,
  );
  const newBlobs = [...touched].filter((blob) => !before.has(blob) && !seenTargets.has(blob));
  // Cached blobs, and any first read before a later path needed a path rule on it.
  await readAndScan(state, index, blobsToRead(state, index, [...touched]));
  const blobsRead = state.read - readBefore;
  mark = phase(state, `reading ${blobsRead} blobs in all`, mark);

  if (shallow) {
    const text = shallowAdvice(
      `history is incomplete: this is a shallow clone, so only ${commitCount} commit(s) reachable from ${refs.size} ref(s) were scanned`,
    );
    state.logger.warning(text);
    state.warnings.push(text);
  }

  const findings = [
    ...(await finish(state, index, headSha, knownRefs)),
    ...runHistoryRules(treeObservations(unlisted), historyRules),
  ];
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
    unlisted: describeAll(unlisted, refList, headSha),
    // History that could not be listed must be listed again next time: no cached history.
    ...(shallow || unlisted.length > 0
      ? {}
      : {
          history: {
            ...buildCachedHistory(state, index, standIns, tips, commitCount, blobs, findings),
            refsKey,
          },
          historyChanged:
            newBlobs.length > 0 ||
            !previous?.refs ||
            previous.refsKey !== refsKey ||
            commitCount !== previous.commitCount,
        }),
  };
}

/** Sentences for what was not listed, naming the refs at each object. */
export function describeAll(
  unlisted: readonly UnlistedHistory[],
  refs: readonly RefEntry[],
  head: string | undefined,
): string[] {
  return unlisted.map((item) => {
    const names = refs
      .filter((ref) => ref.object === item.object || ref.peeled?.object === item.object)
      .map((ref) => ref.short);
    if (item.object === head) names.unshift('HEAD');
    return describeUnlisted(item, names);
  });
}

function buildCachedHistory(
  state: ScanState,
  index: OccurrenceIndex,
  standIns: ReadonlySet<number>,
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
  const hitBlobs: [string, Occurrence[]][] = [];
  for (const blob of index.blobIds()) {
    const scan = state.scans.get(blob);
    if (scan && hasHits(scan)) hitBlobs.push([blob, index.occurrencesOf(blob)]);
  }
  for (const [, places] of hitBlobs)
    for (const place of places) if (!standIns.has(place.commit)) used.push(place.commit);
  for (const commit of [...new Set(used)].sort((a, b) => a - b)) {
    commitSlot.set(commit, commits.length);
    const info = index.commits[commit];
    commits.push([info?.sha ?? '', info?.authorDate ?? '']);
  }
  for (const [blob, places] of hitBlobs) {
    const kept = places.filter((place) => !standIns.has(place.commit));
    if (kept.length > 0)
      occurrences[blob] = kept.map((place) => [place.path, commitSlot.get(place.commit) ?? 0]);
  }
  const standInShas = new Set([...standIns].map((slot) => index.commits[slot]?.sha));
  const refs: Record<string, string[]> = {};
  for (const finding of findings)
    if (finding.commit && finding.refs && !standInShas.has(finding.commit))
      refs[finding.commit] = finding.refs;
  return { tips, commitCount, blobCount, commits, occurrences, refs };
}
