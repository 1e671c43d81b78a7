import { referrerPolicyInvalid } from '../../../src/settings/rules/referrer-policy-invalid';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { CSRF_MW, ALL } from './snapshot-builder';

testDjangoCheck(referrerPolicyInvalid, {
  valid: [
    {
      name: 'list: [] is an empty set and passes',
      versions: ALL,
      overrides: { SECURE_REFERRER_POLICY: [] },
    },
    {
      name: 'str parts are stripped',
      versions: ALL,
      overrides: { SECURE_REFERRER_POLICY: ' same-origin ,  origin ' },
    },
    { name: 'None is W022 territory', versions: ALL, overrides: { SECURE_REFERRER_POLICY: null } },
    {
      name: 'no SecurityMiddleware, no E023',
      versions: ALL,
      overrides: { SECURE_REFERRER_POLICY: 'bogus', MIDDLEWARE: [CSRF_MW] },
    },
  ],
  invalid: [
    {
      name: 'str: "" yields {""}',
      versions: ALL,
      overrides: { SECURE_REFERRER_POLICY: '' },
      at: 'SECURE_REFERRER_POLICY',
    },
    {
      name: 'list items are not stripped',
      versions: ALL,
      overrides: { SECURE_REFERRER_POLICY: [' same-origin'] },
      at: 'SECURE_REFERRER_POLICY',
    },
    {
      name: 'case-sensitive',
      versions: ALL,
      overrides: { SECURE_REFERRER_POLICY: 'Same-Origin' },
      at: 'SECURE_REFERRER_POLICY',
    },
  ],
});
