import { envFileSslRedirectOff } from '../../../src/hardening/rules/env-file-ssl-redirect-off';
import { testFileRule } from '../../helpers/rule-tester';
import { longKey, secret } from '../support/file-cases';

testFileRule(envFileSslRedirectOff, {
  valid: [
    {
      name: 'on',
      path: '.env.production',
      content: 'DJANGO_SECURE_SSL_REDIRECT=True\n',
    },
  ],
  invalid: [
    {
      name: 'cookiecutter default',
      path: '.envs/.production/.django',
      content: 'DJANGO_SECURE_SSL_REDIRECT=False\n',
      lines: [1],
    },
  ],
  neverPrints: [secret, longKey, '!!!SET'],
});
