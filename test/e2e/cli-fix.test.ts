import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateEnvironKey, generateSecret } from '../helpers/secret-generators';
import { assertCPythonParses } from '../fix/harness';
import { commitAll, runBuiltCli, writeTree } from './run-built';

const PRODUCTION = (key: string) => `from .base import *  # noqa: F403

SECRET_KEY = "${key}"
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["*"])
CORS_ALLOW_ALL_ORIGINS = True
`;

const BASE = `import environ

env = environ.Env()
DEBUG = env("DJANGO_DEBUG", default="True")
INSTALLED_APPS = ["corsheaders"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
`;

function project(key: string) {
  const root = writeTree({
    'config/__init__.py': '',
    'config/settings/__init__.py': '',
    'config/settings/base.py': BASE,
    'config/settings/production.py': PRODUCTION(key),
    'config/wsgi.py':
      'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
    'requirements.txt': 'Django==5.2\ndjango-environ==0.11\n',
    '.env': 'DATABASE_URL=postgres://app:s3cr3t-pw-that-is-long@db/app\n',
  });
  commitAll(root);
  return root;
}

const gitApplyCheck = (root: string, diff: string) =>
  spawnSync('git', ['apply', '--check', '-'], { cwd: root, input: diff, encoding: 'utf8' });

