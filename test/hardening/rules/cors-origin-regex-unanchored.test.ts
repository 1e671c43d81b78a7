import { corsOriginRegexUnanchored } from '../../../src/hardening/rules/cors-origin-regex-unanchored';
import { testSettingsRule } from '../../helpers/rule-tester';
import { CORS_BASE } from '../support/settings-cases';

testSettingsRule(corsOriginRegexUnanchored, {
  valid: [
    {
      name: 'anchored and escaped',
      spec: {
        settings: {
          ...CORS_BASE,
          CORS_ALLOWED_ORIGIN_REGEXES: [
            '^https://\\w+\\.example\\.com$',
            '^https://(.*\\.)?example\\.com\\Z',
          ],
        },
      },
    },
  ],
  invalid: [
    {
      name: 'two bad regexes',
      spec: {
        settings: {
          ...CORS_BASE,
          CORS_ALLOWED_ORIGIN_REGEXES: ['^https://example\\.com', '^https://app.example\\.com$'],
        },
      },
      findings: [{ line: 3 }, { line: 3 }],
    },
  ],
});
