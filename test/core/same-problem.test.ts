import { describe, expect, it } from 'vitest';
import { createFinding } from '../../src/core/finding';
import { SAME_PROBLEMS, mergeSameProblemFindings } from '../../src/core/same-problem';
import { allRules } from '../../src/registry';

const rule = (id: string, name: string) => ({ id, name, severity: 'high' as const, fix: 'fix it' });

function settingFinding(id: string, name: string, line: number, setting: string, extra = {}) {
  return createFinding({
    rule: rule(id, name),
    identity: { kind: 'setting', ruleId: id, module: 'proj/settings.py', setting },
    source: 'settings',
    file: 'proj/settings.py',
    line,
    setting,
    message: `${id} says so`,
    ...extra,
  });
}

describe('SAME_PROBLEMS', () => {
  it('names project rules and Django checks that exist', () => {
    const ids = new Set(allRules.map((r) => r.id));
    for (const { rule: id, djangoChecks } of SAME_PROBLEMS) {
      expect(ids.has(id), id).toBe(true);
      expect(id).toMatch(/^DDG\d+$/);
      for (const check of djangoChecks) expect(ids.has(check), check).toBe(true);
    }
  });
});

describe('mergeSameProblemFindings', () => {
  const django = settingFinding('security.W009', 'secret-key-weak', 3, 'SECRET_KEY');
  const ours = settingFinding('DDG208', 'secret-key-placeholder', 3, 'SECRET_KEY', {
    severity: 'critical',
  });

  it('folds the project finding into the Django one: its id, fingerprint, the worst severity', () => {
    const [merged, ...rest] = mergeSameProblemFindings([ours, django]);
    expect(rest).toEqual([]);
    expect(merged).toMatchObject({
      ruleId: 'security.W009',
      fingerprint: django.fingerprint,
      severity: 'critical',
      aliases: ['DDG208'],
      aliasFingerprints: [ours.fingerprint],
      message: 'security.W009 says so; DDG208 (secret-key-placeholder): DDG208 says so',
    });
  });

  it('leaves findings on another line, another setting, undecided ones and unrelated rules alone', () => {
    const elsewhere = settingFinding('DDG208', 'secret-key-placeholder', 4, 'SECRET_KEY');
    const undecided = { ...ours, undecided: true };
    const unrelated = settingFinding('DDG207', 'secret-key-env-default', 3, 'SECRET_KEY');
    expect(mergeSameProblemFindings([elsewhere, django])).toHaveLength(2);
    expect(mergeSameProblemFindings([undecided, django])).toHaveLength(2);
    expect(mergeSameProblemFindings([unrelated, django])).toHaveLength(2);
  });

  it('keeps an inline ignore of either id, and does not fold when only Django’s id is silenced', () => {
    const ignored = { ...ours, suppressed: { kind: 'inline' as const, reason: 'demo' } };
    expect(mergeSameProblemFindings([ignored, django])[0]!.suppressed).toEqual({
      kind: 'inline',
      reason: 'demo',
    });
    const silenced = { ...django, suppressed: { kind: 'silenced' as const, reason: 'listed' } };
    expect(mergeSameProblemFindings([ours, silenced])).toHaveLength(2);
  });
});
