import { envFilePlaceholderSecretKey } from '../../../src/hardening/rules/env-file-placeholder-secret-key';
import { testFileRule } from '../../helpers/rule-tester';
import { longKey, secret } from '../support/file-cases';

testFileRule(envFilePlaceholderSecretKey, {
  valid: [
    {
      name: 'real key is DDG102s job',
      path: '.env.production',
      content: `DJANGO_SECRET_KEY=${longKey}\n`,
    },
  ],
  invalid: [
    {
      name: 'cookiecutter placeholder',
      path: '.envs/.production/.django',
      content: 'DJANGO_SECRET_KEY=!!!SET DJANGO_SECRET_KEY!!!\n',
      lines: [1],
    },
    {
      // cookiecutter-django itself: the template's placeholder is what its generator replaces.
      name: 'in a project template directory: low, and says so',
      path: '{{cookiecutter.project_slug}}/.envs/.production/.django',
      content: 'DJANGO_SECRET_KEY=!!!SET DJANGO_SECRET_KEY!!!\n',
      lines: [1],
      severities: ['low'],
    },
  ],
  neverPrints: [secret, longKey, '!!!SET'],
});
