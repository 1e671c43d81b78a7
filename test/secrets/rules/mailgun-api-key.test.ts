import { mailgunApiKey } from '../../../src/secrets/rules/mailgun-api-key';
import { testSecretRule } from '../../helpers/rule-tester';
import { inDotenv, inSettings, seededRandom } from './scan-helpers';

testSecretRule(mailgunApiKey, {
  random: seededRandom(),
  valid: [
    {
      path: 'shop/settings.py',
      content: 'MAILGUN_API_KEY = "key-00000000000000000000000000000000"\n',
    },
    {
      path: 'shop/ids.py',
      content: 'UUIDISH = "0123456789abcdef0123456789abcdef-01234567-89abcdef"\n',
    },
  ],
  invalid: [
    {
      kind: 'mailgun-api-key',
      runs: 40,
      places: [inSettings('MAILGUN_KEY'), inDotenv('MAILGUN_API_KEY')],
    },
  ],
});
