import { describe, expect, it } from 'vitest';
import { toSarif } from '../../src/report/sarif';
import { checkSettingsSource } from '../../src/settings/analyze';
import { djangoRules } from '../../src/settings/rules';
import { makeResult } from '../report/fixtures';

/** Undecided settings findings say so in the data (JSON field, SARIF result property). */
describe('undecided settings findings', () => {
  const findings = checkSettingsSource({
    file: 'proj/settings.py',
    source: [
      'import os',
      'DEBUG = os.environ["DJANGO_DEBUG"] == "1"',
      'SECRET_KEY = "short"',
      'MIDDLEWARE = []',
      '',
    ].join('\n'),
  });

  it('carries undecided: true exactly on the findings that depend on an Unknown', () => {
    const w018 = findings.find((f) => f.ruleId === 'security.W018');
    const w009 = findings.find((f) => f.ruleId === 'security.W009');
    expect(w018).toMatchObject({ undecided: true, severity: 'info', envVar: 'DJANGO_DEBUG' });
    expect(w009?.undecided).toBeUndefined();
    expect(JSON.parse(JSON.stringify(w018))).toMatchObject({ undecided: true });
  });

  it('writes undecided into the SARIF result properties', () => {
    const log = toSarif(makeResult(findings), djangoRules);
    const results = log.runs[0].results;
    const w018 = results.find((r) => r.ruleId === 'security.W018');
    const w009 = results.find((r) => r.ruleId === 'security.W009');
    expect(w018?.properties).toMatchObject({ undecided: true });
    expect(w009?.properties.undecided).toBeUndefined();
  });
});
