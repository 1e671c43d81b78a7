import { cspSettingNotDict } from '../../../src/settings/rules/csp-setting-not-dict';
import { testDjangoCheck } from '../../helpers/rule-tester';

testDjangoCheck(cspSettingNotDict, {
  valid: [
    { name: 'SECURE_CSP None passes', versions: ['6.0'], overrides: { SECURE_CSP: null } },
    {
      name: 'SECURE_CSP dict passes',
      versions: ['6.0'],
      overrides: { SECURE_CSP: { 'default-src': ["'self'"] } },
    },
    { name: 'no CSP check before 6.0', versions: ['5.2'], overrides: { SECURE_CSP: [] } },
  ],
  invalid: [
    { name: 'SECURE_CSP list', versions: ['6.0'], overrides: { SECURE_CSP: [] }, at: 'SECURE_CSP' },
    {
      name: 'SECURE_CSP_REPORT_ONLY False',
      versions: ['6.0'],
      overrides: { SECURE_CSP_REPORT_ONLY: false },
      at: 'SECURE_CSP_REPORT_ONLY',
    },
  ],
});
