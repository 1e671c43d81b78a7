import { CORS_APP, CORS_OWNER, corsSetting } from './cors-support';
import { int } from '../value';
import { describeSetting } from '../describe';
import { all, not, inInstalledApps, defineSettingsRule } from '../rule-support';

/** corsheaders.E004: CORS_PREFLIGHT_MAX_AGE is not a non-negative int. */
export const corsPreflightMaxAgeInvalid = defineSettingsRule({
  origin: 'corsheaders',
  id: 'corsheaders.E004',
  name: 'cors-preflight-max-age-invalid',
  severity: 'high',
  fix: 'Set CORS_PREFLIGHT_MAX_AGE to a non-negative int number of seconds.',
  docs: {
    summary: 'CORS_PREFLIGHT_MAX_AGE is not a non-negative int.',
    whatItDoes:
      "When 'corsheaders' is in INSTALLED_APPS, reports CORS_PREFLIGHT_MAX_AGE when it is not an int >= 0, as django-cors-headers' own check does. The library's checks are not deploy-only: they run on every `manage.py check`.",
    whyBad:
      'django-cors-headers reads this setting on every request; a value of the wrong type raises or silently matches nothing, so CORS behaves differently from what the settings suggest. The library reports it as an error.',
    badExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_PREFLIGHT_MAX_AGE = "86400"
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_PREFLIGHT_MAX_AGE = 86400
`,
    },
    useInstead: 'Set CORS_PREFLIGHT_MAX_AGE to a non-negative int number of seconds.',
    references: [
      'https://github.com/adamchainz/django-cors-headers/blob/main/src/corsheaders/checks.py',
      'https://github.com/adamchainz/django-cors-headers#configuration',
    ],
  },
  check(ctx) {
    const value = corsSetting(ctx, 'CORS_PREFLIGHT_MAX_AGE', int(86400));
    const condition = all(
      inInstalledApps(ctx, CORS_APP),
      not(
        value.value.kind === 'unknown'
          ? undefined
          : (value.value.kind === 'int' && value.value.value >= 0n) || value.value.kind === 'bool',
      ),
    );
    return ctx.decide(condition, [value, ctx.setting('INSTALLED_APPS')], () => ({
      setting: value.name,
      message: `${value.name} should be an int >= 0: ${describeSetting(value, CORS_OWNER)}`,
    }));
  },
});
