import { defineSecretRule, LINE_SCOPE, type TextFile } from '../rule';
import { detectTokenFormats, type TokenFormat } from '../token-formats';

/**
 * Twilio auth tokens and API key secrets are 32 characters with no prefix, so the shape alone
 * proves nothing: a 32-hex-digit word counts on a line that names Twilio and a token or secret
 * (`TWILIO_AUTH_TOKEN = "…"`), or as the password of an `AC…` account SID in a URL. Account and
 * API key SIDs (`AC…`, `SK…`) are identifiers, not secrets.
 * https://www.twilio.com/docs/iam/credentials/api
 */
const TOKEN_ON_TWILIO_LINE = /(?<![A-Za-z0-9_-])[0-9a-f]{32}(?![A-Za-z0-9_-])/g;
const SID_WITH_TOKEN = /(?<![A-Za-z0-9_-])AC[0-9a-f]{32}:([0-9a-f]{32})@/g;

const FORMATS: readonly TokenFormat[] = [
  {
    pattern: TOKEN_ON_TWILIO_LINE,
    minUnique: 7,
    describe: () => 'Twilio auth token',
    onLinesWith: /twilio/gi,
    accept: (_match, line) => /token|secret|auth/i.test(line),
  },
  {
    pattern: SID_WITH_TOKEN,
    secretGroup: 1,
    minUnique: 7,
    describe: () => 'Twilio auth token in a URL with its account SID',
  },
];

export function detectTwilioTokens(file: TextFile) {
  return detectTokenFormats(file, FORMATS);
}

export const twilioAuthToken = defineSecretRule({
  id: 'DDG114',
  name: 'twilio-auth-token',
  severity: 'high',
  fix: 'Rotate the auth token (or delete the API key) in the Twilio console and read the new one from the environment.',
  keywords: ['twilio'],
  detect: detectTwilioTokens,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'A Twilio auth token or API key secret is committed.',
    whatItDoes:
      'Finds 32-hex-digit Twilio secrets on a line that names Twilio and a token, secret or auth ' +
      '(`TWILIO_AUTH_TOKEN = "…"`, `"twilio": {"auth_token": …}`), and the password of an ' +
      '`AC…` account SID in a URL. Account SIDs (`AC…`) and API key SIDs (`SK…`) alone are ' +
      'identifiers and are not reported. In tests, fixtures and commented-out lines a hit is at ' +
      'most `low`.',
    whyBad:
      'The auth token is the account password for the API: it sends SMS and makes calls on the ' +
      "project's bill (toll fraud runs up thousands quickly), reads message logs with customers' " +
      'phone numbers, and can buy numbers or change webhooks.',
    badExample: {
      file: 'notify/settings.py',
      content: [
        'TWILIO_ACCOUNT_SID = "AC00000000000000000000000000000000"',
        'TWILIO_AUTH_TOKEN = "{{secret:twilio-auth-token}}"',
        '',
      ].join('\n'),
    },
    goodExample: {
      file: 'notify/settings.py',
      content: [
        'import os',
        '',
        'TWILIO_ACCOUNT_SID = os.environ["TWILIO_ACCOUNT_SID"]',
        'TWILIO_AUTH_TOKEN = os.environ["TWILIO_AUTH_TOKEN"]',
        '',
      ].join('\n'),
    },
    useInstead:
      'Use an API key (SK… SID plus secret) scoped to the application, read it from the ' +
      'environment, and rotate the primary auth token if it was committed.',
    references: [
      'https://www.twilio.com/docs/iam/credentials/api',
      'https://www.twilio.com/docs/usage/security#protect-your-twilio-credentials',
    ],
  },
});
