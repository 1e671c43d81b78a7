import { corsOriginInsecure } from '../../../src/hardening/rules/cors-origin-insecure';
import { testSettingsRule } from '../../helpers/rule-tester';
import { CORS_BASE } from '../support/settings-cases';

testSettingsRule(corsOriginInsecure, {
  valid: [
    {
      name: 'https only',
      spec: {
        settings: {
          ...CORS_BASE,
          CORS_ALLOWED_ORIGINS: ['https://app.example.com', 'https://localhost.example.com'],
        },
      },
    },
  ],
  invalid: [
    {
      name: 'http and localhost',
      spec: {
        settings: {
          ...CORS_BASE,
          CORS_ALLOWED_ORIGINS: [
            'https://a.example.com',
            'http://b.example.com',
            'https://127.0.0.1:8000',
          ],
        },
      },
      findings: [{ line: 3 }],
    },
    {
      name: 'old whitelist name',
      spec: { settings: { ...CORS_BASE, CORS_ORIGIN_WHITELIST: ['http://localhost:3000'] } },
      findings: [{ line: 3 }],
    },
  ],
});
