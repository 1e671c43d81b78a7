import { openaiApiKey } from '../../../src/secrets/rules/openai-api-key';
import { testSecretRule } from '../../helpers/rule-tester';
import { inDotenv, inSettings, seededRandom } from './scan-helpers';

testSecretRule(openaiApiKey, {
  random: seededRandom(),
  valid: [
    { path: 'shop/settings.py', content: 'OPENAI_API_KEY = "sk-..."\n' },
    { path: 'shop/settings.py', content: 'STRIPE = "sk-test-but-not-openai-0123456789abcdef"\n' },
  ],
  invalid: [
    {
      kind: 'openai-api-key',
      runs: 40,
      places: [inSettings('OPENAI_API_KEY'), inDotenv('OPENAI_API_KEY')],
    },
  ],
});
