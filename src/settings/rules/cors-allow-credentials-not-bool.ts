import { CORS_APP, CORS_OWNER, corsSetting, isBool } from './cors-support';
import { FALSE } from '../value';
import { describeSetting } from '../describe';
import { all, not, inInstalledApps, defineSettingsRule } from '../rule-support';

/** corsheaders.E003: CORS_ALLOW_CREDENTIALS is not a bool. */
export const corsAllowCredentialsNotBool = defineSettingsRule({
  origin: 'corsheaders',
  id: 'corsheaders.E003',
  name: 'cors-allow-credentials-not-bool',
  severity: 'high',
  fix: 'Set CORS_ALLOW_CREDENTIALS to True or False; cast env values with env.bool(...).',
  docs: {
    summary: 'CORS_ALLOW_CREDENTIALS is not a bool.',
    whatItDoes:
      "When 'corsheaders' is in INSTALLED_APPS, reports CORS_ALLOW_CREDENTIALS when it is not a bool, as django-cors-headers' own check does. The library's checks are not deploy-only: they run on every `manage.py check`.",
    whyBad:
      "django-cors-headers reads this setting on every request; a value of the wrong type raises or silently matches nothing, so CORS behaves differently from what the settings suggest. The library reports it as an error. A truthy string such as 'False' read from the environment turns credentials on.",
    badExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_ALLOW_CREDENTIALS = "False"
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_ALLOW_CREDENTIALS = False
`,
    },
    useInstead: 'Set CORS_ALLOW_CREDENTIALS to True or False; cast env values with env.bool(...).',
    references: [
      'https://github.com/adamchainz/django-cors-headers/blob/main/src/corsheaders/checks.py',
      'https://github.com/adamchainz/django-cors-headers#configuration',
    ],
  },
  check(ctx) {
    const value = corsSetting(ctx, 'CORS_ALLOW_CREDENTIALS', FALSE);
    const condition = all(inInstalledApps(ctx, CORS_APP), not(isBool(value.value)));
    return ctx.decide(condition, [value, ctx.setting('INSTALLED_APPS')], () => ({
      setting: value.name,
      message: `${value.name} should be a bool: ${describeSetting(value, CORS_OWNER)}`,
    }));
  },
});
