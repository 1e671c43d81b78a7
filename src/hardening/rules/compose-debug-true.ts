import { defineFileRule } from '../file-rule';
import { isComposePath, isTruthyEnvText, parseCompose } from '../deployment-files';

const DEBUG_KEYS = new Set(['DEBUG', 'DJANGO_DEBUG']);

export const composeDebugTrue = defineFileRule({
  id: 'DDG311',
  name: 'compose-debug-true',
  severity: 'high',
  fix: 'Set DEBUG to False (or drop it) in the production compose file.',
  docs: {
    summary: 'A production docker-compose file sets DEBUG / DJANGO_DEBUG to a true value.',
    whatItDoes:
      'Reports DEBUG or DJANGO_DEBUG with a truthy value (true, 1, yes, on…) under a service\'s environment: in a production compose file: its name says prod/production, a service sets a DJANGO_SETTINGS_MODULE containing "prod", or it loads a production env file.',
    whyBad:
      'The container runs Django with debug pages on, exposing settings, SQL and tracebacks to visitors. Severity high, as for any DEBUG in production.',
    badExample: {
      file: 'docker-compose.prod.yml',
      content:
        'services:\n  web:\n    image: shop\n    environment:\n      - DJANGO_SETTINGS_MODULE=config.settings.production\n      - DJANGO_DEBUG=True\n',
    },
    goodExample: {
      file: 'docker-compose.prod.yml',
      content:
        'services:\n  web:\n    image: shop\n    environment:\n      - DJANGO_SETTINGS_MODULE=config.settings.production\n      - DJANGO_DEBUG=False\n',
    },
    useInstead:
      'DEBUG=False in production compose files; a docker-compose.override.yml or local compose file for development.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#debug',
      'https://docs.docker.com/compose/how-tos/multiple-compose-files/merge/',
    ],
  },
  appliesToPath: isComposePath,
  detect(file) {
    const compose = parseCompose(file.path, file.content);
    if (!compose?.production) return [];
    return compose.env
      .filter((e) => DEBUG_KEYS.has(e.key) && e.value !== undefined && isTruthyEnvText(e.value))
      .map((e) => ({
        line: e.line,
        message: `${e.key}=${e.value ?? ''} for service ${e.service} in a production compose file turns Django's debug mode on`,
        detail: `${e.service}:${e.key}`,
      }));
  },
});
