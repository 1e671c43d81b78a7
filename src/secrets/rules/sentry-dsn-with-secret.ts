import { defineSecretRule, LINE_SCOPE, type SecretMatch, type TextFile } from '../rule';
import { createLineIndex } from '../text-lines';
import { findUrlCredentials, type UrlCredentials } from '../url-credentials';

/**
 * Old-format Sentry DSNs carry a secret key after the public one:
 * `https://<public key>:<secret key>@sentry.io/<project id>`. Current DSNs hold only the public
 * key and are meant to be public; the secret part is deprecated but still accepted by self-hosted
 * Sentry, and it is a credential.
 * https://develop.sentry.dev/sdk/overview/#parsing-the-dsn
 */
/** `https://<32 hex>:<32 hex>@host/<project id>`: an old-format DSN with its secret key. */
export function isSentryDsnWithSecret(credentials: UrlCredentials): boolean {
  return (
    (credentials.scheme === 'https' || credentials.scheme === 'http') &&
    /^[0-9a-f]{32}$/.test(credentials.user) &&
    /^[0-9a-f]{32}$/.test(credentials.password) &&
    /^(?:[\w.-]+\/)*\d+\/?$/.test(credentials.path) &&
    new Set(credentials.password).size >= 8
  );
}

export function detectSentryDsnSecrets(file: TextFile): SecretMatch[] {
  const index = createLineIndex(file.content);
  const matches: SecretMatch[] = [];
  for (const credentials of findUrlCredentials(file.content)) {
    if (!isSentryDsnWithSecret(credentials)) continue;
    matches.push({
      line: index.lineAt(credentials.passwordIndex),
      column: index.columnAt(credentials.index),
      secret: credentials.password,
      message: `Sentry DSN with its secret key (old format) for host ${credentials.host}`,
    });
  }
  return matches;
}

export const sentryDsnWithSecret = defineSecretRule({
  id: 'DDG116',
  name: 'sentry-dsn-with-secret',
  severity: 'medium',
  fix: 'Use the DSN without its secret part (Client Keys page), revoke the old key, and read SENTRY_DSN from the environment.',
  keywords: ['sentry', 'raven', 'dsn'],
  detect: detectSentryDsnSecrets,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'A Sentry DSN in the old format, with its secret key, is committed.',
    whatItDoes:
      'Finds `https://<public key>:<secret key>@host/<project id>` DSNs (two 32-hex-digit keys ' +
      'and a numeric project id) in any file: `SENTRY_DSN` settings, `sentry_sdk.init(dsn=…)`, ' +
      '`RAVEN_CONFIG`. Current DSNs without the `:secret` part are public by design and not ' +
      'reported. The secret key is hashed for the fingerprint and never shown. In tests, fixtures ' +
      'and commented-out lines a hit is at most `low`.',
    whyBad:
      'The secret key authenticated server-side clients in the old protocol: with it, anyone can ' +
      'post events into the project (exhausting its quota or hiding real errors in noise), and ' +
      'self-hosted installs still accept it. Severity medium: the reach is the error tracker, not ' +
      "the project's data.",
    badExample: {
      file: 'config/settings/production.py',
      content: [
        'import sentry_sdk',
        '',
        'sentry_sdk.init(dsn="{{secret:sentry-dsn-secret}}")',
        '',
      ].join('\n'),
    },
    goodExample: {
      file: 'config/settings/production.py',
      content: [
        'import os',
        '',
        'import sentry_sdk',
        '',
        'sentry_sdk.init(dsn=os.environ.get("SENTRY_DSN"))',
        '',
      ].join('\n'),
    },
    useInstead:
      "Copy the current DSN (public key only) from the project's Client Keys page, read it from " +
      'the environment, and revoke the key whose secret was committed.',
    references: [
      'https://docs.sentry.io/concepts/key-terms/dsn-explainer/',
      'https://develop.sentry.dev/sdk/overview/#parsing-the-dsn',
    ],
  },
});
