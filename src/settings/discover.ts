import { parseDotenv, type DotenvDialect } from '../dotenv';
import type { RepoFiles } from '../core/repo-files';
import { resolveModuleFile } from './eval';

/**
 * Finds the production settings module(s) from what the repository's deployment files say,
 * strongest signal first (django-rules.md §3.6): deploy env files, Dockerfile / compose,
 * Procfile (following `gunicorn x.wsgi` to wsgi.py), wsgi.py, asgi.py and manage.py
 * `os.environ.setdefault(...)`, then file names. Test settings never count; local/dev settings
 * only when nothing better exists.
 */

export interface DiscoveredModule {
  module: string;
  /** Repository-relative file of the module. */
  file: string;
  /** Why this module: `DJANGO_SETTINGS_MODULE in .envs/.production/.django:3`. */
  reason: string;
}

export interface SettingsDiscovery {
  modules: DiscoveredModule[];
  pythonPaths: string[];
  /** Signals that were seen but not used (e.g. a module that doesn't exist), for the report. */
  notes: string[];
  /** Candidates set aside, each with why (test settings, no Django setting, dev settings). */
  setAside: { module: string; reason: string }[];
}

interface Signal {
  module: string;
  reason: string;
  /** The file that names the module. */
  source: string;
  /** Lower is stronger. */
  tier: number;
}

const VENDORED = /(^|\/)(node_modules|\.venv|venv|env|site-packages|\.tox|\.git|dist|build)\//;
const TEST_NAME = /(^|[._])(tests?|testing|test_settings|settings_tests?|pytest|ci)$/;
const DEV_NAME =
  /(^|[._])(local|dev|devel|develop|development|settings_local|local_settings|settings_dev)$/;

function lastPart(module: string): string {
  return module.split('.').pop() ?? module;
}

export function isTestModule(module: string): boolean {
  return (
    TEST_NAME.test(lastPart(module)) ||
    module.split('.').some((p) => p === 'tests' || p === 'test' || p === 'testing')
  );
}

/** A file of a test project: under a `test/`, `tests/` or `testing/` folder. */
export function isTestFile(file: string): boolean {
  return /(^|\/)(tests?|testing)\//.test(file);
}

