import { passwordValidatorsWeak } from '../../../src/hardening/rules/password-validators-weak';
import { testSettingsRule } from '../../helpers/rule-tester';
import { AUTH_APPS, STRONG_VALIDATORS } from '../support/settings-cases';

testSettingsRule(passwordValidatorsWeak, {
  valid: [
    {
      name: 'min_length 12',
      spec: {
        settings: { INSTALLED_APPS: AUTH_APPS, AUTH_PASSWORD_VALIDATORS: STRONG_VALIDATORS },
      },
    },
    {
      name: 'no django.contrib.auth: no passwords',
      spec: { settings: { INSTALLED_APPS: ['django.contrib.sessions'] } },
    },
  ],
  invalid: [
    { name: 'unset', spec: { settings: { INSTALLED_APPS: AUTH_APPS } }, findings: [{ line: 1 }] },
    {
      name: 'empty',
      spec: { settings: { INSTALLED_APPS: AUTH_APPS, AUTH_PASSWORD_VALIDATORS: [] } },
      findings: [{ line: 2 }],
    },
    {
      name: 'no minimum length',
      spec: {
        settings: {
          INSTALLED_APPS: ['django.contrib.auth.apps.AuthConfig'],
          AUTH_PASSWORD_VALIDATORS: [
            { NAME: 'django.contrib.auth.password_validation.CommonPasswordValidator' },
          ],
        },
      },
      findings: [{ line: 2 }],
    },
    {
      name: 'default min_length 8',
      spec: {
        settings: {
          INSTALLED_APPS: AUTH_APPS,
          AUTH_PASSWORD_VALIDATORS: [
            { NAME: 'django.contrib.auth.password_validation.MinimumLengthValidator' },
          ],
        },
      },
      findings: [{ line: 2 }],
    },
    {
      name: 'min_length 10',
      spec: {
        settings: {
          INSTALLED_APPS: AUTH_APPS,
          AUTH_PASSWORD_VALIDATORS: [
            {
              NAME: 'django.contrib.auth.password_validation.MinimumLengthValidator',
              OPTIONS: { min_length: 10 },
            },
          ],
        },
      },
      findings: [{ line: 2 }],
    },
    {
      name: 'apps unknown',
      spec: { settings: { INSTALLED_APPS: { value: { $unknown: 'computed' }, line: 3 } } },
      findings: [{ line: 3, undecided: true, severity: 'info' }],
    },
  ],
});
