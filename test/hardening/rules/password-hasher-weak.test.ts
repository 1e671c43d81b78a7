import { passwordHasherWeak } from '../../../src/hardening/rules/password-hasher-weak';
import { testSettingsRule } from '../../helpers/rule-tester';
import { AUTH_APPS } from '../support/settings-cases';

testSettingsRule(passwordHasherWeak, {
  valid: [
    { name: 'default hashers', spec: { settings: { INSTALLED_APPS: AUTH_APPS } } },
    {
      name: 'MD5 only as a legacy entry',
      spec: {
        settings: {
          INSTALLED_APPS: AUTH_APPS,
          PASSWORD_HASHERS: [
            'django.contrib.auth.hashers.PBKDF2PasswordHasher',
            'django.contrib.auth.hashers.MD5PasswordHasher',
          ],
        },
      },
    },
    {
      name: 'no auth app',
      spec: {
        settings: {
          INSTALLED_APPS: [],
          PASSWORD_HASHERS: ['django.contrib.auth.hashers.MD5PasswordHasher'],
        },
      },
    },
  ],
  invalid: [
    {
      name: 'MD5 first',
      spec: {
        settings: {
          INSTALLED_APPS: AUTH_APPS,
          PASSWORD_HASHERS: ['django.contrib.auth.hashers.MD5PasswordHasher'],
        },
      },
      findings: [{ line: 2 }],
    },
  ],
});
