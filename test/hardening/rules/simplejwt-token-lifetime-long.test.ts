import { describe, expect, it } from 'vitest';
import { simplejwtTokenLifetimeLong as rule } from '../../../src/hardening/rules/simplejwt-token-lifetime-long';
import { JWT_APPS, findingsOf } from './check-source';

const HEAD = `from datetime import timedelta\nimport datetime\n${JWT_APPS}`;

describe('DDG233 simplejwt-token-lifetime-long', () => {
  it('invalid: an access token over a day is medium, at its line', () => {
    const findings = findingsOf(
      rule,
      `${HEAD}SIMPLE_JWT = {\n    'ACCESS_TOKEN_LIFETIME': timedelta(days=7),\n}\n`,
    );
    expect(findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([['DDG233', 'medium', 5]]);
    expect(findings[0]!.message).toContain(
      'SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"] (project/settings.py:5) is 7 days',
    );
  });

  it('invalid: a 365-day refresh token without rotation is low', () => {
    const findings = findingsOf(
      rule,
      `${HEAD}SIMPLE_JWT = {'REFRESH_TOKEN_LIFETIME': datetime.timedelta(weeks=52, days=1)}\n`,
    );
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['DDG233', 'low']]);
    expect(findings[0]!.message).toContain('is 365 days and ROTATE_REFRESH_TOKENS is not True');
  });

  it.each([
    ['the defaults (5 minutes, 1 day)', `${HEAD}SIMPLE_JWT = {}\n`],
    [
      'a long refresh token with rotation',
      `${HEAD}SIMPLE_JWT = {'REFRESH_TOKEN_LIFETIME': timedelta(days=365), 'ROTATE_REFRESH_TOKENS': True}\n`,
    ],
    [
      'an hour-long access token',
      `${HEAD}SIMPLE_JWT = {'ACCESS_TOKEN_LIFETIME': timedelta(hours=1)}\n`,
    ],
  ])('valid: %s', (_name, source) => {
    expect(findingsOf(rule, source)).toEqual([]);
  });

  it('undecided when the lifetime depends on an unset env variable', () => {
    const findings = findingsOf(
      rule,
      `import os\n${HEAD}SIMPLE_JWT = {'ACCESS_TOKEN_LIFETIME': timedelta(minutes=int(os.environ['TTL']))}\n`,
    );
    expect(findings.map((f) => [f.ruleId, f.severity, f.undecided])).toEqual([
      ['DDG233', 'info', true],
    ]);
  });
});
