import { docsUrlFor } from '../core/docs-url';
import type { Finding, HistoryLocation } from '../core/types';
import type { SecretRule } from '../secrets/rule';
import { historyFingerprint, type BlobScan, type HitRecord } from './blob-scan';
import type { OccurrenceIndex } from './occurrences';

/**
 * Turns per-blob hits into history findings. Pure.
 *
 * One finding per (rule, secret hash): the same secret under several paths or commits is one
 * finding listing every place. Per path, the location is the oldest commit (topological order)
 * that introduced a blob holding the secret there. The finding's own commit/file/line are those of
 * the oldest location overall.
 */

/** Locations listed per finding; the first introduction is always kept. */
export const MAX_LOCATIONS = 100;

export interface AttributionInput {
  index: OccurrenceIndex;
  scans: ReadonlyMap<string, BlobScan>;
  rules: readonly SecretRule[];
  /** Blobs of the HEAD (or range head) tree with their paths. */
  headBlobs: ReadonlyMap<string, readonly string[]>;
}

interface Place {
  commit: number;
  path: string;
  hit: HitRecord;
}

interface Group {
  ruleId: string;
  secretHash: string;
  byPath: Map<string, Place>;
  inHead: boolean;
  allIgnored: boolean;
}

export function attributeFindings(input: AttributionInput): Finding[] {
  const rulesById = new Map(input.rules.map((rule) => [rule.id, rule]));
  const groups = new Map<string, Group>();

  const add = (blob: string, hit: HitRecord, applies: (path: string) => boolean) => {
    const occurrences = input.index.blobs.get(blob) ?? [];
    const key = `${hit.ruleId}\u0000${hit.secretHash}`;
    for (const occurrence of occurrences) {
      if (!applies(occurrence.path)) continue;
      let group = groups.get(key);
      if (!group) {
        group = {
          ruleId: hit.ruleId,
          secretHash: hit.secretHash,
          byPath: new Map(),
          inHead: false,
          allIgnored: true,
        };
        groups.set(key, group);
      }
      const known = group.byPath.get(occurrence.path);
      if (!known || occurrence.commit < known.commit)
        group.byPath.set(occurrence.path, {
          commit: occurrence.commit,
          path: occurrence.path,
          hit,
        });
      if (hit.inlineIgnore === undefined) group.allIgnored = false;
    }
    const headPaths = input.headBlobs.get(blob);
    const group = groups.get(key);
    if (group && headPaths?.some(applies)) group.inHead = true;
  };

  for (const [blob, scan] of input.scans) {
    for (const hit of scan.c) add(blob, hit, () => true);
    for (const [ruleId, hits] of Object.entries(scan.p ?? {})) {
      const rule = rulesById.get(ruleId);
      const applies = (path: string) => rule?.appliesToPath?.(path) === true;
      for (const hit of hits) add(blob, hit, applies);
    }
  }

  const findings: { order: number; finding: Finding }[] = [];
  for (const group of groups.values()) {
    const rule = rulesById.get(group.ruleId);
    if (!rule) continue;
    const places = [...group.byPath.values()].sort(
      (a, b) => a.commit - b.commit || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    );
    const first = places[0];
    if (!first) continue;
    const commit = input.index.commits[first.commit];
    if (!commit) continue;
    const locations: HistoryLocation[] = places.slice(0, MAX_LOCATIONS).map((place) => ({
      commit: input.index.commits[place.commit]?.sha ?? '',
      file: place.path,
      line: place.hit.line,
      authorDate: input.index.commits[place.commit]?.authorDate ?? '',
    }));
    const state = group.inHead ? 'still committed' : 'removed, but still in history: rotate it';
    const finding: Finding = {
      ruleId: rule.id,
      name: rule.name,
      severity: first.hit.severity,
      message: `${first.hit.message} (first committed in ${commit.sha.slice(0, 7)}${commit.authorDate ? ` on ${commit.authorDate}` : ''}; ${state})`,
      file: first.path,
      line: first.hit.line,
      fingerprint: historyFingerprint(rule.id, group.secretHash),
      evidence: first.hit.evidence,
      source: 'history',
      docsUrl: docsUrlFor(rule.name),
      fix: first.hit.fix ?? rule.fix,
      secretHash: group.secretHash,
      commit: commit.sha,
      authorDate: commit.authorDate,
      inHead: group.inHead,
      refs: [],
      locations,
    };
    if (first.hit.endLine !== undefined) finding.endLine = first.hit.endLine;
    if (first.hit.column !== undefined) finding.column = first.hit.column;
    if (group.allIgnored && first.hit.inlineIgnore !== undefined)
      finding.suppressed = { kind: 'inline', reason: first.hit.inlineIgnore };
    findings.push({ order: first.commit, finding });
  }
  findings.sort(
    (a, b) =>
      a.order - b.order ||
      (a.finding.file < b.finding.file ? -1 : a.finding.file > b.finding.file ? 1 : 0) ||
      a.finding.line - b.finding.line ||
      (a.finding.ruleId < b.finding.ruleId ? -1 : 1),
  );
  return findings.map((entry) => entry.finding);
}
