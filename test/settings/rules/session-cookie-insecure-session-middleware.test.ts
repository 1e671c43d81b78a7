import { sessionCookieInsecureSessionMiddleware } from '../../../src/settings/rules/session-cookie-insecure-session-middleware';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { CSRF_MW, SM, XFO_MW, ALL } from './snapshot-builder';

testDjangoCheck(sessionCookieInsecureSessionMiddleware, {
  valid: [
    {
      name: 'neither app nor middleware',
      versions: ALL,
      overrides: {
        SESSION_COOKIE_SECURE: false,
        INSTALLED_APPS: [],
        MIDDLEWARE: [SM, CSRF_MW, XFO_MW],
      },
    },
  ],
  invalid: [
    {
      name: 'middleware only',
      versions: ALL,
      overrides: { SESSION_COOKIE_SECURE: false, INSTALLED_APPS: [] },
      at: 'SESSION_COOKIE_SECURE',
    },
  ],
});
