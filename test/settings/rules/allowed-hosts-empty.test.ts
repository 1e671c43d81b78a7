import { allowedHostsEmpty } from '../../../src/settings/rules/allowed-hosts-empty';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { ALL } from './snapshot-builder';

testDjangoCheck(allowedHostsEmpty, {
  valid: [
    { name: "['*'] passes W020", versions: ALL, overrides: { ALLOWED_HOSTS: ['*'] } },
    { name: "[''] passes W020", versions: ALL, overrides: { ALLOWED_HOSTS: [''] } },
  ],
  invalid: [
    {
      name: 'ALLOWED_HOSTS []',
      versions: ALL,
      overrides: { ALLOWED_HOSTS: [] },
      at: 'ALLOWED_HOSTS',
    },
  ],
});
