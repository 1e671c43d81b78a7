import { describeSetting } from '../../settings/describe';
import { hostPatterns } from '../support';
import { defineSettingsRule } from '../../settings/rule-support';

/**
 * `os.environ.get("ALLOWED_HOSTS", "").split(",")` gives `['']` when the variable is unset: a
 * non-empty list, so security.W020 stays quiet, yet `''` matches no Host header (django-rules.md
 * §3.1).
 */
export const allowedHostsEmptyString = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG202',
  name: 'allowed-hosts-empty-string',
  severity: 'high',
  fix: "Set the hosts env variable in production, or drop empty items: [h for h in os.environ.get('ALLOWED_HOSTS', '').split(',') if h].",
  docs: {
    summary:
      "ALLOWED_HOSTS holds only empty strings (e.g. `''.split(',')`), so no request is accepted.",
    whatItDoes:
      "Reports when every entry of ALLOWED_HOSTS is the empty string. That is what `os.environ.get('ALLOWED_HOSTS', '').split(',')` evaluates to when the variable is unset. The list is not empty, so Django's security.W020 does not fire.",
    whyBad:
      "No Host header equals '', so every request fails with 400 Bad Request. The usual 'fix' under pressure is ALLOWED_HOSTS = ['*'], which removes Host validation altogether. Severity high: the deployment is broken, and the check Django provides for it is silently defeated.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = os.environ.get('DJANGO_ALLOWED_HOSTS', '').split(',')\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = [h for h in os.environ.get('DJANGO_ALLOWED_HOSTS', 'example.com').split(',') if h]\n",
    },
    useInstead:
      "Filter empty items, give a real default host, or use a list cast that drops empty items (django-environ's `env.list`, decouple's `Csv()`), and set the variable in the production environment.",
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts',
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
    ],
  },
  check(ctx) {
    const hosts = ctx.setting('ALLOWED_HOSTS');
    const patterns = hostPatterns(hosts.value);
    if (patterns === undefined || patterns.unknownItems > 0 || patterns.known.length === 0)
      return [];
    if (hosts.value.kind === 'str') return [];
    if (!patterns.known.every((h) => h.trim() === '')) return [];
    return [
      {
        message: `${describeSetting(hosts)}: an empty host name matches no request, so every request gets 400 Bad Request (security.W020 does not notice because the list is not empty)`,
        setting: 'ALLOWED_HOSTS',
      },
    ];
  },
});
