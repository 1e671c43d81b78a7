import { describe, expect, it } from 'vitest';
import { simplejwtAlgorithmWeak as rule } from '../../../src/hardening/rules/simplejwt-algorithm-weak';
import { JWT_APPS, findingsOf } from './check-source';

describe('DDG232 simplejwt-algorithm-weak', () => {
  it("invalid: 'none'", () => {
    const findings = findingsOf(rule, `${JWT_APPS}SIMPLE_JWT = {'ALGORITHM': 'None'}\n`);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['DDG232', 'medium']]);
    expect(findings[0]!.message).toContain('tokens are not signed');
  });

  it('invalid: HS256 (the default) with a 20-byte SECRET_KEY', () => {
    const findings = findingsOf(
      rule,
      `${JWT_APPS}SECRET_KEY = 'x' * 20\nSIMPLE_JWT = {'ROTATE_REFRESH_TOKENS': True}\n`,
    );
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['DDG232', 'medium']]);
    expect(findings[0]!.message).toContain('a key of 20 bytes (fewer than 32)');
  });

  it('counts UTF-8 bytes, not characters', () => {
    // 16 characters of 2 bytes each: 32 bytes, enough.
    expect(
      findingsOf(rule, `${JWT_APPS}SIMPLE_JWT = {'SIGNING_KEY': 'é' * 16, 'ALGORITHM': 'HS256'}\n`),
    ).toEqual([]);
  });

  it.each([
    ['RS256', `${JWT_APPS}SIMPLE_JWT = {'ALGORITHM': 'RS256', 'SIGNING_KEY': 'short'}\n`],
    [
      'a key from an unset env variable',
      `import os\n${JWT_APPS}SIMPLE_JWT = {'SIGNING_KEY': os.environ['K']}\n`,
    ],
    ['a long key', `${JWT_APPS}SIMPLE_JWT = {'SIGNING_KEY': 'k' * 48}\n`],
    ['Simple JWT not in use', "INSTALLED_APPS = ['rest_framework']\nSECRET_KEY = 'short'\n"],
  ])('valid: %s', (_name, source) => {
    expect(findingsOf(rule, source)).toEqual([]);
  });
});
