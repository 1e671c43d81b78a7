import { describe, expect, it } from 'vitest';
import { vulnerableVersionPinned } from '../../../src/dependencies/rules/vulnerable-version-pinned';
import { runRule } from '../run-rule';

const TODAY = '2026-12-07';

const run = (repo: Record<string, string>) =>
  runRule(vulnerableVersionPinned, repo, TODAY).findings;

describe('DDG402 vulnerable-version-pinned', () => {
  describe('invalid', () => {
    it('Django 5.2.1: CVE-2025-48432 with its fix in the 5.2 series', () => {
      const findings = run({ 'requirements.txt': 'Django==5.2.1\n' });
      expect(findings).toHaveLength(1);
      const [finding] = findings;
      expect(finding!.ruleId).toBe('DDG402');
      expect(finding!.file).toBe('requirements.txt');
      expect(finding!.line).toBe(1);
      expect(finding!.message).toMatch(
        /^django 5\.2\.1 at requirements\.txt:1 has \d+ known advisories: /,
      );
      expect(finding!.message).toContain(
        'CVE-2025-48432 (PYSEC-2025-47, GHSA-7xr5-9hcq-chf9) [medium, fixed in 5.2.2]',
      );
      // The most severe advisory for 5.2.1 is rated critical (CVSS 9.8): the finding is too.
      expect(finding!.severity).toBe('critical');
      expect(finding!.fix).toMatch(/^Upgrade django to 5\.2\.\d+ or later/);
    });

    it('djangorestframework 3.11.0: CVE-2020-25626, fixed in 3.11.2', () => {
      const findings = run({ 'requirements.txt': 'Django==5.2.17\ndjangorestframework==3.11.0\n' });
      expect(findings.map((f) => [f.ruleId, f.line, f.severity])).toEqual([
        ['DDG402', 2, 'medium'],
      ]);
      expect(findings[0]!.message).toContain(
        'CVE-2020-25626 (PYSEC-2020-263, GHSA-fx83-3ph3-9j2q) [medium, fixed in 3.11.2]: When using the browseable API viewer',
      );
    });

    it("a lock file's resolved version", () => {
      const [finding] = run({
        'uv.lock': '[[package]]\nname = "djangorestframework-simplejwt"\nversion = "5.3.1"\n',
      });
      expect(finding!.ruleId).toBe('DDG402');
      expect(finding!.message).toContain('CVE-2024-22513');
      expect(finding!.message).toContain('fixed in 5.5.1');
    });

    it('a range is judged by the lowest version it allows, and says so', () => {
      const [finding] = run({ 'requirements.txt': 'djangorestframework>=3.11,<3.12\n' });
      expect(finding!.message).toContain(
        'djangorestframework >=3.11,<3.12 (a range, judged by the lowest version it allows, 3.11.0)',
      );
      expect(finding!.message).toContain('CVE-2020-25626');
    });
  });

  describe('valid', () => {
    it.each([
      ['an unpinned package', { 'requirements.txt': 'Django\ndjangorestframework\n' }],
      ['a range without a lower bound', { 'requirements.txt': 'Django<7\n' }],
      [
        'versions after every fix',
        { 'requirements.txt': 'Django==5.2.17\ndjangorestframework==3.16.1\n' },
      ],
      ['a package the data does not cover', { 'requirements.txt': 'requests==2.0.0\n' }],
      [
        'a development-only lock entry',
        { 'poetry.lock': '[[package]]\nname = "django"\nversion = "3.2.0"\ncategory = "dev"\n' },
      ],
    ])('%s gives nothing', (_name, repo) => {
      expect(run(repo)).toEqual([]);
    });
  });
});
