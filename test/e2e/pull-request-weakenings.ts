import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSecret } from '../helpers/secret-generators';
import { commitAll, runBuiltCli, writeTree } from './run-built';

/**
 * A base branch with `fail-on: high` and clean settings, and a pull request (branch `feature`)
 * that adds a committed Django key and `DEBUG = True` to `proj/settings.py` plus one way of
 * switching the check off. Shared by the CLI and the action end-to-end tests.
 */
export const BASE_SETTINGS = [
  'import os',
  'DEBUG = False',
  "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']",
  "ALLOWED_HOSTS = ['shop.example.com']",
  '',
].join('\n');

export const BASE_CONFIG = 'fail-on: high\n';

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 't@example.invalid',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 't@example.invalid',
      GIT_AUTHOR_DATE: '2024-02-01T00:00:00Z',
      GIT_COMMITTER_DATE: '2024-02-01T00:00:00Z',
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

export interface PullRequestRepo {
  dir: string;
  base: string;
  head: string;
  key: string;
}

/** What the pull request does besides adding the key and DEBUG = True. */
export interface Weakening {
  name: string;
  /** Extra files on the base branch (e.g. a baseline the base config names). */
  baseFiles?: Record<string, string>;
  baseConfig?: string;
  /** The settings line that commits the key (default: a plain assignment). */
  keyLine?: (key: string) => string;
  /** Changes the work tree of the feature branch before its commit. */
  apply?: (dir: string, ctx: { key: string; fingerprint: () => string }) => void;
  /** Workflow-side options: CLI flags / action inputs. */
  cliArgs?: string[];
  inputs?: Record<string, string>;
  /** What the run must say the pull request would weaken (a DDG390 message). */
  says?: RegExp;
  /** A committed file is ignored with a notice instead (the history cache). */
  notice?: RegExp;
}

/** The fingerprint the built CLI gives the key (run on a scratch copy of the settings). */
export function fingerprintOfKey(key: string): string {
  const dir = writeTree({ 'proj/settings.py': `SECRET_KEY = '${key}'\n` });
  const run = runBuiltCli(['scan', dir, '--format', 'json', '--no-settings-check']);
  const report = JSON.parse(run.stdout) as { findings: { ruleId: string; fingerprint: string }[] };
  return report.findings.find((f) => f.ruleId === 'DDG101')!.fingerprint;
}

/**
 * The feature branch's settings: DEBUG on and the key committed on `keyLine`. The key goes in
 * through a function, because a string replacement reads `$'`, `$&` and `` $` `` in it (a Django
 * key's alphabet has `$` and `&`, and the line quotes the key).
 */
export function featureSettings(key: string, keyLine = (k: string) => `SECRET_KEY = '${k}'`) {
  return BASE_SETTINGS.replace('DEBUG = False', 'DEBUG = True').replace(
    "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']",
    () => keyLine(key),
  );
}

export function buildPullRequest(weakening: Weakening): PullRequestRepo {
  const dir = writeTree({
    'proj/__init__.py': '',
    'proj/settings.py': BASE_SETTINGS,
    'proj/wsgi.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n",
    '.django-deploy-guard.yml': weakening.baseConfig ?? BASE_CONFIG,
    ...weakening.baseFiles,
  });
  commitAll(dir, 'base');
  const base = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'feature');
  const key = generateSecret('django-key');
  writeFileSync(join(dir, 'proj/settings.py'), featureSettings(key, weakening.keyLine));
  let fingerprint: string | undefined;
  weakening.apply?.(dir, { key, fingerprint: () => (fingerprint ??= fingerprintOfKey(key)) });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', `feature: ${weakening.name}`);
  return { dir, base, head: git(dir, 'rev-parse', 'HEAD'), key };
}

const write = (dir: string, path: string, text: string) => writeFileSync(join(dir, path), text);

