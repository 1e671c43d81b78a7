import { sessionCookieInsecureSessionsApp } from '../../../src/settings/rules/session-cookie-insecure-sessions-app';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { CSRF_MW, SM, XFO_MW, ALL, FROM_41 } from './snapshot-builder';

testDjangoCheck(sessionCookieInsecureSessionsApp, {
  valid: [
    {
      name: 'app only, "False" is truthy on 3.2',
      versions: ['3.2'],
      overrides: { SESSION_COOKIE_SECURE: 'False', MIDDLEWARE: [SM, CSRF_MW, XFO_MW] },
    },
    {
      name: 'app and middleware give W012, not W010',
      versions: ALL,
      overrides: { SESSION_COOKIE_SECURE: false },
    },
  ],
  invalid: [
    {
      name: 'app only, "False" is not True from 4.1',
      versions: FROM_41,
      overrides: { SESSION_COOKIE_SECURE: 'False', MIDDLEWARE: [SM, CSRF_MW, XFO_MW] },
      at: 'SESSION_COOKIE_SECURE',
    },
    {
      name: 'app only, False',
      versions: ALL,
      overrides: { SESSION_COOKIE_SECURE: false, MIDDLEWARE: [SM, CSRF_MW, XFO_MW] },
      at: 'SESSION_COOKIE_SECURE',
    },
  ],
});
