import { securityFlagEnvString } from '../../../src/hardening/rules/security-flag-env-string';
import { testSettingsRule } from '../../helpers/rule-tester';

testSettingsRule(securityFlagEnvString, {
  valid: [
    {
      name: 'cast flags',
      spec: {
        settings: {
          SESSION_COOKIE_SECURE: { value: true, envVar: 'X' },
          CSRF_COOKIE_SECURE: true,
        },
      },
    },
    {
      name: 'DEBUG is DDG204',
      spec: { settings: { DEBUG: { value: 'False', envVar: 'DEBUG' } } },
    },
  ],
  invalid: [
    {
      name: 'two flags',
      spec: {
        settings: {
          SESSION_COOKIE_SECURE: { value: 'True', line: 4, envVar: 'SESSION_COOKIE_SECURE' },
          SECURE_SSL_REDIRECT: { value: '', line: 9, envVar: 'SSL' },
        },
      },
      findings: [
        { line: 4, envVar: 'SESSION_COOKIE_SECURE', severity: 'medium' },
        { line: 9, envVar: 'SSL', severity: 'medium' },
      ],
    },
    {
      name: "CORS allow-all 'False' opens up",
      spec: {
        settings: { CORS_ALLOW_ALL_ORIGINS: { value: 'False', line: 6, envVar: 'CORS_ALL' } },
      },
      findings: [{ line: 6, envVar: 'CORS_ALL', severity: 'high' }],
    },
  ],
});
