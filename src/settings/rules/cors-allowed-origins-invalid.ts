import { CORS_APP, CORS_OWNER, corsSetting, isSequenceOf, isStr } from './cors-support';
import { tuple } from '../value';
import { describeSetting } from '../describe';
import { all, not, inInstalledApps, defineSettingsRule } from '../rule-support';

/** corsheaders.E006: CORS_ALLOWED_ORIGINS (or CORS_ORIGIN_WHITELIST) is not a list or tuple of strings. */
export const corsAllowedOriginsInvalid = defineSettingsRule({
  origin: 'corsheaders',
  id: 'corsheaders.E006',
  name: 'cors-allowed-origins-invalid',
  severity: 'high',
  fix: 'Make CORS_ALLOWED_ORIGINS a list of origins; split env strings with env.list(...).',
  docs: {
    summary: 'CORS_ALLOWED_ORIGINS (or CORS_ORIGIN_WHITELIST) is not a list or tuple of strings.',
    whatItDoes:
      "When 'corsheaders' is in INSTALLED_APPS, reports CORS_ALLOWED_ORIGINS (or its old alias CORS_ORIGIN_WHITELIST) when it is not a sequence of strings, as django-cors-headers' own check does. The library's checks are not deploy-only: they run on every `manage.py check`.",
    whyBad:
      'django-cors-headers reads this setting on every request; a value of the wrong type raises or silently matches nothing, so CORS behaves differently from what the settings suggest. The library reports it as an error.',
    badExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_ALLOWED_ORIGINS = "https://app.example.com"
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
`,
    },
    useInstead:
      'Make CORS_ALLOWED_ORIGINS a list of origins; split env strings with env.list(...).',
    references: [
      'https://github.com/adamchainz/django-cors-headers/blob/main/src/corsheaders/checks.py',
      'https://github.com/adamchainz/django-cors-headers#configuration',
    ],
  },
  check(ctx) {
    const value = corsSetting(ctx, 'CORS_ALLOWED_ORIGINS', tuple([]), 'CORS_ORIGIN_WHITELIST');
    const condition = all(inInstalledApps(ctx, CORS_APP), not(isSequenceOf(value.value, isStr)));
    return ctx.decide(condition, [value, ctx.setting('INSTALLED_APPS')], () => ({
      setting: value.name,
      message: `${value.name} should be a sequence of strings: ${describeSetting(value, CORS_OWNER)}`,
    }));
  },
});
