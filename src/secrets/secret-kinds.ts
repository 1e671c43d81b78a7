/**
 * The kinds of generated secret that rule docs examples name with `{{secret:KIND}}` markers. The
 * repository never holds a real-looking secret: the registry test expands a marker with a value
 * generated at test time (test/helpers/secret-generators.ts), the docs generator renders it with
 * the description below.
 */
export const SECRET_KINDS = {
  'django-key': 'a 50-character random Django key (get_random_secret_key alphabet)',
  'django-insecure-key': "a 'django-insecure-' key as written by startproject",
  'pem-private-key': 'a PEM private key block (BEGIN/END PRIVATE KEY with a base64 body)',
  'openssh-private-key': 'an OpenSSH private key block',
  'db-password': 'a strong random database password',
  'aws-access-key-id': 'an AWS access key id (AKIA…)',
  'aws-secret-access-key': 'a 40-character AWS secret access key',
  'github-token': 'a GitHub token (ghp_… with 36 characters)',
  'github-pat': 'a fine-grained GitHub token (github_pat_…)',
  'slack-token': 'a Slack bot token (xoxb-…)',
  'slack-webhook': 'a Slack incoming-webhook URL',
  'stripe-live-key': 'a Stripe live secret key (sk_live_…)',
  'stripe-test-key': 'a Stripe test secret key (sk_test_…)',
  'generic-token': 'a 40-character random API token',
  'google-api-key': 'a Google API key (AIza… with 39 characters)',
  'telegram-bot-token': 'a Telegram bot token (bot id:AA…)',
  'sendgrid-api-key': 'a SendGrid API key (SG.….…)',
  'mailgun-api-key': 'a Mailgun API key (key-… with 32 hex digits)',
  'twilio-auth-token': 'a 32-hex-digit Twilio auth token',
  'sentry-auth-token': 'a Sentry user auth token (sntryu_… with 64 hex digits)',
  'sentry-dsn-secret': 'an old-format Sentry DSN with its secret key (https://public:secret@…)',
  'pypi-token': 'a PyPI API token (pypi-AgEIcHlwaS5vcmc…)',
  'npm-token': 'an npm access token (npm_… with 36 characters)',
  'gitlab-token': 'a GitLab personal access token (glpat-…)',
  'openai-api-key': 'an OpenAI project API key (sk-proj-…T3BlbkFJ…)',
  jwt: 'a signed JSON Web Token (eyJ….eyJ….…)',
  'slack-legacy-webhook':
    'a legacy Slack integration URL with its token (…/services/hooks/travis?token=…)',
} as const;

export type SecretKind = keyof typeof SECRET_KINDS;

/** `{{secret:KIND}}`; global, so reset `lastIndex` or use `replace`/`matchAll`. */
export const SECRET_MARKER = /\{\{secret:([a-z0-9-]+)\}\}/g;

export function isSecretKind(kind: string): kind is SecretKind {
  return Object.hasOwn(SECRET_KINDS, kind);
}

/** Docs rendering: each marker becomes `<KIND description>`. Unknown kinds are left as they are. */
export function describeSecretMarkers(content: string): string {
  return content.replace(SECRET_MARKER, (marker, kind: string) =>
    isSecretKind(kind) ? `<${SECRET_KINDS[kind]}>` : marker,
  );
}
