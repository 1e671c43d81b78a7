import { secretKeyWeak } from '../../../src/settings/rules/secret-key-weak';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { STRONG_KEY, ALL } from './snapshot-builder';

testDjangoCheck(secretKeyWeak, {
  valid: [
    {
      name: 'key of 50 chars, 5 unique',
      versions: ALL,
      overrides: { SECRET_KEY: 'abcde'.repeat(10) },
    },
    {
      name: '50 astral code points pass',
      versions: ALL,
      overrides: {
        SECRET_KEY: Array.from({ length: 50 }, (_, i) => String.fromCodePoint(0x1f600 + i)).join(
          '',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'key of 49 chars',
      versions: ALL,
      overrides: { SECRET_KEY: 'abcdefg'.repeat(7) },
      at: 'SECRET_KEY',
    },
    {
      name: 'key of 50 chars, 4 unique',
      versions: ALL,
      overrides: { SECRET_KEY: 'abcd'.repeat(12) + 'ab' },
      at: 'SECRET_KEY',
    },
    {
      name: 'insecure prefix',
      versions: ALL,
      overrides: { SECRET_KEY: `django-insecure-${STRONG_KEY}` },
      at: 'SECRET_KEY',
    },
    { name: 'key unset', versions: ALL, overrides: { SECRET_KEY: undefined }, at: '<unset>' },
    { name: 'key None', versions: ALL, overrides: { SECRET_KEY: null }, at: 'SECRET_KEY' },
    // 30 astral characters are 60 UTF-16 units but 30 code points: too short for Django.
    {
      name: 'length in code points, not UTF-16 units',
      versions: ALL,
      overrides: {
        SECRET_KEY: Array.from({ length: 30 }, (_, i) => String.fromCodePoint(0x1f600 + i)).join(
          '',
        ),
      },
      at: 'SECRET_KEY',
    },
  ],
});
