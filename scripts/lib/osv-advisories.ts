import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Severity } from '../../src/core/types';
import type {
  Advisory,
  AdvisoryData,
  AdvisoryRange,
  DataSource,
} from '../../src/dependencies/data';
import { normalizePackageName } from '../../src/settings/django-version';
import { cvss3BaseScore, severityOfScore } from './cvss';

/**
 * The pure half of scripts/generate-advisories.ts: OSV documents (https://ossf.github.io/osv-schema/)
 * in, the compact committed advisory data out. Kept apart from the file reading so a test can run
 * it on a small input written in the test, with no checkout and no network.
 */

/** The packages whose advisories the tool ships (the ones its rules already know). */
export const ADVISORY_PACKAGES = [
  'django',
  'django-allauth',
  'django-cors-headers',
  'djangorestframework',
  'djangorestframework-simplejwt',
] as const;

interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

interface OsvSeverity {
  type?: string;
  score?: string;
}

interface OsvAffected {
  package?: { name?: string; ecosystem?: string };
  ranges?: { type?: string; events?: OsvEvent[] }[];
  versions?: string[];
  severity?: OsvSeverity[];
}

export interface OsvDocument {
  id?: string;
  summary?: string;
  details?: string;
  aliases?: string[];
  withdrawn?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  database_specific?: { severity?: string };
}

const SUMMARY_LIMIT = 160;

/**
 * A lead sentence that only says which versions are affected ("An issue was discovered in Django
 * 5.2 before 5.2.2, …"): the versions are in the data already, the next sentence says what it is.
 */
const VERSIONS_ONLY = /^(?:An issue was discovered in|A flaw was found in) .{0,160}?\bbefore\b/;

/** The advisory's `summary`, else the first telling sentence of `details`, on one line. */
function summaryOf(doc: OsvDocument): string {
  const text = (doc.summary ?? doc.details ?? '').replace(/\s+/g, ' ').trim();
  const sentences = text.split(/(?<=\.) (?=[A-Z`'"])/);
  const lead =
    sentences.length > 1 && VERSIONS_ONLY.test(sentences[0]!) ? sentences[1]! : sentences[0]!;
  const sentence = doc.summary === undefined ? lead : text;
  return sentence.length > SUMMARY_LIMIT
    ? `${sentence.slice(0, SUMMARY_LIMIT - 1).trimEnd()}…`
    : sentence;
}

const GHSA_SEVERITY: Record<string, Severity> = {
  LOW: 'low',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  HIGH: 'high',
  CRITICAL: 'critical',
};

/** The advisory's own rating: a CVSS v3 vector's base score, else a GHSA label, else `medium`. */
function severityOf(
  doc: OsvDocument,
  affected: OsvAffected[],
): { severity: Severity; rating: string } {
  const ratings = [...(doc.severity ?? []), ...affected.flatMap((a) => a.severity ?? [])];
  for (const rating of ratings) {
    if (rating.type !== 'CVSS_V3' || rating.score === undefined) continue;
    const score = cvss3BaseScore(rating.score);
    if (score === undefined) continue;
    const version = rating.score.slice(0, 'CVSS:3.1'.length);
    return { severity: severityOfScore(score), rating: `${version} ${score.toFixed(1)}` };
  }
  const label = doc.database_specific?.severity?.toUpperCase();
  if (label !== undefined && GHSA_SEVERITY[label] !== undefined)
    return { severity: GHSA_SEVERITY[label], rating: `GHSA ${label}` };
  const onlyV4 = ratings.some((rating) => rating.type === 'CVSS_V4');
  return { severity: 'medium', rating: onlyV4 ? 'CVSS 4.0 vector (not scored)' : 'no rating' };
}

/** OSV events (introduced, fixed | last_affected, …) paired into spans. */
function rangesOf(affected: OsvAffected[]): AdvisoryRange[] {
  const ranges: AdvisoryRange[] = [];
  for (const entry of affected) {
    for (const range of entry.ranges ?? []) {
      if (range.type !== 'ECOSYSTEM') continue; // GIT ranges name commits, not releases
      let open: AdvisoryRange | undefined;
      for (const event of range.events ?? []) {
        if (event.introduced !== undefined) {
          if (open) ranges.push(open);
          open = { introduced: String(event.introduced) };
        } else if (open && event.fixed !== undefined) {
          ranges.push({ ...open, fixed: String(event.fixed) });
          open = undefined;
        } else if (open && event.last_affected !== undefined) {
          ranges.push({ ...open, lastAffected: String(event.last_affected) });
          open = undefined;
        }
      }
      if (open) ranges.push(open);
    }
  }
  return ranges;
}

/** The compact advisory for `packageName`, or undefined when the document does not affect it. */
export function toAdvisory(doc: OsvDocument, packageName: string): Advisory | undefined {
  if (doc.id === undefined || doc.withdrawn !== undefined) return undefined;
  const wanted = normalizePackageName(packageName);
  const affected = (doc.affected ?? []).filter(
    (entry) =>
      entry.package?.ecosystem === 'PyPI' &&
      normalizePackageName(entry.package.name ?? '') === wanted,
  );
  if (affected.length === 0) return undefined;
  const ranges = rangesOf(affected);
  const versions = affected.flatMap((entry) => (entry.versions ?? []).map(String));
  if (ranges.length === 0 && versions.length === 0) return undefined;
  const aliases = [...new Set(doc.aliases ?? [])]
    .filter((alias) => /^(CVE|GHSA|PYSEC)-/.test(alias))
    .sort();
  return {
    id: doc.id,
    aliases,
    summary: summaryOf(doc),
    ...severityOf(doc, affected),
    ranges,
    ...(ranges.length === 0 ? { versions: [...new Set(versions)].sort() } : {}),
  };
}

/** Every document's advisories, grouped by package and sorted by id. */
export function buildAdvisoryData(
  documents: readonly { package: string; document: OsvDocument }[],
  source: DataSource,
): AdvisoryData {
  const packages: Record<string, Advisory[]> = {};
  for (const name of ADVISORY_PACKAGES) packages[name] = [];
  for (const { package: name, document } of documents) {
    const key = normalizePackageName(name);
    const advisory = toAdvisory(document, key);
    if (advisory && packages[key]) packages[key].push(advisory);
  }
  for (const list of Object.values(packages)) list.sort((a, b) => a.id.localeCompare(b.id));
  return { source, packages };
}

/** The OSV documents of the known packages in a checkout (`vulns/<package>/*.yaml`). */
export function readAdvisoryCheckout(
  checkout: string,
): { package: string; document: OsvDocument }[] {
  const documents: { package: string; document: OsvDocument }[] = [];
  for (const name of ADVISORY_PACKAGES) {
    const dir = join(checkout, 'vulns', name);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      if (!/\.(ya?ml|json)$/.test(file)) continue;
      const text = readFileSync(join(dir, file), 'utf8');
      documents.push({ package: name, document: parse(text) as OsvDocument });
    }
  }
  return documents;
}
