import { describeSetting } from '../../settings/describe';
import { truthiness } from '../../settings/value-ops';
import {
  SECURITY_MIDDLEWARE,
  all,
  inMiddleware,
  not,
  pyIn,
  defineSettingsRule,
} from '../../settings/rule-support';

/**
 * Complements security.W008: W008 is often silenced because "the proxy redirects". That is
 * accepted when SECURE_PROXY_SSL_HEADER is set (Django then knows which requests were HTTPS);
 * with neither, nothing in Django ties the site to HTTPS and this rule says so even when W008 is
 * silenced.
 */
export const httpsNotEnforced = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG217',
  name: 'https-not-enforced',
  severity: 'medium',
  fix: "Set SECURE_SSL_REDIRECT = True, or, behind a TLS-terminating proxy that redirects, SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https').",
  docs: {
    summary:
      'SECURE_SSL_REDIRECT is off and SECURE_PROXY_SSL_HEADER is unset: HTTPS is enforced nowhere in Django.',
    whatItDoes:
      'Reports production settings where SECURE_SSL_REDIRECT is falsy and SECURE_PROXY_SSL_HEADER is None while security.W008 cannot say so: W008 is in SILENCED_SYSTEM_CHECKS, or SecurityMiddleware is missing so W008 does not run. (While W008 reports the configuration itself, this rule stays quiet rather than repeat it.) When SECURE_PROXY_SSL_HEADER is set the rule stays quiet: a proxy that terminates TLS and redirects is an accepted reason to silence W008, and Django can then tell HTTPS requests apart.',
    whyBad:
      'Without either setting, Django serves plain-HTTP requests as normal and cannot tell that a proxied request was HTTPS, so request.is_secure() is False, secure-only logic misfires, and a user who types http:// sends their session over the network in clear unless something outside the repository happens to redirect. Severity medium: the exposure depends on infrastructure this scan cannot see.',
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nSECURE_SSL_REDIRECT = False\nSILENCED_SYSTEM_CHECKS = ['security.W008']\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\n# TLS terminates at the load balancer, which redirects http to https.\nSECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\nSILENCED_SYSTEM_CHECKS = ['security.W008']\n",
    },
    useInstead:
      'SECURE_SSL_REDIRECT = True, or SECURE_PROXY_SSL_HEADER naming the header the TLS-terminating proxy sets (and overwrites) on every request, plus HSTS.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header',
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
    ],
  },
  check(ctx) {
    const redirect = ctx.setting('SECURE_SSL_REDIRECT');
    const header = ctx.setting('SECURE_PROXY_SSL_HEADER');
    // While security.W008 reports the same configuration this rule would only repeat it; it
    // speaks when W008 can't: silenced, or not run because SecurityMiddleware is missing.
    const w008Silenced = pyIn(ctx.setting('SILENCED_SYSTEM_CHECKS').value, 'security.W008');
    const w008Runs = inMiddleware(ctx, SECURITY_MIDDLEWARE);
    const w008Quiet =
      w008Silenced === true || w008Runs === false
        ? true
        : w008Silenced === undefined || w008Runs === undefined
          ? undefined
          : false;
    const condition = all(
      not(truthiness(redirect.value)),
      not(truthiness(header.value)),
      w008Quiet,
    );
    if (condition === false) return [];
    if (condition === undefined) return [ctx.undecided([redirect, header])];
    const why =
      w008Silenced === true
        ? 'security.W008 is silenced'
        : `${SECURITY_MIDDLEWARE} is not in MIDDLEWARE, so security.W008 does not run`;
    return [
      {
        message: `${describeSetting(redirect)} and SECURE_PROXY_SSL_HEADER is not set (${why}): nothing in Django redirects to HTTPS or recognises proxied HTTPS requests`,
        setting: 'SECURE_SSL_REDIRECT',
      },
    ];
  },
});
