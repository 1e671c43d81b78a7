import { defineFileRule } from '../file-rule';
import { isDjangoCfgCandidatePath, parseDjangoCfg } from '../django-cfg';

export const djangoCfgDebugTrue = defineFileRule({
  id: 'DDG301',
  name: 'django-cfg-debug-true',
  severity: 'high',
  fix: 'Set debug: false in the production django-cfg config (or leave it out; the default is false).',
  docs: {
    summary: 'A production django-cfg config sets debug: true.',
    whatItDoes:
      "Reads django-cfg configs (config.yaml, config.prod.yaml, config.production.yaml, and Python DjangoConfig classes or instances with literal fields) and reports `debug: true` when the config is for production: the file name says prod/production, environment/env_mode is production, or, for YAML, neither is given (django-cfg's default env_mode is production). A Python config without a literal env_mode is switched by DJANGO_ENV/ENVIRONMENT/ENV at start-up, so it counts as production only when its file name says so.",
    whyBad:
      "debug=True makes Django show tracebacks with settings and local variables, and django-cfg switches its security builder to the permissive development profile. Recent django-cfg releases force debug off in production with a warning, so the line is at best dead and misleading, at worst live on an older release or a misdetected environment. Severity high: DEBUG in production is Django's most common information leak.",
    badExample: {
      file: 'config.prod.yaml',
      content:
        'project_name: shop\nenvironment: production\ndebug: true\nsecurity_domains:\n  - shop.example.com\n',
    },
    goodExample: {
      file: 'config.prod.yaml',
      content:
        'project_name: shop\nenvironment: production\ndebug: false\nsecurity_domains:\n  - shop.example.com\n',
    },
    useInstead:
      'debug: false (or no debug key) in production configs; debug: true only in config.dev.yaml.',
    references: [
      'https://github.com/markolofsen/django-cfg',
      'https://docs.djangoproject.com/en/stable/ref/settings/#debug',
    ],
  },
  appliesToPath: isDjangoCfgCandidatePath,
  detect(file) {
    const config = parseDjangoCfg(file);
    const debug = config?.fields.debug;
    if (!config || config.production !== true || debug?.value.kind !== 'bool' || !debug.value.value)
      return [];
    return [
      {
        line: debug.line,
        message:
          'debug is true in a production django-cfg config: Django serves debug pages with settings and tracebacks',
      },
    ];
  },
});
