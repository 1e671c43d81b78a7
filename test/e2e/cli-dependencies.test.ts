import { beforeAll, describe, expect, it } from 'vitest';
import { commitAll, runBuiltCli, writeTree } from './run-built';

/**
 * The dependency rules and the DRF rules through the built CLI, as a user runs it: a project
 * pinning an old Django and DRF, judged on a date given by SOURCE_DATE_EPOCH.
 */

interface Report {
  findings: { ruleId: string; severity: string; file: string; line: number; message: string }[];
  notes: string[];
}

const epochOf = (date: string) => String(Date.parse(`${date}T12:00:00Z`) / 1000);

let root: string;

beforeAll(() => {
  root = writeTree({
    'requirements.txt': 'Django==4.2.11\ndjangorestframework==3.11.0\ngunicorn==23.0.0\n',
    'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'project.settings')\n",
    'project/__init__.py': '',
    'project/settings.py':
      "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nINSTALLED_APPS = ['django.contrib.auth', 'rest_framework']\nREST_FRAMEWORK = {\n    'DEFAULT_RENDERER_CLASSES': ['rest_framework.renderers.JSONRenderer'],\n}\n",
  });
  commitAll(root);
});

function scan(date: string): { code: number | null; report: Report } {
  const { code, stdout, stderr } = runBuiltCli(
    ['scan', root, '--history', 'off', '--format', 'json', '--fail-on', 'high'],
    { env: { SOURCE_DATE_EPOCH: epochOf(date) } },
  );
  expect(stderr).toBe('');
  return { code, report: JSON.parse(stdout) as Report };
}

describe('dependency and DRF rules through the built CLI', () => {
  it('on 2026-12-07: Django 4.2 unsupported (high), advisories for both pins, DRF defaults open', () => {
    const { code, report } = scan('2026-12-07');
    const byRule = new Map(report.findings.map((f) => [f.ruleId, f]));
    expect(byRule.get('DDG401')).toMatchObject({
      severity: 'high',
      file: 'requirements.txt',
      line: 1,
    });
    expect(byRule.get('DDG401')!.message).toContain(
      'the 4.2 series stopped receiving security fixes on 2026-04-07',
    );
    const advisories = report.findings.filter((f) => f.ruleId === 'DDG402');
    expect(advisories.map((f) => [f.file, f.line])).toEqual([
      ['requirements.txt', 1],
      ['requirements.txt', 2],
    ]);
    expect(advisories[0]!.message).toContain('CVE-2025-48432');
    expect(advisories[0]!.message).toContain('fixed in 4.2.22');
    expect(advisories[1]!.message).toContain('CVE-2020-25626');
    expect(advisories[1]!.message).toContain('fixed in 3.11.2');
    expect(byRule.get('DDG227')).toMatchObject({ severity: 'medium', file: 'project/settings.py' });
    expect(byRule.get('DDG228')).toMatchObject({ severity: 'low' });
    // JSONRenderer only: no browsable API.
    expect(byRule.has('DDG229')).toBe(false);
    expect(code).toBe(1);
    expect(report.notes.filter((n) => n.includes('older than a Django release cycle'))).toEqual([]);
  });

  it('on 2025-06-01 4.2 was still supported: the date is the one given', () => {
    const { report } = scan('2025-06-01');
    expect(report.findings.map((f) => f.ruleId)).not.toContain('DDG401');
  });

  it('a year after the data was taken, the notes say it is old', () => {
    const { report } = scan('2027-12-01');
    expect(report.notes).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'the Django support data was taken from endoflife-date/endoflife.date on 2026-08-22',
        ),
        expect.stringContaining('the advisory data was taken from'),
      ]),
    );
  });
});
