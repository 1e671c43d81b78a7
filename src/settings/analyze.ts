import { ConfigurationError } from '../core/errors';
import { createFinding } from '../core/finding';
import { inlineIgnoreReason } from '../core/inline-ignore';
import { memoryRepoFiles, type RepoFiles } from '../core/repo-files';
import type { Autofix, Finding, Suppression } from '../core/types';
import { djangoDefault } from './defaults';
import { envVarOf } from './describe';
import { discoverSettings, type DiscoveredModule } from './discover';
import {
  DEFAULT_DJANGO_VERSION,
  KNOWN_DJANGO_VERSIONS,
  resolveDjangoVersion,
  type RepositoryTop,
} from './django-version';
import { evaluateSettingsModule, resolveModuleFile } from './eval';
import {
  formatVersion,
  type DjangoVersion,
  type ResolvedSetting,
  type SettingsCheckContext,
  type SettingsMatch,
  type SettingsRule,
} from './rule';
import { djangoRules } from './rules';
import { secretValuesOfSnapshot } from './secret-values';
import type { Diagnostic, SettingsSnapshot } from './snapshot';
import { NONE, unknown, type PyValue } from './value';
import { stringItems } from './value-ops';

/**
 * The settings analysis entry point: discover the production settings module(s), evaluate each
 * without running it, run the settings rules, and turn matches into findings with provenance,
 * SILENCED_SYSTEM_CHECKS and inline-ignore suppressions applied.
 *
 * Unknown values are never a silent pass or fail: a rule that can't decide reports an `info`
 * finding saying which env variable (or expression) it depends on.
 */

export interface AnalyzeSettingsOptions {
  files: RepoFiles;
  /** Repository-relative paths of every file (for discovery and version detection). */
  fileList: string[];
  /** Dotted modules (or repo-relative .py paths) to check instead of discovering them. */
  settingsModules?: string[];
  pythonPaths?: string[];
  /** The production environment the settings are evaluated under. */
  env: Record<string, string>;
  /** `X.Y` or `X.Y.Z`; detected from dependency files when absent. */
  djangoVersion?: string;
  /** The repository's top when the scan is of a folder inside it (the version is looked up to it). */
  repositoryTop?: RepositoryTop;
  rules?: readonly SettingsRule[];
  /** The fix for a match, when its rule has a mechanical one (src/fix, passed in by the scan). */
  fixFor?: SettingsFixFor;
}

/** Produces a match's fix; the settings analysis doesn't know the fixes, the scan passes them. */
export type SettingsFixFor = (input: {
  ruleId: string;
  match: SettingsMatch;
  ctx: SettingsCheckContext;
}) => Autofix | undefined;

export interface SettingsReport {
  module: string;
  file: string;
  reason: string;
  djangoVersion: string;
  djangoVersionSource: string;
  /** Env variables the settings read that the given environment sets. */
  envSet: string[];
  /** Env variables the settings read that are unset, so the code's default was used. */
  envUnsetWithDefault: string[];
  diagnostics: Diagnostic[];
  /** Other candidates discovery set aside, with why. */
  setAside?: { module: string; reason: string }[];
}

/**
 * Checks whose finding SILENCED_SYSTEM_CHECKS can't hide: they stand for Django refusing to load
 * the settings at all (ImproperlyConfigured), which happens before any check runs.
 */
const NOT_SILENCEABLE = new Set(['settings.E001']);

