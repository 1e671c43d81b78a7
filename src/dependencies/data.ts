import type { Severity } from '../core/types';
import advisoriesJson from './data/advisories.json';
import supportJson from './data/django-support.json';

/**
 * The committed data the dependency rules judge pins against: Django's support dates and the
 * known advisories of the packages this project knows. Both are generated (never edited by hand)
 * from public sources by `scripts/generate-django-support.ts` and
 * `scripts/generate-advisories.ts`, which record where and when they were taken.
 */

export interface DataSource {
  /** `owner/name` on GitHub. */
  repository: string;
  /** Set when `repository` is a mirror that follows this one's history. */
  mirrorOf?: string;
  /** What was read inside it, e.g. `products/django.md` or `vulns/`. */
  path: string;
  commit: string;
  /** ISO date of that commit: how current the data is. */
  commitDate: string;
  /** ISO date the generator ran. */
  takenAt: string;
}

/** One feature series of Django and the last day it receives security fixes. */
export interface DjangoSeries {
  series: string;
  released: string;
  /** ISO date: security fixes end after this day. */
  securitySupportEnds: string;
  lts: boolean;
}

export interface SupportData {
  source: DataSource;
  series: DjangoSeries[];
}

/** An affected span: `introduced` (inclusive, `0` = from the first release) up to `fixed`. */
export interface AdvisoryRange {
  introduced: string;
  /** First release without the flaw (exclusive end). */
  fixed?: string;
  /** Last release known to have it (inclusive end) when no fix is named. */
  lastAffected?: string;
}

export interface Advisory {
  /** The database's own id (PYSEC-…). */
  id: string;
  /** CVE and GHSA ids of the same advisory. */
  aliases: string[];
  /** One line. */
  summary: string;
  /** From the advisory's own rating (its CVSS v3 base score); `medium` when it has none. */
  severity: Severity;
  /** Where the severity came from, e.g. `CVSS:3.1 7.5`, or `no rating` for the default. */
  rating: string;
  ranges: AdvisoryRange[];
  /** Listed versions, for advisories that give no version ranges. */
  versions?: string[];
}

export interface AdvisoryData {
  source: DataSource;
  /** PEP 503-normalised package name → its advisories, sorted by id. */
  packages: Record<string, Advisory[]>;
}

export const djangoSupportData: SupportData = supportJson;
export const advisoryData: AdvisoryData = advisoriesJson as AdvisoryData;
