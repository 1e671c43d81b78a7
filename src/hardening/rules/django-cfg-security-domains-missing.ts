import { defineFileRule } from '../file-rule';
import { isDjangoCfgCandidatePath, parseDjangoCfg } from '../django-cfg';

export const djangoCfgSecurityDomainsMissing = defineFileRule({
  id: 'DDG302',
  name: 'django-cfg-security-domains-missing',
  severity: 'high',
  fix: 'Add security_domains with the production domains (e.g. [example.com, api.example.com]) to the production django-cfg config.',
  docs: {
    summary: 'A production django-cfg config has no security_domains (or an empty list).',
    whatItDoes:
      'Reports production django-cfg configs (see django-cfg-debug-true for how production is decided) that do not set security_domains, or set it to an empty list. A computed value (read from the environment) is not reported.',
    whyBad:
      "security_domains is the single list from which django-cfg builds ALLOWED_HOSTS, CORS_ALLOWED_ORIGINS and CSRF_TRUSTED_ORIGINS. Without it older releases fall back to wildcard hosts and allow-all CORS, and current ones use ['localhost', '127.0.0.1'] or refuse to start, so the deployment is either wide open or broken. Severity high: the fallback removes Host validation and the same-origin policy.",
    badExample: {
      file: 'config.yaml',
      content: 'project_name: shop\ndebug: false\nsecret_key: "${SECRET_KEY}"\n',
    },
    goodExample: {
      file: 'config.yaml',
      content:
        'project_name: shop\ndebug: false\nsecret_key: "${SECRET_KEY}"\nssl_redirect: true\nsecurity_domains:\n  - shop.example.com\n  - api.shop.example.com\n',
    },
    useInstead:
      "The site's real domains in security_domains; django-cfg adds https:// and derives hosts, CORS and CSRF origins from them.",
    references: [
      'https://github.com/markolofsen/django-cfg',
      'https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts',
    ],
  },
  appliesToPath: isDjangoCfgCandidatePath,
  detect(file) {
    const config = parseDjangoCfg(file);
    if (!config || config.production !== true) return [];
    const domains = config.fields.security_domains;
    if (domains === undefined) {
      return [
        {
          line: 1,
          message:
            'production django-cfg config without security_domains: hosts, CORS and CSRF origins fall back to defaults that are either wide open or localhost-only',
        },
      ];
    }
    const empty =
      domains.value.kind === 'null' ||
      (domains.value.kind === 'list' && domains.value.items.length === 0);
    if (!empty) return [];
    return [
      {
        line: domains.line,
        message:
          'security_domains is empty in a production django-cfg config: hosts, CORS and CSRF origins have nothing to be built from',
      },
    ];
  },
});
