import { hashingAlgorithmInvalid } from '../../../src/settings/rules/hashing-algorithm-invalid';
import { testDjangoCheck } from '../../helpers/rule-tester';

testDjangoCheck(hashingAlgorithmInvalid, {
  valid: [
    {
      name: 'sha1 is allowed',
      versions: ['3.2'],
      overrides: { DEFAULT_HASHING_ALGORITHM: 'sha1' },
    },
    { name: 'removed in 4.0', versions: ['4.2'], overrides: { DEFAULT_HASHING_ALGORITHM: 'md5' } },
  ],
  invalid: [
    {
      name: 'md5',
      versions: ['3.2'],
      overrides: { DEFAULT_HASHING_ALGORITHM: 'md5' },
      at: 'DEFAULT_HASHING_ALGORITHM',
    },
  ],
});
