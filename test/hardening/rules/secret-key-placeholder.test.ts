import { secretKeyPlaceholder } from '../../../src/hardening/rules/secret-key-placeholder';
import { testSettingsRule } from '../../helpers/rule-tester';
import { key } from '../support/settings-cases';

testSettingsRule(secretKeyPlaceholder, {
  valid: [{ name: 'real key', spec: { settings: { SECRET_KEY: { value: key, envVar: 'K' } } } }],
  invalid: [
    {
      name: 'cookiecutter placeholder via env default',
      spec: {
        settings: {
          SECRET_KEY: {
            value: '!!!SET DJANGO_SECRET_KEY!!!',
            line: 2,
            envVar: 'DJANGO_SECRET_KEY',
            usedDefault: true,
          },
        },
      },
      findings: [{ line: 2, envVar: 'DJANGO_SECRET_KEY' }],
    },
    {
      name: 'django-cfg sample key',
      spec: {
        settings: { SECRET_KEY: 'django-secret-key-change-in-production-at-least-32-chars' },
      },
      findings: [{ line: 1 }],
    },
    {
      name: 'your-secret-key…',
      spec: { settings: { SECRET_KEY: 'your-secret-key-here' } },
      findings: [{ line: 1 }],
    },
  ],
});
