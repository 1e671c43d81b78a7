import { secretKeyLiteral } from '../../../src/hardening/rules/secret-key-literal';
import { testSettingsRule } from '../../helpers/rule-tester';
import { key } from '../support/settings-cases';

testSettingsRule(secretKeyLiteral, {
  valid: [
    {
      name: 'from env',
      spec: { settings: { SECRET_KEY: { value: key, envVar: 'DJANGO_SECRET_KEY' } } },
    },
    {
      name: 'generated at start',
      spec: {
        settings: { SECRET_KEY: { value: key, line: 2 } },
        files: {
          'project/settings.py':
            'from django.core.management.utils import get_random_secret_key\nSECRET_KEY = get_random_secret_key()\n',
        },
      },
    },
    { name: 'placeholder is DDG208', spec: { settings: { SECRET_KEY: 'change-me' } } },
    { name: 'unknown', spec: { settings: { SECRET_KEY: { $unknown: 'file read' } } } },
  ],
  invalid: [
    {
      name: 'literal strong key',
      spec: { settings: { DEBUG: false, SECRET_KEY: key } },
      findings: [{ line: 2, severity: 'critical' }],
    },
  ],
});
