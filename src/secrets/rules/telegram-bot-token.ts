import { defineSecretRule, LINE_SCOPE, type TextFile } from '../rule';
import { detectTokenFormats, type TokenFormat } from '../token-formats';

/**
 * `<bot id>:<35 characters>`; the secret part of every token issued since 2015 starts with `AA`
 * (https://core.telegram.org/bots/api#authorizing-your-bot).
 */
export const TELEGRAM_BOT_TOKEN_PATTERN =
  /(?<![A-Za-z0-9_:-])\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g;

const FORMATS: readonly TokenFormat[] = [
  { pattern: TELEGRAM_BOT_TOKEN_PATTERN, minUnique: 12, describe: () => 'Telegram bot token' },
];

export function detectTelegramBotTokens(file: TextFile) {
  return detectTokenFormats(file, FORMATS);
}

export const telegramBotToken = defineSecretRule({
  id: 'DDG111',
  name: 'telegram-bot-token',
  severity: 'high',
  fix: 'Revoke the token with @BotFather (/revoke), and read the new one from the environment.',
  keywords: [':aa'],
  detect: detectTelegramBotTokens,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'A Telegram bot token is committed.',
    whatItDoes:
      'Finds Telegram Bot API tokens: a numeric bot id of 8 to 10 digits, `:`, then 35 ' +
      'characters starting with `AA`, in any file (notification settings, logging handlers, ' +
      'scripts). In tests, fixtures and commented-out lines a hit is at most `low`.',
    whyBad:
      'The token is the bot: whoever has it reads every message sent to the bot, posts as it in ' +
      'every chat it belongs to (alerts channels, customer groups) and can change its webhook to ' +
      'intercept updates. It stays valid until it is revoked.',
    badExample: {
      file: 'alerts/settings.py',
      content: ['TELEGRAM_BOT_TOKEN = "{{secret:telegram-bot-token}}"', ''].join('\n'),
    },
    goodExample: {
      file: 'alerts/settings.py',
      content: ['import os', '', 'TELEGRAM_BOT_TOKEN = os.environ["TELEGRAM_BOT_TOKEN"]', ''].join(
        '\n',
      ),
    },
    useInstead:
      'Keep the token in the deployment environment or a secret store; revoke a committed token ' +
      'with @BotFather and issue a new one.',
    references: [
      'https://core.telegram.org/bots/api#authorizing-your-bot',
      'https://core.telegram.org/bots/features#botfather',
    ],
  },
});
