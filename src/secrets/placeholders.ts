import { shannonEntropy, uniqueCharCount } from './entropy';
import { isGeneratedValue } from './generated-values';

/**
 * Deciding whether a committed value is a real secret or a stand-in for one: the one placeholder
 * and strength module every detector and every secret-related hardening rule uses.
 *
 * Every test here is built so that a random value from a secret alphabet (e.g. Django's
 * `a-z0-9!@#$%^&*(-_=+)`, base64, URL-safe passwords) practically never trips it: markers are
 * matched as whole words or whole values, never as short substrings such as `%s` or `!!` that
 * random keys contain by chance (test/secrets/placeholders.test.ts measures it on generated keys).
 */

/** Any of these words marks the value as a stand-in (when words carry the value, see below). */
const MARKER_WORDS = new Set([
  'change',
  'changeme',
  'changethis',
  'replace',
  'replaceme',
  'placeholder',
  'dummy',
  'example',
  'sample',
  'todo',
  'fixme',
  'your',
  'yours',
  'redacted',
  'notasecret',
  'notsecret',
  'setme',
  'insert',
  'irrelevant',
  'unused',
  'ignored',
  'whatever',
  'yoursecretkey',
  'mysecretkey',
  'secretkeyhere',
]);

/**
 * Words that are not secret on their own: a value made only of these (and numbers) is a stand-in,
 * e.g. `django-insecure-dev-key`, `secret`, `test-key-123`, `herokudefault`, `notsecret`.
 */
const FILLER_WORDS = new Set([
  'a',
  'access',
  'an',
  'api',
  'app',
  'at',
  'auth',
  'bar',
  'baz',
  'amazon',
  'aws',
  'broker',
  'cache',
  'celery',
  'docker',
  'docs',
  'mongo',
  'mysql',
  'postgres',
  'postgresql',
  'rabbitmq',
  'redis',
  'be',
  'build',
  'chars',
  'ci',
  'characters',
  'client',
  'code',
  'config',
  'credential',
  'credentials',
  'data',
  'database',
  'db',
  'debug',
  'default',
  'demo',
  'dev',
  'develop',
  'development',
  'django',
  'email',
  'empty',
  'env',
  'fake',
  'fallback',
  'foo',
  'for',
  'github',
  'gitlab',
  'gmail',
  'google',
  'heroku',
  'here',
  'host',
  'in',
  'insecure',
  'is',
  'key',
  'keys',
  'least',
  'local',
  'localhost',
  'long',
  'mail',
  'mailgun',
  'mailtrap',
  'me',
  'mock',
  'must',
  'my',
  'name',
  'new',
  'none',
  'not',
  'now',
  'null',
  'num',
  'number',
  'of',
  'only',
  'own',
  'pass',
  'passwd',
  'password',
  'please',
  'port',
  'private',
  'prod',
  'production',
  'project',
  'put',
  'paste',
  'enter',
  'pwd',
  'qwerty',
  'random',
  'real',
  'secret',
  'secretkey',
  'secrets',
  'sendgrid',
  'sentry',
  'server',
  'set',
  'settings',
  'site',
  'smtp',
  'some',
  'staging',
  'string',
  'stripe',
  'strong',
  'super',
  'supersecret',
  'test',
  'testing',
  'tests',
  'the',
  'this',
  'token',
  'travis',
  'twilio',
  'unsafe',
  'use',
  'user',
  'username',
  'value',
  'very',
  'with',
]);

/**
 * Words long enough to segment a run of letters into (`herokudefault` → heroku + default,
 * `mypassword` → my + password): other two-letter words are left out, since short random runs
 * would split into them by chance.
 */
const SEGMENT_WORDS = [...MARKER_WORDS, ...FILLER_WORDS, 'my'].filter(
  (word) => word.length >= 3 || word === 'my',
);
const SEGMENT_SET = new Set(SEGMENT_WORDS);
const LONGEST_SEGMENT = Math.max(...SEGMENT_WORDS.map((word) => word.length));

/**
 * Template and reference syntaxes that make up a whole value: it names a secret held elsewhere.
 * A value that merely contains one of them is judged without it (see `withoutTemplates`).
 */
