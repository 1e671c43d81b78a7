import type { RepoFiles } from '../core/repo-files';
import type { RuleMeta, Severity } from '../core/types';
import type { SettingsSnapshot } from './snapshot';
import type { Provenance, PyValue } from './value';

/**
 * The contract between the settings analysis and every rule that inspects evaluated settings:
 * Django's own checks (`src/settings/rules`), django-cors-headers' checks, and the project's
 * hardening rules. Pure data in, matches out: a rule never reads files beyond `ctx.files` and
 * never executes anything from the repository.
 */

/** A Django feature release, e.g. `{ major: 5, minor: 2 }`. */
export interface DjangoVersion {
  major: number;
  minor: number;
}

/** One setting as Django would see it: the module's value, or Django's default when unset. */
export interface ResolvedSetting {
  name: string;
  /**
   * The module's value; Django's default for the version when the module doesn't set it; the
   * caller's `fallback` for non-Django settings (e.g. a library default); else `None`.
   */
  value: PyValue;
  /** Where the module decided the value (file, line, envVar…); absent for defaults. */
  provenance?: Provenance;
  /** True when the module doesn't set it and a default (Django's or the fallback) applies. */
  isDefault: boolean;
  /**
   * False when the module doesn't set it and Django (at this version) has no such setting and no
   * fallback was given, e.g. `SECRET_KEY_FALLBACKS` on 3.2 or `SECURE_CSP` before 6.0.
   */
  exists: boolean;
}

export interface SettingsCheckContext {
  snapshot: SettingsSnapshot;
  version: DjangoVersion;
  files: RepoFiles;
  /** Roots that dotted module names resolve against (repo-relative, '' = repository root). */
  pythonPaths: readonly string[];
  /**
   * The setting with Django's default (for `version`) when unset. `fallback` supplies the default
   * for settings Django doesn't define (third-party apps); Django's own default wins if both exist.
   */
  setting(name: string, fallback?: PyValue): ResolvedSetting;
  /**
   * `INSTALLED_APPS` / `MIDDLEWARE` as strings, or undefined when the value (or any item) is not a
   * known str, i.e. membership cannot be decided.
   */
  installedApps(): string[] | undefined;
  middleware(): string[] | undefined;
  /** Records an info/warning diagnostic on the report (e.g. "view lives outside the repo"). */
  note(diagnostic: {
    severity: 'info' | 'warning';
    message: string;
    file?: string;
    line?: number;
  }): void;
}

/** What a settings rule saw. The analysis turns it into a `Finding`. */
export interface SettingsMatch {
  /** Says what was found and the value, never a secret value (length/unique count only). */
  message: string;
  /**
   * The setting whose value decided the match. Its provenance gives file, line and envVar; when
   * it is unset, the finding points at the settings module, line 1.
   */
  setting?: string;
  /** Explicit location, overriding the setting's provenance. */
  file?: string;
  line?: number;
  /** Overrides the rule's severity (undecided matches use `info`). */
  severity?: Severity;
  /** Overrides the rule's one-line fix. */
  fix?: string;
  /** Extra fingerprint part distinguishing several matches of one rule, e.g. `SECRET_KEY_FALLBACKS[1]`. */
  detail?: string;
  /**
   * True when the outcome depends on an Unknown value (typically an unset env var with no
   * default): the match is reported at `info` and says what it depends on. Unknown never turns
   * into a silent pass or a silent fail.
   */
  undecided?: boolean;
  /**
   * Hash (`hashSecret`) of a secret value involved, e.g. a literal key in SECRET_KEY_FALLBACKS, so
   * the pipeline can link the finding to the history finding of the same secret. Never the value.
   */
  secretHash?: string;
  /**
   * The secret value(s) the match is about, for the pipeline to mask and redact the way detector
   * hits are (`valuesToMask`): never put in a message or a finding, never serialised.
   */
  secretValues?: readonly string[];
  /**
   * The severity before a context cap (e.g. a credential in test settings is at most `low`), so
   * a value also found outside tests can be raised back to it. Unset when nothing capped it.
   */
  uncappedSeverity?: Severity;
}

/** What a rule module writes: its meta and docs, and `check` over a context that knows its id. */
export interface SettingsRuleDefinition extends RuleMeta {
  /** Who defines the check: Django itself, django-cors-headers, or this project. */
  origin: 'django' | 'corsheaders' | 'hardening';
  /** Versions where the check exists; omitted = every version. */
  appliesTo?(version: DjangoVersion): boolean;
  check(ctx: SettingsRuleContext): SettingsMatch[];
}

/**
 * The context a rule's `check` receives: the analysis' context plus the rule's own id filled in,
 * so a rule says `ctx.undecided([hosts])`, never `undecidedMatch('DDG201', …)`.
 */
export interface SettingsRuleContext extends SettingsCheckContext {
  readonly ruleId: string;
  /**
   * The standard shape of a check: when `condition` holds, report `onMatch()`; when it can't be
   * decided, say which of `involved` settings it depends on, at `info`; otherwise nothing.
   */
  decide(
    condition: boolean | undefined,
    involved: readonly ResolvedSetting[],
    onMatch: () => SettingsMatch,
  ): SettingsMatch[];
  /** An `info` match that names what the decision depends on (never a silent pass or fail). */
  undecided(involved: readonly ResolvedSetting[], detail?: string): SettingsMatch;
}

/** A rule as the analysis runs it (`runSettingsRules`); made by `defineSettingsRule`. */
export interface SettingsRule extends RuleMeta {
  kind: 'settings';
  origin: SettingsRuleDefinition['origin'];
  appliesTo?(version: DjangoVersion): boolean;
  check(ctx: SettingsCheckContext): SettingsMatch[];
}

/** `a >= b` for Django versions. */
export function isAtLeast(version: DjangoVersion, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

export function formatVersion(version: DjangoVersion): string {
  return `${version.major}.${version.minor}`;
}
