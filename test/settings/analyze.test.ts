import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors';
import { memoryRepoFiles } from '../../src/core/repo-files';
import { analyzeSettings } from '../../src/settings/analyze';

/** A cookiecutter-like split-settings project (django-rules.md §3.7), trimmed. */
const repo: Record<string, string> = {
  'requirements/base.txt': 'django-environ==0.11.2\nDjango==4.2.11\n',
  'requirements/production.txt': '-r base.txt\ngunicorn==22.0.0\n',
  'config/__init__.py': '',
  'config/settings/__init__.py': '',
  'config/settings/base.py': [
    'import environ',
    'env = environ.Env()',
    'DEBUG = env.bool("DJANGO_DEBUG", False)',
    'INSTALLED_APPS = ["django.contrib.sessions", "corsheaders"]',
    'MIDDLEWARE = [',
    '    "django.middleware.security.SecurityMiddleware",',
    '    "corsheaders.middleware.CorsMiddleware",',
    '    "django.contrib.sessions.middleware.SessionMiddleware",',
    '    "django.middleware.csrf.CsrfViewMiddleware",',
    '    "django.middleware.clickjacking.XFrameOptionsMiddleware",',
    ']',
    'X_FRAME_OPTIONS = "DENY"',
    'CORS_ALLOWED_ORIGINS = ["app.example.com"]',
    '',
  ].join('\n'),
  'config/settings/production.py': [
    'from .base import *  # noqa',
    'from .base import env',
    'SECRET_KEY = env("DJANGO_SECRET_KEY")',
    'ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["example.com"])',
    'SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)',
    'SESSION_COOKIE_SECURE = True',
    'CSRF_COOKIE_SECURE = True',
    'SECURE_HSTS_SECONDS = 60',
    'SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)',
    'SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)',
    '',
  ].join('\n'),
  'config/settings/local.py': 'from .base import *\nDEBUG = True\n',
  'config/wsgi.py':
    'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
  'manage.py':
    'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n',
};

const strongKey = 'example-'.repeat(8);

function analyze(
  env: Record<string, string>,
  extra: Partial<Parameters<typeof analyzeSettings>[0]> = {},
  files: Record<string, string> = repo,
) {
  return analyzeSettings({
    files: memoryRepoFiles(files),
    fileList: Object.keys(files),
    env,
    ...extra,
  });
}

describe('analyzeSettings', () => {
  it('discovers production settings, detects the version and reports findings where they are decided', () => {
    const { findings, reports } = analyze({
      DJANGO_SECRET_KEY: strongKey,
      DJANGO_SECURE_SSL_REDIRECT: 'False',
    });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      module: 'config.settings.production',
      file: 'config/settings/production.py',
      reason: 'config/wsgi.py:2 os.environ.setdefault("DJANGO_SETTINGS_MODULE", …)',
      djangoVersion: '4.2',
      djangoVersionSource: 'requirements/base.txt:2 (Django==4.2.11)',
    });
    expect(reports[0]?.envSet).toEqual(['DJANGO_SECRET_KEY', 'DJANGO_SECURE_SSL_REDIRECT']);
    expect(reports[0]?.envUnsetWithDefault).toEqual(
      expect.arrayContaining([
        'DJANGO_ALLOWED_HOSTS',
        'DJANGO_DEBUG',
        'DJANGO_SECURE_HSTS_PRELOAD',
      ]),
    );
    const visible = findings.map((f) => [f.ruleId, f.file, f.line, f.envVar, f.severity]);
    expect(visible).toEqual([
      ['corsheaders.E013', 'config/settings/base.py', 13, undefined, 'high'],
      ['security.W008', 'config/settings/production.py', 5, 'DJANGO_SECURE_SSL_REDIRECT', 'medium'],
    ]);
    for (const f of findings) expect(f.source).toBe('settings');
  });

  it('reports a required env var left unset as undecided, never as a pass', () => {
    const { findings } = analyze({});
    const w009 = findings.filter((f) => f.ruleId === 'security.W009');
    expect(w009.map((f) => [f.severity, f.envVar, f.line])).toEqual([
      ['info', 'DJANGO_SECRET_KEY', 3],
    ]);
  });

  it('honours an explicit settings module, given as a dotted name or as a file', () => {
    const byName = analyze(
      { DJANGO_SECRET_KEY: strongKey },
      { settingsModules: ['config.settings.local'] },
    );
    expect(byName.reports.map((r) => [r.module, r.reason])).toEqual([
      ['config.settings.local', 'given as an option'],
    ]);
    expect(byName.findings.map((f) => f.ruleId)).toContain('security.W018');
    const byFile = analyze({}, { settingsModules: ['config/settings/local.py'] });
    expect(byFile.reports[0]?.module).toBe('config.settings.local');
  });

  it('throws a ConfigurationError saying where it looked for a missing module', () => {
    expect(() => analyze({}, { settingsModules: ['config.settings.staging'] })).toThrow(
      new ConfigurationError(
        "settings module 'config.settings.staging' not found: looked for config/settings/staging.py and config/settings/staging/__init__.py under the python paths . (give --python-path, or the python-path input, if the project lives in a subdirectory)",
      ),
    );
  });

  it('throws a ConfigurationError for a malformed Django version', () => {
    expect(() => analyze({}, { djangoVersion: 'latest' })).toThrow(ConfigurationError);
  });

  it('applies the version option to version-specific checks', () => {
    const files = {
      ...repo,
      'config/settings/production.py': `${repo['config/settings/production.py']}SESSION_COOKIE_SECURE = "False"\n`,
    };
    const on32 = analyze({ DJANGO_SECRET_KEY: strongKey }, { djangoVersion: '3.2' }, files);
    expect(on32.reports[0]?.djangoVersionSource).toBe('option');
    expect(on32.findings.map((f) => f.ruleId)).not.toContain('security.W012');
    const on52 = analyze({ DJANGO_SECRET_KEY: strongKey }, { djangoVersion: '5.2' }, files);
    expect(on52.findings.map((f) => f.ruleId)).toContain('security.W012');
  });

  it('returns no reports when the repository has no settings', () => {
    expect(analyze({}, {}, { 'README.md': '# hi\n' })).toEqual({
      findings: [],
      reports: [],
      discoveryNotes: [
        'no production settings module found (only test or development projects, or none): the settings checks did not run; the secret and file checks did',
      ],
      secretValues: [],
    });
  });

  it('turns a rule that throws into an error diagnostic instead of a crash', () => {
    const broken = {
      kind: 'settings' as const,
      origin: 'hardening' as const,
      id: 'TEST001',
      name: 'always-throws',
      severity: 'low' as const,
      fix: 'nothing',
      docs: {
        summary: '',
        whatItDoes: '',
        whyBad: '',
        badExample: { file: 'x', content: '' },
        goodExample: { file: 'x', content: '' },
        useInstead: '',
        references: [],
      },
      check(): never {
        throw new Error('boom');
      },
    };
    const { findings, reports } = analyze({}, { rules: [broken] });
    expect(findings).toEqual([]);
    expect(reports[0]?.diagnostics).toContainEqual({
      severity: 'error',
      file: 'config/settings/production.py',
      line: 1,
      message: 'rule TEST001 failed: boom',
    });
  });
});
