import { djangoCfgDebugTrue } from '../../../src/hardening/rules/django-cfg-debug-true';
import { testFileRule } from '../../helpers/rule-tester';
import { longKey, secret } from '../support/file-cases';

testFileRule(djangoCfgDebugTrue, {
  valid: [
    {
      name: 'development environment',
      path: 'config.yaml',
      content: 'project_name: x\nenvironment: development\ndebug: true\n',
    },
    {
      name: 'unrelated config.yaml',
      path: 'config.yaml',
      content: 'debug: true\nlog_level: info\n',
    },
    {
      name: 'python debug from env',
      path: 'api/config.py',
      content: 'class ShopConfig(DjangoConfig):\n    debug: bool = env.debug\n',
    },
    {
      name: 'python without env_mode is switched by DJANGO_ENV at start-up',
      path: 'api/config.py',
      content: 'class C(DjangoConfig):\n    debug: bool = True\n',
    },
    {
      name: 'python env_mode computed',
      path: 'api/config.py',
      content: 'config = DjangoConfig(\n    env_mode=env.mode,\n    debug=True,\n)\n',
    },
  ],
  invalid: [
    {
      name: 'debug in prod yaml',
      path: 'deploy/config.prod.yaml',
      content: 'project_name: x\ndebug: true\nsecurity_domains: [a.com]\n',
      lines: [2],
    },
    {
      name: 'plain config.yaml defaults to production',
      path: 'config.yaml',
      content: 'project_name: x\nsecret_key: "${K}"\ndebug: true\n',
      lines: [3],
    },
    {
      name: 'quoted "True" is coerced like pydantic does',
      path: 'config.prod.yaml',
      content: 'project_name: x\ndebug: "True"\n',
      lines: [2],
    },
    {
      name: 'python DjangoConfig subclass',
      path: 'api/config.py',
      content:
        'from django_cfg import DjangoConfig\n\nclass ShopConfig(DjangoConfig):\n    env_mode: EnvironmentMode = EnvironmentMode.PRODUCTION\n    debug: bool = True\n',
      lines: [5],
    },
  ],
  neverPrints: [secret, longKey, '!!!SET'],
});
