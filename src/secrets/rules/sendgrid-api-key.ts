import { defineSecretRule, LINE_SCOPE, type TextFile } from '../rule';
import { detectTokenFormats, type TokenFormat } from '../token-formats';

/** `SG.` + 22 + `.` + 43 URL-safe base64 characters (https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys). */
export const SENDGRID_API_KEY_PATTERN =
  /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

const FORMATS: readonly TokenFormat[] = [
  { pattern: SENDGRID_API_KEY_PATTERN, minUnique: 16, describe: () => 'SendGrid API key' },
];

export function detectSendGridKeys(file: TextFile) {
  return detectTokenFormats(file, FORMATS);
}

export const sendgridApiKey = defineSecretRule({
  id: 'DDG112',
  name: 'sendgrid-api-key',
  severity: 'high',
  fix: 'Delete the key in SendGrid (Settings → API Keys), create one with the least scope needed and read it from the environment.',
  keywords: ['sg.'],
  detect: detectSendGridKeys,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'A SendGrid API key is committed.',
    whatItDoes:
      'Finds SendGrid API keys (`SG.` followed by two URL-safe base64 parts of 22 and 43 ' +
      'characters) in any file: `SENDGRID_API_KEY`, `ANYMAIL = {"SENDGRID_API_KEY": …}`, an SMTP ' +
      'password for `smtp.sendgrid.net`. In tests, fixtures and commented-out lines a hit is at ' +
      'most `low`.',
    whyBad:
      "A key with mail-send scope sends mail from the project's verified domain, which passes SPF " +
      "and DKIM: ideal for phishing the project's own users. Full-access keys also read contacts " +
      'and change the account. Providers suspend accounts that send abuse.',
    badExample: {
      file: 'shop/settings/production.py',
      content: [
        'EMAIL_BACKEND = "anymail.backends.sendgrid.EmailBackend"',
        'ANYMAIL = {"SENDGRID_API_KEY": "{{secret:sendgrid-api-key}}"}',
        '',
      ].join('\n'),
    },
    goodExample: {
      file: 'shop/settings/production.py',
      content: [
        'import os',
        '',
        'EMAIL_BACKEND = "anymail.backends.sendgrid.EmailBackend"',
        'ANYMAIL = {"SENDGRID_API_KEY": os.environ["SENDGRID_API_KEY"]}',
        '',
      ].join('\n'),
    },
    useInstead:
      'Read the key from the environment; give it only the Mail Send permission; delete any key ' +
      'that was committed.',
    references: [
      'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
      'https://anymail.dev/en/stable/esps/sendgrid/',
    ],
  },
});
