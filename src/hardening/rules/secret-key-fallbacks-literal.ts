import type { SettingsMatch } from '../../settings/rule';
import { isAtLeast } from '../../settings/rule';
import { hashSecret } from '../../core/fingerprint';
import { appearsAsLiteral, sequenceOf } from '../support';
import { defineSettingsRule } from '../../settings/rule-support';

/**
 * SECRET_KEY_FALLBACKS (4.1+) keeps old keys valid for verification; a literal entry is usually
 * the key that was just rotated out because it leaked, still committed and still accepted.
 */
export const secretKeyFallbacksLiteral = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG209',
  name: 'secret-key-fallbacks-literal',
  severity: 'high',
  fix: "Read fallback keys from the environment (env.list('DJANGO_SECRET_KEY_FALLBACKS', default=[])) and remove them after one session lifetime.",
  appliesTo: (version) => isAtLeast(version, 4, 1),
  docs: {
    summary: 'SECRET_KEY_FALLBACKS contains literal keys committed in the settings.',
    whatItDoes:
      'Reports each entry of SECRET_KEY_FALLBACKS that is a string literal written in the settings files (not read from the environment). Each finding carries the hash of that key so the report links it to the history finding where the key was committed; the key is never printed.',
    whyBad:
      'Django still accepts signatures made with every fallback key. A committed fallback is typically the key being rotated out, often because it leaked: keeping it in the file keeps it valid for forging sessions and password-reset tokens. Severity high: a live signing key in the repository (critical is reserved for the primary key).',
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nSECRET_KEY_FALLBACKS = ['{{secret:django-key}}']\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nSECRET_KEY_FALLBACKS = [k for k in os.environ.get('DJANGO_SECRET_KEY_FALLBACKS', '').split(',') if k]\n",
    },
    useInstead:
      'Old keys from the environment or a secrets manager, for one session lifetime only (SESSION_COOKIE_AGE), then an empty list.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks',
      'https://docs.djangoproject.com/en/stable/topics/signing/',
    ],
  },
  check(ctx) {
    const fallbacks = ctx.setting('SECRET_KEY_FALLBACKS');
    if (fallbacks.isDefault || !fallbacks.provenance || fallbacks.provenance.envVar !== undefined)
      return [];
    const items = sequenceOf(fallbacks.value);
    if (items === undefined) return [];
    const files = [fallbacks.provenance.file, ...ctx.snapshot.filesRead];
    const matches: SettingsMatch[] = [];
    items.forEach((item, index) => {
      if (item.kind !== 'str' && item.kind !== 'bytes') return;
      // An item read from the env has no quoted twin in the source; only literals do.
      if (!appearsAsLiteral(ctx, files, item.value)) return;
      const hash = hashSecret(item.value);
      matches.push({
        message: `SECRET_KEY_FALLBACKS[${index}] is a literal key (${Array.from(item.value).length} chars) committed in the settings; Django still accepts signatures made with it`,
        setting: 'SECRET_KEY_FALLBACKS',
        detail: hash,
        secretHash: hash,
      });
    });
    return matches;
  },
});
