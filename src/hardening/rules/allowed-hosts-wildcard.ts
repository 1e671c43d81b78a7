import { describeSetting } from '../../settings/describe';
import { defineSettingsRule } from '../../settings/rule-support';
import { hostPatterns, listedAt } from '../support';

/**
 * `'*'` in ALLOWED_HOSTS turns off Host header validation. A bare str is iterated character by
 * character by Django's `validate_host`, so `ALLOWED_HOSTS = "*"` (an env value without a split)
 * matches every host too.
 * https://github.com/django/django/blob/main/django/http/request.py (validate_host)
 */
export const allowedHostsWildcard = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG201',
  name: 'allowed-hosts-wildcard',
  severity: 'high',
  fix: "List the site's real host names in ALLOWED_HOSTS (e.g. ['example.com', '.example.com']) instead of '*'.",
  docs: {
    summary: "ALLOWED_HOSTS contains '*', so Django accepts any Host header.",
    whatItDoes:
      "Evaluates the production settings and reports when ALLOWED_HOSTS contains the pattern '*' (also when ALLOWED_HOSTS is a plain string containing '*', which Django iterates character by character). Django's own check security.W020 only fires when ALLOWED_HOSTS is empty, so a wildcard passes `check --deploy` silently.",
    whyBad:
      "Host header validation is what stops host header poisoning: with '*' an attacker can make Django build password-reset links, absolute URLs and cache keys from a host they control. Severity high: it removes a defence Django enables by default and is directly exploitable through password-reset emails.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['*']\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com', '.example.com']\n",
    },
    useInstead:
      "The exact host names the site is served under. A leading dot ('.example.com') matches the domain and all its subdomains. Read them from the environment with a split or a list cast, e.g. `env.list('DJANGO_ALLOWED_HOSTS')`.",
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts',
      'https://docs.djangoproject.com/en/stable/topics/security/#host-headers-virtual-hosting',
    ],
  },
  check(ctx) {
    const hosts = ctx.setting('ALLOWED_HOSTS');
    const patterns = hostPatterns(hosts.value);
    if (patterns === undefined) return [ctx.undecided([hosts])];
    if (patterns.known.includes('*')) {
      // The line that wrote '*' (a default taken through a helper is written elsewhere).
      const listed = listedAt(ctx, hosts, (item) => item === '*');
      const provenance = hosts.provenance;
      const elsewhere =
        listed && (listed.file !== provenance?.file || listed.line !== provenance.line)
          ? `; '*' is written at ${listed.file}:${listed.line}`
          : '';
      return [
        {
          message: `${describeSetting(hosts)}${elsewhere}: '*' accepts any Host header, so Host header validation is off`,
          setting: 'ALLOWED_HOSTS',
          ...listed,
        },
      ];
    }
    if (patterns.unknownItems > 0) return [ctx.undecided([hosts])];
    return [];
  },
});
