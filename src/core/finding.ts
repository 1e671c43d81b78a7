import { docsUrlFor } from './docs-url';
import { fingerprintOf } from './fingerprint';
import type {
  Autofix,
  Finding,
  FindingLocation,
  FindingSource,
  RuleMeta,
  Severity,
  Suppression,
} from './types';
import { compareSeverity } from './types';

/**
 * The one way a finding is built, and the one way findings of the same problem become one.
 * Identity, fingerprint, severity and evidence are decided here; detectors, rules and history
 * attribution only say what they saw and where. Pure.
 *
 * Identity:
 * - a secret is its value (by hash): the same key in a settings file, its history and the
 *   `SECRET_KEY` setting is one finding with one fingerprint, whatever rule saw it;
 * - a file that is itself the problem (a committed `.env`) is its rule and path: all its
 *   revisions are one finding;
 * - a settings check is its rule, settings module, setting and detail;
 * - a file rule's match is its rule, path and detail.
 */
export type FindingIdentity =
  | { kind: 'secret'; secretHash: string }
  | { kind: 'path'; ruleId: string; file: string; detail?: string }
  | { kind: 'setting'; ruleId: string; module: string; setting?: string; detail?: string };

export function fingerprintOfIdentity(identity: FindingIdentity): string {
  switch (identity.kind) {
    case 'secret':
      return fingerprintOf('secret', identity.secretHash);
    case 'path':
      return fingerprintOf(identity.ruleId, identity.file, identity.detail ?? '');
    case 'setting':
      return fingerprintOf(
        identity.ruleId,
        identity.module,
        identity.setting ?? '',
        identity.detail ?? '',
      );
  }
}

/**
 * Redacted evidence of a secret value: at most its first 4 characters (fewer for short values)
 * and its length in code points. Never more.
 */
export function redactedEvidence(value: string): string {
  const chars = Array.from(value);
  const shown = Math.min(4, Math.floor(chars.length / 4));
  return `${chars.slice(0, shown).join('')}… (${chars.length} chars)`;
}

export interface FindingInput {
  rule: Pick<RuleMeta, 'id' | 'name' | 'severity' | 'fix'>;
  identity: FindingIdentity;
  source: FindingSource;
  file: string;
  line: number;
  endLine?: number;
  column?: number;
  endColumn?: number;
  /** Defaults: tree and settings locations are current, history ones are not. */
  current?: boolean;
  message: string;
  /** This occurrence's severity; defaults to the rule's. */
  severity?: Severity;
  /** Why the severity is lower than the rule's (a test fixture, a comment). */
  context?: string;
  fix?: string;
  /** The secret value, only to derive the redacted evidence; never stored. */
  secret?: string;
  /** Already-redacted evidence (history hits carry it from the cache). */
  evidence?: string;
  secretHash?: string;
  envVar?: string;
  setting?: string;
  suppressed?: Suppression;
  undecided?: boolean;
  commit?: string;
  authorDate?: string;
  inHead?: boolean;
  refs?: string[];
  /** Further places (e.g. every commit that introduced a secret at a path). */
  moreLocations?: FindingLocation[];
  autofix?: Autofix;
}

export function createFinding(input: FindingInput): Finding {
  const severity = input.severity ?? input.rule.severity;
  const current = input.current ?? input.source !== 'history';
  const location: FindingLocation = {
    source: input.source,
    ruleId: input.rule.id,
    file: input.file,
    line: Math.max(1, input.line),
    current,
    severity,
  };
  if (input.endLine !== undefined) location.endLine = input.endLine;
  if (input.column !== undefined) location.column = input.column;
  if (input.endColumn !== undefined) location.endColumn = input.endColumn;
  // A history occurrence is at its commit; a current line is in today's tree, whatever its history.
  if (!current && input.commit !== undefined) location.commit = input.commit;
  if (!current && input.authorDate !== undefined) location.authorDate = input.authorDate;
  if (input.setting !== undefined) location.setting = input.setting;
  if (input.context !== undefined) location.context = input.context;
  const finding: Finding = {
    ruleId: input.rule.id,
    name: input.rule.name,
    severity,
    message: input.message,
    file: location.file,
    line: location.line,
    fingerprint: fingerprintOfIdentity(input.identity),
    source: input.source,
    current,
    docsUrl: docsUrlFor(input.rule.name),
    fix: input.fix ?? input.rule.fix,
    locations: [location, ...(input.moreLocations ?? [])],
  };
  if (location.endLine !== undefined) finding.endLine = location.endLine;
  if (location.column !== undefined) finding.column = location.column;
  if (location.endColumn !== undefined) finding.endColumn = location.endColumn;
  const evidence =
    input.evidence ?? (input.secret !== undefined ? redactedEvidence(input.secret) : undefined);
  if (evidence !== undefined) finding.evidence = evidence;
  if (input.secretHash !== undefined) finding.secretHash = input.secretHash;
  else if (input.identity.kind === 'secret') finding.secretHash = input.identity.secretHash;
  if (input.envVar !== undefined) finding.envVar = input.envVar;
  if (input.suppressed !== undefined) finding.suppressed = input.suppressed;
  if (input.undecided) finding.undecided = true;
  if (input.commit !== undefined) finding.commit = input.commit;
  if (input.authorDate !== undefined) finding.authorDate = input.authorDate;
  if (input.inHead !== undefined) finding.inHead = input.inHead;
  if (input.refs !== undefined) finding.refs = input.refs;
  if (input.autofix !== undefined) finding.autofix = input.autofix;
  return finding;
}

