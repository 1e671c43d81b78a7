import { envFileDebugTrue } from '../../../src/hardening/rules/env-file-debug-true';
import { testFileRule } from '../../helpers/rule-tester';
import { longKey, secret } from '../support/file-cases';

testFileRule(envFileDebugTrue, {
  valid: [
    { name: 'off', path: '.env.prod', content: 'DEBUG=False\n' },
    { name: 'not a production file', path: '.env', content: 'DEBUG=True\n' },
    {
      name: 'local env dir',
      path: '.envs/.local/.django',
      content: 'DJANGO_DEBUG=True\n',
    },
  ],
  invalid: [
    {
      name: 'cookiecutter prod env',
      path: '.envs/.production/.django',
      content: '# General\nDJANGO_DEBUG=True\n',
      lines: [2],
    },
    {
      name: 'export and quotes',
      path: '.env.production',
      content: 'export DEBUG="1"\n',
      lines: [1],
    },
  ],
  neverPrints: [secret, longKey, '!!!SET'],
});
