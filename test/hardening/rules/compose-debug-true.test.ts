import { composeDebugTrue } from '../../../src/hardening/rules/compose-debug-true';
import { testFileRule } from '../../helpers/rule-tester';
import { longKey, secret } from '../support/file-cases';

testFileRule(composeDebugTrue, {
  valid: [
    {
      name: 'local compose',
      path: 'docker-compose.yml',
      content: 'services:\n  web:\n    environment:\n      DEBUG: "True"\n',
    },
    {
      name: 'pass-through key',
      path: 'docker-compose.prod.yml',
      content: 'services:\n  web:\n    environment:\n      - DEBUG\n',
    },
  ],
  invalid: [
    {
      name: 'prod by name',
      path: 'docker-compose.prod.yml',
      content: 'services:\n  web:\n    environment:\n      - DJANGO_DEBUG=True\n',
      lines: [4],
    },
    {
      name: 'prod by settings module',
      path: 'compose.yaml',
      content:
        'services:\n  web:\n    environment:\n      DJANGO_SETTINGS_MODULE: config.settings.production\n      DEBUG: "true"\n',
      lines: [5],
    },
  ],
  neverPrints: [secret, longKey, '!!!SET'],
});
