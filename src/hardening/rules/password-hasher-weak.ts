import { isAuthInstalled, sequenceOf } from '../support';
import { defineSettingsRule } from '../../settings/rule-support';

/** Hashers Django keeps only for legacy or tests: fast, unsalted or both. */
export const WEAK_HASHERS = new Set(
  [
    'MD5PasswordHasher',
    'UnsaltedMD5PasswordHasher',
    'UnsaltedSHA1PasswordHasher',
    'SHA1PasswordHasher',
    'CryptPasswordHasher',
  ].map((name) => `django.contrib.auth.hashers.${name}`),
);

export const passwordHasherWeak = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG220',
  name: 'password-hasher-weak',
  severity: 'medium',
  fix: 'Make a slow hasher first in PASSWORD_HASHERS (Argon2PasswordHasher or PBKDF2PasswordHasher); keep weak ones only later in the list for upgrading old hashes.',
  docs: {
    summary:
      'The first entry of PASSWORD_HASHERS (the one used for new passwords) is MD5, SHA1 or crypt.',
    whatItDoes:
      'When django.contrib.auth is installed, reports when PASSWORD_HASHERS[0] is one of MD5PasswordHasher, UnsaltedMD5PasswordHasher, UnsaltedSHA1PasswordHasher, SHA1PasswordHasher or CryptPasswordHasher. Later entries are only used to verify and upgrade old hashes and are not reported.',
    whyBad:
      'Django hashes every new or changed password with the first hasher. MD5 and SHA1 are fast (billions of guesses per second on a GPU) and the unsalted variants allow precomputed tables, so a database leak turns into cleartext passwords. The MD5 hasher is what test settings use for speed; seeing it in production usually means test settings leaked. Severity medium: it only matters after a database compromise, but then it matters for every user.',
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nINSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes']\nPASSWORD_HASHERS = ['django.contrib.auth.hashers.MD5PasswordHasher']\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nINSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes']\nPASSWORD_HASHERS = [\n    'django.contrib.auth.hashers.Argon2PasswordHasher',\n    'django.contrib.auth.hashers.PBKDF2PasswordHasher',\n]\n",
    },
    useInstead:
      "Django's default list (PBKDF2 first) or Argon2PasswordHasher first (needs argon2-cffi).",
    references: [
      'https://docs.djangoproject.com/en/stable/topics/auth/passwords/#using-argon2-with-django',
      'https://docs.djangoproject.com/en/stable/ref/settings/#password-hashers',
      'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html',
    ],
  },
  check(ctx) {
    if (isAuthInstalled(ctx) === false) return [];
    const hashers = ctx.setting('PASSWORD_HASHERS');
    const first = sequenceOf(hashers.value)?.[0];
    if (hashers.isDefault || first?.kind !== 'str' || !WEAK_HASHERS.has(first.value)) return [];
    return [
      {
        message: `PASSWORD_HASHERS[0] is ${first.value}: every new password is stored with a fast, weak hash`,
        setting: 'PASSWORD_HASHERS',
      },
    ];
  },
});
