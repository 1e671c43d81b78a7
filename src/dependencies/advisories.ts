import { SEVERITY_RANK, type Severity } from '../core/types';
import type { Advisory, AdvisoryRange } from './data';
import { compareVersions } from './versions';

/** Whether `version` lies in the span (`introduced` inclusive, `fixed` exclusive). */
function inRange(version: string, range: AdvisoryRange): boolean {
  if (range.introduced !== '0' && compareVersions(version, range.introduced) < 0) return false;
  if (range.fixed !== undefined) return compareVersions(version, range.fixed) < 0;
  if (range.lastAffected !== undefined) return compareVersions(version, range.lastAffected) <= 0;
  return true;
}

/** An advisory that applies to a version, with the release that fixes it there. */
export interface AdvisoryHit {
  advisory: Advisory;
  /** The first release after `version` without the flaw; undefined when none is known. */
  fixedIn?: string;
}

/** The advisories affecting `version`, most severe first, then by id. */
export function advisoriesAffecting(
  version: string,
  advisories: readonly Advisory[],
): AdvisoryHit[] {
  const hits: AdvisoryHit[] = [];
  for (const advisory of advisories) {
    const range = advisory.ranges.find((r) => inRange(version, r));
    const listed = advisory.versions?.some((v) => compareVersions(v, version) === 0) ?? false;
    if (!range && !listed) continue;
    hits.push({ advisory, ...(range?.fixed !== undefined ? { fixedIn: range.fixed } : {}) });
  }
  return hits.sort(
    (a, b) =>
      SEVERITY_RANK[b.advisory.severity] - SEVERITY_RANK[a.advisory.severity] ||
      a.advisory.id.localeCompare(b.advisory.id),
  );
}

/** The highest severity of the hits (`info` for none). */
export function highestSeverity(hits: readonly AdvisoryHit[]): Severity {
  return hits.reduce<Severity>(
    (worst, hit) =>
      SEVERITY_RANK[hit.advisory.severity] > SEVERITY_RANK[worst] ? hit.advisory.severity : worst,
    'info',
  );
}

/** `CVE-2025-48432 (GHSA-7xr5-9hcq-chf9, PYSEC-2025-47)`: the CVE first when there is one. */
export function advisoryName(advisory: Advisory): string {
  const ids = [advisory.id, ...advisory.aliases];
  const main = ids.find((id) => id.startsWith('CVE-')) ?? ids.find((id) => id.startsWith('GHSA-'));
  const primary = main ?? advisory.id;
  const others = [...new Set(ids.filter((id) => id !== primary))];
  return others.length > 0 ? `${primary} (${others.join(', ')})` : primary;
}
