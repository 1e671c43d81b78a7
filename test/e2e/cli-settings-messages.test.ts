import { describe, expect, it } from 'vitest';
import { commitAll, runBuiltCli, writeTree } from './run-built';

/**
 * Where a settings finding points and how its message names files, through the built CLI: the
 * line that lists an app or a host (not the statement that last changed the list), and every path
 * named from the repository's top, also when the scan is of a folder inside it. paperless-ngx's
 * shape reduced: ALLOWED_HOSTS from a helper whose default (`['*']`) is taken when the env var is
 * unset; INSTALLED_APPS listed in one module and appended to in another.
 */

const repo = writeTree({
  'web/proj/__init__.py': '',
  'web/proj/base.py': [
    'SECRET_KEY = "x"',
    'ALLOWED_HOSTS = ["*"]',
    'INSTALLED_APPS = [',
    '    "django.contrib.admin",',
    '    "django_extensions",',
    ']',
    '',
  ].join('\n'),
  'web/proj/settings.py': [
    'import os',
    'from .base import *  # noqa',
    '',
    'def get_list(key, default):',
    '    value = os.environ.get(key)',
    '    if value is None:',
    '        return default',
    '    return value.split(",")',
    '',
    'ALLOWED_HOSTS = get_list("HOSTS", default=ALLOWED_HOSTS)',
    'INSTALLED_APPS.append("extra_app")',
    'DEBUG = True',
    '',
  ].join('\n'),
});
commitAll(repo);

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  message: string;
}

function findings(path: string): JsonFinding[] {
  const run = runBuiltCli([
    'scan',
    path,
    '--history',
    'off',
    '--format',
    'json',
    '--settings-module',
    'proj.settings',
    ...(path === repo ? ['--python-path', 'web'] : []),
  ]);
  return (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
}

describe('settings messages name the line that decided and paths from the repository top', () => {
  for (const [name, path] of [
    ['repository top', repo],
    ['folder scan', `${repo}/web`],
  ] as const) {
    it(`${name}: the app at the line that lists it, '*' at the default's line`, () => {
      const all = findings(path);
      const at = (id: string) =>
        all.filter((f) => f.ruleId === id).map((f) => `${f.file}:${f.line}`);
      expect(at('DDG221')).toEqual(['web/proj/base.py:5']);
      expect(at('DDG201')).toEqual(['web/proj/base.py:2']);
    });

    it(`${name}: every path in the settings messages is named from the repository top`, () => {
      const all = findings(path);
      const messages = all.map((f) => f.message).join('\n');
      expect(messages).toContain('web/proj/settings.py:12');
      // No path relative to the scanned folder (`proj/...` not preceded by `web/`).
      expect(messages).not.toMatch(/(^|[^/\w])proj\/\w+\.py/m);
    });
  }
});
