import { cspUnsafeScript } from '../../../src/hardening/rules/csp-unsafe-script';
import { testSettingsRule } from '../../helpers/rule-tester';

testSettingsRule(cspUnsafeScript, {
  valid: [
    {
      name: 'self only',
      spec: {
        settings: { CONTENT_SECURITY_POLICY: { DIRECTIVES: { 'script-src': ["'self'"] } } },
      },
    },
    {
      name: 'unsafe-inline with nonce (ignored by CSP2+)',
      spec: {
        settings: { CSP_SCRIPT_SRC: { $tuple: ["'self'", "'unsafe-inline'", "'nonce-abc'"] } },
      },
    },
  ],
  invalid: [
    {
      name: 'django-csp 4 dict',
      spec: {
        settings: {
          CONTENT_SECURITY_POLICY: {
            DIRECTIVES: { 'script-src': ["'self'", "'unsafe-inline'"] },
          },
        },
      },
      findings: [{ line: 1 }],
    },
    {
      name: 'django 6 default-src fallback',
      spec: {
        version: { major: 6, minor: 0 },
        settings: { SECURE_CSP: { 'default-src': ["'self'", "'unsafe-eval'"] } },
      },
      findings: [{ line: 1 }],
    },
    {
      name: 'django-csp 3 setting',
      spec: { settings: { X: 1, CSP_SCRIPT_SRC: { $tuple: ["'self'", "'unsafe-inline'"] } } },
      findings: [{ line: 2 }],
    },
  ],
});
