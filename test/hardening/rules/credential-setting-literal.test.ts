import { credentialSettingLiteral } from '../../../src/hardening/rules/credential-setting-literal';
import { testSettingsRule } from '../../helpers/rule-tester';
import { password } from '../support/settings-cases';

testSettingsRule(credentialSettingLiteral, {
  valid: [
    {
      name: 'required env read',
      spec: {
        settings: {
          EMAIL_HOST_PASSWORD: { value: { $unknown: 'unset', envVar: 'E' }, envVar: 'E' },
        },
        envReads: [{ name: 'E', file: 'project/settings.py', line: 1, isSet: false }],
      },
    },
    {
      name: 'env value, no default',
      spec: {
        settings: { EMAIL_HOST_PASSWORD: { value: password, envVar: 'E' } },
        envReads: [{ name: 'E', file: 'project/settings.py', line: 1, isSet: true }],
      },
    },
    {
      name: 'placeholder literal',
      spec: {
        settings: { EMAIL_HOST_PASSWORD: 'change-me' },
        files: { 'project/settings.py': "EMAIL_HOST_PASSWORD = 'change-me'\n" },
      },
    },
    {
      name: 'a nested value the environment supplied (not in the source)',
      spec: {
        settings: { DATABASES: { default: { PASSWORD: password } } },
        envReads: [{ name: 'P', file: 'project/settings.py', line: 1, isSet: true }],
        files: { 'project/settings.py': "DATABASES = {'default': {'PASSWORD': env('P')}}\n" },
      },
    },
    {
      name: 'public and configuration names',
      spec: {
        settings: { STRIPE_PUBLIC_KEY: password, PASSWORD_RESET_TIMEOUT: 3600 },
        files: { 'project/settings.py': `STRIPE_PUBLIC_KEY = '${password}'\n` },
      },
    },
  ],
  invalid: [
    {
      name: 'literal password',
      spec: {
        settings: { DEBUG: false, EMAIL_HOST_PASSWORD: password },
        files: { 'project/settings.py': `DEBUG = False\nEMAIL_HOST_PASSWORD = '${password}'\n` },
      },
      findings: [{ line: 2, severity: 'high' }],
    },
    {
      name: 'env default in effect',
      spec: {
        settings: {
          EMAIL_HOST_PASSWORD: {
            value: password,
            line: 4,
            envVar: 'E',
            usedDefault: true,
            defaultText: `'${password}'`,
          },
        },
        envReads: [
          {
            name: 'E',
            file: 'project/settings.py',
            line: 4,
            isSet: false,
            defaultText: `'${password}'`,
          },
        ],
      },
      findings: [{ line: 4, severity: 'high' }],
    },
    {
      name: 'env default the production environment overrides',
      spec: {
        settings: { EMAIL_HOST_PASSWORD: { value: 'from-the-env', line: 3, envVar: 'E' } },
        envReads: [
          {
            name: 'E',
            file: 'project/settings.py',
            line: 3,
            isSet: true,
            defaultText: `'${password}'`,
          },
        ],
      },
      findings: [{ line: 3, severity: 'medium' }],
    },
    {
      name: 'nested database password, default credential beside it',
      spec: {
        settings: {
          DATABASES: {
            default: { NAME: 'shop', USER: 'shop', PASSWORD: password },
            replica: { NAME: 'shop', USER: 'reader', PASSWORD: 'shop' },
          },
        },
        files: {
          'project/settings.py': `DATABASES = {'default': {'PASSWORD': '${password}'}, 'replica': {'PASSWORD': 'shop'}}\n`,
        },
      },
      findings: [
        { line: 1, severity: 'high' },
        { line: 1, severity: 'low' },
      ],
    },
    {
      name: 'cache URL with a password, in test settings',
      spec: {
        settings: {
          CACHES: {
            value: { default: { LOCATION: `redis://:${password}@cache.internal:6379/0` } },
            file: 'project/settings/test.py',
            line: 5,
          },
        },
        files: {
          'project/settings/test.py': `CACHES = {'default': {'LOCATION': 'redis://:${password}@cache.internal:6379/0'}}\n`,
        },
      },
      findings: [{ line: 5, severity: 'low' }],
    },
  ],
});
