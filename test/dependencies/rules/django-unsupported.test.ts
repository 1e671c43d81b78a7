import { describe, expect, it } from 'vitest';
import { djangoUnsupported } from '../../../src/dependencies/rules/django-unsupported';
import { runRule } from '../run-rule';

const TODAY = '2026-12-07';

const run = (repo: Record<string, string>, today = TODAY) =>
  runRule(djangoUnsupported, repo, today).findings;

describe('DDG401 django-unsupported', () => {
  describe('invalid: a series past its end of security support is high', () => {
    it.each([
      ['requirements.txt', 'Django==4.2.11\n', '4.2', '2026-04-07'],
      ['requirements.txt', 'django==3.2.25\n', '3.2', '2024-04-01'],
      ['requirements.txt', 'Django==5.1.4\n', '5.1', '2025-12-03'],
      ['requirements.txt', 'Django>=4.2,<5.0\n', '4.2', '2026-04-07'],
      ['poetry.lock', '[[package]]\nname = "django"\nversion = "5.0.14"\n', '5.0', '2025-04-02'],
    ])('%s: %j → %s ended %s', (file, content, series, ended) => {
      const findings = run({ [file]: content });
      expect(findings).toHaveLength(1);
      const [finding] = findings;
      expect(finding!.ruleId).toBe('DDG401');
      expect(finding!.severity).toBe('high');
      expect(finding!.file).toBe(file);
      expect(finding!.message).toContain(
        `the ${series} series stopped receiving security fixes on ${ended}`,
      );
      // The series to move to, as of the date given.
      expect(finding!.message).toContain('5.2 LTS (security fixes until 2028-04-30)');
    });

    it('points at the line that pins Django', () => {
      const [finding] = run({ 'requirements.txt': 'gunicorn==23.0.0\nDjango==4.2.11\n' });
      expect(finding!.line).toBe(2);
    });
  });

  describe('invalid: within 90 days of the end is low, with the date', () => {
    it('6.0 on 2027-02-15: ends 2027-04-30, in 74 days', () => {
      const [finding] = run({ 'requirements.txt': 'Django==6.0.3\n' }, '2027-02-15');
      expect(finding!.ruleId).toBe('DDG401');
      expect(finding!.severity).toBe('low');
      expect(finding!.message).toContain('end on 2027-04-30, in 74 days');
    });
  });

  describe('valid', () => {
    it.each([
      ['a supported LTS pin', { 'requirements.txt': 'Django==5.2.17\n' }],
      ['a range that reaches a supported series', { 'requirements.txt': 'Django>=4.2\n' }],
      ['an unpinned Django', { 'requirements.txt': 'Django\n' }],
      ['no Django at all', { 'requirements.txt': 'flask==3.0.0\n' }],
      ['a series unknown to the data', { 'requirements.txt': 'Django==9.0.1\n' }],
      ['6.0 more than 90 days before its end', { 'requirements.txt': 'Django==6.0.3\n' }],
    ])('%s gives nothing', (_name, repo) => {
      expect(run(repo)).toEqual([]);
    });

    it('4.2 was supported on 2025-06-01 (the date is injected, not the clock)', () => {
      expect(run({ 'requirements.txt': 'Django==4.2.11\n' }, '2025-06-01')).toEqual([]);
    });

    it('an inline ignore on the pin suppresses it', () => {
      const [finding] = run({
        'requirements.txt':
          'Django==4.2.11  # deploy-guard: ignore[DDG401] paid extended support\n',
      });
      expect(finding!.suppressed).toEqual({ kind: 'inline', reason: 'paid extended support' });
    });
  });

  it('notes data older than a release cycle', () => {
    const { notes } = runRule(
      djangoUnsupported,
      { 'requirements.txt': 'Django==5.2.17\n' },
      '2027-09-01',
    );
    expect(notes).toEqual([
      expect.stringMatching(
        /^the Django support data was taken from endoflife-date\/endoflife\.date on 2026-08-22, 375 days ago \(older than a Django release cycle\)/,
      ),
    ]);
    expect(
      runRule(djangoUnsupported, { 'requirements.txt': 'Django==5.2.17\n' }, TODAY).notes,
    ).toEqual([]);
  });
});
