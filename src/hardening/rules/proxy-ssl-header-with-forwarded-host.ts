import { describeSetting } from '../../settings/describe';
import { truthiness } from '../../settings/value-ops';
import { all, defineSettingsRule } from '../../settings/rule-support';

export const proxySslHeaderWithForwardedHost = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG216',
  name: 'proxy-ssl-header-with-forwarded-host',
  severity: 'medium',
  fix: 'Leave USE_X_FORWARDED_HOST = False unless the proxy overwrites X-Forwarded-Host on every request; have it pass the real Host instead.',
  docs: {
    summary: 'SECURE_PROXY_SSL_HEADER is set together with USE_X_FORWARDED_HOST = True.',
    whatItDoes:
      "Reports production settings that trust both the proxy's scheme header (SECURE_PROXY_SSL_HEADER) and X-Forwarded-Host (USE_X_FORWARDED_HOST truthy).",
    whyBad:
      "Django then takes both the scheme and the host of every absolute URL (password-reset links, redirects, request.build_absolute_uri) from headers the client can send. Unless every proxy in front strips and resets both, an attacker picks the host in password-reset emails (host header poisoning), and Django's docs warn that these settings are only safe when the proxy sets the headers. Severity medium: exploitability depends on the proxy, which this scan cannot see.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nSECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\nUSE_X_FORWARDED_HOST = True\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nSECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\n",
    },
    useInstead:
      'A proxy that forwards the original Host header (nginx `proxy_set_header Host $host;`), with USE_X_FORWARDED_HOST left at False; keep ALLOWED_HOSTS exact.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#use-x-forwarded-host',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header',
    ],
  },
  check(ctx) {
    const header = ctx.setting('SECURE_PROXY_SSL_HEADER');
    const forwardedHost = ctx.setting('USE_X_FORWARDED_HOST');
    const condition = all(truthiness(header.value), truthiness(forwardedHost.value));
    if (condition === false) return [];
    if (condition === undefined) return [ctx.undecided([header, forwardedHost])];
    return [
      {
        message: `${describeSetting(forwardedHost)} while SECURE_PROXY_SSL_HEADER is set: scheme and host of absolute URLs both come from client-controllable headers unless the proxy resets them`,
        setting: 'USE_X_FORWARDED_HOST',
      },
    ];
  },
});
