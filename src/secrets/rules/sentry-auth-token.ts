import { defineSecretRule, LINE_SCOPE, type TextFile } from '../rule';
import { detectTokenFormats, type TokenFormat } from '../token-formats';

/**
 * Organization tokens (`sntrys_` + base64 JSON + `_` + secret) and user tokens (`sntryu_` + 64
 * hex), https://docs.sentry.io/account/auth-tokens/; legacy auth tokens are 64 hex digits without
 * a prefix, so only on a line that names Sentry and a token.
 */
export const SENTRY_TOKEN_PATTERN =
  /(?<![A-Za-z0-9_])(?:sntrys_[A-Za-z0-9+/=]{60,}_[A-Za-z0-9+/=]{20,}|sntryu_[0-9a-f]{64})(?![A-Za-z0-9_+/=])/g;
const LEGACY_TOKEN = /(?<![A-Za-z0-9_-])[0-9a-f]{64}(?![A-Za-z0-9_-])/g;

const FORMATS: readonly TokenFormat[] = [
  { pattern: SENTRY_TOKEN_PATTERN, minUnique: 12, describe: () => 'Sentry auth token' },
  {
    pattern: LEGACY_TOKEN,
    minUnique: 12,
    describe: () => 'Sentry auth token',
    onLinesWith: /sentry/gi,
    accept: (_match, line) => /token/i.test(line),
  },
];

export function detectSentryAuthTokens(file: TextFile) {
  return detectTokenFormats(file, FORMATS);
}

export const sentryAuthToken = defineSecretRule({
  id: 'DDG115',
  name: 'sentry-auth-token',
  severity: 'high',
  fix: 'Revoke the token in Sentry (Settings → Auth Tokens) and pass a new one to CI as a secret (SENTRY_AUTH_TOKEN).',
  keywords: ['sntrys_', 'sntryu_', 'sentry'],
  detect: detectSentryAuthTokens,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'A Sentry auth token is committed.',
    whatItDoes:
      'Finds Sentry organization auth tokens (`sntrys_…`), user auth tokens (`sntryu_` + 64 hex ' +
      'digits) anywhere, and legacy 64-hex-digit tokens on a line that names Sentry and a token ' +
      '(`SENTRY_AUTH_TOKEN=…`, `.sentryclirc`). DSNs are a different rule ' +
      '(sentry-dsn-with-secret). In tests, fixtures and commented-out lines a hit is at most `low`.',
    whyBad:
      'Auth tokens drive the Sentry API: they upload releases and source maps (a way to plant ' +
      'code in stack traces shown to developers), read every event with its request data and ' +
      "personal data, and, with user tokens, act as the user across the organization's projects.",
    badExample: {
      file: '.env.ci',
      content: ['SENTRY_ORG=shop', 'SENTRY_AUTH_TOKEN={{secret:sentry-auth-token}}', ''].join('\n'),
    },
    goodExample: {
      file: '.github/workflows/release.yml',
      content: [
        'jobs:',
        '  release:',
        '    steps:',
        '      - run: sentry-cli releases new "$GITHUB_SHA"',
        '        env:',
        '          SENTRY_AUTH_TOKEN: ${{ secrets.SENTRY_AUTH_TOKEN }}',
        '',
      ].join('\n'),
    },
    useInstead:
      'Keep the token in the CI secret store and pass it as `SENTRY_AUTH_TOKEN`; use an ' +
      'organization token with only the release scopes; revoke a committed token.',
    references: [
      'https://docs.sentry.io/account/auth-tokens/',
      'https://docs.sentry.io/cli/configuration/',
    ],
  },
});
