import { allowedHostsRegex } from '../../../src/hardening/rules/allowed-hosts-regex';
import { testSettingsRule } from '../../helpers/rule-tester';

testSettingsRule(allowedHostsRegex, {
  valid: [
    {
      name: 'leading dot is Django syntax',
      spec: { settings: { ALLOWED_HOSTS: ['.example.com', 'example.com', '10.0.0.5'] } },
    },
    { name: 'lone wildcard is DDG201', spec: { settings: { ALLOWED_HOSTS: ['*'] } } },
  ],
  invalid: [
    {
      name: 'glob',
      spec: { settings: { ALLOWED_HOSTS: ['*.example.com'] } },
      findings: [{ line: 1 }],
    },
    {
      name: 'regex',
      spec: { settings: { X: 1, ALLOWED_HOSTS: ['example.com', '^10\\.0\\.\\d+\\.\\d+$'] } },
      findings: [{ line: 2 }],
    },
  ],
});