const WHOLE_TEMPLATES: readonly RegExp[] = [
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^\$\([A-Za-z_][\w.-]*(?:\s[^)]*)?\)$/, // $(command), Kubernetes $(POSTGRESQL_PASSWORD)
  /^%\([A-Za-z0-9_]+\)s$/, // configparser interpolation
  /^%[sdr]$/, // '%s' % x
  /^\{(?:[A-Za-z_][\w.[\]'"]*|\d*)(?:![rsa])?(?::[^{}]*)?\}$/, // str.format / f-string field {password}
  /^!!!\s*set\b/i,
  /^@@?[A-Za-z_]+@@?$/,
  /^__[A-Z0-9_]+__$/,
  // An environment variable's name given where its value belongs: `'AWS_SECRET_ACCESS_KEY'`.
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/,
];

/** Template syntaxes found inside a value; removed before the rest is judged. */
// The body of each excludes the opening character, so a run of unclosed openings (`${{${{…`)
// costs one pass, not one pass per opening (test/core/regex-linear.test.ts).
const EMBEDDED_TEMPLATES: readonly RegExp[] = [
  /\$\{\{[^}$]*\}\}/g, // ${{ secrets.X }}
  /\$\{[A-Za-z_][A-Za-z0-9_]*(?:[:?+=-][^}$]*)?\}/g, // ${VAR}, ${VAR:-default}, ${VAR:?msg}
  /\{\{[^{}]*\}\}/g, // Jinja, Go and Helm templates
  /\{%[^%]*%\}/g,
  /<[^<>\s][^<>]{0,78}>/g, // <your-key>
  /!!![^!]*!!!/g, // cookiecutter-django: !!!SET DJANGO_SECRET_KEY!!!
  /\$\([A-Za-z_][\w.-]*(?:\s[^)$]*)?\)/g,
];

/** A run of letters that starts with an instruction to replace it. */
const LEADING_MARKER =
  /^(changeme|changethis|replaceme|replacewith|placeholder|insertyour|enteryour|putyour|yoursecret|yourkey)/;

/** Adjacent characters on a keyboard row, for `qwertyuiop`-style runs. */
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890', '0123456789abcdef'];

/** True when a run of lower-case letters splits entirely into vocabulary words. */
function segmentsIntoWords(run: string): boolean {
  if (run.length < 3 || run.length > 64) return SEGMENT_SET.has(run);
  const reachable = new Array<boolean>(run.length + 1).fill(false);
  reachable[0] = true;
  for (let end = 1; end <= run.length; end++) {
    for (let start = Math.max(0, end - LONGEST_SEGMENT); start < end; start++) {
      if (reachable[start] && SEGMENT_SET.has(run.slice(start, end))) {
        reachable[end] = true;
        break;
      }
    }
  }
  return reachable[run.length] === true;
}

/**
 * Low variety: `xxxxxxxx`, `0000-0000`, `abab`, a short unit repeated (`abcabcabc`), a vocabulary
 * word repeated (`secretsecretsecret`), an alphabet or keyboard run (`abcdefghijklmnopqrstuvwxyz`).
 */
function hasLowVariety(significant: string): boolean {
  if (uniqueCharCount(significant) < 4) return true;
  for (let unit = 1; unit <= significant.length / 2; unit++) {
    if (significant.length % unit !== 0) continue;
    const head = significant.slice(0, unit);
    if (head.repeat(significant.length / unit) !== significant) continue;
    // `hunter2hunter2` is a (weak) password, `secretsecret` is not.
    if (unit <= 3 || segmentsIntoWords(head.replace(/[^a-z]/g, ''))) return true;
  }
  if (significant.length >= 8) {
    let steps = 0;
    for (let i = 1; i < significant.length; i++) {
      const previous = significant[i - 1] ?? '';
      const current = significant[i] ?? '';
      if (current.charCodeAt(0) - previous.charCodeAt(0) === 1) steps++;
      else if (KEYBOARD_ROWS.some((row) => row.includes(previous + current))) steps++;
    }
    if (steps >= 0.9 * (significant.length - 1)) return true;
  }
  return false;
}

/** The value with embedded template syntax removed (`prefix-<your key>` → `prefix-`). */
function withoutTemplates(value: string): string {
  let rest = value;
  for (const pattern of EMBEDDED_TEMPLATES) rest = rest.replace(pattern, ' ');
  return rest;
}

