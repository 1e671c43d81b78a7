/**
 * Hostile repositories, built here as an attacker would build them, run through the built CLI in
 * every format and the built action as the runner runs it (against a local GitHub API that
 * records every request body). Every channel is searched for every planted value.
 */
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSecretLike } from '../../src/core/redactor';
import { writeTree } from '../e2e/run-built';
import { cleanupGitRepos, createGitRepo } from '../helpers/git-repo';
import { startGitHubServer, type GitHubServer } from '../helpers/github-server';
import { parseWorkflowCommands } from '../helpers/workflow-commands';
import {
  commitRepository,
  findLeaks,
  plantedDjangoKey,
  plantedValue,
  runActionEverywhere,
  runCliEverywhere,
} from './harness';

/** The runner's token as GitHub issues them (`ghs_` + 36), generated now. */
const runnerToken = () => `ghs_${plantedValue(36)}`;

function outsideDir(): string {
  return mkdtempSync(join(tmpdir(), 'ddg-outside-'));
}

function pullRequestPayload() {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      base: { sha: '0'.repeat(40), ref: 'main', repo: { full_name: 'acme/shop' } },
      head: { sha: '1'.repeat(40), ref: 'feature', repo: { full_name: 'acme/shop' } },
    },
    repository: { full_name: 'acme/shop', default_branch: 'main' },
  };
}

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer();
});
afterEach(async () => {
  await server.close();
});
afterAll(() => cleanupGitRepos());

/** CLI (every format) and action (comment + check run on a PR), all channels, no leak. */
async function expectNoLeakAnywhere(
  workspace: string,
  planted: Record<string, string>,
  options: {
    cliArgs?: string[];
    actionInputs?: Record<string, string>;
    env?: Record<string, string>;
  } = {},
) {
  const cli = runCliEverywhere(workspace, options.cliArgs ?? [], options.env ?? {});
  const token = planted.token ?? runnerToken();
  const action = await runActionEverywhere({
    workspace,
    server,
    eventName: 'workflow_dispatch',
    inputs: {
      'github-token': token,
      'check-run': 'true',
      history: 'off',
      ...options.actionInputs,
    },
    env: { GITHUB_TOKEN: token, GITHUB_SHA: '1'.repeat(40), ...options.env },
  });
  const leaks = findLeaks({ ...cli.channels, ...action.channels }, { ...planted, token });
  expect(leaks).toEqual([]);
  return { cli, action };
}

describe('a repository config cannot read the runner or outside files (issue 9, item 1)', () => {
  for (const [label, envFile] of [
    ['/proc/self/environ', '/proc/self/environ'],
    ['an absolute path', 'OUTSIDE/creds.env'],
    ['a ../ path', '../OUTSIDE_NAME/creds.env'],
  ] as const) {
    it(`env-file: ${label} is refused with the config file and line; nothing is printed`, async () => {
      const outside = outsideDir();
      const outsideToken = plantedValue(40);
      writeFileSync(join(outside, 'creds.env'), `DDG_OUTSIDE_TOKEN=${outsideToken}\n`);
      const runnerSecret = plantedValue(40);
      const workspace = writeTree({
        '.django-deploy-guard.yml': `fail-on: high\nenv-file: ${envFile
          .replace('OUTSIDE_NAME', outside.split('/').pop()!)
          .replace('OUTSIDE', outside)}\n`,
        'proj/__init__.py': '',
        'proj/settings.py': [
          'import os',
          "CSRF_TRUSTED_ORIGINS = [os.environ.get(n, '') for n in ['PATH', 'HOME', 'GITHUB_TOKEN', 'DDG_RUNNER_SECRET', 'DDG_OUTSIDE_TOKEN']]",
          'DEBUG = False',
          '',
        ].join('\n'),
      });
      const { cli, action } = await expectNoLeakAnywhere(
        workspace,
        { outsideToken, runnerSecret },
        { env: { DDG_RUNNER_SECRET: runnerSecret } },
      );
      expect(cli.codes.text).toBe(2);
      expect(cli.stderr.text).toMatch(
        /\.django-deploy-guard\.yml:2: 'env-file' must be a path inside the repository/,
      );
      expect(action.code).toBe(1);
      expect(action.stdout).toContain('inside the repository');
    });
  }

  it('baseline: /etc/passwd and an outside file are refused; their content is never quoted', async () => {
    const outside = outsideDir();
    const planted = plantedValue(40);
    writeFileSync(join(outside, 'baseline.json'), `{ not json ${planted} `);
    for (const path of ['/etc/passwd', join(outside, 'baseline.json')]) {
      const workspace = writeTree({
        '.django-deploy-guard.yml': `baseline: ${path}\n`,
        'app.py': 'x = 1\n',
      });
      const { cli } = await expectNoLeakAnywhere(workspace, { planted });
      expect(cli.codes.text).toBe(2);
      expect(cli.stderr.text).not.toContain('root:');
    }
  });
});

