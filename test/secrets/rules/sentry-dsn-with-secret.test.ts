import { sentryDsnWithSecret } from '../../../src/secrets/rules/sentry-dsn-with-secret';
import { testSecretRule } from '../../helpers/rule-tester';
import { inDotenv, inSettings, seededRandom } from './scan-helpers';

testSecretRule(sentryDsnWithSecret, {
  random: seededRandom(),
  valid: [
    {
      name: 'a DSN with only the public key',
      path: 'shop/settings.py',
      content: 'SENTRY_DSN = "https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/1"\n',
    },
    { path: 'shop/settings.py', content: 'SENTRY_DSN = os.environ.get("SENTRY_DSN")\n' },
  ],
  invalid: [
    {
      kind: 'sentry-dsn-secret',
      runs: 40,
      // The finding carries the DSN's secret key, not the whole DSN.
      secretOf: (dsn) => /:([0-9a-f]{32})@/.exec(dsn)?.[1] ?? '',
      places: [inSettings('SENTRY_DSN'), inDotenv('SENTRY_DSN')],
    },
  ],
});
