import { secretKeyFallbackWeak } from '../../../src/settings/rules/secret-key-fallback-weak';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { FROM_41, STRONG_KEY } from './snapshot-builder';

testDjangoCheck(secretKeyFallbackWeak, {
  valid: [
    {
      name: 'fallbacks check does not exist in 3.2',
      versions: ['3.2'],
      overrides: { SECRET_KEY_FALLBACKS: ['short'] },
    },
    {
      name: 'strong fallbacks pass',
      versions: ['5.2'],
      overrides: { SECRET_KEY_FALLBACKS: [STRONG_KEY] },
    },
  ],
  invalid: [
    {
      name: 'a short fallback',
      versions: FROM_41,
      overrides: { SECRET_KEY_FALLBACKS: [STRONG_KEY, 'short'] },
      at: 'SECRET_KEY_FALLBACKS',
    },
  ],
});