/** Whether `value` is made of template syntax and stand-in words only. */
function isStandIn(value: string): boolean {
  const significant = value.replace(/[\s\-_.:/]/g, '').toLowerCase();
  if (hasLowVariety(significant)) return true;
  // startproject's prefix is structure, not a hint: judge the random part after it.
  const body = value.replace(/^django-insecure-/i, '').toLowerCase();
  const runs = body.split(/[^a-z0-9]+/).filter((run) => run !== '');
  // Letters and digits are separate words: `changeme123` is `changeme` + `123`.
  const words = runs.flatMap((run) => run.match(/[a-z]+|[0-9]+/g) ?? []);
  if (words.length === 0) return false;
  const isMarker = (word: string): boolean => MARKER_WORDS.has(word) || /^x{4,}$/.test(word);
  // An instruction run together: `changemetoenablevat`, `replacemewithyourkey`.
  const letters = words.filter((word) => /^[a-z]/.test(word)).join('').length;
  if (words.some((word) => LEADING_MARKER.test(word) && word.length >= 0.5 * letters)) return true;
  const isWord = (word: string): boolean =>
    isMarker(word) || FILLER_WORDS.has(word) || segmentsIntoWords(word);
  if (words.some(isMarker)) {
    // A marker word counts only when words carry the value: a random key can contain a fragment
    // such as `xxxx` or `todo` by chance, surrounded by random characters.
    const known = words.filter(isWord).reduce((sum, word) => sum + word.length, 0);
    const total = words.reduce((sum, word) => sum + word.length, 0);
    if (known >= 0.4 * total) return true;
  }
  if (words.every((word) => isWord(word) || /^\d+$/.test(word))) {
    // Only a value that is nothing but words and separators: a random key has symbol runs too.
    return /^[A-Za-z0-9\s\-_.]+$/.test(value);
  }
  return false;
}

/**
 * True when a value is template or reference syntax and nothing else: `${VAR}`, `${VAR:-x}`,
 * `$(VAR)`, `{password}`, `%(name)s`, `{{ var }}`, `<password>`, an env variable's name. Such a
 * value names a secret held elsewhere, whatever a default inside it says.
 */
export function isTemplateReference(raw: string): boolean {
  const value = raw.trim();
  if (value === '') return false;
  if (WHOLE_TEMPLATES.some((pattern) => pattern.test(value))) return true;
  const rest = withoutTemplates(value);
  return rest !== value && rest.replace(/[\s\-_.:/@]/g, '') === '';
}

/**
 * True when a value is empty or a stand-in (placeholder words, a template or reference, repeated
 * characters), so it is not a secret leak. A value that *contains* a template is judged by the
 * rest: `<your-key>` is a placeholder, a random key that happens to hold `<…>` is not. Callers
 * decide what "short" means for their rule.
 */
export function isPlaceholderValue(raw: string): boolean {
  const value = raw.trim();
  if (value === '') return true;
  // A command that makes a key at run time (`$(openssl rand -hex 32)`) is not a committed one.
  if (isGeneratedValue(value) || isInstructionRunTogether(value) || isYourValue(value)) return true;
  if (WHOLE_TEMPLATES.some((pattern) => pattern.test(value))) return true;
  const rest = withoutTemplates(value);
  if (rest !== value) {
    const significant = rest.replace(/[\s\-_.:/]/g, '');
    // What is left around the template is separators, a word or two, or a fragment too short
    // to be a credential: `${PREFIX}-<key>`, `Bearer <token>`.
    return significant.length < 8 || isStandIn(rest);
  }
  return isStandIn(value);
}

/**
 * "Real-looking": long, high entropy, not a stand-in. Used where a value is only suspicious when it
 * could be a generated credential (`.env.example` templates, passwords at local hosts).
 */
export function isRealLookingSecret(raw: string): boolean {
  const value = raw.trim();
  if (isPlaceholderValue(value)) return false;
  const length = Array.from(value).length;
  if (length < 16) return false;
  if (/\s/.test(value)) return false;
  return shannonEntropy(value) >= 3.0 && uniqueCharCount(value) >= 8;
}

/**
 * The strength test for a value found only by the name it is assigned to (`API_TOKEN: …` in a
 * YAML file, `"password": "…"` in JSON): at least 8 characters without spaces, not a stand-in, and
 * some variety. Weaker than `isRealLookingSecret` (a human-chosen password such as `hunter2hunter2`
 * passes), stronger than "not a placeholder" (prose and identifiers fail).
 */
export function isPlausibleCredential(raw: string): boolean {
  const value = raw.trim();
  if (isPlaceholderValue(value)) return false;
  if (Array.from(value).length < 8 || /\s/.test(value)) return false;
  // Dotted names, paths and URLs without a password are configuration, not credentials.
  if (/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_-]*)+$/.test(value) || /^\.{0,2}\//.test(value))
    return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return false;
  if (isPasswordHash(value)) return false;
  if (isFilePathValue(value) || isIdentifierShaped(value)) return false;
  // Lower-case words joined by `_` or `-` are identifiers and enum values
  // (`INVALID_PASSWORD = "invalid_password"`), not credentials.
  if (/^[a-z]+(?:[_-][a-z]+)+$/.test(value)) return false;
  return uniqueCharCount(value) >= 6 && shannonEntropy(value) >= 2.5;
}

