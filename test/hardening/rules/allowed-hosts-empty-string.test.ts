import { allowedHostsEmptyString } from '../../../src/hardening/rules/allowed-hosts-empty-string';
import { testSettingsRule } from '../../helpers/rule-tester';

testSettingsRule(allowedHostsEmptyString, {
  valid: [
    { name: 'real host', spec: { settings: { ALLOWED_HOSTS: ['example.com'] } } },
    { name: 'empty list is W020', spec: { settings: { ALLOWED_HOSTS: [] } } },
    {
      name: 'one real host and an empty item',
      spec: { settings: { ALLOWED_HOSTS: ['example.com', ''] } },
    },
  ],
  invalid: [
    {
      name: "''.split(',')",
      spec: {
        settings: {
          ALLOWED_HOSTS: {
            value: [''],
            line: 4,
            envVar: 'ALLOWED_HOSTS',
            usedDefault: true,
            defaultText: "''",
          },
        },
      },
      findings: [{ line: 4, envVar: 'ALLOWED_HOSTS' }],
    },
  ],
});
