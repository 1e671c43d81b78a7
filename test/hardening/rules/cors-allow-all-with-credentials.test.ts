import { corsAllowAllWithCredentials } from '../../../src/hardening/rules/cors-allow-all-with-credentials';
import { testSettingsRule } from '../../helpers/rule-tester';
import { CORS_BASE } from '../support/settings-cases';

testSettingsRule(corsAllowAllWithCredentials, {
  valid: [
    {
      name: 'credentials with list',
      spec: {
        settings: {
          ...CORS_BASE,
          CORS_ALLOWED_ORIGINS: ['https://a.example.com'],
          CORS_ALLOW_CREDENTIALS: true,
        },
      },
    },
    {
      name: 'allow all without credentials',
      spec: { settings: { ...CORS_BASE, CORS_ALLOW_ALL_ORIGINS: true } },
    },
  ],
  invalid: [
    {
      name: 'allow all + credentials',
      spec: {
        settings: { ...CORS_BASE, CORS_ALLOW_ALL_ORIGINS: true, CORS_ALLOW_CREDENTIALS: true },
      },
      findings: [{ line: 3, severity: 'critical' }],
    },
    {
      name: 'credentials unknown',
      spec: {
        settings: {
          ...CORS_BASE,
          CORS_ALLOW_ALL_ORIGINS: true,
          CORS_ALLOW_CREDENTIALS: { value: { $unknown: 'unset', envVar: 'CRED' }, line: 4 },
        },
      },
      findings: [{ line: 4, undecided: true, severity: 'info' }],
    },
  ],
});
