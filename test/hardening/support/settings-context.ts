import { memoryRepoFiles } from '../../../src/core/repo-files';
import { djangoDefault } from '../../../src/settings/defaults';
import type {
  DjangoVersion,
  ResolvedSetting,
  SettingsCheckContext,
  SettingsMatch,
  SettingsRule,
} from '../../../src/settings/rule';
import type { EnvRead, RecordedCall, SettingsSnapshot } from '../../../src/settings/snapshot';
import type { Provenance, PyValue } from '../../../src/settings/value';
import { stringItems } from '../../../src/settings/value-ops';

/**
 * A SettingsCheckContext built from data, so each rule's logic is tested on exact evaluated
 * values (what the evaluator produces) independently of the evaluator. End-to-end tests from
 * Python source go through checkSettingsSource (see settings-source.test.ts).
 */

/** JS shorthand for Python values: strings, numbers, booleans, null, arrays, plain objects. */
export type Js =
  | string
  | number
  | boolean
  | null
  | Js[]
  | { [key: string]: Js }
  | { $tuple: Js[] }
  | { $unknown: string; envVar?: string };

export function py(value: Js): PyValue {
  if (value === null) return { kind: 'none' };
  if (typeof value === 'string') return { kind: 'str', value };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? { kind: 'int', value: BigInt(value) }
      : { kind: 'float', value };
  if (Array.isArray(value)) return { kind: 'list', items: value.map(py) };
  if ('$tuple' in value && Array.isArray(value.$tuple))
    return { kind: 'tuple', items: value.$tuple.map(py) };
  if ('$unknown' in value && typeof value.$unknown === 'string') {
    const envVar = typeof value.envVar === 'string' ? value.envVar : undefined;
    return envVar === undefined
      ? { kind: 'unknown', reason: value.$unknown }
      : { kind: 'unknown', reason: value.$unknown, envVar };
  }
  return {
    kind: 'dict',
    entries: Object.entries(value as Record<string, Js>).map(([k, v]) => [py(k), py(v)]),
  };
}

/** A setting as the evaluator leaves it: a value and where it was decided. */
export interface SettingSpec {
  value: Js;
  line?: number;
  file?: string;
  envVar?: string;
  usedDefault?: boolean;
  defaultText?: string;
}

export interface ContextSpec {
  /** Plain values are set at `line` = their position (1-based) in this object. */
  settings?: Record<string, Js | SettingSpec>;
  envReads?: EnvRead[];
  calls?: { callee: string; line: number; keywords: Record<string, Js> }[];
  files?: Record<string, string>;
  version?: DjangoVersion;
  pythonPaths?: string[];
}

export const SETTINGS_FILE = 'project/settings.py';

function isSpec(value: Js | SettingSpec): value is SettingSpec {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'value' in value;
}

export function contextFor(spec: ContextSpec): SettingsCheckContext {
  const settings = new Map<string, { value: PyValue; provenance: Provenance }>();
  Object.entries(spec.settings ?? {}).forEach(([name, raw], index) => {
    const s: SettingSpec = isSpec(raw) ? raw : { value: raw };
    const provenance: Provenance = { file: s.file ?? SETTINGS_FILE, line: s.line ?? index + 1 };
    if (s.envVar !== undefined) provenance.envVar = s.envVar;
    if (s.usedDefault !== undefined) provenance.usedDefault = s.usedDefault;
    if (s.defaultText !== undefined) provenance.defaultText = s.defaultText;
    settings.set(name, { value: py(s.value), provenance });
  });
  const calls: RecordedCall[] = (spec.calls ?? []).map((c) => ({
    callee: c.callee,
    file: SETTINGS_FILE,
    line: c.line,
    keywords: new Map(Object.entries(c.keywords).map(([k, v]) => [k, py(v)])),
  }));
  const snapshot: SettingsSnapshot = {
    module: 'project.settings',
    file: SETTINGS_FILE,
    settings,
    envReads: spec.envReads ?? [],
    diagnostics: [],
    filesRead: [SETTINGS_FILE],
    calls,
  };
  const version = spec.version ?? { major: 5, minor: 2 };
  const setting = (name: string, fallback?: PyValue): ResolvedSetting => {
    const own = settings.get(name);
    if (own)
      return { name, value: own.value, provenance: own.provenance, isDefault: false, exists: true };
    const dflt = djangoDefault(name, version) ?? fallback;
    if (dflt !== undefined) return { name, value: dflt, isDefault: true, exists: true };
    return { name, value: { kind: 'none' }, isDefault: false, exists: false };
  };
  return {
    snapshot,
    version,
    files: memoryRepoFiles(spec.files ?? {}),
    pythonPaths: spec.pythonPaths ?? [''],
    setting,
    installedApps: () => stringItems(setting('INSTALLED_APPS').value),
    middleware: () => stringItems(setting('MIDDLEWARE').value),
    note: () => undefined,
  };
}

export interface SeenMatch {
  ruleId: string;
  line: number;
  file: string;
  envVar?: string;
  severity: string;
  message: string;
  undecided: boolean;
  secretHash?: string;
  secretValues?: readonly string[];
}

/** Runs one rule and places each match the way the analysis does (explicit line, else the setting's). */
export function runSettingsRule(rule: SettingsRule, spec: ContextSpec): SeenMatch[] {
  const ctx = contextFor(spec);
  if (rule.appliesTo && !rule.appliesTo(ctx.version)) return [];
  return rule.check(ctx).map((m: SettingsMatch) => {
    const at = m.setting === undefined ? undefined : ctx.setting(m.setting).provenance;
    const seen: SeenMatch = {
      ruleId: rule.id,
      line: m.line ?? at?.line ?? 1,
      file: m.file ?? at?.file ?? SETTINGS_FILE,
      severity: m.undecided ? 'info' : (m.severity ?? rule.severity),
      message: m.message,
      undecided: m.undecided === true,
    };
    if (at?.envVar !== undefined) seen.envVar = at.envVar;
    if (m.secretHash !== undefined) seen.secretHash = m.secretHash;
    if (m.secretValues !== undefined) seen.secretValues = m.secretValues;
    return seen;
  });
}
