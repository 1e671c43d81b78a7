import { securityMiddlewareMissing } from '../../../src/settings/rules/security-middleware-missing';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { CSRF_MW, SESSION_MW, SM, XFO_MW, ALL } from './snapshot-builder';

testDjangoCheck(securityMiddlewareMissing, {
  valid: [
    {
      name: 'order is not checked',
      versions: ALL,
      overrides: { MIDDLEWARE: [XFO_MW, CSRF_MW, SESSION_MW, SM] },
    },
  ],
  invalid: [
    {
      name: 'SecurityMiddleware missing',
      versions: ALL,
      overrides: { MIDDLEWARE: [SESSION_MW, CSRF_MW, XFO_MW] },
      at: 'MIDDLEWARE',
    },
    {
      name: 'MIDDLEWARE unset',
      versions: ALL,
      overrides: { MIDDLEWARE: undefined },
      at: '<unset>',
    },
    {
      name: 'a subclass does not count',
      versions: ALL,
      overrides: { MIDDLEWARE: ['myapp.middleware.SecurityMiddleware'] },
      at: 'MIDDLEWARE',
    },
  ],
});
