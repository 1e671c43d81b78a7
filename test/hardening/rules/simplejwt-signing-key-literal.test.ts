import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashSecret } from '../../../src/core/fingerprint';
import { simplejwtSigningKeyLiteral as rule } from '../../../src/hardening/rules/simplejwt-signing-key-literal';
import { JWT_APPS, findingsOf } from './check-source';

const key = () => randomBytes(30).toString('base64url');

describe('DDG231 simplejwt-signing-key-literal', () => {
  it('invalid: a literal key is one secret finding, never printed', () => {
    const value = key();
    const findings = findingsOf(
      rule,
      `${JWT_APPS}SIMPLE_JWT = {\n    'SIGNING_KEY': '${value}',\n}\n`,
    );
    expect(findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ['DDG231', 'critical', 3],
    ]);
    expect(findings[0]!.secretHash).toBe(hashSecret(value));
    expect(findings[0]!.message).toContain(`a literal key (${value.length} chars)`);
    expect(JSON.stringify(findings)).not.toContain(value);
  });

  it('invalid: configured through JWTAuthentication only, with SIMPLE_JWT set', () => {
    const findings = findingsOf(
      rule,
      `INSTALLED_APPS = ['rest_framework']\nREST_FRAMEWORK = {'DEFAULT_AUTHENTICATION_CLASSES': ['rest_framework_simplejwt.authentication.JWTAuthentication']}\nSIMPLE_JWT = {'SIGNING_KEY': '${key()}'}\n`,
    );
    expect(findings.map((f) => f.ruleId)).toEqual(['DDG231']);
  });

  it.each([
    [
      'read from the environment',
      `import os\n${JWT_APPS}SIMPLE_JWT = {'SIGNING_KEY': os.environ['JWT_KEY']}\n`,
    ],
    [
      "an env read's default (judged by the env-default rules)",
      `import os\n${JWT_APPS}SIMPLE_JWT = {'SIGNING_KEY': os.environ.get('JWT_KEY', '${key()}')}\n`,
    ],
    ['unset: SECRET_KEY is the key', `${JWT_APPS}SIMPLE_JWT = {'ALGORITHM': 'HS256'}\n`],
    ['a placeholder', `${JWT_APPS}SIMPLE_JWT = {'SIGNING_KEY': 'changeme'}\n`],
    ['DRF not installed', `INSTALLED_APPS = []\nSIMPLE_JWT = {'SIGNING_KEY': '${key()}'}\n`],
  ])('valid: %s', (_name, source) => {
    expect(findingsOf(rule, source)).toEqual([]);
  });
});
