import { hstsSubdomainsNotIncluded } from '../../../src/settings/rules/hsts-subdomains-not-included';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { ALL } from './snapshot-builder';

testDjangoCheck(hstsSubdomainsNotIncluded, {
  valid: [
    {
      name: 'HSTS off: no W005',
      versions: ALL,
      overrides: { SECURE_HSTS_SECONDS: 0, SECURE_HSTS_INCLUDE_SUBDOMAINS: false },
    },
  ],
  invalid: [
    {
      name: 'subdomains 1 is not True',
      versions: ALL,
      overrides: { SECURE_HSTS_INCLUDE_SUBDOMAINS: 1 },
      at: 'SECURE_HSTS_INCLUDE_SUBDOMAINS',
    },
  ],
});
