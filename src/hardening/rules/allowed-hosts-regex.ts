import { hostPatterns } from '../support';
import { defineSettingsRule } from '../../settings/rule-support';

/**
 * Django matches ALLOWED_HOSTS with `is_same_domain`: exact names, a leading dot for a domain and
 * its subdomains, and '*' alone. Nothing else is a pattern.
 * https://github.com/django/django/blob/main/django/utils/http.py (is_same_domain)
 */
const REGEX_LOOKING = /[\^$\\()[\]{}|+?]|\.\*|\*/;

export function looksLikeRegexHost(host: string): boolean {
  return host !== '*' && REGEX_LOOKING.test(host);
}

export const allowedHostsRegex = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG203',
  name: 'allowed-hosts-regex',
  severity: 'low',
  fix: "Replace regex or glob entries with exact host names; use a leading dot ('.example.com') for subdomains.",
  docs: {
    summary:
      'ALLOWED_HOSTS contains regex- or glob-looking entries, which Django compares literally.',
    whatItDoes:
      "Reports ALLOWED_HOSTS entries that contain regular-expression syntax (^ $ \\ ( ) [ ] { } | + ?) or a '*' other than the lone '*' (e.g. '*.example.com', r'^10\\.0\\.\\d+\\.\\d+$'). A leading dot ('.example.com') is Django's subdomain syntax and is not reported.",
    whyBad:
      "Django supports exact names, a leading dot and the lone '*' only, so such an entry never matches: the hosts it was meant to allow get 400 Bad Request, and the usual reaction is to widen ALLOWED_HOSTS to '*'. Severity low: it fails closed, but it is a wildcard waiting to happen.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com', '*.example.com']\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com', '.example.com']\n",
    },
    useInstead:
      "Exact host names and '.example.com' for a domain with its subdomains. For health checks from private IPs, list the addresses or answer them before Django's host validation (in the proxy or a small middleware).",
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts',
      'https://github.com/django/django/blob/main/django/utils/http.py',
    ],
  },
  check(ctx) {
    const hosts = ctx.setting('ALLOWED_HOSTS');
    if (hosts.value.kind === 'str') return [];
    const patterns = hostPatterns(hosts.value);
    if (patterns === undefined) return [];
    const bad = patterns.known.filter(looksLikeRegexHost);
    if (bad.length === 0) return [];
    return [
      {
        message: `ALLOWED_HOSTS has ${bad.length} entr${bad.length === 1 ? 'y' : 'ies'} that Django compares literally and that will never match: ${bad.map((h) => JSON.stringify(h)).join(', ')}`,
        setting: 'ALLOWED_HOSTS',
      },
    ];
  },
});
