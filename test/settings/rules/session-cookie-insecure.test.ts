import { sessionCookieInsecure } from '../../../src/settings/rules/session-cookie-insecure';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { ALL, FROM_41 } from './snapshot-builder';

testDjangoCheck(sessionCookieInsecure, {
  valid: [
    {
      name: 'both, 1 is truthy on 3.2',
      versions: ['3.2'],
      overrides: { SESSION_COOKIE_SECURE: 1 },
    },
  ],
  invalid: [
    {
      name: 'both, unset',
      versions: ALL,
      overrides: { SESSION_COOKIE_SECURE: undefined },
      at: '<unset>',
    },
    {
      name: 'both, 1 is not True from 4.1',
      versions: FROM_41,
      overrides: { SESSION_COOKIE_SECURE: 1 },
      at: 'SESSION_COOKIE_SECURE',
    },
  ],
});
