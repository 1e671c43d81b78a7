import { isLoopbackHost, parseOrigin, sequenceOf } from '../support';
import { defineSettingsRule } from '../../settings/rule-support';

/**
 * Django (4.0+) trusts `scheme://*.domain` as "domain and its subdomains" for the Origin and
 * Referer checks; `*.com` therefore trusts a whole TLD. Before 4.0 entries were bare hosts.
 * https://github.com/django/django/blob/main/django/middleware/csrf.py (_origin_verified)
 */
export function csrfOriginProblem(
  entry: string,
): { reason: string; wildcard: boolean } | undefined {
  const parsed = parseOrigin(entry) ?? {
    scheme: '',
    host: entry.trim().toLowerCase().replace(/:\d+$/, ''),
  };
  const host = parsed.host;
  if (host.includes('*')) {
    const rest = host.replace(/^\*\.?/, '');
    if (host === '*' || rest === '' || !rest.includes('.')) {
      return { reason: 'wildcard host trusts every site under it', wildcard: true };
    }
  }
  if (isLoopbackHost(host.replace(/^\*\./, '')))
    return { reason: 'points at localhost', wildcard: false };
  if (parsed.scheme === 'http') return { reason: 'uses plain http://', wildcard: false };
  return undefined;
}

export const csrfTrustedOriginsInsecure = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG215',
  name: 'csrf-trusted-origins-insecure',
  severity: 'medium',
  fix: "Trust only the site's own https:// origins in CSRF_TRUSTED_ORIGINS (e.g. 'https://*.example.com'); keep localhost in local settings.",
  docs: {
    summary:
      'CSRF_TRUSTED_ORIGINS contains a wildcard host, an http:// origin or a localhost origin in production.',
    whatItDoes:
      "Reports entries of CSRF_TRUSTED_ORIGINS whose host is a bare wildcard ('*', 'https://*', 'https://*.com'), whose scheme is http://, or whose host is localhost/127.0.0.1/0.0.0.0/::1. Subdomain wildcards under a real domain ('https://*.example.com') are Django syntax and are not reported.",
    whyBad:
      "Django's CSRF protection accepts unsafe requests whose Origin (or, over HTTPS, Referer) is trusted. A wildcard over a TLD trusts every site under it; an http:// origin can be spoofed by anyone on the network path; a localhost origin trusts whatever runs on the visitor's machine. Each lets another page submit forms with the user's session. Severity medium (high for a bare wildcard): exploitation needs the attacker to control one of the trusted origins.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nCSRF_TRUSTED_ORIGINS = ['https://example.com', 'http://localhost:8000']\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nCSRF_TRUSTED_ORIGINS = ['https://example.com', 'https://*.example.com']\n",
    },
    useInstead:
      "The https origins the site's forms are actually posted from, with 'https://*.example.com' for subdomains.",
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-trusted-origins',
      'https://docs.djangoproject.com/en/stable/ref/csrf/',
    ],
  },
  check(ctx) {
    const origins = ctx.setting('CSRF_TRUSTED_ORIGINS');
    const items = sequenceOf(origins.value);
    if (origins.isDefault || items === undefined) return [];
    const bad: string[] = [];
    let wildcard = false;
    for (const item of items) {
      if (item.kind !== 'str') continue;
      const problem = csrfOriginProblem(item.value);
      if (!problem) continue;
      wildcard ||= problem.wildcard;
      bad.push(`${JSON.stringify(item.value)} (${problem.reason})`);
    }
    if (bad.length === 0) return [];
    return [
      {
        message: `CSRF_TRUSTED_ORIGINS trusts ${bad.length} origin${bad.length === 1 ? '' : 's'} that should not be trusted in production: ${bad.join(', ')}`,
        setting: 'CSRF_TRUSTED_ORIGINS',
        ...(wildcard ? { severity: 'high' as const } : {}),
      },
    ];
  },
});
