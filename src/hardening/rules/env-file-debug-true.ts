import { defineFileRule } from '../file-rule';
import { isProductionEnvFilePath, isTruthyEnvText, parseEnvFile } from '../deployment-files';

const DEBUG_KEYS = new Set(['DEBUG', 'DJANGO_DEBUG']);

export const envFileDebugTrue = defineFileRule({
  id: 'DDG306',
  name: 'env-file-debug-true',
  severity: 'high',
  fix: 'Set DEBUG=False (or remove the line) in the production env file.',
  docs: {
    summary: 'A production env file turns DEBUG on (DEBUG=True / DJANGO_DEBUG=1…).',
    whatItDoes:
      'Reads production env files (.env.production, .env.prod, production.env, .envs/.production/*, and env files loaded by a production compose file) and reports DEBUG or DJANGO_DEBUG set to a truthy value (true, 1, yes, on, y, t, ok, any case).',
    whyBad:
      'The production settings read DEBUG from this file, so the value here decides whether Django shows tracebacks with settings, SQL and local variables to visitors. Severity high: debug pages in production are a direct information leak.',
    badExample: {
      file: '.envs/.production/.django',
      content: 'DJANGO_SETTINGS_MODULE=config.settings.production\nDJANGO_DEBUG=True\n',
    },
    goodExample: {
      file: '.envs/.production/.django',
      content: 'DJANGO_SETTINGS_MODULE=config.settings.production\nDJANGO_DEBUG=False\n',
    },
    useInstead:
      'DEBUG=False in production env files, with development values in .env / .envs/.local only.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#debug',
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug',
    ],
  },
  appliesToPath: isProductionEnvFilePath,
  detect(file) {
    return parseEnvFile(file.content)
      .filter((e) => DEBUG_KEYS.has(e.key) && isTruthyEnvText(e.value))
      .map((e) => ({
        line: e.line,
        message: `${e.key}=${e.value} in a production env file turns Django's debug mode on`,
        detail: e.key,
      }));
  },
});
