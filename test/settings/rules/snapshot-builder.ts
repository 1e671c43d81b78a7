import { memoryRepoFiles, type RepoFiles } from '../../../src/core/repo-files';
import type { Finding } from '../../../src/core/types';
import { createCheckContext, runSettingsRules } from '../../../src/settings/analyze';
import type { DjangoVersion, SettingsRule } from '../../../src/settings/rule';
import { djangoRules } from '../../../src/settings/rules';
import type { Diagnostic, SettingsSnapshot } from '../../../src/settings/snapshot';
import type { Provenance, PyValue } from '../../../src/settings/value';

/** Hand-built snapshots: tests of the rules that don't depend on the evaluator. */

export const SETTINGS_FILE = 'project/settings.py';

/** A JS literal as a Python value: arrays are lists, null is None, integers are int. */
export function py(value: unknown): PyValue {
  if (value === null) return { kind: 'none' };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? { kind: 'int', value: BigInt(value) }
      : { kind: 'float', value };
  if (typeof value === 'string') return { kind: 'str', value };
  if (Array.isArray(value)) return { kind: 'list', items: value.map(py) };
  if (typeof value === 'object' && 'kind' in value) return value as PyValue;
  if (typeof value === 'object')
    return {
      kind: 'dict',
      entries: Object.entries(value).map(([k, v]) => [py(k), py(v)] as [PyValue, PyValue]),
    };
  throw new Error(`no Python value for ${typeof value}`);
}

export interface SettingSpec {
  value: unknown;
  line?: number;
  file?: string;
  envVar?: string;
  usedDefault?: boolean;
  defaultText?: string;
}

/** Settings in order; each is set on line = its position + 1 unless a line is given. */
export function snapshotOf(
  settings: Record<string, unknown>,
  file: string = SETTINGS_FILE,
): SettingsSnapshot {
  const map = new Map<string, { value: PyValue; provenance: Provenance }>();
  Object.entries(settings).forEach(([name, raw], index) => {
    const spec: SettingSpec =
      raw !== null && typeof raw === 'object' && 'value' in raw && !('kind' in raw)
        ? raw
        : { value: raw };
    const provenance: Provenance = { file: spec.file ?? file, line: spec.line ?? index + 1 };
    if (spec.envVar !== undefined) provenance.envVar = spec.envVar;
    if (spec.usedDefault !== undefined) provenance.usedDefault = spec.usedDefault;
    if (spec.defaultText !== undefined) provenance.defaultText = spec.defaultText;
    map.set(name, { value: py(spec.value), provenance });
  });
  return {
    module: 'project.settings',
    file,
    settings: map,
    envReads: [],
    diagnostics: [],
    filesRead: [file],
    calls: [],
  };
}

export const v = (text: string): DjangoVersion => {
  const [major, minor] = text.split('.').map(Number);
  return { major: major!, minor: minor! };
};

export function runRules(
  settings: Record<string, unknown>,
  version: string,
  options: {
    files?: RepoFiles;
    rules?: readonly SettingsRule[];
    /** Folders modules are imported from (default: the repository's top). */
    pythonPaths?: readonly string[];
    /** Collects the checks' diagnostics (e.g. why a check was not decided). */
    diagnostics?: Diagnostic[];
  } = {},
): Finding[] {
  const snapshot = snapshotOf(settings);
  const files = options.files ?? memoryRepoFiles({ [SETTINGS_FILE]: '' });
  const diagnostics = options.diagnostics ?? [];
  const ctx = createCheckContext(
    snapshot,
    v(version),
    files,
    options.pythonPaths ?? [''],
    diagnostics,
  );
  return runSettingsRules(ctx, options.rules ?? djangoRules, diagnostics);
}

/** Sorted `id@line` of the decided (non-info) findings. */
export function decidedIds(findings: readonly Finding[]): string[] {
  return findings
    .filter((f) => f.severity !== 'info')
    .map((f) => f.ruleId)
    .sort();
}

export const SM = 'django.middleware.security.SecurityMiddleware';
export const SESSION_MW = 'django.contrib.sessions.middleware.SessionMiddleware';
export const CSRF_MW = 'django.middleware.csrf.CsrfViewMiddleware';
export const XFO_MW = 'django.middleware.clickjacking.XFrameOptionsMiddleware';
export const FULL_MIDDLEWARE = [SM, SESSION_MW, CSRF_MW, XFO_MW];
/** Passes W009: 64 characters, 7 distinct, no insecure prefix (built, so nothing secret-looking). */
export const STRONG_KEY = 'example-'.repeat(8);

/** Settings that pass every Django check on every version. */
export function hardenedSettings(): Record<string, unknown> {
  return {
    SECRET_KEY: STRONG_KEY,
    DEBUG: false,
    ALLOWED_HOSTS: ['www.example.com'],
    INSTALLED_APPS: ['django.contrib.sessions'],
    MIDDLEWARE: FULL_MIDDLEWARE,
    SECURE_HSTS_SECONDS: 31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS: true,
    SECURE_HSTS_PRELOAD: true,
    SECURE_SSL_REDIRECT: true,
    SESSION_COOKIE_SECURE: true,
    CSRF_COOKIE_SECURE: true,
  };
}

/** Django versions (major.minor) the checks' cases run on. */
export const ALL = ['3.2', '4.2', '5.2', '6.0'];
export const FROM_41 = ['4.2', '5.2', '6.0'];

/** INSTALLED_APPS with django-cors-headers, whose checks run only when it is installed. */
export const CORS_APPS = { INSTALLED_APPS: ['corsheaders'] };
