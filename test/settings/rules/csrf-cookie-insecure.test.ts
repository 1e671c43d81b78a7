import { csrfCookieInsecure } from '../../../src/settings/rules/csrf-cookie-insecure';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { SESSION_MW, SM, XFO_MW, ALL, FROM_41 } from './snapshot-builder';

testDjangoCheck(csrfCookieInsecure, {
  valid: [
    {
      name: 'CSRF cookie "no" is truthy on 3.2',
      versions: ['3.2'],
      overrides: { CSRF_COOKIE_SECURE: 'no' },
    },
    {
      name: 'CSRF_USE_SESSIONS exempts',
      versions: ALL,
      overrides: { CSRF_COOKIE_SECURE: false, CSRF_USE_SESSIONS: true },
    },
    {
      name: 'no CSRF middleware, no W016',
      versions: ALL,
      overrides: { CSRF_COOKIE_SECURE: false, MIDDLEWARE: [SM, SESSION_MW, XFO_MW] },
    },
  ],
  invalid: [
    {
      name: 'CSRF cookie not secure',
      versions: ALL,
      overrides: { CSRF_COOKIE_SECURE: false },
      at: 'CSRF_COOKIE_SECURE',
    },
    {
      name: 'CSRF cookie "no" is not True from 4.1',
      versions: FROM_41,
      overrides: { CSRF_COOKIE_SECURE: 'no' },
      at: 'CSRF_COOKIE_SECURE',
    },
  ],
});