/** Builds the context a rule sees: the snapshot's values over Django's version defaults. */
export function createCheckContext(
  snapshot: SettingsSnapshot,
  version: DjangoVersion,
  files: RepoFiles,
  pythonPaths: readonly string[],
  diagnostics: Diagnostic[] = [],
): SettingsCheckContext {
  const setting = (name: string, fallback?: PyValue): ResolvedSetting => {
    const set = snapshot.settings.get(name);
    // An entry without provenance is the evaluator's own default: use the version's default.
    if (set?.provenance !== undefined) {
      return { name, value: set.value, provenance: set.provenance, isDefault: false, exists: true };
    }
    const byDefault = djangoDefault(name, version) ?? fallback ?? set?.value;
    // A statement the evaluator could not follow may have set it: the default is not a fact.
    const gap = snapshot.incomplete?.[0];
    if (gap !== undefined && byDefault !== undefined) {
      const reason = `not set where evaluated, but ${gap.file}:${gap.line} may set it (${gap.reason})`;
      return { name, value: unknown(reason), isDefault: true, exists: true };
    }
    if (byDefault !== undefined) return { name, value: byDefault, isDefault: true, exists: true };
    return { name, value: NONE, isDefault: false, exists: false };
  };
  const strings = (name: string) => stringItems(setting(name).value);
  return {
    snapshot,
    version,
    files,
    pythonPaths,
    setting,
    installedApps: () => strings('INSTALLED_APPS'),
    middleware: () => strings('MIDDLEWARE'),
    note: ({ severity, message, file, line }) => {
      diagnostics.push({ severity, message, file: file ?? snapshot.file, line: line ?? 1 });
    },
  };
}

/** `# deploy-guard: ignore[...]` on the finding's line, or SILENCED_SYSTEM_CHECKS. */
function suppressionFor(
  ruleId: string,
  file: string,
  line: number,
  ctx: SettingsCheckContext,
  lineCache: Map<string, string[] | undefined>,
): Suppression | undefined {
  if (!lineCache.has(file)) lineCache.set(file, ctx.files.read(file)?.split(/\r?\n/));
  const reason = inlineIgnoreReason(lineCache.get(file)?.[line - 1], ruleId);
  if (reason !== undefined) return { kind: 'inline', reason };
  if (NOT_SILENCEABLE.has(ruleId)) return undefined;
  // Django hides a silenced id at every level, errors included (django-rules.md §1.1).
  const silenced = ctx.setting('SILENCED_SYSTEM_CHECKS');
  if (silenced.isDefault) return undefined;
  if (!(stringItems(silenced.value) ?? []).includes(ruleId)) return undefined;
  const at = silenced.provenance
    ? ` (${silenced.provenance.file}:${silenced.provenance.line})`
    : '';
  return { kind: 'silenced', reason: `listed in SILENCED_SYSTEM_CHECKS${at}` };
}

function toFinding(
  rule: SettingsRule,
  match: SettingsMatch,
  ctx: SettingsCheckContext,
  lineCache: Map<string, string[] | undefined>,
  fixFor?: SettingsFixFor,
): Finding {
  const autofix = fixFor?.({ ruleId: rule.id, match, ctx });
  const decided = match.setting !== undefined ? ctx.setting(match.setting) : undefined;
  const file = match.file ?? decided?.provenance?.file ?? ctx.snapshot.file;
  const line =
    match.line ?? (match.file === undefined ? decided?.provenance?.line : undefined) ?? 1;
  const envVar = decided ? envVarOf(decided) : undefined;
  const suppressed = suppressionFor(rule.id, file, line, ctx, lineCache);
  // Our own rules about a secret value (a literal SECRET_KEY) are that secret's finding; Django's
  // checks (dotted ids) stay findings of their own, as Django reports them.
  const isSecretFacet = match.secretHash !== undefined && !rule.id.includes('.');
  return createFinding({
    rule,
    identity: isSecretFacet
      ? { kind: 'secret', secretHash: match.secretHash! }
      : {
          kind: 'setting',
          ruleId: rule.id,
          module: ctx.snapshot.file,
          setting: match.setting ?? '',
          detail: match.detail ?? '',
        },
    source: 'settings',
    file,
    line,
    message: match.message,
    severity: match.undecided ? 'info' : (match.severity ?? rule.severity),
    ...(match.fix !== undefined ? { fix: match.fix } : {}),
    ...(match.secretHash !== undefined ? { secretHash: match.secretHash } : {}),
    ...(match.setting !== undefined ? { setting: match.setting } : {}),
    ...(envVar !== undefined ? { envVar } : {}),
    ...(suppressed ? { suppressed } : {}),
    ...(match.undecided ? { undecided: true } : {}),
    ...(autofix !== undefined ? { autofix } : {}),
  });
}