/** Every way of switching the check off that the issue lists. */
export const WEAKENINGS: Weakening[] = [
  {
    name: 'fail-on: never in the YAML config',
    apply: (dir) => write(dir, '.django-deploy-guard.yml', 'fail-on: never\n'),
    says: /fail-on high → never/,
  },
  {
    name: 'fail-on: never in [tool.django-deploy-guard] (the YAML removed)',
    apply: (dir) => {
      git(dir, 'rm', '-q', '.django-deploy-guard.yml');
      write(dir, 'pyproject.toml', '[tool.django-deploy-guard]\nfail-on = "never"\n');
    },
    says: /fail-on high → never/,
  },
  {
    name: 'history: off',
    apply: (dir) => write(dir, '.django-deploy-guard.yml', 'fail-on: high\nhistory: off\n'),
    says: /history .* → off/,
  },
  {
    name: "exclude: ['**']",
    apply: (dir) => write(dir, '.django-deploy-guard.yml', "fail-on: high\nexclude: ['**']\n"),
    says: /excludes \*\*/,
  },
  {
    name: "exclude: ['*']",
    apply: (dir) => write(dir, '.django-deploy-guard.yml', "fail-on: high\nexclude: ['*']\n"),
    says: /excludes \*/,
  },
  {
    name: 'exclude the settings file',
    apply: (dir) =>
      write(dir, '.django-deploy-guard.yml', "fail-on: high\nexclude: ['proj/settings.py']\n"),
    says: /excludes proj\/settings\.py/,
  },
  {
    name: 'rules switched off',
    apply: (dir) =>
      write(
        dir,
        '.django-deploy-guard.yml',
        'fail-on: high\nrules:\n  DDG101: off\n  security.W018: off\n',
      ),
    says: /switches off DDG101/,
  },
  {
    name: 'a rule lowered',
    apply: (dir) =>
      write(
        dir,
        '.django-deploy-guard.yml',
        'fail-on: high\nrules:\n  DDG101: low\n  security.W018: low\n',
      ),
    says: /lowers DDG101 critical → low/,
  },
  {
    name: "an allowlist entry with the pull request's fingerprint",
    apply: (dir, { fingerprint }) =>
      write(
        dir,
        '.django-deploy-guard.yml',
        `fail-on: high\nallowlist:\n  - fingerprint: ${fingerprint()}\n    reason: test key\n`,
      ),
    says: /allowlists [0-9a-f]{8}…/,
  },
  {
    name: "the pull request's fingerprint added to the committed baseline",
    baseConfig: 'fail-on: high\nbaseline: .deploy-guard-baseline.json\n',
    baseFiles: { '.deploy-guard-baseline.json': '{"version": 2, "findings": []}\n' },
    apply: (dir, { fingerprint }) =>
      write(
        dir,
        '.deploy-guard-baseline.json',
        JSON.stringify({
          version: 2,
          findings: [
            { fingerprint: fingerprint(), ruleId: 'DDG101', file: 'proj/settings.py', reason: 'x' },
          ],
        }),
      ),
    says: /adds [0-9a-f]{8}… \(DDG101 in proj\/settings\.py\) to the baseline/,
  },
  {
    name: 'an inline ignore comment',
    keyLine: (key) => `SECRET_KEY = '${key}'  # deploy-guard: ignore[DDG101] local only`,
    says: /adds an inline ignore for DDG101 at proj\/settings\.py:3/,
  },
  {
    name: 'an inline ignore inside a string literal',
    keyLine: (key) => `SECRET_KEY = '${key}'; NOTE = "deploy-guard: ignore[*] fine"`,
    says: /adds an inline ignore for \* at proj\/settings\.py:3/,
  },
  {
    name: 'settings-check: false',
    apply: (dir) =>
      write(dir, '.django-deploy-guard.yml', 'fail-on: high\nsettings-check: false\n'),
    says: /switches off the settings deploy check/,
  },
  {
    name: 'a decoy settings-module',
    apply: (dir) => {
      write(dir, 'proj/decoy.py', 'DEBUG = False\nALLOWED_HOSTS = ["x.example.com"]\n');
      write(dir, '.django-deploy-guard.yml', 'fail-on: high\nsettings-module: [proj.decoy]\n');
    },
    says: /changes settings-module from unset to proj\.decoy/,
  },
  {
    name: 'a repository env-file that says DJANGO_DEBUG=False while the code says True',
    apply: (dir) => {
      write(
        dir,
        'proj/settings.py',
        readFileSync(join(dir, 'proj/settings.py'), 'utf8').replace(
          'DEBUG = True',
          "DEBUG = os.environ.get('DJANGO_DEBUG', 'True') == 'True'",
        ),
      );
      write(dir, 'deploy.env', 'DJANGO_DEBUG=False\n');
      write(dir, '.django-deploy-guard.yml', 'fail-on: high\nenv-file: deploy.env\n');
    },
    says: /changes env-file from unset to deploy\.env/,
  },
];

export const DEBUG_RULE = 'security.W018';
export const KEY_RULE = 'DDG101';
