import { describe, expect, it } from 'vitest';
import { sessionCookieAgeLong as rule } from '../../../src/hardening/rules/session-cookie-age-long';
import { findingsOf } from './check-source';

describe('DDG234 session-cookie-age-long', () => {
  it('invalid: a year-long session, at its line, with the env var that decides it', () => {
    const findings = findingsOf(
      rule,
      "import os\n\nSESSION_COOKIE_AGE = int(os.environ.get('SESSION_AGE', 60 * 60 * 24 * 365))\n",
    );
    expect(findings.map((f) => [f.ruleId, f.severity, f.line, f.envVar])).toEqual([
      ['DDG234', 'low', 3, 'SESSION_AGE'],
    ]);
    expect(findings[0]!.message).toContain('SESSION_COOKIE_AGE is 31536000');
  });

  it.each([
    ["Django's default (two weeks)", 'DEBUG = False\n'],
    ['30 days exactly', 'SESSION_COOKIE_AGE = 30 * 86400\n'],
    [
      'long, but ending at browser close',
      'SESSION_COOKIE_AGE = 10 ** 8\nSESSION_EXPIRE_AT_BROWSER_CLOSE = True\n',
    ],
  ])('valid: %s', (_name, source) => {
    expect(findingsOf(rule, source)).toEqual([]);
  });

  it('undecided when the age comes from an unset env variable without default', () => {
    const findings = findingsOf(rule, "import os\nSESSION_COOKIE_AGE = int(os.environ['AGE'])\n");
    expect(findings.map((f) => [f.ruleId, f.severity, f.undecided])).toEqual([
      ['DDG234', 'info', true],
    ]);
  });
});
