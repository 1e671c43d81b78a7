import { describeSetting, describeSettingWithoutValue } from '../describe';
import { secretKeyWeaknesses } from './support';
import { defineSettingsRule } from '../rule-support';

/** security.W009: SECRET_KEY is short, low-variety, empty or a startproject placeholder. */
export const secretKeyWeak = defineSettingsRule({
  origin: 'django',
  id: 'security.W009',
  name: 'secret-key-weak',
  severity: 'high',
  fix: 'Generate a long random key (django.core.management.utils.get_random_secret_key) and read it from the environment.',
  docs: {
    summary: 'SECRET_KEY is short, low-variety, empty or a startproject placeholder.',
    whatItDoes:
      "Applies Django's own key test: the key passes only when it has at least 50 characters, at least 5 distinct characters and does not start with 'django-insecure-'. Lengths are counted in Unicode code points, as Python does. A missing or empty key fails. The message gives length and unique-character counts, never the key.",
    whyBad:
      'SECRET_KEY signs sessions, password-reset tokens, messages and signed cookies. A guessable or published key lets an attacker forge them, and often leads to account takeover or remote code execution through pickled sessions.',
    badExample: {
      file: 'project/settings.py',
      content: `SECRET_KEY = "change-me"
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `SECRET_KEY = "example-" * 8
`,
    },
    useInstead:
      'Generate a fresh key with get_random_secret_key() and load it from the environment or a secret store.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key',
      'https://github.com/django/django/blob/main/django/core/checks/security/base.py',
    ],
  },
  check(ctx) {
    const key = ctx.setting('SECRET_KEY');
    // get_random_secret_key() evaluates to a strong 50-character stand-in, so it passes here.
    const weaknesses = secretKeyWeaknesses(key.value);
    if (weaknesses === undefined) return [ctx.undecided([key])];
    if (weaknesses.length === 0) return [];
    const where = key.isDefault ? describeSetting(key) : describeSettingWithoutValue(key);
    return [
      {
        setting: key.name,
        message: `SECRET_KEY is too weak to sign sessions and tokens (${weaknesses.join('; ')}): ${where}`,
      },
    ];
  },
});