/**
 * Runs `rules` (those that apply to the context's version) and returns their findings. Secret
 * values the matches name (`SettingsMatch.secretValues`) go into `secretValues`, never into a
 * finding.
 */
export function runSettingsRules(
  ctx: SettingsCheckContext,
  rules: readonly SettingsRule[],
  diagnostics: Diagnostic[] = [],
  secretValues?: Set<string>,
  fixFor?: SettingsFixFor,
): Finding[] {
  const findings: Finding[] = [];
  const lineCache = new Map<string, string[] | undefined>();
  for (const rule of rules) {
    if (rule.appliesTo && !rule.appliesTo(ctx.version)) continue;
    let matches: SettingsMatch[];
    try {
      matches = rule.check(ctx);
    } catch (error) {
      // A rule bug must not hide every other finding; say so and carry on.
      diagnostics.push({
        severity: 'error',
        file: ctx.snapshot.file,
        line: 1,
        message: `rule ${rule.id} failed: ${error instanceof Error ? error.message : String(error)}`,
      });
      continue;
    }
    for (const match of matches) {
      for (const value of match.secretValues ?? []) secretValues?.add(value);
      findings.push(toFinding(rule, match, ctx, lineCache, fixFor));
    }
  }
  return findings.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId),
  );
}

/** `config/settings/prod.py` (under a python path) → `config.settings.prod`; dotted names pass. */
function toModuleName(moduleOrFile: string, pythonPaths: readonly string[]): string {
  if (!moduleOrFile.endsWith('.py') && !moduleOrFile.includes('/')) return moduleOrFile;
  const file = moduleOrFile.replace(/^\.\//, '');
  for (const root of [...pythonPaths].sort((a, b) => b.length - a.length)) {
    const prefix = root === '' || root === '.' ? '' : `${root.replace(/\/+$/, '')}/`;
    if (file.startsWith(prefix))
      return file
        .slice(prefix.length)
        .replace(/(\/__init__)?\.py$/, '')
        .replace(/\//g, '.');
  }
  return file.replace(/(\/__init__)?\.py$/, '').replace(/\//g, '.');
}

function explicitModules(
  names: readonly string[],
  pythonPaths: readonly string[],
  files: RepoFiles,
): DiscoveredModule[] {
  return names.map((name) => {
    const module = toModuleName(name, pythonPaths);
    const file = resolveModuleFile(module, [...pythonPaths], files);
    if (file === undefined) {
      const rel = module.split('.').join('/');
      const roots = pythonPaths.map((p) => (p === '' ? '.' : p));
      throw new ConfigurationError(
        `settings module '${name}' not found: looked for ${rel}.py and ${rel}/__init__.py under the python paths ${roots.join(', ')} (give --python-path, or the python-path input, if the project lives in a subdirectory)`,
      );
    }
    return { module, file, reason: 'given as an option' };
  });
}

/** The evaluator names the module's file; fall back to the resolved one if it could not. */
function withFile(snapshot: SettingsSnapshot, file: string): SettingsSnapshot {
  return snapshot.file === '' ? { ...snapshot, file } : snapshot;
}

function uniqueNames(names: Iterable<string>): string[] {
  return [...new Set(names)].sort();
}

/** Discovers, evaluates and checks the production settings. */
export function analyzeSettings(options: AnalyzeSettingsOptions): {
  findings: Finding[];
  reports: SettingsReport[];
  /** Secret values the evaluated settings hold, for the run's redactor. Never print them. */
  secretValues: string[];
  /** What discovery says when it chose no module (why, and what it set aside). */
  discoveryNotes: string[];
} {
  const { files, fileList, env } = options;
  const rules: readonly SettingsRule[] = options.rules ?? djangoRules;
  const detected = resolveDjangoVersion(
    options.djangoVersion,
    fileList,
    files,
    options.repositoryTop,
  );
  const discovery = discoverSettings(fileList, files, options.pythonPaths, env);
  const pythonPaths = discovery.pythonPaths;
  const modules = options.settingsModules?.length
    ? explicitModules(options.settingsModules, pythonPaths, files)
    : discovery.modules;
  const findings: Finding[] = [];
  const reports: SettingsReport[] = [];
  const secretValues = new Set<string>();
  for (const target of modules) {
    const snapshot = withFile(
      evaluateSettingsModule({ module: target.module, pythonPaths, env, files }),
      target.file,
    );
    for (const value of secretValuesOfSnapshot(snapshot)) secretValues.add(value);
    const diagnostics: Diagnostic[] = [...snapshot.diagnostics];
    const ctx = createCheckContext(snapshot, detected.version, files, pythonPaths, diagnostics);
    findings.push(...runSettingsRules(ctx, rules, diagnostics, secretValues, options.fixFor));
    if (!options.settingsModules?.length)
      for (const note of discovery.notes)
        diagnostics.push({ severity: 'info', file: target.file, line: 1, message: note });
    reports.push({
      module: target.module,
      file: snapshot.file,
      reason: target.reason,
      djangoVersion: formatVersion(detected.version),
      djangoVersionSource: detected.source,
      envSet: uniqueNames(snapshot.envReads.filter((r) => r.isSet).map((r) => r.name)),
      envUnsetWithDefault: uniqueNames(
        snapshot.envReads.filter((r) => !r.isSet && r.defaultText !== undefined).map((r) => r.name),
      ),
      diagnostics,
      ...(!options.settingsModules?.length && discovery.setAside.length > 0
        ? { setAside: discovery.setAside }
        : {}),
    });
  }
  return {
    findings,
    reports,
    secretValues: [...secretValues],
    discoveryNotes: modules.length === 0 ? discovery.notes : [],
  };
}

export interface CheckSettingsSourceOptions {
  /** Repository-relative path, e.g. `project/settings.py` (evaluated as `project.settings`). */
  file: string;
  source: string;
  rules?: readonly SettingsRule[];
  /**
   * Defaults to 5.2. When not given, a rule that doesn't exist in 5.2 (e.g. security.E100, 3.2
   * only) runs at the newest version it applies to, so its documented examples stay testable.
   */
  version?: DjangoVersion;
  env?: Record<string, string>;
  fixFor?: SettingsFixFor;
}

/** Evaluates one in-memory settings file and runs the rules on it (docs examples, tests). */
export function checkSettingsSource(options: CheckSettingsSourceOptions): Finding[] {
  const files = memoryRepoFiles({ [options.file]: options.source });
  const module = toModuleName(options.file, ['']);
  const snapshot = withFile(
    evaluateSettingsModule({ module, pythonPaths: [''], env: options.env ?? {}, files }),
    options.file,
  );
  const rules: readonly SettingsRule[] = options.rules ?? djangoRules;
  const byVersion = new Map<string, { version: DjangoVersion; rules: SettingsRule[] }>();
  for (const rule of rules) {
    let version = options.version ?? DEFAULT_DJANGO_VERSION;
    if (options.version === undefined && rule.appliesTo && !rule.appliesTo(version)) {
      version =
        [...KNOWN_DJANGO_VERSIONS].reverse().find((v) => rule.appliesTo!(v)) ??
        DEFAULT_DJANGO_VERSION;
    }
    const key = formatVersion(version);
    const group = byVersion.get(key) ?? { version, rules: [] };
    group.rules.push(rule);
    byVersion.set(key, group);
  }
  const findings: Finding[] = [];
  for (const { version, rules: group } of byVersion.values()) {
    const ctx = createCheckContext(snapshot, version, files, ['']);
    findings.push(...runSettingsRules(ctx, group, [], undefined, options.fixFor));
  }
  return findings;
}
