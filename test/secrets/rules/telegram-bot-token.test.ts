import { telegramBotToken } from '../../../src/secrets/rules/telegram-bot-token';
import { testSecretRule } from '../../helpers/rule-tester';
import { inDotenv, inSettings, seededRandom } from './scan-helpers';

testSecretRule(telegramBotToken, {
  random: seededRandom(),
  valid: [
    {
      path: 'shop/settings.py',
      content: 'TELEGRAM_TOKEN = "123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"\n',
    },
    { path: 'shop/settings.py', content: 'TIME = "12345678:AB"\n' },
  ],
  invalid: [
    {
      kind: 'telegram-bot-token',
      runs: 40,
      places: [inSettings('TELEGRAM_TOKEN'), inDotenv('BOT_TOKEN')],
    },
  ],
});