const SOURCE_RANK: Record<FindingSource, number> = { tree: 0, settings: 1, history: 2 };

/** The finding whose location and rule represent a merged group: current, severe, in the tree. */
function comparePrimary(a: Finding, b: Finding): number {
  return (
    Number(b.current) - Number(a.current) ||
    compareSeverity(a.severity, b.severity) ||
    SOURCE_RANK[a.source] - SOURCE_RANK[b.source] ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line
  );
}

function locationKey(l: FindingLocation): string {
  return [l.source, l.ruleId, l.file, l.line, l.commit ?? '', l.setting ?? ''].join('\u0000');
}

/** Current locations first, then by source, path, line; history by commit date. */
function compareLocations(a: FindingLocation, b: FindingLocation): number {
  return (
    Number(b.current) - Number(a.current) ||
    SOURCE_RANK[a.source] - SOURCE_RANK[b.source] ||
    (a.authorDate ?? '').localeCompare(b.authorDate ?? '') ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line
  );
}

/**
 * One finding per fingerprint. The merged finding takes its rule, message and location from its
 * primary member (a current location first, then the most severe), its severity from the most
 * severe location, every location of every member, and the history facet (first commit, whether
 * HEAD holds it, refs) from its history members. It is suppressed inline only when every current
 * location is (or, with none current, every location).
 */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.fingerprint);
    if (group) group.push(finding);
    else groups.set(finding.fingerprint, [finding]);
  }
  const out: Finding[] = [];
  for (const group of groups.values()) {
    if (group.length === 1) {
      out.push(group[0]!);
      continue;
    }
    const members = [...group].sort(comparePrimary);
    const primary = members[0]!;
    const locations = new Map<string, FindingLocation>();
    for (const member of members)
      for (const location of member.locations)
        if (!locations.has(locationKey(location))) locations.set(locationKey(location), location);
    const merged: Finding = {
      ...primary,
      severity: members.map((m) => m.severity).sort(compareSeverity)[0]!,
      locations: [...locations.values()].sort(compareLocations),
    };
    // Keep the primary location first.
    const first = merged.locations.findIndex(
      (l) => l.file === primary.file && l.line === primary.line && l.source === primary.source,
    );
    if (first > 0) merged.locations.unshift(...merged.locations.splice(first, 1));
    const history = members.filter((m) => m.source === 'history' || m.commit !== undefined);
    if (history.length > 0) {
      const earliest = [...history].sort((a, b) =>
        (a.authorDate ?? '').localeCompare(b.authorDate ?? ''),
      )[0]!;
      if (earliest.commit !== undefined) merged.commit = earliest.commit;
      if (earliest.authorDate !== undefined) merged.authorDate = earliest.authorDate;
      merged.inHead = history.some((m) => m.inHead === true);
      const refs = [...new Set(history.flatMap((m) => m.refs ?? []))].sort();
      merged.refs = refs;
    }
    const envVar = members.find((m) => m.envVar !== undefined)?.envVar;
    if (envVar !== undefined) merged.envVar = envVar;
    // A secret's settings facet knows the edit (SECRET_KEY from the environment), whichever
    // member leads the group.
    const autofix = primary.autofix ?? members.find((m) => m.autofix !== undefined)?.autofix;
    if (autofix !== undefined) merged.autofix = autofix;
    const evidence = members.find((m) => m.evidence !== undefined)?.evidence;
    if (evidence !== undefined) merged.evidence = evidence;
    const deciding = members.filter((m) => m.current);
    const judged = deciding.length > 0 ? deciding : members;
    const inline = judged.map((m) => m.suppressed).filter((s) => s?.kind === 'inline');
    if (inline.length === judged.length && inline[0]) merged.suppressed = inline[0];
    else if (merged.suppressed?.kind === 'inline') delete merged.suppressed;
    out.push(merged);
  }
  return out;
}