describe('symlinks are never followed outside the repository (issue 9, item 2)', () => {
  it('a settings module, a text file, an imported module and the config file that point outside', async () => {
    const outside = outsideDir();
    const key = plantedDjangoKey();
    const credsToken = plantedValue(40);
    const moduleToken = plantedValue(40);
    const configKey = plantedValue(24);
    writeFileSync(join(outside, 'prod.py'), `SECRET_KEY = '${key}'\nALLOWED_HOSTS = ['${key}']\n`);
    writeFileSync(join(outside, 'creds.env'), `API_TOKEN=${credsToken}\n`);
    writeFileSync(join(outside, 'shared.py'), `TOKEN = '${moduleToken}'\n`);
    writeFileSync(join(outside, 'config.yml'), `${configKey}: 1\n`);
    const workspace = writeTree({
      'manage.py':
        "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings.production')\n",
      'proj/__init__.py': '',
      'proj/settings/__init__.py': '',
      'proj/settings/base.py':
        'from .shared import TOKEN\nCSRF_TRUSTED_ORIGINS = [TOKEN]\nDEBUG = False\n',
    });
    symlinkSync(join(outside, 'prod.py'), join(workspace, 'proj/settings/production.py'));
    symlinkSync(join(outside, 'shared.py'), join(workspace, 'proj/settings/shared.py'));
    symlinkSync(join(outside, 'creds.env'), join(workspace, 'innocent.txt'));
    symlinkSync('/etc/passwd', join(workspace, 'passwd.py'));
    commitRepository(workspace);
    const planted = { key, credsToken, moduleToken };
    const { cli } = await expectNoLeakAnywhere(workspace, planted, {
      cliArgs: ['--settings-module', 'proj.settings.base'],
      actionInputs: { 'settings-module': 'proj.settings.base' },
    });
    expect(cli.stdout.text).not.toContain('root:x:0');
    // The refused symlinks are said, by name.
    expect(cli.stdout.text).toMatch(/innocent\.txt: a symlink that leads outside the repository/);
    expect(cli.stdout.text).toMatch(/passwd\.py: a symlink that leads outside the repository/);

    // The config file itself as a symlink to outside: refused, its content not quoted.
    symlinkSync(join(outside, 'config.yml'), join(workspace, '.django-deploy-guard.yml'));
    const again = await expectNoLeakAnywhere(workspace, { ...planted, configKey });
    expect(again.cli.codes.text).toBe(2);
    expect(again.cli.stderr.text).toMatch(/\.django-deploy-guard\.yml is a symlink/);
  });
});