/**
 * A password as Django stores it (`pbkdf2_sha256$600000$salt$hash`, `argon2$argon2id$…`,
 * `bcrypt_sha256$$2b$…`, `sha1$salt$hash`, `!` for an unusable password): fixture data, not a
 * credential that logs in.
 * https://docs.djangoproject.com/en/stable/topics/auth/passwords/#how-django-stores-passwords
 */
export function isPasswordHash(raw: string): boolean {
  const value = raw.trim();
  return (
    /^(pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt_sha256|bcrypt|scrypt|sha1|md5|unsalted_md5|unsalted_sha1|crypt)\$[^\s$]*\$/.test(
      value,
    ) || /^!\S{0,60}$/.test(value)
  );
}

/**
 * A file path given where a credential's name suggests a value (`docker_private_key:
 * ~/.ssh/deploy_key`, `SSL_KEY = "certs/server.key"`): it names where the secret lives. A path
 * starts at `/`, `~/`, `./` or `../`, or is word segments joined by `/` ending in a file
 * extension. A base64 secret may hold `/` too, but not a leading `~/` nor a `.ext` ending after
 * word-only segments.
 */
export function isFilePathValue(raw: string): boolean {
  const value = raw.trim();
  if (value.length > 260 || /\s/.test(value)) return false;
  if (!/^(?:~|\.{1,2})?\/[\w.@-]/.test(value) && !value.includes('/')) return false;
  const segments = value.replace(/^(?:~|\.{1,2})?\//, '').split('/');
  if (!segments.every((segment) => /^[\w.@-]{0,64}$/.test(segment))) return false;
  if (/^(?:~|\.{1,2})?\//.test(value)) return true;
  // `applications/netbox`, `compose/pycharm/.ssh_keys/id_ed25519`: lower-case names (base64
  // secrets, the other values holding `/`, have capitals).
  if (segments.every((segment) => /^[a-z0-9._-]{0,64}$/.test(segment) && /[a-z]/.test(segment)))
    return true;
  return /\.[A-Za-z][A-Za-z0-9]{0,5}$/.test(segments[segments.length - 1] ?? '');
}

/**
 * An instruction written as the value, run together or in capitals: `PLEASECHANGETHISFORTHELOVEOFGOD`,
 * `please-change-me`, `ChangeThisToSomethingRandom`. A random key never starts this way.
 */
function isInstructionRunTogether(value: string): boolean {
  const letters = value.toLowerCase().replace(/[^a-z]/g, '');
  if (letters.length < 12 || letters.length < 0.8 * value.length) return false;
  // Words of 6+ letters: a random value holds one by chance about once in ten million.
  return INSTRUCTION_WORDS.some((word) => letters.includes(word));
}

/**
 * Instructions seen written as values (paperless-ngx's docs and Ansible role:
 * `PLEASEPROVIDEASTRONGPASSWORDHERE`, `AGAINPLEASECHANGETHISNOW`,
 * `PleaseGenerateAStrongKeyForThis`, `YourDesiredPasswordUsedForFirstLogin`, `THISISNOTASECRET`).
 */
const INSTRUCTION_WORDS = [
  'please',
  'changethis',
  'changeme',
  'replacethis',
  'replaceme',
  'provide',
  'yourdesired',
  'generatea',
  'generateyour',
  'notasecret',
  'insertyour',
  'enteryour',
];

/**
 * A name written in lower case with `-`/`_` between words, where a word may end in a short
 * number (`ec2-instance-connect`, `route53-domains`, `s3_bucket`): an identifier, not a
 * credential. A UUID or hex token does not split into such words.
 */
function isIdentifierShaped(value: string): boolean {
  const parts = value.split(/[-_]/);
  return (
    parts.length >= 2 &&
    parts.every((part) => /^[a-z]{2,}[0-9]{0,2}$/.test(part) || /^[a-z]{1,3}[0-9]{1,2}$/.test(part))
  );
}

/**
 * The reader's own value, described: `your-webhook-secret-from-step-2`, `your_api_key`,
 * `YourClientSecretFromTheConsole` (django-oscar's docs). Words joined by `-`/`_`, or capitalised
 * words run together, after a leading "your"; a separator or a capital is required between
 * words, so the match is linear and a random value that merely starts with "your" is not one.
 */
function isYourValue(value: string): boolean {
  return (
    /^your(?:[-_][a-z0-9]+){1,12}$/i.test(value) || /^Your(?:[A-Z][a-z0-9]*){1,12}$/.test(value)
  );
}
