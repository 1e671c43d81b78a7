/**
 * The data every part of the pipeline shares. This module is pure: no I/O, no `@actions/*`.
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** `never` disables failing; any severity fails the run at or above it. */
export const FAIL_LEVELS = [...SEVERITIES, 'never'] as const;
export type FailLevel = (typeof FAIL_LEVELS)[number];

/** Where a finding was seen: the checked-out files, the evaluated settings, or git history. */
export type FindingSource = 'tree' | 'settings' | 'history';

export interface Suppression {
  kind: 'inline' | 'config' | 'baseline' | 'silenced';
  reason: string;
}

/** One place a history finding was seen (the same secret may appear under several paths). */
export interface HistoryLocation {
  commit: string;
  file: string;
  line: number;
  authorDate: string;
}

export interface Finding {
  ruleId: string;
  /** kebab-case name of the pattern flagged, e.g. `django-secret-key-committed`. */
  name: string;
  severity: Severity;
  message: string;
  /** Repository-relative path with `/` separators. */
  file: string;
  /** 1-based. */
  line: number;
  endLine?: number;
  column?: number;
  /** Stable across runs and line moves; a hash, never the secret. */
  fingerprint: string;
  /** Redacted: at most 4 leading characters, the length and the fingerprint. */
  evidence?: string;
  source: FindingSource;
  docsUrl: string;
  /** What to do instead, one sentence. */
  fix?: string;
  /** Hash of the secret value (for baselines); never the value. */
  secretHash?: string;
  /** Env variable that decides the value, for settings findings. */
  envVar?: string;
  /** Settings findings only: the check could not be decided (it depends on an Unknown value). */
  undecided?: boolean;
  /** Set when an inline comment, the config allowlist, a baseline or SILENCED_SYSTEM_CHECKS hides it. */
  suppressed?: Suppression;
  /** History findings only. */
  commit?: string;
  authorDate?: string;
  inHead?: boolean;
  refs?: string[];
  locations?: HistoryLocation[];
}

/** A per-rule docs block; the same sections for every rule (generated into docs/rules). */
export interface RuleDocs {
  /** One line: what the rule flags. */
  summary: string;
  whatItDoes: string;
  whyBad: string;
  /** A file that must produce a finding. */
  badExample: DocsExample;
  /** The same file done right: must produce none. */
  goodExample: DocsExample;
  useInstead: string;
  references: string[];
}

export interface DocsExample {
  /** Repository-relative path the example lives at (path rules depend on it). */
  file: string;
  /**
   * Content. `{{secret:KIND}}` markers are replaced with a value generated at test time so that
   * the repository never holds a real-looking secret; docs render them as a description.
   */
  content: string;
}

export interface RuleMeta {
  id: string;
  name: string;
  severity: Severity;
  /** One sentence: what to do instead (shown next to each finding). */
  fix: string;
  docs: RuleDocs;
}

export const SEVERITY_RANK: Record<Severity, number> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
  info: 0,
};

export function isAtOrAbove(severity: Severity, level: FailLevel): boolean {
  if (level === 'never') return false;
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[level];
}

export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[b] - SEVERITY_RANK[a];
}
