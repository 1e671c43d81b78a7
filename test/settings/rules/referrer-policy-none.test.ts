import { referrerPolicyNone } from '../../../src/settings/rules/referrer-policy-none';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { ALL } from './snapshot-builder';

testDjangoCheck(referrerPolicyNone, {
  valid: [
    {
      name: 'referrer policy "" is E023, not W022',
      versions: ALL,
      overrides: { SECURE_REFERRER_POLICY: '' },
    },
  ],
  invalid: [
    {
      name: 'referrer policy None',
      versions: ALL,
      overrides: { SECURE_REFERRER_POLICY: null },
      at: 'SECURE_REFERRER_POLICY',
    },
  ],
});
