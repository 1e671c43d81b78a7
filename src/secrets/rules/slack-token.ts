import { uniqueCharCount } from '../entropy';
import { defineSecretRule, LINE_SCOPE, type SecretMatch, type TextFile } from '../rule';
import { createLineIndex } from '../text-lines';

/**
 * `xoxb-` bot, `xoxp-` user, `xoxa-` app, `xoxr-` refresh, `xoxs-` session tokens: dash-separated
 * groups of letters and digits (https://api.slack.com/concepts/token-types). Each group is bounded
 * and ends at a `-`, so there is no ambiguous backtracking.
 */
export const SLACK_TOKEN_PATTERN =
  /(?<![A-Za-z0-9])xox[baprs]-[0-9A-Za-z]{1,40}(?:-[0-9A-Za-z]{1,64}){1,5}/g;
/** A bot or user token with numeric workspace and user ids and a 24+-character secret. */
const SLACK_STRUCTURED = /^xox[bp]-\d{8,14}-\d{8,14}(?:-\d{8,14})?-[0-9A-Za-z]{24,34}$/;
/**
 * Incoming webhooks (https://api.slack.com/messaging/webhooks), with or without the scheme, and
 * the older ids that had lower-case letters.
 */
const WEBHOOK =
  /(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9]{6,14}\/[A-Za-z0-9]{6,14}\/[A-Za-z0-9]{16,64}/g;
/**
 * Legacy integration URLs with the token in the query: `https://team.slack.com/services/hooks/
 * travis?token=…`, `…/services/hooks/incoming-webhook?token=…`.
 */
const LEGACY_HOOK =
  /https?:\/\/[a-z0-9-]{1,40}\.slack\.com\/services\/hooks\/[a-z0-9_-]{1,40}\?(?:[^\s'"#&]*&)?token=([A-Za-z0-9]{16,64})/g;
/**
 * Travis CI's Slack notification written in clear: `slack: team:token` (or `- team:token#channel`
 * under `rooms:`); `secure:` values are encrypted and not matched.
 * https://docs.travis-ci.com/user/notifications/#configuring-slack-notifications
 */
const TRAVIS_SLACK = [
  /^[ \t]*slack[ \t]*:[ \t]*["']?[a-z0-9][a-z0-9-]{0,40}:([A-Za-z0-9]{20,32})(?:#[\w-]+)?["']?[ \t]*$/gm,
  /^[ \t]*-[ \t]*["']?[a-z0-9][a-z0-9-]{0,40}:([A-Za-z0-9]{20,32})(?:#[\w-]+)?["']?[ \t]*$/gm,
];

export function detectSlackTokens(file: TextFile): SecretMatch[] {
  const index = createLineIndex(file.content);
  const matches: SecretMatch[] = [];
  for (const match of file.content.matchAll(SLACK_TOKEN_PATTERN)) {
    const token = match[0];
    if (token.length < 24 || uniqueCharCount(token.slice(5)) < 8) continue;
    matches.push({
      line: index.lineAt(match.index),
      column: index.columnAt(match.index),
      secret: token,
      message: `Slack ${token.slice(0, 4)} token`,
      // `xoxb-<workspace id>-<bot id>-<24 letters and digits>`: Slack's documented structure.
      ...(SLACK_STRUCTURED.test(token) ? { validated: true } : {}),
    });
  }
  for (const match of file.content.matchAll(WEBHOOK)) {
    const url = match[0];
    const secretPart = url.slice(url.lastIndexOf('/') + 1);
    if (uniqueCharCount(secretPart) < 8) continue;
    matches.push({
      line: index.lineAt(match.index),
      column: index.columnAt(match.index),
      secret: url,
      message: 'Slack incoming-webhook URL',
    });
  }
  for (const match of file.content.matchAll(LEGACY_HOOK)) {
    const token = match[1] ?? '';
    if (uniqueCharCount(token) < 8) continue;
    matches.push({
      line: index.lineAt(match.index),
      column: index.columnAt(match.index),
      secret: token,
      message: 'Slack legacy integration webhook token',
    });
  }
  const travis = /(^|\/)\.travis\.ya?ml$/.test(file.path);
  for (const pattern of travis ? TRAVIS_SLACK : []) {
    for (const match of file.content.matchAll(pattern)) {
      const token = match[1] ?? '';
      if (uniqueCharCount(token) < 8 || !/[A-Z]/.test(token) || !/[a-z]/.test(token)) continue;
      matches.push({
        line: index.lineAt(match.index),
        column: index.columnAt(match.index),
        secret: token,
        message: 'Slack token of the Travis CI notification',
      });
    }
  }
  return matches.sort((a, b) => a.line - b.line);
}

export const slackToken = defineSecretRule({
  id: 'DDG107',
  name: 'slack-token',
  severity: 'high',
  fix: 'Revoke the token (or regenerate the webhook) in the Slack app settings and pass the new one through the environment.',
  keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'slack'],
  detect: detectSlackTokens,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'A Slack token or incoming-webhook URL is committed.',
    whatItDoes:
      'Finds Slack API tokens (`xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-` followed by ' +
      'dash-separated groups), incoming-webhook URLs (`https://hooks.slack.com/services/T…/B…/…`, ' +
      'also without the scheme), legacy integration URLs with the token in the query ' +
      '(`https://team.slack.com/services/hooks/travis?token=…`) and the Travis CI notification ' +
      'written in clear in `.travis.yml` (`slack: team:token`), ' +
      'for example in Django `LOGGING` handlers or error-reporting settings. Stand-ins with little ' +
      'character variety are ignored.',
    whyBad:
      'A bot or user token reads and posts messages as the app or person, often across every ' +
      'channel it can see; a webhook URL lets anyone post into the channel, a ready phishing tool. ' +
      'Both remain valid until revoked.',
    badExample: {
      file: 'config/settings/production.py',
      content: [
        'SLACK_WEBHOOK_URL = "{{secret:slack-webhook}}"',
        'SLACK_BOT_TOKEN = "{{secret:slack-token}}"',
        '',
      ].join('\n'),
    },
    goodExample: {
      file: 'config/settings/production.py',
      content: [
        'import os',
        '',
        'SLACK_WEBHOOK_URL = os.environ["SLACK_WEBHOOK_URL"]',
        'SLACK_BOT_TOKEN = os.environ["SLACK_BOT_TOKEN"]',
        '',
      ].join('\n'),
    },
    useInstead:
      'Keep tokens and webhook URLs in the deployment environment or a secret store, and rotate ' +
      'any that were committed (Slack app settings → OAuth & Permissions / Incoming Webhooks).',
    references: [
      'https://api.slack.com/concepts/token-types',
      'https://api.slack.com/authentication/best-practices',
      'https://api.slack.com/messaging/webhooks',
    ],
  },
});
