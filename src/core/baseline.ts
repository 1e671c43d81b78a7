import { ConfigurationError } from './errors';
import type { Finding } from './types';

/**
 * A baseline lists known findings so that they stop failing the run while they are dealt with.
 * Entries are keyed by rule, path and a hash of the secret value (or, for findings without a
 * secret, the fingerprint): no line numbers and no timestamps, so the file does not churn.
 */
export interface BaselineEntry {
  ruleId: string;
  file: string;
  /** Hash of the secret value (secret findings) or the finding's fingerprint (others). */
  hash: string;
  reason: string;
}

export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

export function baselineKey(
  finding: Pick<Finding, 'ruleId' | 'file' | 'secretHash' | 'fingerprint'>,
): string {
  return `${finding.ruleId}\u0000${finding.file}\u0000${finding.secretHash ?? finding.fingerprint}`;
}

export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`baseline is not valid JSON (${(error as Error).message})`, file);
  }
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(data) || data.version !== 1 || !Array.isArray(data.findings)) {
    throw new ConfigurationError('baseline must be {"version": 1, "findings": [...]}', file);
  }
  const findings = data.findings.map((entry: unknown, index: number): BaselineEntry => {
    if (
      !isRecord(entry) ||
      typeof entry.ruleId !== 'string' ||
      typeof entry.file !== 'string' ||
      typeof entry.hash !== 'string' ||
      typeof entry.reason !== 'string' ||
      entry.reason.trim() === ''
    ) {
      throw new ConfigurationError(
        `baseline entry ${index} needs string ruleId, file, hash and a non-empty reason`,
        file,
      );
    }
    return { ruleId: entry.ruleId, file: entry.file, hash: entry.hash, reason: entry.reason };
  });
  return { version: 1, findings };
}

/** Marks findings present in the baseline as known (suppressed, kind `baseline`). */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): Finding[] {
  const known = new Map(
    baseline.findings.map((e) => [`${e.ruleId}\u0000${e.file}\u0000${e.hash}`, e.reason]),
  );
  return findings.map((finding) => {
    const reason = known.get(baselineKey(finding));
    if (reason === undefined || finding.suppressed) return finding;
    return { ...finding, suppressed: { kind: 'baseline', reason } };
  });
}

/**
 * The baseline that accepts every current unsuppressed (or already baselined) finding, keeping the
 * reasons already written for entries that stay. Sorted, so rewriting an unchanged baseline is a
 * no-op.
 */
export function createBaseline(findings: readonly Finding[], previous?: Baseline): Baseline {
  const previousReasons = new Map(
    (previous?.findings ?? []).map((e) => [`${e.ruleId}\u0000${e.file}\u0000${e.hash}`, e.reason]),
  );
  const entries = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    if (finding.suppressed && finding.suppressed.kind !== 'baseline') continue;
    const key = baselineKey(finding);
    entries.set(key, {
      ruleId: finding.ruleId,
      file: finding.file,
      hash: finding.secretHash ?? finding.fingerprint,
      reason: previousReasons.get(key) ?? 'accepted when the baseline was created; explain or fix',
    });
  }
  const sorted = [...entries.values()].sort((a, b) =>
    a.ruleId === b.ruleId
      ? a.file === b.file
        ? a.hash.localeCompare(b.hash)
        : a.file.localeCompare(b.file)
      : a.ruleId.localeCompare(b.ruleId),
  );
  return { version: 1, findings: sorted };
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}