/** Names Django cannot run without; a module that sets none of them is not a settings module. */
const DJANGO_SETTING = /^(INSTALLED_APPS|MIDDLEWARE|DATABASES|SECRET_KEY|ROOT_URLCONF)\s*[:=+]/m;
/** …unless it takes them from elsewhere: a star import or django-split-settings' include(). */
const SETTINGS_FROM_ELSEWHERE = /^from\s+[\w.]+\s+import\s+\*|^include\(/m;

function hasDjangoSetting(file: string, files: RepoFiles): boolean {
  const content = files.read(file) ?? '';
  return DJANGO_SETTING.test(content) || SETTINGS_FROM_ELSEWHERE.test(content);
}

export function isDevModule(module: string): boolean {
  return DEV_NAME.test(lastPart(module));
}

/** Repo root, `src/` when present, and any directory holding manage.py (its usual cwd). */
export function defaultPythonPaths(fileList: readonly string[], files: RepoFiles): string[] {
  const paths = [''];
  if (files.isDirectory('src')) paths.push('src');
  for (const file of fileList) {
    if (VENDORED.test(file)) continue;
    const match = /^(.+)\/manage\.py$/.exec(file);
    if (match && !paths.includes(match[1]!)) paths.push(match[1]!);
  }
  return paths;
}

const MODULE = String.raw`([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)`;
const SETDEFAULT = new RegExp(
  String.raw`(?:setdefault\(\s*|\[\s*)["']DJANGO_SETTINGS_MODULE["']\s*(?:,|\]\s*=)\s*["']${MODULE}["']`,
);
const ENV_ASSIGNMENT = new RegExp(String.raw`DJANGO_SETTINGS_MODULE["']?\s*[=:]\s*["']?${MODULE}`);
const ENV_SPACE = new RegExp(String.raw`^\s*ENV\s+DJANGO_SETTINGS_MODULE\s+["']?${MODULE}`, 'i');
const SETTINGS_FLAG = new RegExp(String.raw`--settings[=\s]+["']?${MODULE}`);
const PYTEST_DS = new RegExp(
  String.raw`(?:--ds[=\s]+|django_settings_module\s*=\s*["']?|DJANGO_SETTINGS_MODULE\s*=\s*["']?)${MODULE}`,
  'gi',
);

/** `DJANGO_SETTINGS_MODULE` in an env file, read the way `dialect` reads it. */
function settingsModulesInEnvFile(
  content: string,
  dialect: DotenvDialect,
): { module: string; line: number }[] {
  const module = new RegExp(`^${MODULE}$`);
  return parseDotenv(content, dialect, { interpolate: false }).entries.flatMap(
    ({ key, value, line }) =>
      key === 'DJANGO_SETTINGS_MODULE' && value !== undefined && module.test(value.trim())
        ? [{ module: value.trim(), line }]
        : [],
  );
}

function eachLine(content: string, visit: (line: string, lineNumber: number) => void): void {
  content.split(/\r?\n/).forEach((line, i) => visit(line, i + 1));
}

/** Modules pytest-django is configured to use: always test settings. */
function pytestModules(fileList: readonly string[], files: RepoFiles): Set<string> {
  const out = new Set<string>();
  for (const name of ['pytest.ini', 'pyproject.toml', 'setup.cfg', 'tox.ini']) {
    if (!fileList.includes(name)) continue;
    const content = files.read(name) ?? '';
    // pyproject/setup.cfg may also hold deploy config; only pytest sections count.
    const relevant =
      name === 'pytest.ini'
        ? content
        : (
            content.match(/\[(?:tool\.pytest[^\]]*|tool:pytest|pytest)\][\s\S]*?(?=\n\[|$)/g) ?? []
          ).join('\n');
    for (const match of relevant.matchAll(PYTEST_DS)) out.add(match[1]!);
  }
  return out;
}

function isDeployEnvFile(file: string): boolean {
  return (
    /(^|\/)\.envs\/\.prod(uction)?\//.test(file) ||
    /(^|\/)\.env\.(prod|production)(\.[\w-]+)?$/.test(file) ||
    /(^|\/)(prod|production)\.env$/.test(file)
  );
}

function isComposeFile(file: string): boolean {
  return (
    /(^|\/)(docker-)?compose[\w.-]*\.ya?ml$/.test(file) || /(^|\/)production\.ya?ml$/.test(file)
  );
}

function isPlatformConfig(file: string): boolean {
  if (/test|dev|local|staging/i.test(file)) return false;
  return (
    /(^|\/)(fly\.toml|app\.ya?ml|render\.ya?ml|app\.json|\.platform\.app\.yaml|gunicorn\.conf\.py|gunicorn_conf\.py)$/.test(
      file,
    ) ||
    /(^|\/)(k8s|kubernetes|helm|deploy|deployment|manifests|charts|\.do)\/.*\.ya?ml$/.test(file)
  );
}

const isProdName = (file: string) => /prod|production|live|deploy/i.test(file);

/** The module a wsgi/asgi/manage.py file defaults to, with its line. */
function setdefaultIn(
  file: string,
  files: RepoFiles,
): { module: string; line: number } | undefined {
  const content = files.read(file);
  if (content === undefined) return undefined;
  let found: { module: string; line: number } | undefined;
  eachLine(content, (line, n) => {
    const match = SETDEFAULT.exec(line);
    if (match && !found) found = { module: match[1]!, line: n };
  });
  return found;
}

/** `value: config.settings.production` in a YAML list item. */
const ITEM_VALUE = new RegExp(String.raw`^\s*value:\s*["']?${MODULE}`);

/**
 * The `value: x` of the list item whose `name:`/`key:` is on line `at`: a following line of the
 * same item (indented deeper than its `-`), within 6 lines.
 */
function valueInSameItem(lines: readonly string[], at: number): RegExpExecArray | null {
  const indentOf = (text: string) => /^\s*/.exec(text)?.[0].length ?? 0;
  const first = lines[at] ?? '';
  // The item's own indent: the `-` on this line, else the key's column (its `-` is above).
  const dash = /^\s*-/.test(first) ? indentOf(first) : indentOf(first) - 1;
  for (let k = at + 1; k < Math.min(lines.length, at + 7); k++) {
    const text = lines[k] ?? '';
    if (text.trim() === '' || text.trim().startsWith('#')) continue;
    if (indentOf(text) <= dash) return null;
    const match = ITEM_VALUE.exec(text);
    if (match) return match;
  }
  return null;
}

function collectSignals(fileList: readonly string[], files: RepoFiles): Signal[] {
  const signals: Signal[] = [];
  const candidates = fileList.filter((f) => !VENDORED.test(f));

  // Tier 0: deploy env files, read as python-dotenv reads them.
  for (const file of candidates.filter(isDeployEnvFile)) {
    for (const { module, line } of settingsModulesInEnvFile(
      files.read(file) ?? '',
      'python-dotenv',
    ))
      signals.push({
        module,
        tier: 0,
        source: file,
        reason: `DJANGO_SETTINGS_MODULE in ${file}:${line}`,
      });
  }

  // Tier 1: Dockerfile ENV / --settings, compose environment / env_file.
  for (const file of candidates.filter((f) => /(^|\/)Dockerfile[^/]*$|\.dockerfile$/i.test(f))) {
    const tier = /test|dev|local/i.test(file) ? 9 : 1;
    eachLine(files.read(file) ?? '', (line, n) => {
      const match =
        ENV_SPACE.exec(line) ??
        (/^\s*ENV\b/i.test(line) ? ENV_ASSIGNMENT.exec(line) : null) ??
        SETTINGS_FLAG.exec(line);
      if (match)
        signals.push({
          module: match[1]!,
          tier,
          source: file,
          reason: `${file}:${n} sets DJANGO_SETTINGS_MODULE`,
        });
    });
  }
  for (const file of candidates.filter(isComposeFile)) {
    const tier = isProdName(file) ? 1 : /test|dev|local/i.test(file) ? 9 : 2;
    const content = files.read(file) ?? '';
    eachLine(content, (line, n) => {
      const match = ENV_ASSIGNMENT.exec(line) ?? SETTINGS_FLAG.exec(line);
      if (match && !line.trim().startsWith('#'))
        signals.push({
          module: match[1]!,
          tier,
          source: file,
          reason: `${file}:${n} sets DJANGO_SETTINGS_MODULE`,
        });
      const envFile = /^\s*(?:env_file:\s*|-\s*)(\S+\.env\S*|\.envs\/\S+)\s*$/.exec(line);
      if (envFile) {
        const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
        const path = `${dir}${envFile[1]!.replace(/^\.\//, '').replace(/^["']|["']$/g, '')}`;
        // An env_file is read by docker compose.
        for (const found of settingsModulesInEnvFile(files.read(path) ?? '', 'docker-compose'))
          signals.push({
            module: found.module,
            tier,
            source: file,
            reason: `DJANGO_SETTINGS_MODULE in ${path}:${found.line} (env_file of ${file}:${n})`,
          });
      }
    });
  }

  // Tier 1: platform deploy configs (fly.toml, app.yaml, render.yaml, app.json, Kubernetes).
  for (const file of candidates.filter(isPlatformConfig)) {
    const lines = (files.read(file) ?? '').split(/\r?\n/);
    lines.forEach((line, i) => {
      if (line.trim().startsWith('#')) return;
      const direct = ENV_ASSIGNMENT.exec(line);
      // Kubernetes `- name: DJANGO_SETTINGS_MODULE` / DigitalOcean App Platform `- key: …`, with
      // `value: x` later in the same list item (`scope:` and `type:` may come between).
      const named = /^\s*(?:-\s*)?(?:name|key):\s*["']?DJANGO_SETTINGS_MODULE["']?\s*$/.test(line)
        ? valueInSameItem(lines, i)
        : null;
      const match = direct ?? named;
      if (match)
        signals.push({
          module: match[1]!,
          tier: 1,
          source: file,
          reason: `${file}:${i + 1} sets DJANGO_SETTINGS_MODULE`,
        });
    });
  }

  // Tier 2: Procfile --settings, or the wsgi module gunicorn/uwsgi serves.
  for (const file of candidates.filter((f) => /(^|\/)Procfile$/.test(f))) {
    eachLine(files.read(file) ?? '', (line, n) => {
      const flag = SETTINGS_FLAG.exec(line) ?? ENV_ASSIGNMENT.exec(line);
      if (flag) {
        signals.push({
          module: flag[1]!,
          tier: 2,
          source: file,
          reason: `${file}:${n} passes --settings`,
        });
        return;
      }
      const wsgi =
        /\b(?:gunicorn|uwsgi|uvicorn|daphne|hypercorn)\b.*?\b([\w.]+)\.(wsgi|asgi)(?::\w+)?\b/.exec(
          line,
        );
      if (!wsgi) return;
      const wsgiFile = `${wsgi[1]!.replace(/\./g, '/')}/${wsgi[2]!}.py`;
      const target = candidates.find((f) => f === wsgiFile || f.endsWith(`/${wsgiFile}`));
      const found = target && setdefaultIn(target, files);
      if (target && found)
        signals.push({
          module: found.module,
          tier: 2,
          source: file,
          reason: `${file}:${n} serves ${target}, which defaults DJANGO_SETTINGS_MODULE (line ${found.line})`,
        });
    });
  }

  // Tiers 3–5: setdefault in wsgi.py, asgi.py (cookiecutter's asgi points to local), manage.py.
  const entryTiers: [RegExp, number][] = [
    [/(^|\/)wsgi\.py$/, 3],
    [/(^|\/)asgi\.py$/, 4],
    [/(^|\/)manage\.py$/, 5],
  ];
  for (const [pattern, tier] of entryTiers) {
    for (const file of candidates.filter((f) => pattern.test(f))) {
      const found = setdefaultIn(file, files);
      if (found)
        signals.push({
          module: found.module,
          tier,
          source: file,
          reason: `${file}:${found.line} os.environ.setdefault("DJANGO_SETTINGS_MODULE", …)`,
        });
    }
  }
  return signals;
}

/** `config/settings/production.py` → `config.settings.production` under one of the paths. */
function moduleForFile(file: string, pythonPaths: readonly string[]): string | undefined {
  const sorted = [...pythonPaths].sort((a, b) => b.length - a.length);
  for (const root of sorted) {
    const prefix = root === '' ? '' : `${root.replace(/\/+$/, '')}/`;
    if (!file.startsWith(prefix)) continue;
    const rel = file
      .slice(prefix.length)
      .replace(/\/__init__\.py$/, '')
      .replace(/\.py$/, '');
    if (/^[A-Za-z_]\w*(\/[A-Za-z_]\w*)*$/.test(rel)) return rel.replace(/\//g, '.');
  }
  return undefined;
}

const PROD_FILE =
  /(^|\/)(production|prod|live|settings_prod|settings_production|prod_settings|production_settings)\.py$|(^|\/)settings\/(production|prod)\/__init__\.py$/;

function looksLikeSettings(file: string, files: RepoFiles): boolean {
  if (/(^|\/)(settings|config|conf)(\/|_|\.)/.test(file) || /settings/.test(file)) return true;
  const content = files.read(file) ?? '';
  return /^(DEBUG|ALLOWED_HOSTS|SECRET_KEY|INSTALLED_APPS|DATABASES|MIDDLEWARE)\s*=|^from\s+\.\w*\s+import\s+\*/m.test(
    content,
  );
}

/**
 * Finds the settings module(s) to check and the python paths to resolve them with.
 * `DJANGO_SETTINGS_MODULE` in the production environment (`env`, `env-file`) decides, as it does
 * for Django: it wins over every `os.environ.setdefault(...)` and deployment file.
 * https://docs.djangoproject.com/en/stable/topics/settings/#designating-the-settings
 */
export function discoverSettings(
  fileList: readonly string[],
  files: RepoFiles,
  pythonPaths: readonly string[] = defaultPythonPaths(fileList, files),
  env: Readonly<Record<string, string>> = {},
): SettingsDiscovery {
  const paths = [...pythonPaths];
  const notes: string[] = [];
  const setAside: { module: string; reason: string }[] = [];
  const result = (modules: DiscoveredModule[]): SettingsDiscovery => {
    for (const c of setAside) notes.push(`set aside ${c.module}: ${c.reason}`);
    if (modules.length === 0)
      notes.push(
        'no production settings module found (only test or development projects, or none): the settings checks did not run; the secret and file checks did',
      );
    return { modules, pythonPaths: paths, notes, setAside };
  };
  const setAsideOnce = (module: string, reason: string) => {
    if (!setAside.some((c) => c.module === module && c.reason === reason))
      setAside.push({ module, reason });
  };
  const fromEnv = env.DJANGO_SETTINGS_MODULE?.trim();
  if (fromEnv) {
    const file = resolveModuleFile(fromEnv, paths, files);
    const reason = 'DJANGO_SETTINGS_MODULE in the production environment';
    if (file !== undefined) return result([{ module: fromEnv, file, reason }]);
    notes.push(
      `${fromEnv} named by ${reason} is not in the repository; the settings module was discovered instead`,
    );
  }
  // The test runner's module is a signal against a module, never a veto over a deployment
  // entry point (wsgi/asgi/manage.py, Procfile, Docker, compose, deploy env files: tiers 0–5).
  const testModules = pytestModules(fileList, files);
  const accepted: (Signal & { file: string })[] = [];
  for (const signal of collectSignals(fileList, files)) {
    if (isTestModule(signal.module)) {
      setAsideOnce(signal.module, `test settings by name (${signal.reason})`);
      continue;
    }
    if (isTestFile(signal.source)) {
      setAsideOnce(signal.module, `named by ${signal.source}, a test project (${signal.reason})`);
      continue;
    }
    if (testModules.has(signal.module) && signal.tier > 5) {
      setAsideOnce(signal.module, `the test runner's settings (${signal.reason})`);
      continue;
    }
    const file = resolveModuleFile(signal.module, paths, files);
    if (file === undefined) {
      notes.push(`${signal.module} named by ${signal.reason} is not in the repository`);
      continue;
    }
    if (isTestFile(file)) {
      setAsideOnce(signal.module, `${file} is in a test folder`);
      continue;
    }
    if (testModules.has(signal.module))
      notes.push(
        `${signal.module} is also the test runner's DJANGO_SETTINGS_MODULE; ${signal.reason} names it for deployment, which decides`,
      );
    accepted.push({ ...signal, file });
  }
  const production = accepted.filter((s) => !isDevModule(s.module));
  const pool = production.length > 0 ? production : [];
  for (const dev of accepted.filter((s) => isDevModule(s.module)))
    setAsideOnce(dev.module, `local/dev settings (${dev.reason})`);

  const pick = (signals: (Signal & { file: string })[]): DiscoveredModule[] => {
    const best = Math.min(...signals.map((s) => s.tier));
    const out: DiscoveredModule[] = [];
    for (const s of signals.filter((x) => x.tier === best))
      if (!out.some((m) => m.module === s.module))
        out.push({ module: s.module, file: s.file, reason: s.reason });
    for (const s of signals.filter((x) => x.tier > best))
      if (!out.some((m) => m.module === s.module))
        setAsideOnce(s.module, `a weaker signal (${s.reason})`);
    return out;
  };
  if (pool.length > 0 && Math.min(...pool.map((s) => s.tier)) < 9)
    return result(pick(pool.filter((s) => s.tier < 9)));

  // File names: never a test project's file, never a module that sets no Django setting.
  const nameCandidate = (file: string, reason: string): DiscoveredModule | undefined => {
    const module = moduleForFile(file, paths);
    if (!module) return undefined;
    if (isTestModule(module) || isTestFile(file) || testModules.has(module)) {
      setAsideOnce(module, `test settings (${file})`);
      return undefined;
    }
    if (!hasDjangoSetting(file, files)) {
      setAsideOnce(
        module,
        `${file} sets none of INSTALLED_APPS, MIDDLEWARE, DATABASES, SECRET_KEY, ROOT_URLCONF`,
      );
      return undefined;
    }
    return { module, file, reason };
  };
  const byName: DiscoveredModule[] = [];
  for (const file of fileList) {
    if (VENDORED.test(file) || !PROD_FILE.test(file) || !looksLikeSettings(file, files)) continue;
    const found = nameCandidate(file, `file name ${file} looks like production settings`);
    if (found) byName.push(found);
  }
  if (byName.length > 0) return result(byName);

  // Fall back to the only settings module(s), then to dev settings named by a signal.
  const settingsFiles: DiscoveredModule[] = [];
  for (const file of fileList) {
    if (VENDORED.test(file) || !/(^|\/)settings(\.py|\/__init__\.py)$/.test(file)) continue;
    const found = nameCandidate(file, 'only settings module found');
    if (found) settingsFiles.push(found);
  }
  if (settingsFiles.length > 0) return result(settingsFiles);
  const devSignals = accepted.filter((s) => isDevModule(s.module) && s.tier < 9);
  if (devSignals.length > 0) {
    const modules = pick(devSignals).map((m) => ({
      ...m,
      reason: `${m.reason}; no production settings found, so the local/dev module is checked`,
    }));
    setAside.splice(
      0,
      setAside.length,
      ...setAside.filter((c) => !modules.some((m) => m.module === c.module)),
    );
    return result(modules);
  }
  return result([]);
}
