import { defineFileRule } from '../file-rule';
import { isDjangoCfgCandidatePath, parseDjangoCfg } from '../django-cfg';

export const djangoCfgSslRedirectOff = defineFileRule({
  id: 'DDG305',
  name: 'django-cfg-ssl-redirect-off',
  severity: 'medium',
  fix: 'Set ssl_redirect: true, or add a comment saying which proxy terminates TLS and redirects to HTTPS.',
  docs: {
    summary:
      'A production django-cfg config leaves ssl_redirect off with no note that a proxy handles HTTPS.',
    whatItDoes:
      'Reports production django-cfg configs where ssl_redirect is absent, null or false and no comment or key mentions a proxy or TLS/SSL termination. django-cfg then sets SECURE_SSL_REDIRECT = False (security.W008).',
    whyBad:
      "django-cfg's default assumes a reverse proxy terminates TLS and redirects. That is fine when true, but nothing in the repository says so, and a deployment without such a proxy serves the site and its session cookies over plain HTTP. Severity medium: the exposure depends on infrastructure outside the repository; a one-line note documents the assumption and silences the rule.",
    badExample: {
      file: 'config.prod.yaml',
      content: 'project_name: shop\ndebug: false\nsecurity_domains:\n  - shop.example.com\n',
    },
    goodExample: {
      file: 'config.prod.yaml',
      content:
        'project_name: shop\ndebug: false\n# TLS terminates at the traefik proxy, which redirects http to https.\nssl_redirect: false\nsecurity_domains:\n  - shop.example.com\n',
    },
    useInstead:
      'ssl_redirect: true when Django faces clients directly; otherwise a comment naming the proxy that terminates TLS and redirects.',
    references: [
      'https://github.com/markolofsen/django-cfg',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect',
    ],
  },
  appliesToPath: isDjangoCfgCandidatePath,
  detect(file) {
    const config = parseDjangoCfg(file);
    if (!config || config.production !== true || config.mentionsProxy) return [];
    const redirect = config.fields.ssl_redirect;
    if (redirect === undefined) {
      return [
        {
          line: 1,
          message:
            'ssl_redirect is not set in a production django-cfg config and nothing says a proxy redirects to HTTPS',
        },
      ];
    }
    const off =
      redirect.value.kind === 'null' || (redirect.value.kind === 'bool' && !redirect.value.value);
    if (!off) return [];
    return [
      {
        line: redirect.line,
        message:
          'ssl_redirect is off in a production django-cfg config and nothing says a proxy redirects to HTTPS',
      },
    ];
  },
});
