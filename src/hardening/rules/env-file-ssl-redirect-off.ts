import { defineFileRule } from '../file-rule';
import { isFalsyEnvText, isProductionEnvFilePath, parseEnvFile } from '../deployment-files';

const KEYS = new Set(['DJANGO_SECURE_SSL_REDIRECT', 'SECURE_SSL_REDIRECT']);

export const envFileSslRedirectOff = defineFileRule({
  id: 'DDG307',
  name: 'env-file-ssl-redirect-off',
  severity: 'medium',
  fix: 'Set DJANGO_SECURE_SSL_REDIRECT=True, or keep it off only with SECURE_PROXY_SSL_HEADER set and a proxy that redirects.',
  docs: {
    summary:
      'A production env file turns SECURE_SSL_REDIRECT off (DJANGO_SECURE_SSL_REDIRECT=False).',
    whatItDoes:
      'Reports DJANGO_SECURE_SSL_REDIRECT or SECURE_SSL_REDIRECT set to a false value (false, 0, no, off, empty) in production env files. cookiecutter-django ships exactly this line in .envs/.production/.django.',
    whyBad:
      'Django then does not redirect HTTP to HTTPS (security.W008). That is acceptable only when a proxy in front redirects and SECURE_PROXY_SSL_HEADER is set, which this file cannot show; otherwise sessions and forms travel over plain HTTP. Severity medium: the exposure depends on the proxy.',
    badExample: {
      file: '.envs/.production/.django',
      content:
        'DJANGO_SETTINGS_MODULE=config.settings.production\nDJANGO_SECURE_SSL_REDIRECT=False\n',
    },
    goodExample: {
      file: '.envs/.production/.django',
      content:
        'DJANGO_SETTINGS_MODULE=config.settings.production\nDJANGO_SECURE_SSL_REDIRECT=True\n',
    },
    useInstead:
      'DJANGO_SECURE_SSL_REDIRECT=True; if the proxy redirects, say so with an inline ignore and a reason (deploy-guard: ignore[DDG307] traefik redirects).',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect',
      'https://cookiecutter-django.readthedocs.io/en/latest/2-local-development/developing-locally.html',
    ],
  },
  appliesToPath: isProductionEnvFilePath,
  detect(file) {
    return parseEnvFile(file.content)
      .filter((e) => KEYS.has(e.key) && isFalsyEnvText(e.value))
      .map((e) => ({
        line: e.line,
        message: `${e.key}=${e.value} in a production env file: Django will not redirect HTTP to HTTPS`,
        detail: e.key,
      }));
  },
});
