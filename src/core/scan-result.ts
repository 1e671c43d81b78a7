import type { FailLevel, Finding, FindingSource, Severity } from './types';

/** Which settings module was checked, under which assumptions (shown in every report). */
export interface SettingsModuleReport {
  module: string;
  file: string;
  /** Why this module was chosen, e.g. "DJANGO_SETTINGS_MODULE default in config/wsgi.py:12". */
  reason: string;
  djangoVersion: string;
  djangoVersionSource: string;
  /** Names (never values) of env variables the production profile sets. */
  envSet: string[];
  /** Env variables the settings read that the profile leaves unset (the code's defaults apply). */
  envUnsetWithDefault: string[];
  /** Other candidate modules discovery set aside, each with why (shown beside the choice). */
  setAside?: { module: string; reason: string }[];
}

/** What a history scan covered, so a report can say it honestly. */
export interface HistoryCoverageReport {
  mode: 'full' | 'range' | 'off';
  base?: string;
  head?: string;
  commits: number;
  blobs: number;
  blobsFromCache: number;
  shallow: boolean;
  deepened?: string;
  warnings: string[];
}

export interface ScanSummary {
  /** Unsuppressed findings. */
  total: number;
  bySeverity: Record<Severity, number>;
  bySource: Record<FindingSource, number>;
  /** Findings hidden by inline ignores, the config allowlist, a baseline or SILENCED_SYSTEM_CHECKS. */
  suppressed: number;
  highestSeverity: Severity | 'none';
  failOn: FailLevel;
  failed: boolean;
  /** One line: why the run passed or failed. */
  reason: string;
}

/** Everything a renderer needs. Holds no secret values (findings are redacted at birth). */
export interface ScanResult {
  version: 2;
  tool: { name: string; version: string };
  /** HEAD commit of the scanned repository, when it is a git work tree. */
  commit?: string;
  findings: Finding[];
  summary: ScanSummary;
  settings: SettingsModuleReport[];
  history: HistoryCoverageReport;
  /** Diagnostics and notices worth showing (invalid Python, skipped files, fallbacks). */
  notes: string[];
  /**
   * What the run could not scan (the detector time budget spent, a git bomb, a git failure on a
   * ref), one sentence each. When present the run fails closed: exit 2, a failed step.
   */
  incomplete?: string[];
}
