import { describeSettingWithoutValue } from '../../settings/describe';
import { hashSecret } from '../../core/fingerprint';
import { isPlaceholderValue } from '../../secrets/placeholders';
import { appearsAsLiteral, isGeneratedOnLine } from '../support';
import { defineSettingsRule } from '../../settings/rule-support';

/**
 * A SECRET_KEY written in the production settings is in the repository and its history for good,
 * however strong it is: anyone with read access can sign sessions, password-reset tokens and
 * anything else `django.core.signing` protects.
 */
export const secretKeyLiteral = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG206',
  name: 'secret-key-literal',
  severity: 'critical',
  fix: "Read SECRET_KEY from the environment or a secrets store (SECRET_KEY = os.environ['DJANGO_SECRET_KEY']) and rotate the committed key.",
  docs: {
    summary: 'SECRET_KEY is a literal string in the production settings.',
    whatItDoes:
      'Reports when the evaluated SECRET_KEY is a non-empty str (or bytes) that was not read from an environment variable and is not generated at start-up (get_random_secret_key(), secrets.token_urlsafe()). Known placeholders are left to secret-key-placeholder. The finding carries the hash of the key, so it links to the history finding for the same key; the key itself is never printed.',
    whyBad:
      "The key signs sessions, password-reset links, messages and signed cookies. Once committed, everyone with access to the repository, its forks, CI logs or backups has it, and deleting it later does not remove it from history. Severity critical: it hands out the ability to forge sessions and reset tokens, and Django's security.W009 only checks the key's length and variety, so a strong committed key passes `check --deploy`.",
    badExample: {
      file: 'project/settings.py',
      content:
        "DEBUG = False\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = '{{secret:django-key}}'\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
    },
    useInstead:
      'An environment variable or a secrets manager, with no default in the production settings so a missing key fails the start. Rotate a key that was ever committed: move it to SECRET_KEY_FALLBACKS (read from the environment too) for one session lifetime, then drop it.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks',
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key',
    ],
  },
  check(ctx) {
    const key = ctx.setting('SECRET_KEY');
    if (key.isDefault || !key.provenance || key.provenance.envVar !== undefined) return [];
    if (key.value.kind !== 'str' && key.value.kind !== 'bytes') return [];
    const value = key.value.value;
    if (value === '' || isPlaceholderValue(value) || isGeneratedOnLine(ctx, key)) return [];
    return [
      {
        message: `${describeSettingWithoutValue(key)} is ${
          appearsAsLiteral(ctx, [key.provenance.file, ...ctx.snapshot.filesRead], value)
            ? 'a literal key'
            : 'a key computed from constants in the code'
        } (${Array.from(value).length} chars) committed in the production settings`,
        setting: 'SECRET_KEY',
        secretHash: hashSecret(value),
      },
    ];
  },
});
