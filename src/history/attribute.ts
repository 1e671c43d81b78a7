import { createFinding } from '../core/finding';
import type { Finding, FindingLocation } from '../core/types';
import { secretIdentity } from '../secrets/detect';
import { isVendoredPath } from '../secrets/path-context';
import type { SecretRule } from '../secrets/rule';
import type { BlobScan, HitRecord } from './blob-scan';
import type { OccurrenceIndex } from './occurrences';

/**
 * Turns per-blob hits into history findings. Pure.
 *
 * One finding per (rule, secret hash): the same secret under several paths or commits is one
 * finding listing every place (a rule whose identity is the path, like a committed `.env`, gives
 * one per path). Per path, the location is the oldest commit (topological order) that introduced
 * a blob holding the secret there. When HEAD still holds the secret, the finding's primary
 * location is its line in HEAD's blob (so an annotation marks the line that holds it now);
 * otherwise it is the oldest introduction, which annotates nothing.
 */

/** Locations listed per finding; the first introduction is always kept. */
export const MAX_LOCATIONS = 100;

export interface AttributionInput {
  index: OccurrenceIndex;
  scans: ReadonlyMap<string, BlobScan>;
  rules: readonly SecretRule[];
  /** Blobs of the HEAD (or range head) tree with their paths. */
  headBlobs: ReadonlyMap<string, readonly string[]>;
  /** Only paths it accepts count (a subdirectory scan covers that subdirectory). */
  pathFilter?: (path: string) => boolean;
  /**
   * Called with each committed third-party path (`isVendoredPath`) whose hits were dropped: as in
   * the tree, vendored code is the libraries' own, and only values that pass their format's
   * validation are reported there.
   */
  onVendoredSkipped?: (path: string) => void;
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
  /** Where HEAD holds it now: path → the hit in HEAD's blob there. */
  inHeadAt: Map<string, HitRecord>;
  allIgnored: boolean;
}

export function attributeFindings(input: AttributionInput): Finding[] {
  const rulesById = new Map(input.rules.map((rule) => [rule.id, rule]));
  const groups = new Map<string, Group>();

  const keep = input.pathFilter ?? (() => true);
  const add = (blob: string, hit: HitRecord, appliesToPath: (path: string) => boolean) => {
    const applies = (path: string) => keep(path) && appliesToPath(path);
    const occurrences = input.index.occurrencesOf(blob);
    const key = `${hit.ruleId}\u0000${hit.secretHash}`;
    for (const occurrence of occurrences) {
      if (!applies(occurrence.path)) continue;
      if (!hit.validated && isVendoredPath(occurrence.path)) {
        input.onVendoredSkipped?.(occurrence.path);
        continue;
      }
      let group = groups.get(key);
      if (!group) {
        group = {
          ruleId: hit.ruleId,
          secretHash: hit.secretHash,
          byPath: new Map(),
          inHeadAt: new Map(),
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
    const group = groups.get(key);
    for (const path of input.headBlobs.get(blob) ?? [])
      if (
        group &&
        applies(path) &&
        (hit.validated || !isVendoredPath(path)) &&
        !group.inHeadAt.has(path)
      )
        group.inHeadAt.set(path, hit);
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
    // A rule identified by path gives one finding per path; any other, one per secret.
    const perFinding =
      rule.identity === 'path' ? places.map((place) => [place]) : places.length > 0 ? [places] : [];
    for (const own of perFinding) {
      const entry = toFinding(rule, group, own, input);
      if (entry) findings.push(entry);
    }
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

function toFinding(
  rule: SecretRule,
  group: Group,
  places: readonly Place[],
  input: AttributionInput,
): { order: number; finding: Finding } | undefined {
  const first = places[0];
  if (!first) return undefined;
  const commit = input.index.commits[first.commit];
  if (!commit) return undefined;
  const paths = new Set(places.map((place) => place.path));
  const head = [...group.inHeadAt].filter(([path]) => paths.has(path));
  const inHead = head.length > 0;
  const introduced: FindingLocation[] = places.slice(0, MAX_LOCATIONS).map((place) => ({
    source: 'history',
    ruleId: rule.id,
    file: place.path,
    line: place.hit.line,
    current: false,
    commit: input.index.commits[place.commit]?.sha ?? '',
    authorDate: input.index.commits[place.commit]?.authorDate ?? '',
    severity: place.hit.severity,
  }));
  // Still committed: the line that holds it in HEAD's blob is where it is now.
  const [currentPath, currentHit] = head.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))[0] ?? [];
  const primary =
    currentPath !== undefined && currentHit !== undefined
      ? { file: currentPath, hit: currentHit, current: true }
      : { file: first.path, hit: first.hit, current: false };
  const state = inHead ? 'still committed' : 'removed, but still in history: rotate it';
  const finding = createFinding({
    rule,
    identity: secretIdentity(rule, primary.file, group.secretHash),
    source: 'history',
    file: primary.file,
    line: primary.hit.line,
    current: primary.current,
    ...(primary.hit.endLine !== undefined ? { endLine: primary.hit.endLine } : {}),
    ...(primary.hit.column !== undefined ? { column: primary.hit.column } : {}),
    message: `${primary.hit.message} (first committed in ${commit.sha.slice(0, 7)}${commit.authorDate ? ` on ${commit.authorDate}` : ''}; ${state})`,
    severity: primary.hit.severity,
    ...(primary.hit.fix !== undefined ? { fix: primary.hit.fix } : {}),
    evidence: primary.hit.evidence,
    secretHash: group.secretHash,
    commit: commit.sha,
    authorDate: commit.authorDate,
    inHead,
    refs: [],
    ...(group.allIgnored && primary.hit.inlineIgnore !== undefined
      ? { suppressed: { kind: 'inline', reason: primary.hit.inlineIgnore } }
      : {}),
    // The primary location stands for itself; the introductions follow it.
    moreLocations: primary.current ? introduced : introduced.slice(1),
  });
  if (!primary.current) {
    // The first introduction is the primary location: carry its commit there too.
    finding.locations[0] = introduced[0] ?? finding.locations[0]!;
  }
  return { order: first.commit, finding };
}
