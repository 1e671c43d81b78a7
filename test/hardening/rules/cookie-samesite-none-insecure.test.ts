import { cookieSamesiteNoneInsecure } from '../../../src/hardening/rules/cookie-samesite-none-insecure';
import { testSettingsRule } from '../../helpers/rule-tester';

testSettingsRule(cookieSamesiteNoneInsecure, {
  valid: [
    {
      name: 'None with secure',
      spec: { settings: { SESSION_COOKIE_SAMESITE: 'None', SESSION_COOKIE_SECURE: true } },
    },
    {
      name: 'Python None omits the attribute',
      spec: { settings: { CSRF_COOKIE_SAMESITE: null } },
    },
  ],
  invalid: [
    {
      name: "'None' without secure",
      spec: {
        settings: {
          CSRF_COOKIE_SECURE: true,
          SESSION_COOKIE_SAMESITE: 'None',
          CSRF_COOKIE_SAMESITE: 'None',
        },
      },
      findings: [{ line: 2 }],
    },
  ],
});
