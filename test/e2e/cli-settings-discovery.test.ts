import { describe, expect, it } from 'vitest';
import { commitAll, runBuiltCli, writeTree } from './run-built';

/**
 * Which settings module a scan checks, and under which Django version, as a person reads it in
 * the CLI's output: the choice, its reason, the candidates set aside, and the file that pinned
 * the version, from the repository's top even when the scan is of a folder inside it.
 */

const PRODUCTION = [
  'SECRET_KEY = "x"',
  'DEBUG = False',
  "ALLOWED_HOSTS = ['example.com']",
  "INSTALLED_APPS = ['django.contrib.contenttypes']",
  "ROOT_URLCONF = 'paperless.urls'",
].join('\n');

function scanJson(args: string[]) {
  const run = runBuiltCli(['scan', ...args, '--history', 'off', '--format', 'json']);
  return { run, report: JSON.parse(run.stdout) as Record<string, unknown> };
}

describe('settings discovery and version, through the built CLI', () => {
  // paperless-ngx's shape: the settings in src/, Django pinned by uv.lock at the repository top,
  // pytest's DJANGO_SETTINGS_MODULE equal to the WSGI module, an app's constants settings.py.
  const repo = writeTree({
    'uv.lock': '[[package]]\nname = "django"\nversion = "4.2.16"\n',
    'pyproject.toml': '[tool.pytest.ini_options]\nDJANGO_SETTINGS_MODULE = "paperless.settings"\n',
    'src/manage.py': 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paperless.settings")\n',
    'src/paperless/__init__.py': '',
    'src/paperless/settings.py': PRODUCTION,
    'src/paperless/wsgi.py':
      'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paperless.settings")\n',
    'src/paperless/asgi.py':
      'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paperless.settings_local")\n',
    'src/paperless/settings_local.py': PRODUCTION,
    'src/documents/__init__.py': '',
    'src/documents/settings.py': 'EXPORTER_FILE_NAME = "__exported_file_name__"\n',
  });
  commitAll(repo);

  it('keeps the WSGI module the test runner also names (scan of the repository top)', () => {
    const { report } = scanJson([repo]);
    const settings = report.settings as { module: string; reason: string }[];
    expect(settings.map((s) => [s.module, s.reason])).toEqual([
      [
        'paperless.settings',
        'src/paperless/wsgi.py:1 os.environ.setdefault("DJANGO_SETTINGS_MODULE", …)',
      ],
    ]);
  });

  it('reads the pinned version from the repository top when scanning a folder', () => {
    const { report } = scanJson([`${repo}/src`]);
    const settings = report.settings as { djangoVersion: string; djangoVersionSource: string }[];
    expect(settings.map((s) => [s.djangoVersion, s.djangoVersionSource])).toEqual([
      ['4.2', 'uv.lock:2 (django 4.2.16)'],
    ]);
  });

  it('prints the candidates set aside in the text output', () => {
    const run = runBuiltCli(['scan', repo, '--history', 'off', '--format', 'text']);
    expect(run.stdout).toContain('settings: paperless.settings (src/paperless/settings.py)');
    expect(run.stdout).toContain('  set aside: paperless.settings_local — local/dev settings (');
  });

  it("says so when the repository has only a test project's settings", () => {
    const library = writeTree({
      'wagtail/__init__.py': '',
      'wagtail/test/__init__.py': '',
      'wagtail/test/settings.py': "SECRET_KEY = 'not-needed'\nINSTALLED_APPS = []\n",
      'wagtail/test/manage.py':
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wagtail.test.settings")\n',
    });
    commitAll(library);
    const { report } = scanJson([library]);
    expect(report.settings).toEqual([]);
    expect((report.notes as string[]).join('\n')).toContain('no production settings module found');
    const findings = report.findings as { ruleId: string; source: string }[];
    expect(findings.filter((f) => f.source === 'settings')).toEqual([]);
  });
});
