import type { PyValue, Provenance } from './value';

/** One setting's final value and where it was decided. */
export interface SettingValue {
  value: PyValue;
  /** Absent when the setting was not set and Django's default applies. */
  provenance?: Provenance;
}

export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  file: string;
  line: number;
  message: string;
}

/** An env variable the settings read, with what the code does when it is unset. */
export interface EnvRead {
  name: string;
  file: string;
  line: number;
  /** Python source of the default in the code, when there is one. */
  defaultText?: string;
  /** Whether the production environment given to the run sets it. */
  isSet: boolean;
}

/**
 * The result of evaluating one settings module: every upper-case module-level name (what
 * `django.conf.Settings` keeps), with provenance.
 */
export interface SettingsSnapshot {
  /** Dotted module name, e.g. `config.settings.production`. */
  module: string;
  /** Repository-relative path of the module's file. */
  file: string;
  settings: Map<string, SettingValue>;
  envReads: EnvRead[];
  diagnostics: Diagnostic[];
  /** Repository-relative files the evaluation read (for inline-ignore lookups and reports). */
  filesRead: string[];
  /**
   * Calls the evaluator noticed but does not model as settings, e.g. `sentry_sdk.init(...)` with
   * its keyword arguments (used by hardening rules).
   */
  calls: RecordedCall[];
  /**
   * Statements whose effect on the settings is not known (they failed, or may set names the
   * evaluator cannot see, e.g. `setattr` on an unknown object). When present, a setting the
   * module does not set is undecided rather than Django's default.
   */
  incomplete?: { file: string; line: number; reason: string }[];
  /**
   * Where str literals were written, by value object: an item of a setting (an app in
   * INSTALLED_APPS, `'*'` in ALLOWED_HOSTS) is found at the line that lists it, which may differ
   * from the setting's provenance (the last statement that changed it).
   */
  literalLocations?: WeakMap<PyValue, { file: string; line: number }>;
}

export interface RecordedCall {
  /** Dotted callee as written, resolved through imports, e.g. `sentry_sdk.init`. */
  callee: string;
  file: string;
  line: number;
  keywords: Map<string, PyValue>;
}
