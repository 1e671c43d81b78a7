import { envFileAllowedHostsWildcard } from '../../../src/hardening/rules/env-file-allowed-hosts-wildcard';
import { testFileRule } from '../../helpers/rule-tester';
import { longKey, secret } from '../support/file-cases';

testFileRule(envFileAllowedHostsWildcard, {
  valid: [
    {
      name: 'subdomain syntax',
      path: '.env.production',
      content: 'DJANGO_ALLOWED_HOSTS=.example.com\n',
    },
  ],
  invalid: [
    {
      name: 'star',
      path: '.env.production',
      content: 'A=1\nDJANGO_ALLOWED_HOSTS=example.com,*\n',
      lines: [2],
    },
    { name: 'json list', path: '.env.prod', content: 'ALLOWED_HOSTS=["*"]\n', lines: [1] },
  ],
  neverPrints: [secret, longKey, '!!!SET'],
});
