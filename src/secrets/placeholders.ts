import { shannonEntropy, uniqueCharCount } from './entropy';

/**
 * Deciding whether a committed value is a real secret or a stand-in for one. Every test here is
 * built so that a random value from a secret alphabet (e.g. Django's
 * `a-z0-9!@#$%^&*(-_=+)`) practically never trips it: markers are matched as whole words or whole
 * values, never as short substrings such as `%s` or `!!` that random keys contain by chance.
 */

/** Any of these words (split on non-alphanumerics) marks the value as a stand-in. */
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
  'setme',
  'insert',
  'yoursecretkey',
  'mysecretkey',
  'secretkeyhere',
]);

/**
 * Words that are not secret on their own: a value made only of these (and numbers) is a stand-in,
 * e.g. `django-insecure-dev-key`, `secret`, `test-key-123`.
 */
const FILLER_WORDS = new Set([
  'a',
  'an',
  'app',
  'at',
  'bar',
  'baz',
  'be',
  'chars',
  'ci',
  'characters',
  'debug',
  'default',
  'dev',
  'develop',
  'development',
  'django',
  'empty',
  'env',
  'fake',
  'foo',
  'for',
  'here',
  'in',
  'insecure',
  'is',
  'key',
  'least',
  'local',
  'long',
  'me',
  'new',
  'now',
  'own',
  'please',
  'real',
  'strong',
  'mock',
  'must',
  'my',
  'none',
  'not',
  'null',
  'of',
  'only',
  'pass',
  'password',
  'passwd',
  'prod',
  'production',
  'project',
  'qwerty',
  'random',
  'secret',
  'secretkey',
  'secret_key',
  'set',
  'settings',
  'site',
  'string',
  'super',
  'supersecret',
  'test',
  'testing',
  'tests',
  'the',
  'this',
  'token',
  'unsafe',
  'use',
  'value',
  'very',
  'with',
]);

/** Template and reference syntaxes: the value names a secret held elsewhere. */
const TEMPLATE_PATTERNS: readonly RegExp[] = [
  /\$\{[^}]*\}?/, // ${VAR}, ${{ secrets.X }}
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^\$\([a-z][\w-]*(?:\s[^)]*)?\)$/, // $(command)
  /\{\{.*\}\}/, // Jinja, Go and Helm templates
  /\{%.*%\}/,
  /^%\([A-Za-z0-9_]+\)s$/, // configparser interpolation
  /<[^<>]{1,80}>/, // <your-key>
  /!!!.*!!!/, // cookiecutter-django: !!!SET DJANGO_SECRET_KEY!!!
  /^!!!\s*set\b/i,
  /^@@?[A-Za-z_]+@@?$/,
  /^__[A-Z0-9_]+__$/,
];

/**
 * True when a value is empty or a stand-in (placeholder word, template, repeated characters), so
 * it is not a secret leak. Callers decide what "short" means for their rule.
 */
export function isPlaceholderValue(raw: string): boolean {
  const value = raw.trim();
  if (value === '') return true;
  if (TEMPLATE_PATTERNS.some((pattern) => pattern.test(value))) return true;
  // Repeated characters: `xxxxxxxx`, `********`, `0000-0000`, `abab`.
  const significant = value.replace(/[\s\-_.:/]/g, '');
  if (uniqueCharCount(significant.toLowerCase()) < 4) return true;
  // startproject's prefix is structure, not a hint: judge the random part after it.
  const words = value
    .replace(/^django-insecure-/i, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  const isMarker = (word: string): boolean => MARKER_WORDS.has(word) || /^x{4,}$/.test(word);
  if (words.some(isMarker)) {
    // A marker word counts only when words carry the value: a random key can contain a fragment
    // such as `xxxx` or `todo` by chance, surrounded by random characters.
    const known = words
      .filter((word) => isMarker(word) || FILLER_WORDS.has(word))
      .reduce((sum, word) => sum + word.length, 0);
    const total = words.reduce((sum, word) => sum + word.length, 0);
    if (known >= 0.4 * total) return true;
  }
  if (words.length > 0 && words.every((word) => FILLER_WORDS.has(word) || /^\d+$/.test(word))) {
    // Only a value that is nothing but words and separators: a random key has symbol runs too.
    return /^[A-Za-z0-9\s\-_.]+$/.test(value);
  }
  return false;
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
