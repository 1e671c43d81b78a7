import { sentryAuthToken } from '../../../src/secrets/rules/sentry-auth-token';
import { testSecretRule } from '../../helpers/rule-tester';
import { inDotenv, inYaml, seededRandom } from './scan-helpers';

testSecretRule(sentryAuthToken, {
  random: seededRandom(),
  valid: [
    {
      path: 'shop/hashes.py',
      content: 'SHA256 = "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"\n',
    },
  ],
  invalid: [
    {
      kind: 'sentry-auth-token',
      runs: 40,
      places: [inDotenv('SENTRY_AUTH_TOKEN'), inYaml('token')],
    },
  ],
});
