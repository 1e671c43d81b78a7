import { cspMissing } from '../../../src/hardening/rules/csp-missing';
import { testSettingsRule } from '../../helpers/rule-tester';
import { HTML } from '../support/settings-cases';

testSettingsRule(cspMissing, {
  valid: [
    {
      name: 'django-csp middleware',
      spec: { settings: { TEMPLATES: HTML, MIDDLEWARE: ['csp.middleware.CSPMiddleware'] } },
    },
    {
      name: 'Django 6 SECURE_CSP',
      spec: {
        version: { major: 6, minor: 0 },
        settings: {
          TEMPLATES: HTML,
          MIDDLEWARE: ['django.middleware.csp.ContentSecurityPolicyMiddleware'],
          SECURE_CSP: { 'default-src': ["'self'"] },
        },
      },
    },
    {
      name: 'API only: no template engine',
      spec: { settings: { MIDDLEWARE: ['django.middleware.security.SecurityMiddleware'] } },
    },
  ],
  invalid: [
    {
      name: 'none',
      spec: {
        settings: {
          TEMPLATES: HTML,
          MIDDLEWARE: ['django.middleware.security.SecurityMiddleware'],
        },
      },
      findings: [{ line: 2 }],
    },
    {
      name: 'SECURE_CSP without the middleware',
      spec: {
        version: { major: 6, minor: 0 },
        settings: { TEMPLATES: HTML, MIDDLEWARE: [], SECURE_CSP: { 'default-src': ["'self'"] } },
      },
      findings: [{ line: 2 }],
    },
    {
      name: 'django-csp with policy None',
      spec: {
        settings: {
          TEMPLATES: HTML,
          MIDDLEWARE: ['csp.middleware.CSPMiddleware'],
          CONTENT_SECURITY_POLICY: null,
        },
      },
      findings: [{ line: 2 }],
    },
  ],
});
