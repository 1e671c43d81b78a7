import { hstsPreloadNotSet } from '../../../src/settings/rules/hsts-preload-not-set';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { ALL } from './snapshot-builder';

testDjangoCheck(hstsPreloadNotSet, {
  valid: [],
  invalid: [
    {
      name: 'preload off',
      versions: ALL,
      overrides: { SECURE_HSTS_PRELOAD: false },
      at: 'SECURE_HSTS_PRELOAD',
    },
  ],
});
