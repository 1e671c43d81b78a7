import type { Finding, FindingLocation } from './types';
import { compareSeverity } from './types';

/**
 * One finding per problem across Django's ids and ours. Some project rules say why a Django
 * check fires: DEBUG is on (security.W018) because the env value is an uncast str (DDG204); the
 * key is weak (security.W009) because it is a published placeholder (DDG208). Reported apart,
 * one problem reads as two. When both fire on the same setting, at the same line, the two become
 * one finding under Django's id (its fingerprint, so SILENCED_SYSTEM_CHECKS and people's memory
 * of the Django docs still work), with the project rule's detail in its message and the rule's
 * id and fingerprint kept as aliases that the allowlist, the baseline, `rules:` and inline
 * ignores accept. Pure. See docs/findings.md.
 */

/** A project rule and the Django checks it explains, when both fire on the same setting. */
export interface SameProblem {
  rule: string;
  djangoChecks: readonly string[];
}

export const SAME_PROBLEMS: readonly SameProblem[] = [
  // DEBUG is an uncast env str: any non-empty text turns it on.
  { rule: 'DDG204', djangoChecks: ['security.W018'] },
  // A security flag is an uncast env str: the empty default turns it off.
  {
    rule: 'DDG205',
    djangoChecks: [
      'security.W005',
      'security.W006',
      'security.W008',
      'security.W010',
      'security.W011',
      'security.W012',
      'security.W013',
      'security.W014',
      'security.W015',
      'security.W016',
      'security.W021',
    ],
  },
  // SECRET_KEY is a published placeholder, so weak.
  { rule: 'DDG208', djangoChecks: ['security.W009'] },
];

const placeKey = (ruleId: string, file: string, line: number, setting: string) =>
  [ruleId, file, line, setting].join('\u0000');

/** The setting location of `finding` where `ruleId` fired, now. */
function settingLocation(finding: Finding, ruleId: string): FindingLocation | undefined {
  return finding.locations.find(
    (l) => l.ruleId === ruleId && l.source === 'settings' && l.current && l.setting !== undefined,
  );
}

/** Folds each project finding of SAME_PROBLEMS into the Django finding of the same place. */
export function mergeSameProblemFindings(findings: readonly Finding[]): Finding[] {
  const djangoIds = new Set(SAME_PROBLEMS.flatMap((p) => p.djangoChecks));
  const djangoAt = new Map<string, number>();
  findings.forEach((finding, index) => {
    if (!djangoIds.has(finding.ruleId) || finding.undecided) return;
    const at = settingLocation(finding, finding.ruleId);
    if (at) djangoAt.set(placeKey(finding.ruleId, at.file, at.line, at.setting!), index);
  });
  const out = [...findings] as (Finding | undefined)[];
  findings.forEach((finding, index) => {
    if (finding.undecided) return;
    for (const problem of SAME_PROBLEMS) {
      const at = settingLocation(finding, problem.rule);
      if (!at) continue;
      const target = problem.djangoChecks
        .map((id) => djangoAt.get(placeKey(id, at.file, at.line, at.setting!)))
        .find((i) => i !== undefined && out[i] !== undefined);
      if (target === undefined) continue;
      const django = out[target]!;
      // SILENCED_SYSTEM_CHECKS names Django's id only: the project rule still speaks for it.
      if ((django.suppressed?.kind === 'silenced') !== (finding.suppressed?.kind === 'silenced'))
        continue;
      out[target] = foldInto(django, finding);
      out[index] = undefined;
      return;
    }
  });
  return out.filter((finding) => finding !== undefined);
}

function foldInto(django: Finding, project: Finding): Finding {
  const ids = [project.ruleId, ...project.locations.map((l) => l.ruleId)];
  const seen = new Set(django.locations.map((l) => [l.source, l.ruleId, l.file, l.line].join(':')));
  const merged: Finding = {
    ...django,
    severity: [django.severity, project.severity].sort(compareSeverity)[0]!,
    message: `${django.message}; ${project.ruleId} (${project.name}): ${project.message}`,
    locations: [
      ...django.locations,
      ...project.locations.filter((l) => !seen.has([l.source, l.ruleId, l.file, l.line].join(':'))),
    ],
    aliases: [...new Set([...(django.aliases ?? []), ...ids])].filter((id) => id !== django.ruleId),
    aliasFingerprints: [...(django.aliasFingerprints ?? []), project.fingerprint],
  };
  // A secret's facets (evidence, value hash, history) stay with the finding that now holds it.
  for (const key of ['evidence', 'secretHash', 'envVar', 'commit', 'authorDate', 'inHead'] as const)
    if (merged[key] === undefined && project[key] !== undefined)
      Object.assign(merged, { [key]: project[key] });
  // The project rule may know the edit when the Django check has none.
  if (merged.autofix === undefined && project.autofix !== undefined)
    merged.autofix = project.autofix;
  if (project.refs !== undefined)
    merged.refs = [...new Set([...(django.refs ?? []), ...project.refs])].sort();
  // An inline ignore of either id on the line is the user's word about this problem.
  const inline = [django.suppressed, project.suppressed].find((s) => s?.kind === 'inline');
  if (inline) merged.suppressed = inline;
  return merged;
}
