import { twilioAuthToken } from '../../../src/secrets/rules/twilio-auth-token';
import { testSecretRule } from '../../helpers/rule-tester';
import { inDotenv, inSettings, seededRandom } from './scan-helpers';

testSecretRule(twilioAuthToken, {
  random: seededRandom(),
  valid: [
    {
      path: 'shop/settings.py',
      content: 'TWILIO_ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef"\n',
    },
    { path: 'shop/settings.py', content: 'TWILIO_AUTH_TOKEN = os.environ["TWILIO_AUTH_TOKEN"]\n' },
    { path: 'shop/hashes.py', content: 'MD5 = "9e107d9d372bb6826bd81d3542a419d6"\n' },
  ],
  invalid: [
    {
      kind: 'twilio-auth-token',
      runs: 40,
      places: [inSettings('TWILIO_AUTH_TOKEN'), inDotenv('TWILIO_AUTH_TOKEN')],
    },
  ],
});