describe('settings messages never quote a committed key (issue 9, item 4)', () => {
  const key = plantedDjangoKey();
  // The `django-insecure-` prefix is public text (rule names, docs): the planted part is the rest.
  const insecureBody = plantedDjangoKey();
  const insecure = `django-insecure-${insecureBody}`;
  const shortKey = plantedValue(20);
  // Short enough for security.W025 (a weak fallback) to speak about it.
  const weakFallback = plantedValue(24);
  const cases: Record<string, string> = {
    'os.environ.get default': `import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '${insecure}')\n`,
    'getenv() or': `import os\nSECRET_KEY = os.getenv('DJANGO_SECRET_KEY') or '${insecure}'\n`,
    'django-environ default=': `import environ\nenv = environ.Env()\nSECRET_KEY = env('DJANGO_SECRET_KEY', default='${insecure}')\n`,
    'django-environ scheme': `import environ\nenv = environ.Env(DJANGO_SECRET_KEY=(str, '${insecure}'))\nSECRET_KEY = env('DJANGO_SECRET_KEY')\n`,
    'decouple default=': `from decouple import config\nSECRET_KEY = config('DJANGO_SECRET_KEY', default='${insecure}')\n`,
    'pydantic-settings': `from pydantic_settings import BaseSettings\nclass S(BaseSettings):\n    django_secret_key: str = '${insecure}'\nSECRET_KEY = S().django_secret_key\n`,
    'a short key': `import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '${shortKey}')\n`,
    'fallbacks env.list default': `import environ\nenv = environ.Env()\nSECRET_KEY = env('DJANGO_SECRET_KEY')\nSECRET_KEY_FALLBACKS = env.list('DJANGO_SECRET_KEY_FALLBACKS', default=['${weakFallback}', '${key}'])\n`,
    'ImproperlyConfigured f-string': `from django.core.exceptions import ImproperlyConfigured\nSECRET_KEY = '${key}'\nraise ImproperlyConfigured(f'SECRET_KEY {SECRET_KEY} is too short')\n`,
    'syntax error next to a key': `HOSTS = [\nSECRET_KEY = '${key}'\nDEBUG = False\n`,
    'reused in CSRF_TRUSTED_ORIGINS': `SECRET_KEY = '${key}'\nCSRF_TRUSTED_ORIGINS = [SECRET_KEY]\nDEBUG = False\n`,
  };
  for (const [label, source] of Object.entries(cases)) {
    it(label, async () => {
      const workspace = writeTree({ 'proj/__init__.py': '', 'proj/settings.py': source });
      await expectNoLeakAnywhere(
        workspace,
        { key, insecureBody, shortKey, weakFallback },
        {
          cliArgs: ['--settings-module', 'proj.settings'],
          actionInputs: { 'settings-module': 'proj.settings' },
        },
      );
    });
  }
});

describe('database URL passwords, whole (issue 9, item 5)', () => {
  for (const [label, password] of [
    ['a raw @', `${plantedValue(8)}@${plantedValue(13)}`],
    ['a %-escape', `${plantedValue(10)}%40${plantedValue(10)}`],
    ['a :', `${plantedValue(10)}:${plantedValue(10)}`],
  ] as const) {
    it(`a password with ${label} in settings and in a docs file`, async () => {
      const url = `postgres://app:${password}@db.internal.example:5432/shop`;
      const workspace = writeTree({
        'proj/__init__.py': '',
        'proj/settings.py': `import dj_database_url\nDATABASES = {'default': dj_database_url.parse('${url}')}\nDEBUG = False\n`,
        'docs/deploy.md': `Connect with \`${url}\`.\n`,
      });
      await expectNoLeakAnywhere(
        workspace,
        { password: password.replace('%40', '@') },
        {
          cliArgs: ['--settings-module', 'proj.settings'],
          actionInputs: { 'settings-module': 'proj.settings' },
        },
      );
    });
  }
});

describe('secrets only history holds (removed, merge resolutions, behind tags)', () => {
  it('are found and never printed, in every channel, with the history cache and baseline', async () => {
    const repo = createGitRepo();
    const removed = plantedDjangoKey();
    const merged = plantedDjangoKey();
    const tagged = `ghp_${plantedValue(36)}`;
    const envPassword = plantedValue(28);
    repo.write('app/settings.py', `SECRET_KEY = '${removed}'\n`);
    repo.write('.env', `DATABASE_URL=postgres://app:${envPassword}@db/app\n`);
    repo.commit('oops');
    repo.write('app/settings.py', "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n");
    repo.remove('.env');
    repo.commit('rotate');
    repo.branch('feature').checkout('feature');
    repo.write('app/feature.py', 'FEATURE = 1\n');
    repo.commit('feature');
    repo.checkout('main');
    repo.write('app/main.py', 'MAIN = 1\n');
    repo.commit('main');
    repo.merge('feature', { resolve: { 'app/merged.py': `KEY = "${merged}"\n` } });
    repo.checkoutOrphan('orphan');
    repo.write('deploy/token.txt', `${tagged}\n`);
    repo.commit('orphan');
    repo.tag('v0-secret', { annotated: true });
    repo.checkout('main');
    repo.git(['branch', '-D', 'orphan']);
    const planted = { removed, merged, tagged, envPassword };
    const cli = runCliEverywhere(repo.dir, ['--history', 'full']);
    const report = JSON.parse(cli.stdout.json!) as { findings: { ruleId: string }[] };
    expect(
      report.findings.filter((f) => f.ruleId.startsWith('DDG1')).length,
    ).toBeGreaterThanOrEqual(4);
    const action = await runActionEverywhere({
      workspace: repo.dir,
      server,
      inputs: { history: 'full', 'check-run': 'true', 'github-token': 'write-token' },
      env: { GITHUB_SHA: repo.head() },
    });
    expect(findLeaks({ ...cli.channels, ...action.channels }, planted)).toEqual([]);
  });
});