describe('django-deploy-guard fix (built CLI)', () => {
  it('prints a unified diff git can apply, never the key; --write applies it; a second run changes nothing', () => {
    const key = generateSecret('django-key');
    const root = project(key);
    const dry = runBuiltCli(['fix', root]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^--- a\/config\/settings\/production\.py\n\+\+\+ b\//);
    expect(dry.stdout).toContain('+DEBUG = env.bool("DJANGO_DEBUG", default=False)');
    expect(dry.stdout).toContain('+SECRET_KEY = env("DJANGO_SECRET_KEY")');
    expect(dry.stdout).not.toContain(key);
    expect(dry.stderr).not.toContain(key);
    // The base module is never edited: its values are overridden in production.py.
    expect(dry.stdout).not.toContain('base.py');
    // The committed .env: instructions, not an edit.
    expect(dry.stderr).toContain("git rm --cached -- '.env'");
    expect(dry.stderr).toMatch(/Rotate the key/);
    expect(readFileSync(join(root, 'config/settings/production.py'), 'utf8')).toBe(PRODUCTION(key));

    const written = runBuiltCli(['fix', root, '--write']);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('fixed 1 file(s): config/settings/production.py');
    const fixed = readFileSync(join(root, 'config/settings/production.py'), 'utf8');
    expect(fixed).not.toContain(key);
    assertCPythonParses(fixed, 'production.py');
    expect(readFileSync(join(root, 'config/settings/base.py'), 'utf8')).toBe(BASE);

    const again = runBuiltCli(['fix', root]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('nothing to change');

    // The scan after the fix: none of the fixed rules is left at high or above.
    const scan = runBuiltCli([
      'scan',
      root,
      '--format',
      'json',
      '--env',
      `DJANGO_SECRET_KEY=${generateEnvironKey()}`,
      '--env',
      'DJANGO_ALLOWED_HOSTS=example.com',
      '--env',
      'DJANGO_CORS_ALLOWED_ORIGINS=https://app.example.com',
    ]);
    const ids = (JSON.parse(scan.stdout) as { findings: { ruleId: string }[] }).findings.map(
      (f) => f.ruleId,
    );
    for (const id of [
      'security.W018',
      'DDG204',
      'DDG206',
      'DDG201',
      'DDG210',
      'DDG214',
      'security.W004',
    ])
      expect(ids).not.toContain(id);
  });

  it('the printed diff applies with git apply when no removed line holds a secret', () => {
    const root = project('x');
    // A placeholder-free, secret-free variant: only the DEBUG and CORS fixes.
    const dry = runBuiltCli([
      'fix',
      root,
      '--rule',
      'DDG204',
      '--rule',
      'DDG210',
      '--rule',
      'DDG214',
    ]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).not.toMatch(/^[-+]SECRET_KEY/m);
    expect(gitApplyCheck(root, dry.stdout).status).toBe(0);
  });

  it('--rule limits it; an unknown rule id is a usage error', () => {
    const root = project(generateSecret('django-key'));
    const only = runBuiltCli(['fix', root, '--rule', 'DDG201']);
    expect(only.code).toBe(0);
    expect(only.stdout).toContain('+ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")');
    expect(only.stdout).not.toContain('DEBUG');
    const bad = runBuiltCli(['fix', root, '--rule', 'NOPE1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown rule id 'NOPE1'");
    const misplaced = runBuiltCli(['scan', root, '--write']);
    expect(misplaced.code).toBe(2);
  });

  it('lists a settings file that is a symlink or generated, and never writes it', () => {
    const root = project(generateSecret('django-key'));
    const real = readFileSync(join(root, 'config/settings/production.py'), 'utf8');
    writeFileSync(join(root, 'real-production.py'), real);
    spawnSync('rm', [join(root, 'config/settings/production.py')]);
    symlinkSync('../../real-production.py', join(root, 'config/settings/production.py'));
    const linked = runBuiltCli(['fix', root, '--write']);
    expect(linked.code).toBe(0);
    expect(linked.stderr).toMatch(/config\/settings\/production\.py: a symlink/);
    expect(readFileSync(join(root, 'real-production.py'), 'utf8')).toBe(real);

    const generated = project(generateSecret('django-key'));
    const path = join(generated, 'config/settings/production.py');
    const text = `# Generated by settings-builder 2.0. DO NOT EDIT.\n${readFileSync(path, 'utf8')}`;
    writeFileSync(path, text);
    const refused = runBuiltCli(['fix', generated, '--write']);
    expect(refused.code).toBe(0);
    expect(refused.stderr).toMatch(/config\/settings\/production\.py: a generated file/);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('on the example project, fix --write then scan leaves only findings with no mechanical fix', () => {
    const root = join(mkdtempSync(join(tmpdir(), 'ddg-example-fix-')), 'project');
    cpSync('examples/vulnerable-project', root, { recursive: true });
    commitAll(root);
    const before = runBuiltCli(['scan', root, '--format', 'json']);
    type Report = { findings: { ruleId: string; autofix?: { edits: unknown[] } }[] };
    const fixable = (JSON.parse(before.stdout) as Report).findings.filter(
      (f) => (f.autofix?.edits.length ?? 0) > 0,
    );
    // 19 findings since DDG204 and DDG208 fold into security.W018 and W009 (one per problem).
    expect(fixable.length).toBe(9);
    expect(runBuiltCli(['fix', root, '--write']).code).toBe(0);
    const after = runBuiltCli([
      'scan',
      root,
      '--format',
      'json',
      '--env',
      `DJANGO_SECRET_KEY=${generateEnvironKey()}`,
      '--env',
      'DJANGO_ALLOWED_HOSTS=example.com',
      '--env',
      'DJANGO_CORS_ALLOWED_ORIGINS=https://app.example.com',
    ]);
    const left = (JSON.parse(after.stdout) as Report).findings;
    expect(left.filter((f) => (f.autofix?.edits.length ?? 0) > 0)).toEqual([]);
    expect(left.map((f) => f.ruleId).sort()).toEqual([
      'DDG102',
      'DDG104',
      'DDG215',
      'DDG219',
      'DDG222',
      'DDG306',
      'DDG307',
      'DDG308',
      'DDG310',
      // The pinned Django's support and advisories: the fix is an upgrade, not an edit.
      'DDG401',
      'DDG402',
      'security.W002',
    ]);
    expect(runBuiltCli(['fix', root]).stdout).toBe('');
  });
});
