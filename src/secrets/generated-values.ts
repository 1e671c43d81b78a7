/**
 * A value that *generates* a secret when it runs, rather than holding one: a shell command
 * substitution (`$(openssl rand -hex 32)`, `` `pwgen 50 1` ``), a `/dev/urandom` pipeline, a
 * Python one-liner calling `secrets.token_urlsafe()` or Django's `get_random_secret_key()`,
 * a Makefile `$(shell …)`. Install scripts, Dockerfiles, compose files and docs write these where a
 * key belongs (paperless-ngx's installer: `SECRET_KEY=$(LC_ALL=C tr -dc 'a-zA-Z0-9' < /dev/urandom
 * | head -c 50)`); the key they make is never committed. Used by the placeholder module (so no
 * detector reports one) and by the masking policy (so none is registered with `::add-mask::`).
 *
 * A random key can contain `$(` or a backtick by chance (both are in Django's key alphabet), but
 * never whitespace: every test below needs the value to hold whitespace or a call's parentheses
 * around a known generator name, so a generated key is never mistaken for a generator.
 */

/** Commands and calls that produce random bytes or keys. Plain substrings: no regex backtracking. */
const GENERATOR_WORDS = [
  '/dev/urandom',
  '/dev/random',
  'openssl rand',
  'secrets.token_',
  'token_urlsafe(',
  'token_hex(',
  'token_bytes(',
  'get_random_secret_key(',
  'get_random_string(',
  'os.urandom(',
  'random.choice',
  'uuid.uuid4(',
  'uuidgen',
  'pwgen ',
  'mkpasswd',
  'gpg --gen-random',
  'base64 /dev/',
  'head -c',
  'tr -dc',
  'Secret::Random',
  'SecureRandom.',
  'crypto.randomBytes(',
  'randomBytes(',
];

/** `$(…)`, `` `…` ``, `${shell …}`: the shell (or make) runs it and substitutes its output. */
function isCommandSubstitution(value: string): boolean {
  const inner =
    value.startsWith('$(') && value.endsWith(')')
      ? value.slice(2, -1)
      : value.length > 2 && value.startsWith('`') && value.endsWith('`')
        ? value.slice(1, -1)
        : undefined;
  if (inner === undefined) return false;
  // `$(</run/secrets/db_password)`: the shell reads a file the deployment provides.
  if (value.startsWith('$(<') && /^<\s*[\w./~-]{1,200}$/.test(inner)) return true;
  // A command has a word, then arguments: whitespace inside (a Django key never has any).
  return /^\s*[A-Za-z_./]/.test(inner) && /\s/.test(inner.trim());
}

/**
 * True when `raw` is a command or call that makes a secret at run time (see the module comment).
 * Such a value is neither reported as a committed secret nor masked.
 */
export function isGeneratedValue(raw: string): boolean {
  const value = raw.trim();
  if (value.length < 4) return false;
  if (isCommandSubstitution(value)) return true;
  const lower = value.toLowerCase();
  const hasGeneratorWord = GENERATOR_WORDS.some((word) => lower.includes(word.toLowerCase()));
  if (!hasGeneratorWord) return false;
  // A generator written as a command line or a call: whitespace, or a call's parentheses.
  return /\s/.test(value) || /[A-Za-z_]\(/.test(value);
}
