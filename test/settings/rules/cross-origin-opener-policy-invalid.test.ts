import { crossOriginOpenerPolicyInvalid } from '../../../src/settings/rules/cross-origin-opener-policy-invalid';
import { testDjangoCheck } from '../../helpers/rule-tester';

testDjangoCheck(crossOriginOpenerPolicyInvalid, {
  valid: [
    {
      name: 'COOP None passes',
      versions: ['4.2'],
      overrides: { SECURE_CROSS_ORIGIN_OPENER_POLICY: null },
    },
    {
      name: 'COOP check does not exist in 3.2',
      versions: ['3.2'],
      overrides: { SECURE_CROSS_ORIGIN_OPENER_POLICY: 'bogus' },
    },
  ],
  invalid: [
    {
      name: 'COOP bogus',
      versions: ['4.2', '5.2'],
      overrides: { SECURE_CROSS_ORIGIN_OPENER_POLICY: 'bogus' },
      at: 'SECURE_CROSS_ORIGIN_OPENER_POLICY',
    },
    {
      name: 'COOP "" fails',
      versions: ['4.2'],
      overrides: { SECURE_CROSS_ORIGIN_OPENER_POLICY: '' },
      at: 'SECURE_CROSS_ORIGIN_OPENER_POLICY',
    },
  ],
});
