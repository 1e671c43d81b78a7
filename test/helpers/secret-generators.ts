/**
 * Secrets generated at test time from each detector's pattern, so the repository never holds a
 * real-looking secret. Seedable (mulberry32) so a failure can be reproduced: tests print the seed.
 */
import { SECRET_MARKER, isSecretKind, type SecretKind } from '../../src/secrets/secret-kinds';
import { crc32, toBase62 } from '../../src/secrets/token-checksum';

export type { SecretKind } from '../../src/secrets/secret-kinds';

/** https://github.com/django/django/blob/main/django/core/management/utils.py */
export const DJANGO_KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const ALNUM = LOWER + UPPER + DIGITS;
const BASE64 = ALNUM + '+/';
const HEX = '0123456789abcdef';
/** base64url (RFC 4648 §5): the alphabet of Google keys, JWT parts and many tokens. */
const URL_BASE64 = ALNUM + '-_';
/** Unreserved URL characters (RFC 3986): safe inside `user:password@` without escaping. */
const URL_SAFE = ALNUM + '-._~';

/** mulberry32: small, fast, good enough for test data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed for this run: `SECRET_SEED` from the environment, else a fixed default. */
export function testSeed(): number {
  const fromEnv = Number.parseInt(process.env.SECRET_SEED ?? '', 10);
  return Number.isFinite(fromEnv) ? fromEnv : 20261121;
}

export function randomString(alphabet: string, length: number, random: () => number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)] ?? '';
  return out;
}

function randomBetween(low: number, high: number, random: () => number): number {
  return low + Math.floor(random() * (high - low + 1));
}

function pemBlock(label: string, bodyChars: number, random: () => number): string {
  const body = randomString(BASE64, bodyChars, random) + '==';
  const lines = body.match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join('\n');
}

const GENERATORS: Record<SecretKind, (random: () => number) => string> = {
  'django-key': (random) => randomString(DJANGO_KEY_ALPHABET, 50, random),
  'django-insecure-key': (random) =>
    `django-insecure-${randomString(DJANGO_KEY_ALPHABET, 50, random)}`,
  'pem-private-key': (random) => {
    const label = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'][
      Math.floor(random() * 3)
    ] as string;
    return pemBlock(label, label.startsWith('EC') ? 160 : 1200, random);
  },
  'openssh-private-key': (random) => pemBlock('OPENSSH PRIVATE KEY', 380, random),
  'db-password': (random) => randomString(URL_SAFE, randomBetween(20, 32, random), random),
  'aws-access-key-id': (random) =>
    (random() < 0.8 ? 'AKIA' : 'ASIA') + randomString(UPPER + '234567', 16, random),
  'aws-secret-access-key': (random) => randomString(BASE64, 40, random),
  // Checksummed as GitHub issues them (src/secrets/token-checksum.ts).
  'github-token': (random) =>
    `gh${'pousr'[Math.floor(random() * 5)] ?? 'p'}_${checksummed(randomString(ALNUM, 30, random))}`,
  'github-pat': (random) =>
    `github_pat_${randomString(ALNUM, 22, random)}_${randomString(ALNUM, 59, random)}`,
  'slack-token': (random) =>
    `xoxb-${randomString(DIGITS, 12, random)}-${randomString(DIGITS, 13, random)}-${randomString(ALNUM, 24, random)}`,
  'slack-webhook': (random) =>
    `https://hooks.slack.com/services/T${randomString(UPPER + DIGITS, 10, random)}/B${randomString(UPPER + DIGITS, 10, random)}/${randomString(ALNUM, 24, random)}`,
  'stripe-live-key': (random) => `sk_live_${randomString(ALNUM, 99, random)}`,
  'stripe-test-key': (random) => `sk_test_${randomString(ALNUM, 99, random)}`,
  'generic-token': (random) => randomString(ALNUM, 40, random),
  'google-api-key': (random) => `AIza${randomString(URL_BASE64, 35, random)}`,
  'telegram-bot-token': (random) =>
    `${randomString('123456789', 1, random)}${randomString(DIGITS, randomBetween(7, 9, random), random)}:AA${randomString(URL_BASE64, 33, random)}`,
  'sendgrid-api-key': (random) =>
    `SG.${randomString(URL_BASE64, 22, random)}.${randomString(URL_BASE64, 43, random)}`,
  'mailgun-api-key': (random) => `key-${randomString(HEX, 32, random)}`,
  'twilio-auth-token': (random) => randomString(HEX, 32, random),
  'sentry-auth-token': (random) => `sntryu_${randomString(HEX, 64, random)}`,
  'sentry-dsn-secret': (random) =>
    `https://${randomString(HEX, 32, random)}:${randomString(HEX, 32, random)}@o${randomString(DIGITS, 6, random)}.ingest.sentry.io/${randomString('123456789', 1, random)}${randomString(DIGITS, 6, random)}`,
  'pypi-token': (random) => `pypi-AgEIcHlwaS5vcmc${randomString(URL_BASE64, 150, random)}`,
  'npm-token': (random) => `npm_${checksummed(randomString(ALNUM, 30, random))}`,
  'gitlab-token': (random) => `glpat-${randomString(URL_BASE64, 20, random)}`,
  'openai-api-key': (random) =>
    `sk-proj-${randomString(URL_BASE64, 74, random)}T3BlbkFJ${randomString(URL_BASE64, 74, random)}`,
  jwt: (random) => {
    const part = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
    const header = part({ alg: 'HS256', typ: 'JWT' });
    const payload = part({
      iss: 'supabase',
      role: 'service_role',
      ref: randomString(LOWER, 20, random),
      iat: 1700000000 + Math.floor(random() * 1e7),
    });
    return `${header}.${payload}.${randomString(URL_BASE64, 43, random)}`;
  },
  'slack-legacy-webhook': (random) =>
    `https://${randomString(LOWER, 8, random)}.slack.com/services/hooks/travis?token=${randomString(ALNUM, 24, random)}`,
};

/** 30 random characters and their CRC32 in base62: the body of a GitHub or npm token. */
function checksummed(random30: string): string {
  return `${random30}${toBase62(crc32(random30), 6)}`;
}

/**
 * A GitHub token of the right shape whose checksum does not match (a hand-typed or made-up
 * value): its context still lowers it.
 */
export function generateUncheckedGitHubToken(random: () => number = Math.random): string {
  const token = generateSecret('github-token', random);
  const last = token.slice(-1) === 'A' ? 'B' : 'A';
  return `${token.slice(0, -1)}${last}`;
}

export function generateSecret(kind: SecretKind, random: () => number = Math.random): string {
  return GENERATORS[kind](random);
}

/**
 * A Django key for a production profile read through django-environ: `env('X')` reads a value
 * that starts with `$` as the name of another variable (its proxy syntax), so a generated key
 * that happens to start with `$` (1 in 51) would make the setting unset, as Python would.
 */
export function generateEnvironKey(random: () => number = Math.random): string {
  const key = generateSecret('django-key', random);
  return key.startsWith('$') ? `k${key.slice(1)}` : key;
}

/** Replaces every `{{secret:KIND}}` marker; unknown kinds throw (a typo in rule docs). */
export function expandSecretMarkers(
  content: string,
  random: () => number = Math.random,
): { content: string; secrets: string[] } {
  const secrets: string[] = [];
  const expanded = content.replace(SECRET_MARKER, (_marker, kind: string) => {
    if (!isSecretKind(kind)) throw new Error(`unknown secret kind in marker: ${kind}`);
    const secret = generateSecret(kind, random);
    secrets.push(secret);
    return secret;
  });
  return { content: expanded, secrets };
}