describe('terminal escapes from the repository never reach the terminal (issue 9, item 6)', () => {
  it('in a dependency line, a settings reason and a directory name', () => {
    const esc = '\u001b]0;pwned\u0007\u001b[2J';
    const workspace = writeTree({
      'pyproject.toml': `[tool.poetry.dependencies]\ndjango = "^4.2" # ${esc}\n`,
      'manage.py': `import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')  # ${esc}\n`,
      [`weird${esc}dir/settings.py`]: "SECRET_KEY = 'x'\n",
      'proj/__init__.py': '',
      'proj/settings.py': 'DEBUG = True\n',
    });
    for (const args of [[], ['--history', 'off']]) {
      const cli = runCliEverywhere(workspace, args);
      for (const [name, text] of Object.entries(cli.channels)) {
        expect(text.includes('\u001b'), name).toBe(false);
        expect(text.includes('\u0007'), name).toBe(false);
      }
    }
  });
});

describe('scanned text never chooses what the runner masks (issue 9, item 7)', () => {
  it('short words in a URL password are not registered with ::add-mask::', async () => {
    const realPassword = plantedValue(24);
    const workspace = writeTree({
      'docs/setup.md': [
        'postgres://u:DDG106@db.example.com/x',
        'postgres://u:critical@db.example.com/x',
        'postgres://u:rotate@db.example.com/x',
        `postgres://u:${realPassword}@db.example.com/x`,
        '',
      ].join('\n'),
    });
    const { action } = await expectNoLeakAnywhere(workspace, { realPassword });
    const masked = parseWorkflowCommands(action.stdout)
      .filter((c) => c.name === 'add-mask')
      .map((c) => c.message);
    for (const word of ['DDG106', 'critical', 'rotate']) expect(masked).not.toContain(word);
    for (const value of masked) expect(isSecretLike(value)).toBe(true);
    expect(masked).toContain(realPassword);
  });
});

describe('the action never fails to decide for a missing piece of its environment (issue 9, item 10)', () => {
  it('without a job summary file: a notice, outputs written, the scan decides', async () => {
    const key = plantedDjangoKey();
    const workspace = writeTree({ 'proj/settings.py': `SECRET_KEY = '${key}'\n` });
    const action = await runActionEverywhere({
      workspace,
      inputs: { history: 'off', 'fail-on': 'never' },
      env: { GITHUB_STEP_SUMMARY: '' },
    });
    expect(findLeaks(action.channels, { key })).toEqual([]);
    expect(action.code).toBe(0);
    expect(action.stdout).toContain('GITHUB_STEP_SUMMARY is unset');
    expect(Number(action.outputs.findings)).toBeGreaterThan(0);
  });

  it('with an empty github-token on a pull request: a notice, no API call, the scan decides', async () => {
    const key = plantedDjangoKey();
    const workspace = writeTree({ 'proj/settings.py': `SECRET_KEY = '${key}'\n` });
    const action = await runActionEverywhere({
      workspace,
      server,
      eventName: 'pull_request',
      payload: pullRequestPayload(),
      inputs: { history: 'off', 'github-token': '', 'check-run': 'true' },
    });
    expect(findLeaks(action.channels, { key })).toEqual([]);
    expect(action.stdout).not.toContain('internal error');
    expect(action.stdout).toMatch(/::notice::.*token/i);
    expect(action.code).toBe(1);
    expect(action.outputs.failed).toBe('true');
    expect(server.state.requests).toEqual([]);
  });
});
