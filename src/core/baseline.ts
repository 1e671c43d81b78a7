import { ConfigurationError } from './errors';
import { matchFindingFingerprint } from './fingerprint';
import type { Finding } from './types';

/**
 * A baseline lists known findings so that they stop failing the run while they are dealt with.
 * Entries are keyed by the finding's fingerprint (its one identity: a secret's is its value's
 * hash, so a baselined secret is known in every file and commit it appears in); the rule and
 * path are kept for the reader. No line numbers and no timestamps, so the file does not churn.
 *
 * Version 1 baselines (keyed by rule, path and value hash) are still read.
 */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  /** Where it was when the baseline was written (for the reader; not used to match). */
  file: string;
  reason: string;
}

/** A version 1 entry: matched by rule and value hash (or the old fingerprint). */
interface LegacyEntry {
  ruleId: string;
  hash: string;
  reason: string;
}

export interface Baseline {
  version: 2;
  findings: BaselineEntry[];
  /** Entries read from a version 1 file. */
  legacy?: LegacyEntry[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // The parser's message quotes the text; the file may not be ours to print.
    throw new ConfigurationError('baseline is not valid JSON', file);
  }
  if (
    !isRecord(data) ||
    (data.version !== 1 && data.version !== 2) ||
    !Array.isArray(data.findings)
  )
    throw new ConfigurationError('baseline must be {"version": 2, "findings": [...]}', file);
  if (data.version === 1) {
    const legacy = data.findings.map((entry: unknown, index: number): LegacyEntry => {
      if (
        !isRecord(entry) ||
        !nonEmpty(entry.ruleId) ||
        !nonEmpty(entry.hash) ||
        !nonEmpty(entry.reason)
      )
        throw new ConfigurationError(
          `baseline entry ${index} needs string ruleId, hash and a non-empty reason`,
          file,
        );
      return { ruleId: entry.ruleId, hash: entry.hash, reason: entry.reason };
    });
    return { version: 2, findings: [], legacy };
  }
  const findings = data.findings.map((entry: unknown, index: number): BaselineEntry => {
    if (
      !isRecord(entry) ||
      !nonEmpty(entry.fingerprint) ||
      typeof entry.ruleId !== 'string' ||
      typeof entry.file !== 'string' ||
      !nonEmpty(entry.reason)
    ) {
      throw new ConfigurationError(
        `baseline entry ${index} needs a fingerprint, ruleId, file and a non-empty reason`,
        file,
      );
    }
    return {
      fingerprint: entry.fingerprint,
      ruleId: entry.ruleId,
      file: entry.file,
      reason: entry.reason,
    };
  });
  return { version: 2, findings };
}

function legacyReason(finding: Finding, legacy: readonly LegacyEntry[]): string | undefined {
  return legacy.find(
    (e) =>
      (e.ruleId === finding.ruleId || finding.aliases?.includes(e.ruleId)) &&
      (e.hash === finding.secretHash || e.hash === finding.fingerprint),
  )?.reason;
}

/** Marks findings present in the baseline as known (suppressed, kind `baseline`). */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): Finding[] {
  const known = new Map<string, string>();
  for (const entry of baseline.findings) {
    const found = matchFindingFingerprint(entry.fingerprint, findings);
    if ('match' in found) known.set(found.match, entry.reason);
  }
  return findings.map((finding) => {
    if (finding.suppressed) return finding;
    const reason = known.get(finding.fingerprint) ?? legacyReason(finding, baseline.legacy ?? []);
    return reason === undefined
      ? finding
      : { ...finding, suppressed: { kind: 'baseline', reason } };
  });
}

/** Baseline entries that match no finding of this run (fixed, or written for another scope). */
export function describeBaselineEntries(
  baseline: Baseline,
  findings: readonly Finding[],
  file: string,
): string[] {
  const stale = baseline.findings.filter(
    (entry) => !('match' in matchFindingFingerprint(entry.fingerprint, findings)),
  ).length;
  const staleLegacy = (baseline.legacy ?? []).filter(
    (entry) =>
      !findings.some(
        (f) =>
          (f.ruleId === entry.ruleId || f.aliases?.includes(entry.ruleId)) &&
          (f.secretHash === entry.hash || f.fingerprint === entry.hash),
      ),
  ).length;
  const total = stale + staleLegacy;
  return total === 0
    ? []
    : [
        `${file}: ${total} baseline entr${total === 1 ? 'y matches' : 'ies match'} no finding of this run (fixed?); rewrite it with --update-baseline`,
      ];
}

/**
 * The baseline that accepts every current unsuppressed (or already baselined) finding, keeping the
 * reasons already written for entries that stay. Sorted, so rewriting an unchanged baseline is a
 * no-op.
 */
export function createBaseline(findings: readonly Finding[], previous?: Baseline): Baseline {
  const reasons = new Map((previous?.findings ?? []).map((e) => [e.fingerprint, e.reason]));
  const entries = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    if (finding.suppressed && finding.suppressed.kind !== 'baseline') continue;
    entries.set(finding.fingerprint, {
      fingerprint: finding.fingerprint,
      ruleId: finding.ruleId,
      file: finding.file,
      reason:
        reasons.get(finding.fingerprint) ??
        (previous ? legacyReason(finding, previous.legacy ?? []) : undefined) ??
        'accepted when the baseline was created; explain or fix',
    });
  }
  const sorted = [...entries.values()].sort(
    (a, b) =>
      a.ruleId.localeCompare(b.ruleId) ||
      a.file.localeCompare(b.file) ||
      a.fingerprint.localeCompare(b.fingerprint),
  );
  return { version: 2, findings: sorted };
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify({ version: baseline.version, findings: baseline.findings }, null, 2)}\n`;
}
