import { describe, expect, it } from 'vitest';
import { runBuiltCli, writeTree } from './run-built';

interface JsonReport {
  settings: { module: string; reason: string }[];
  findings: { ruleId: string; file: string }[];
}

describe('DJANGO_SETTINGS_MODULE given in the production environment (built CLI)', () => {
  const project = () =>
    writeTree({
      'manage.py':
        'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.prod")\n',
      'shop/__init__.py': '',
      'shop/settings/__init__.py': '',
      'shop/settings/prod.py': 'DEBUG = False\nALLOWED_HOSTS = ["shop.example"]\n',
      'shop/settings/eu.py': 'DEBUG = True\nALLOWED_HOSTS = ["eu.shop.example"]\n',
      'deploy/eu.env': 'DJANGO_SETTINGS_MODULE=shop.settings.eu\n',
    });

  it.each([
    ['--env', ['--env', 'DJANGO_SETTINGS_MODULE=shop.settings.eu']],
    ['--env-from-file', ['--env-from-file', 'deploy/eu.env']],
  ])('%s chooses the settings module Django would load', (_, flags) => {
    const run = runBuiltCli(['scan', project(), '--format', 'json', ...flags]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.settings.map((s) => [s.module, s.reason])).toEqual([
      ['shop.settings.eu', 'DJANGO_SETTINGS_MODULE in the production environment'],
    ]);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'security.W018', file: 'shop/settings/eu.py' }),
    );
  });
});
