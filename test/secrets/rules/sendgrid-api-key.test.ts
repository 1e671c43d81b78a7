import { sendgridApiKey } from '../../../src/secrets/rules/sendgrid-api-key';
import { testSecretRule } from '../../helpers/rule-tester';
import { inSettings, inYaml, seededRandom } from './scan-helpers';

testSecretRule(sendgridApiKey, {
  random: seededRandom(),
  valid: [
    {
      path: 'shop/settings.py',
      content:
        'SENDGRID_API_KEY = "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n',
    },
    { path: 'shop/emails.py', content: 'msg.add_header("x")\n' },
  ],
  invalid: [
    {
      kind: 'sendgrid-api-key',
      runs: 40,
      places: [inSettings('SENDGRID_API_KEY'), inYaml('SENDGRID_API_KEY')],
    },
  ],
});
