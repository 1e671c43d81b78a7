import { httpsNotEnforced } from '../../../src/hardening/rules/https-not-enforced';
import { testSettingsRule } from '../../helpers/rule-tester';

testSettingsRule(httpsNotEnforced, {
  valid: [
    {
      name: 'redirect on',
      spec: {
        settings: { SECURE_SSL_REDIRECT: true, SILENCED_SYSTEM_CHECKS: ['security.W008'] },
      },
    },
    {
      name: 'W008 silenced behind a proxy that sets the header',
      spec: {
        settings: {
          SECURE_PROXY_SSL_HEADER: { $tuple: ['HTTP_X_FORWARDED_PROTO', 'https'] },
          SILENCED_SYSTEM_CHECKS: ['security.W008'],
        },
      },
    },
    {
      name: 'W008 itself reports it',
      spec: {
        settings: {
          MIDDLEWARE: ['django.middleware.security.SecurityMiddleware'],
          SECURE_SSL_REDIRECT: false,
        },
      },
    },
  ],
  invalid: [
    {
      name: 'W008 silenced with no header',
      spec: {
        settings: {
          MIDDLEWARE: ['django.middleware.security.SecurityMiddleware'],
          SECURE_SSL_REDIRECT: { value: false, line: 6 },
          SILENCED_SYSTEM_CHECKS: ['security.W008'],
        },
      },
      findings: [{ line: 6 }],
    },
    {
      name: 'no SecurityMiddleware, so no W008',
      spec: { settings: { MIDDLEWARE: [] } },
      findings: [{ line: 1 }],
    },
    {
      name: 'env unknown',
      spec: {
        settings: {
          SECURE_SSL_REDIRECT: {
            value: { $unknown: 'unset', envVar: 'SSL' },
            line: 2,
            envVar: 'SSL',
          },
          SILENCED_SYSTEM_CHECKS: ['security.W008'],
        },
      },
      findings: [{ line: 2, envVar: 'SSL', undecided: true }],
    },
  ],
});
