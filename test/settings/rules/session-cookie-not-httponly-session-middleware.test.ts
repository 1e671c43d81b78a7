import { sessionCookieNotHttponlySessionMiddleware } from '../../../src/settings/rules/session-cookie-not-httponly-session-middleware';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { ALL } from './snapshot-builder';

testDjangoCheck(sessionCookieNotHttponlySessionMiddleware, {
  valid: [],
  invalid: [
    {
      name: 'httponly off, middleware only',
      versions: ALL,
      overrides: { SESSION_COOKIE_HTTPONLY: false, INSTALLED_APPS: [] },
      at: 'SESSION_COOKIE_HTTPONLY',
    },
  ],
});
