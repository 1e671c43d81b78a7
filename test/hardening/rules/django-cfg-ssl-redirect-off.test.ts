import { djangoCfgSslRedirectOff } from '../../../src/hardening/rules/django-cfg-ssl-redirect-off';
import { testFileRule } from '../../helpers/rule-tester';
import { longKey, secret } from '../support/file-cases';

testFileRule(djangoCfgSslRedirectOff, {
  valid: [
    {
      name: 'true',
      path: 'config.yaml',
      content: 'project_name: x\nssl_redirect: true\n',
    },
    {
      name: 'off with proxy note',
      path: 'config.yaml',
      content: 'project_name: x\n# nginx proxy terminates TLS and redirects\nssl_redirect: null\n',
    },
  ],
  invalid: [
    {
      name: 'absent',
      path: 'config.yaml',
      content: 'project_name: x\nsecurity_domains: [a.com]\n',
      lines: [1],
    },
    {
      name: 'false',
      path: 'config.yaml',
      content: 'project_name: x\nssl_redirect: false\n',
      lines: [2],
    },
  ],
  neverPrints: [secret, longKey, '!!!SET'],
});
