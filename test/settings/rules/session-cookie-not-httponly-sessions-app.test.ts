import { sessionCookieNotHttponlySessionsApp } from '../../../src/settings/rules/session-cookie-not-httponly-sessions-app';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { CSRF_MW, SM, XFO_MW, ALL } from './snapshot-builder';

testDjangoCheck(sessionCookieNotHttponlySessionsApp, {
  valid: [],
  invalid: [
    {
      name: 'httponly off, app only',
      versions: ALL,
      overrides: { SESSION_COOKIE_HTTPONLY: false, MIDDLEWARE: [SM, CSRF_MW, XFO_MW] },
      at: 'SESSION_COOKIE_HTTPONLY',
    },
  ],
});
