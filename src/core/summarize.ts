import type { ScanSummary, UndecidedCause } from './scan-result';
import { compareSeverity, isAtOrAbove, SEVERITIES, type FailLevel, type Finding } from './types';

export interface VerdictOptions {
  failOn: FailLevel;
  /** With a base branch: `new` (default) judges only what the change introduced. */
  failScope?: 'new' | 'all';
  /** `fail`: settings checks left undecided fail the run. Default `warn`. */
  undecided?: 'warn' | 'fail';
}

/** How many causes of undecided checks a verdict names. */
const TOP_CAUSES = 3;

/** Counts unsuppressed findings and decides pass/fail against the threshold. */
export function summarizeFindings(
  findings: readonly Finding[],
  verdict: FailLevel | VerdictOptions,
): ScanSummary {
  const {
    failOn,
    failScope,
    undecided: onUndecided,
  } = typeof verdict === 'string' ? { failOn: verdict } : verdict;
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
  const active = findings.filter((f) => !f.suppressed);
  const withBase = findings.some((f) => f.delta !== undefined);
  const judged =
    withBase && (failScope ?? 'new') === 'new'
      ? active.filter((f) => f.delta !== 'existing')
      : active;
  const atOrAbove = judged.filter((f) => isAtOrAbove(f.severity, failOn)).length;
  const undecided = active.filter((f) => f.undecided);
  const undecidedCauses = causesOf(undecided);
  const failsOnUndecided = onUndecided === 'fail' && judged.some((f) => f.undecided);
  const failed = atOrAbove > 0 || failsOnUndecided;
  const newCount = withBase ? active.filter((f) => f.delta === 'new').length : undefined;
  const scope = withBase && (failScope ?? 'new') === 'new' ? ' new' : '';
  let reason =
    failOn === 'never'
      ? `${total} finding(s); fail-on is never, so the run passes`
      : atOrAbove > 0
        ? `${atOrAbove}${scope} finding(s) at or above ${failOn} (highest: ${highest})`
        : total === 0
          ? 'no findings'
          : `${total} finding(s), none${scope} at or above ${failOn}`;
  if (newCount !== undefined) reason += `; ${newCount} new, ${total - newCount} existing`;
  if (undecided.length > 0)
    reason += `; ${undecided.length} settings check(s) could not be decided${failsOnUndecided ? ' (undecided: fail)' : ''}: ${undecidedCauses
      .slice(0, TOP_CAUSES)
      .map((c) => `${c.cause} (${c.count})`)
      .join(', ')}`;
  return {
    total,
    bySeverity,
    bySource,
    suppressed,
    highestSeverity: highest,
    failOn,
    ...(withBase ? { failScope: failScope ?? 'new', new: newCount } : {}),
    undecided: undecided.length,
    undecidedCauses,
    failed,
    reason,
  };
}

/** Undecided checks by what decides them: the env variable, else the rule's message. */
function causesOf(undecided: readonly Finding[]): UndecidedCause[] {
  const counts = new Map<string, number>();
  for (const finding of undecided) {
    const cause = finding.envVar
      ? `env ${finding.envVar} unset`
      : 'a value the evaluator cannot follow';
    counts.set(cause, (counts.get(cause) ?? 0) + 1);
  }
  return [...counts]
    .map(([cause, count]) => ({ cause, count }))
    .sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause));
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
