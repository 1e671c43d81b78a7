import { allowedHostsWildcard } from '../../../src/hardening/rules/allowed-hosts-wildcard';
import { testSettingsRule } from '../../helpers/rule-tester';

testSettingsRule(allowedHostsWildcard, {
  valid: [
    {
      name: 'exact hosts',
      spec: { settings: { ALLOWED_HOSTS: ['example.com', '.example.com'] } },
    },
    { name: 'unset (W020 territory)', spec: {} },
  ],
  invalid: [
    {
      name: "'*' in list",
      spec: { settings: { DEBUG: false, ALLOWED_HOSTS: ['example.com', '*'] } },
      findings: [{ line: 2 }],
    },
    {
      name: 'bare str iterated per char',
      spec: { settings: { ALLOWED_HOSTS: { value: '*', line: 7, envVar: 'HOSTS' } } },
      findings: [{ line: 7, envVar: 'HOSTS' }],
    },
    {
      name: 'unknown env list',
      spec: {
        settings: {
          ALLOWED_HOSTS: { value: { $unknown: 'env unset', envVar: 'HOSTS' }, line: 3 },
        },
      },
      findings: [{ line: 3, undecided: true, severity: 'info' }],
    },
  ],
});
