import { csrfTrustedOriginsInsecure } from '../../../src/hardening/rules/csrf-trusted-origins-insecure';
import { testSettingsRule } from '../../helpers/rule-tester';

testSettingsRule(csrfTrustedOriginsInsecure, {
  valid: [
    {
      name: 'https and subdomain wildcard',
      spec: {
        settings: { CSRF_TRUSTED_ORIGINS: ['https://example.com', 'https://*.example.com'] },
      },
    },
    { name: 'default', spec: {} },
  ],
  invalid: [
    {
      name: 'localhost',
      spec: {
        settings: { CSRF_TRUSTED_ORIGINS: ['https://example.com', 'http://localhost:8000'] },
      },
      findings: [{ line: 1, severity: 'medium' }],
    },
    {
      name: 'tld wildcard',
      spec: { settings: { CSRF_TRUSTED_ORIGINS: ['https://*.com'] } },
      findings: [{ line: 1, severity: 'high' }],
    },
  ],
});
