import { composePlaintextSecret } from '../../../src/hardening/rules/compose-plaintext-secret';
import { testFileRule } from '../../helpers/rule-tester';
import { longKey, secret } from '../support/file-cases';

testFileRule(composePlaintextSecret, {
  valid: [
    {
      name: 'dev defaults stay quiet',
      path: 'docker-compose.yml',
      content:
        'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: postgres\n      DATABASE_URL: postgres://postgres:postgres@db/app\n',
    },
    { name: 'broken yaml', path: 'compose.yaml', content: 'services: [\n  : :\n' },
  ],
  invalid: [
    {
      name: 'mapping and list forms',
      path: 'docker-compose.prod.yml',
      // A current Sentry DSN holds only the public key (meant to be public): not a secret.
      content: `services:\n  web:\n    environment:\n      DJANGO_SECRET_KEY: "${longKey}"\n      DJANGO_SECRET_KEY_FILE: /run/secrets/key\n      API_TOKEN: \${API_TOKEN}\n  worker:\n    environment:\n      - SENTRY_DSN=https://${secret}@o1.ingest.example.io/2\n      - DATABASE_URL=postgres://app:${secret}@db/app\n      - PASSWORD_RESET_TIMEOUT=3600\n      - PAYMENT_PROVIDER_KEY=${secret}\n`,
      lines: [12],
      severities: ['medium'],
    },
    {
      name: 'local compose, real-looking value',
      path: 'docker-compose.yml',
      content: `services:\n  web:\n    environment:\n      STRIPE_KEY: ${secret}\n`,
      lines: [4],
      severities: ['low'],
    },
  ],
  neverPrints: [secret, longKey, '!!!SET'],
});
