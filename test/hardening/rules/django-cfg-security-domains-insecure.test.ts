import { djangoCfgSecurityDomainsInsecure } from '../../../src/hardening/rules/django-cfg-security-domains-insecure';
import { testFileRule } from '../../helpers/rule-tester';
import { longKey, secret } from '../support/file-cases';

testFileRule(djangoCfgSecurityDomainsInsecure, {
  valid: [
    {
      name: 'clean',
      path: 'config.prod.yaml',
      content: 'project_name: x\nsecurity_domains:\n  - a.com\n  - https://api.a.com:8443\n',
    },
    {
      name: 'dev config may use localhost',
      path: 'config.yaml',
      content: 'project_name: x\nenv_mode: development\nsecurity_domains: [localhost]\n',
    },
  ],
  invalid: [
    {
      name: 'wildcard, http and localhost',
      path: 'config.prod.yaml',
      content:
        'project_name: x\nsecurity_domains:\n  - a.com\n  - "*"\n  - http://b.com\n  - localhost\n',
      lines: [4, 5, 6],
      severities: ['high', 'medium', 'medium'],
    },
    {
      name: 'python list',
      path: 'api/config_prod.py',
      content:
        'class C(DjangoConfig):\n    security_domains: list[str] = [\n        "a.com",\n        "http://b.com",\n    ]\n',
      lines: [4],
    },
  ],
  neverPrints: [secret, longKey, '!!!SET'],
});
