import { djangoCfgSecretKeyLiteral } from '../../../src/hardening/rules/django-cfg-secret-key-literal';
import { testFileRule } from '../../helpers/rule-tester';
import { longKey, secret } from '../support/file-cases';

testFileRule(djangoCfgSecretKeyLiteral, {
  valid: [
    {
      name: 'env reference',
      path: 'config.yaml',
      content: 'project_name: x\nsecret_key: "${DJANGO_SECRET_KEY}"\n',
    },
  ],
  invalid: [
    {
      name: 'placeholder',
      path: 'config.yaml',
      content: 'project_name: x\nsecret_key: change-me\n',
      lines: [2],
    },
    {
      name: 'short',
      path: 'config.yaml',
      content: `project_name: x\nsecret_key: "${secret}"\n`,
      lines: [2],
    },
    {
      name: 'long literal',
      path: 'config.yaml',
      content: `project_name: x\nsecret_key: '${longKey}'\n`,
      lines: [2],
    },
    {
      name: 'python literal',
      path: 'settings/production_config.py',
      content: `class C(DjangoConfig):\n    secret_key: str = "${longKey}"\n`,
      lines: [2],
    },
  ],
  neverPrints: [secret, longKey, '!!!SET'],
});
