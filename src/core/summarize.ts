import type { ScanSummary } from './scan-result';
import { compareSeverity, isAtOrAbove, SEVERITIES, type FailLevel, type Finding } from './types';

/** Counts unsuppressed findings and decides pass/fail against the threshold. */
export function summarizeFindings(findings: readonly Finding[], failOn: FailLevel): ScanSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as ScanSummary['bySeverity'];
  const bySource: ScanSummary['bySource'] = { tree: 0, settings: 0, history: 0 };
  let suppressed = 0;
  let highest: ScanSummary['highestSeverity'] = 'none';
  for (const finding of findings) {
    if (finding.suppressed) {
      suppressed++;
      continue;
    }
    bySeverity[finding.severity]++;
    bySource[finding.source]++;
    if (highest === 'none' || compareSeverity(finding.severity, highest) < 0)
      highest = finding.severity;
  }
  const total = Object.values(bySeverity).reduce((a, b) => a + b, 0);
  const atOrAbove = findings.filter((f) => !f.suppressed && isAtOrAbove(f.severity, failOn)).length;
  const failed = atOrAbove > 0;
  const reason =
    failOn === 'never'
      ? `${total} finding(s); fail-on is never, so the run passes`
      : failed
        ? `${atOrAbove} finding(s) at or above ${failOn} (highest: ${highest})`
        : total === 0
          ? 'no findings'
          : `${total} finding(s), none at or above ${failOn}`;
  return {
    total,
    bySeverity,
    bySource,
    suppressed,
    highestSeverity: highest,
    failOn,
    failed,
    reason,
  };
}

/** Most severe first, then by file and line: the order people should read them in. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareSeverity(a.severity, b.severity) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.ruleId.localeCompare(b.ruleId),
  );
}
