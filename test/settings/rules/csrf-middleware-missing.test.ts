import { csrfMiddlewareMissing } from '../../../src/settings/rules/csrf-middleware-missing';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { SESSION_MW, SM, XFO_MW, ALL } from './snapshot-builder';

testDjangoCheck(csrfMiddlewareMissing, {
  valid: [],
  invalid: [
    {
      name: 'CsrfViewMiddleware missing',
      versions: ALL,
      overrides: { MIDDLEWARE: [SM, SESSION_MW, XFO_MW] },
      at: 'MIDDLEWARE',
    },
  ],
});
