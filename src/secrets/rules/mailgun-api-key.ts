import { defineSecretRule, LINE_SCOPE, type TextFile } from '../rule';
import { detectTokenFormats, type TokenFormat } from '../token-formats';

/** Legacy private API keys: `key-` + 32 lower-case hex digits. */
export const MAILGUN_LEGACY_KEY_PATTERN = /(?<![A-Za-z0-9_-])key-[0-9a-f]{32}(?![A-Za-z0-9_-])/g;
/** Current private API keys and webhook signing keys: `<32 hex>-<8 hex>-<8 hex>`. */
const MAILGUN_KEY_PATTERN =
  /(?<![A-Za-z0-9_-])[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}(?![A-Za-z0-9_-])/g;

const FORMATS: readonly TokenFormat[] = [
  { pattern: MAILGUN_LEGACY_KEY_PATTERN, minUnique: 7, describe: () => 'Mailgun API key' },
  {
    pattern: MAILGUN_KEY_PATTERN,
    minUnique: 7,
    describe: () => 'Mailgun API key',
    // The shape alone is any hex triple: only on a line that names Mailgun.
    onLinesWith: /mailgun/gi,
  },
];

export function detectMailgunKeys(file: TextFile) {
  return detectTokenFormats(file, FORMATS);
}

export const mailgunApiKey = defineSecretRule({
  id: 'DDG113',
  name: 'mailgun-api-key',
  severity: 'high',
  fix: 'Rotate the key in Mailgun (API Security) and read it from the environment.',
  keywords: ['key-', 'mailgun'],
  detect: detectMailgunKeys,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'A Mailgun API key is committed.',
    whatItDoes:
      'Finds Mailgun private API keys: the legacy `key-` followed by 32 hex digits anywhere, and ' +
      'the current `<32 hex>-<8 hex>-<8 hex>` keys on a line that names Mailgun ' +
      '(`MAILGUN_API_KEY`, `ANYMAIL = {"MAILGUN_API_KEY": …}`). In tests, fixtures and ' +
      'commented-out lines a hit is at most `low`.',
    whyBad:
      "The private key sends mail from the project's domains, reads logs and stored messages, and " +
      'changes routes and webhooks: mail can be read and redirected, and abuse gets the account ' +
      'suspended.',
    badExample: {
      file: 'config/settings/production.py',
      content: [
        'EMAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"',
        'ANYMAIL = {',
        '    "MAILGUN_API_KEY": "{{secret:mailgun-api-key}}",',
        '    "MAILGUN_SENDER_DOMAIN": "mg.example.com",',
        '}',
        '',
      ].join('\n'),
    },
    goodExample: {
      file: 'config/settings/production.py',
      content: [
        'import environ',
        '',
        'env = environ.Env()',
        'EMAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"',
        'ANYMAIL = {',
        '    "MAILGUN_API_KEY": env("MAILGUN_API_KEY"),',
        '    "MAILGUN_SENDER_DOMAIN": env("MAILGUN_DOMAIN"),',
        '}',
        '',
      ].join('\n'),
    },
    useInstead:
      'Read the key from the environment (cookiecutter-django\'s `env("MAILGUN_API_KEY")`); use a ' +
      'domain sending key where only sending is needed; rotate a key that was committed.',
    references: [
      'https://documentation.mailgun.com/docs/mailgun/user-manual/api-key-mgmt/rbac-mgmt/',
      'https://anymail.dev/en/stable/esps/mailgun/',
    ],
  },
});
