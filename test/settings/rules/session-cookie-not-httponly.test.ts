import { sessionCookieNotHttponly } from '../../../src/settings/rules/session-cookie-not-httponly';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { ALL, FROM_41 } from './snapshot-builder';

testDjangoCheck(sessionCookieNotHttponly, {
  valid: [
    {
      name: 'httponly 1 is truthy on 3.2',
      versions: ['3.2'],
      overrides: { SESSION_COOKIE_HTTPONLY: 1 },
    },
    {
      name: 'httponly default True',
      versions: ALL,
      overrides: { SESSION_COOKIE_HTTPONLY: undefined },
    },
  ],
  invalid: [
    {
      name: 'httponly off, both',
      versions: ALL,
      overrides: { SESSION_COOKIE_HTTPONLY: 0 },
      at: 'SESSION_COOKIE_HTTPONLY',
    },
    {
      name: 'httponly 1 is not True from 4.1',
      versions: FROM_41,
      overrides: { SESSION_COOKIE_HTTPONLY: 1 },
      at: 'SESSION_COOKIE_HTTPONLY',
    },
  ],
});
