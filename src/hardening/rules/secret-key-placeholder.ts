import { describeSettingWithoutValue } from '../../settings/describe';
import { hashSecret } from '../../core/fingerprint';
import { isPlaceholderValue } from '../../secrets/placeholders';
import { defineSettingsRule } from '../../settings/rule-support';

/**
 * Templates ship placeholder keys (cookiecutter-django's `!!!SET DJANGO_SECRET_KEY!!!`,
 * django-cfg's 56-char sample key) that some pass security.W009's length test; deployed
 * unchanged they are public keys.
 */
export const secretKeyPlaceholder = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG208',
  name: 'secret-key-placeholder',
  severity: 'high',
  fix: 'Generate a real key (python -c "from django.core.management.utils import get_random_secret_key as g; print(g())") and set it in the production environment.',
  docs: {
    summary:
      "The effective SECRET_KEY is a known placeholder such as 'change-me' or '!!!SET DJANGO_SECRET_KEY!!!'.",
    whatItDoes:
      "Reports when SECRET_KEY, as evaluated with the production env profile, is a well-known placeholder: change-me / changeme, your-secret-key…, insecure…, secret, cookiecutter-django's '!!!SET DJANGO_SECRET_KEY!!!', django-cfg's sample 'django-secret-key-change-in-production-at-least-32-chars'. It fires whether the value is a literal, an env default or the env value itself. The value is named only by kind.",
    whyBad:
      "A placeholder is published in templates and tutorials, so anyone can forge sessions and reset tokens for a site that runs with it. Some placeholders are long enough to pass Django's security.W009. Severity high: trivially exploitable once someone recognises the template.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'change-me')\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
    },
    useInstead:
      'A random key of at least 50 characters from get_random_secret_key(), kept in the production environment or a secrets manager, with no default in the production settings.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key',
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://github.com/cookiecutter/cookiecutter-django',
    ],
  },
  check(ctx) {
    const key = ctx.setting('SECRET_KEY');
    if (key.isDefault || (key.value.kind !== 'str' && key.value.kind !== 'bytes')) return [];
    // A key generated at start (get_random_secret_key(), a random draw) is modelled, not known:
    // its modelled characters may look like an alphabet run, the key itself is fresh each time.
    if (key.provenance?.generatedBy !== undefined) return [];
    // An empty key is Django's ImproperlyConfigured, not a placeholder (security.W009 says so).
    if (key.value.value.trim() === '' || !isPlaceholderValue(key.value.value)) return [];
    return [
      {
        message: `${describeSettingWithoutValue(key)} is a well-known placeholder key (${Array.from(key.value.value).length} chars), public to anyone who knows the template`,
        setting: 'SECRET_KEY',
        secretHash: hashSecret(key.value.value),
      },
    ];
  },
});
