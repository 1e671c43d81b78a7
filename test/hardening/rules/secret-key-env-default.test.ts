import { secretKeyEnvDefault } from '../../../src/hardening/rules/secret-key-env-default';
import { testSettingsRule } from '../../helpers/rule-tester';
import { key, oldKey } from '../support/settings-cases';

testSettingsRule(secretKeyEnvDefault, {
  valid: [
    {
      name: 'required env',
      spec: {
        settings: { SECRET_KEY: { value: key, envVar: 'K' } },
        envReads: [{ name: 'K', file: 'project/settings.py', line: 1, isSet: true }],
      },
    },
    {
      name: 'empty default fails closed',
      spec: {
        settings: { SECRET_KEY: { value: key, envVar: 'K' } },
        envReads: [
          { name: 'K', file: 'project/settings.py', line: 1, isSet: true, defaultText: "''" },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'literal default, env set',
      spec: {
        settings: { SECRET_KEY: { value: key, line: 3, envVar: 'K' } },
        envReads: [
          {
            name: 'K',
            file: 'project/settings.py',
            line: 3,
            isSet: true,
            defaultText: `'${oldKey}'`,
          },
        ],
      },
      findings: [{ line: 3, envVar: 'K', severity: 'high' }],
    },
    {
      name: 'literal default in use',
      spec: {
        settings: {
          SECRET_KEY: {
            value: oldKey,
            line: 3,
            envVar: 'K',
            usedDefault: true,
            defaultText: `"${oldKey}"`,
          },
        },
        envReads: [
          {
            name: 'K',
            file: 'project/settings.py',
            line: 3,
            isSet: false,
            defaultText: `"${oldKey}"`,
          },
        ],
      },
      findings: [{ line: 3, envVar: 'K', severity: 'critical' }],
    },
  ],
});
