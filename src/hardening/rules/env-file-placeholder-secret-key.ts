import { defineFileRule } from '../file-rule';
import { isProductionEnvFilePath, parseEnvFile } from '../deployment-files';
import { isProjectTemplatePath } from '../../secrets/path-context';
import { isPlaceholderValue } from '../../secrets/placeholders';

export const envFilePlaceholderSecretKey = defineFileRule({
  id: 'DDG309',
  name: 'env-file-placeholder-secret-key',
  severity: 'high',
  fix: 'Replace the placeholder with a generated key at deploy time (from a secrets manager), not in the committed file.',
  docs: {
    summary:
      "A production env file sets the secret key to a placeholder such as '!!!SET DJANGO_SECRET_KEY!!!' or 'change-me'.",
    whatItDoes:
      'Reports keys ending in SECRET_KEY (SECRET_KEY, DJANGO_SECRET_KEY…) in production env files whose value is a known placeholder. Inside a project template (a directory named like {{cookiecutter.project_slug}}) the finding is low: the generator of the template replaces the placeholder. The value is never printed; the finding names the key only. Real secrets in committed env files are reported by dotenv-file-committed (DDG102).',
    whyBad:
      "Templates such as cookiecutter-django ship '!!!SET DJANGO_SECRET_KEY!!!' in .envs/.production/.django. Deployed unchanged, the site signs sessions and reset tokens with a key printed in the template's repository. Severity high: trivially exploitable once recognised.",
    badExample: {
      file: '.envs/.production/.django',
      content:
        'DJANGO_SETTINGS_MODULE=config.settings.production\nDJANGO_SECRET_KEY=!!!SET DJANGO_SECRET_KEY!!!\n',
    },
    goodExample: {
      file: '.envs/.production/.django',
      content:
        'DJANGO_SETTINGS_MODULE=config.settings.production\n# DJANGO_SECRET_KEY comes from the secrets manager at deploy time.\n',
    },
    useInstead:
      'Inject the key at deploy time (CI secret, Docker/Kubernetes secret, secrets manager) and keep it out of committed env files.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key',
      'https://github.com/cookiecutter/cookiecutter-django',
    ],
  },
  appliesToPath: isProductionEnvFilePath,
  detect(file) {
    return parseEnvFile(file.content)
      .filter(
        (e) => /SECRET_KEY$/.test(e.key) && e.value.trim() !== '' && isPlaceholderValue(e.value),
      )
      .map((e) =>
        // In a project template the placeholder is the generator's to replace: worth knowing
        // (a project rendered by hand keeps it), not worth failing the template's own build.
        isProjectTemplatePath(file.path)
          ? {
              line: e.line,
              message: `${e.key} is a well-known placeholder in a production env file of a project template (the template's generator must replace it)`,
              severity: 'low' as const,
              detail: e.key,
            }
          : {
              line: e.line,
              message: `${e.key} is a well-known placeholder in a production env file`,
              detail: e.key,
            },
      );
  },
});
