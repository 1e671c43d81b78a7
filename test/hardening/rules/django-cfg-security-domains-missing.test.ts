import { djangoCfgSecurityDomainsMissing } from '../../../src/hardening/rules/django-cfg-security-domains-missing';
import { testFileRule } from '../../helpers/rule-tester';
import { longKey, secret } from '../support/file-cases';

testFileRule(djangoCfgSecurityDomainsMissing, {
  valid: [
    {
      name: 'present',
      path: 'config.yaml',
      content: 'project_name: x\nsecurity_domains:\n  - a.com\n',
    },
    {
      name: 'python computed',
      path: 'config.py',
      content:
        'config = DjangoConfig(\n    project_name="x",\n    security_domains=env.domains,\n)\n',
    },
  ],
  invalid: [
    {
      name: 'missing',
      path: 'config.yaml',
      content: 'project_name: x\ndebug: false\n',
      lines: [1],
    },
    {
      name: 'empty list',
      path: 'config.production.yml',
      content: 'project_name: x\nsecurity_domains: []\n',
      lines: [2],
    },
    {
      name: 'python missing',
      path: 'config_prod.py',
      content: 'config = DjangoConfig(\n    project_name="x",\n    debug=False,\n)\n',
      lines: [1],
    },
  ],
  neverPrints: [secret, longKey, '!!!SET'],
});
