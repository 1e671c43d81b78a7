/**
 * Names that say a value is a credential, by name and role: `EMAIL_HOST_PASSWORD`,
 * `AWS_SECRET_ACCESS_KEY`, `SOCIAL_AUTH_GITHUB_SECRET`, `STRIPE_SECRET_KEY`, `TWILIO_AUTH_TOKEN`,
 * `SENDGRID_API_KEY`, `*_CLIENT_SECRET`, `*_TOKEN`, a `PASSWORD` dict key, `clientSecret`. One
 * classification for the settings rule (DDG226) and the text rule (DDG122), so both agree on
 * which names hold secrets.
 */

/** `clientSecret`, `client-secret`, `client.secret`, `CLIENT_SECRET` → `CLIENT_SECRET`. */
export function normaliseName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** Trailing qualifiers that do not change what a name holds: `DB_PASSWORD_PROD`, `API_KEY_2`. */
const QUALIFIER =
  /(_(PROD|PRODUCTION|LIVE|TEST|TESTING|DEV|DEVELOPMENT|STAGING|STAGE|LOCAL|DEFAULT|OLD|NEW|V\d+)|_?\d+)$/;

/** The credential words a name ends with, and what to call the value. */
const CREDENTIAL_SUFFIXES: readonly [RegExp, string][] = [
  [/(^|_)(PASSWORD|PASSWD|PASSPHRASE)$/, 'password'],
  [/_(PASS|PWD)$|^(PASS|PWD)$/, 'password'],
  [/(^|_)SECRET_ACCESS_KEY$/, 'secret access key'],
  [/(^|_)(SECRET|SECRET_KEY|SECRET_TOKEN|CLIENT_SECRET|APP_SECRET|CONSUMER_SECRET)$/, 'secret'],
  [
    /(^|_)(API_KEY|APIKEY|API_SECRET|ACCESS_KEY|AUTH_KEY|MASTER_KEY|MERCHANT_KEY|SHARED_KEY)$/,
    'API key',
  ],
  [/(^|_)SHARED_SECRET$/, 'secret'],
  [/(^|_)(PRIVATE_KEY|SIGNING_KEY|SIGNING_SECRET|ENCRYPTION_KEY|HMAC_KEY)$/, 'private key'],
  [/(^|_)(TOKEN|AUTH_TOKEN|ACCESS_TOKEN|REFRESH_TOKEN|API_TOKEN|BOT_TOKEN)$/, 'token'],
  [/(^|_)CREDENTIALS?$/, 'credential'],
];

/** Django's key names: `SECRET_KEY`, `DJANGO_SECRET_KEY`, `<PREFIX>_DJANGO_SECRET_KEY`, fallbacks. */
const DJANGO_KEY_NAME = /^((\w+_)?DJANGO_)?SECRET_KEY(_FALLBACKS)?$/;

/** Whether a name is one of Django's key names (in any case), which DDG101 and DDG206–209 judge. */
export function isDjangoKeyName(name: string): boolean {
  return DJANGO_KEY_NAME.test(normaliseName(name));
}

/** Names that end like a credential but are not one. */
const NOT_CREDENTIAL: readonly RegExp[] = [
  // Django's own key (DDG101, DDG206, DDG207 judge it) and its fallbacks.
  DJANGO_KEY_NAME,
  // Anti-CSRF tokens, public keys and identifiers are meant to be seen.
  /(^|_)(CSRF|XSRF|CSRFMIDDLEWARE)(_|$)/,
  /(^|_)(PUBLIC|PUBLISHABLE|PUB|SITE)(_|$)/,
  // Names of things, not the things: `PASSWORD_FIELD`, `TOKEN_TYPE`, `API_KEY_HEADER`.
  /(^|_)(NAME|FIELD|PARAM|HEADER|TYPE|PREFIX|LENGTH|URL|URI|PATH|FILE|ID|MODEL|CLASS)_(PASSWORD|SECRET|TOKEN|KEY)$/,
  /^(RESET|CONFIRM|CHANGE|FORGOT|NEW|OLD|REPEAT|VERIFY)_PASSWORD$/,
];

/** What kind of credential a name holds (`password`, `token`, `API key`…), or undefined. */
export function credentialKindOfName(name: string): string | undefined {
  let normal = normaliseName(name);
  if (normal === '' || normal.length > 80) return undefined;
  if (NOT_CREDENTIAL.some((pattern) => pattern.test(normal))) return undefined;
  for (let i = 0; i < 3 && QUALIFIER.test(normal); i++) normal = normal.replace(QUALIFIER, '');
  if (NOT_CREDENTIAL.some((pattern) => pattern.test(normal))) return undefined;
  return CREDENTIAL_SUFFIXES.find(([pattern]) => pattern.test(normal))?.[1];
}

/**
 * A value that is itself a credential's name (`checkoutToken`, `userPassword`, `API_TOKEN`): the
 * key a token is stored under, a field or an enum member (saleor-storefront's
 * `Token = "checkoutToken"`), not the credential. Letters and `_`/`-` only: a generated value
 * has digits or no credential word at its end.
 */
export function isCredentialNameValue(value: string): boolean {
  return /^[A-Za-z]+(?:[_-][A-Za-z]+)*$/.test(value) && credentialKindOfName(value) !== undefined;
}

/**
 * Lower-case stems, one of which every credential name contains: the keyword prefilter of the
 * rules that look for credentials by name (short stems keep the shared prefilter regex small).
 */
export const CREDENTIAL_NAME_KEYWORDS = [
  'pass',
  'secret',
  'token',
  'pwd',
  'credential',
  // `_key` rather than `key`: `key` is everywhere (dict keys, `monkey`), `_key` only in names.
  '_key',
  '-key',
  'apikey',
  'accesskey',
  'privatekey',
] as const;
