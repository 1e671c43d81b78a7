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

/**
 * One place a finding was seen. A secret is one finding wherever it is: the file that holds it
 * now, the setting it feeds, every commit that introduced it at a path.
 */
export interface FindingLocation {
  source: FindingSource;
  /** The rule that saw it here (a merged secret may be seen by several). */
  ruleId: string;
  /** Repository-relative path with `/` separators. */
  file: string;
  /** 1-based. */
  line: number;
  endLine?: number;
  column?: number;
  endColumn?: number;
  /**
   * True when this line of the checked-out tree holds the problem now. Only such a location is
   * annotated; a history-only occurrence is reported with its commit instead.
   */
  current: boolean;
  /** History: the commit that introduced it at this path, and that commit's author date. */
  commit?: string;
  authorDate?: string;
  /** Settings: the setting the value feeds (e.g. `SECRET_KEY`). */
  setting?: string;
  /** This occurrence's own severity; the finding's is the highest of its locations'. */
  severity: Severity;
  /** Why this occurrence is less severe than the rule (e.g. `test code`, `commented out`). */
  context?: string;
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
  endColumn?: number;
  /**
   * The finding's identity, 16 hex digits, shown in full in every report: a secret's is derived
   * from its value's hash alone (the same in every file, commit and run), a setting's from the
   * rule, module and setting, a file rule's from the rule and path. Allowlists and baselines use
   * it; any unique prefix of 8 or more characters matches.
   */
  fingerprint: string;
  /** Redacted: at most 4 leading characters and the length. */
  evidence?: string;
  /** Where the primary location (`file`/`line`) was seen. */
  source: FindingSource;
  /** Whether `file`/`line` holds the problem in the checked-out tree now (annotations need it). */
  current: boolean;
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
  /** History facet: the first commit that introduced it, whether HEAD still holds it, refs. */
  commit?: string;
  authorDate?: string;
  inHead?: boolean;
  refs?: string[];
  /** Every place it was seen, the primary one first. */
  locations: FindingLocation[];
  /**
   * With a base branch (a pull request, `--base`): whether the change introduced it (`new`) or
   * the base already had it (`existing`). Absent without a base.
   */
  delta?: FindingDelta;
  /**
   * Project rules that reported the same problem as this Django check and were folded into it
   * (src/core/same-problem.ts): the allowlist, `rules:` config and inline ignores accept them.
   */
  aliases?: string[];
  /** Their fingerprints, which allowlists and baselines written before the fold still name. */
  aliasFingerprints?: string[];
  /** The change that fixes it, when it can be made mechanically (src/fix). */
  autofix?: Autofix;
}

/**
 * One edit of a fix, on whole lines of a repository file (1-based): `replace` swaps lines
 * `startLine..endLine` for `lines`; `insert` adds `lines` after line `afterLine` (0: at the top),
 * and carries that line's text (`anchor`) so channels that only replace (a pull-request
 * suggestion, a SARIF replacement) can rewrite the anchor line as itself plus the new lines.
 * Replacement text never holds a secret value.
 */
export type FixEdit =
  | { kind: 'replace'; file: string; startLine: number; endLine: number; lines: string[] }
  | { kind: 'insert'; file: string; afterLine: number; anchor: string; lines: string[] };

/** A fix: edits to apply, and steps no edit can take (e.g. `git rm --cached`). */
export interface Autofix {
  /** One line: what the edits do. */
  description: string;
  edits: FixEdit[];
  /** Things to do by hand, printed with the diff (rotate a key, untrack a file). */
  instructions?: string[];
  /** Environment variables the fixed settings require (read with no default): set them in production. */
  envVars?: string[];
}

export type FindingDelta = 'new' | 'existing';

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
