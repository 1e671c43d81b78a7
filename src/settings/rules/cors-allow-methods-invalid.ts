import { CORS_APP, CORS_OWNER, corsSetting, isSequenceOf, isStr } from './cors-support';
import { str, tuple } from '../value';
import { describeSetting } from '../describe';
import { all, not, inInstalledApps, defineSettingsRule } from '../rule-support';

/** corsheaders.E002: CORS_ALLOW_METHODS is not a list or tuple of strings. */
export const corsAllowMethodsInvalid = defineSettingsRule({
  origin: 'corsheaders',
  id: 'corsheaders.E002',
  name: 'cors-allow-methods-invalid',
  severity: 'high',
  fix: 'Make CORS_ALLOW_METHODS a list of method names.',
  docs: {
    summary: 'CORS_ALLOW_METHODS is not a list or tuple of strings.',
    whatItDoes:
      "When 'corsheaders' is in INSTALLED_APPS, reports CORS_ALLOW_METHODS when it is not a sequence of strings, as django-cors-headers' own check does. The library's checks are not deploy-only: they run on every `manage.py check`.",
    whyBad:
      'django-cors-headers reads this setting on every request; a value of the wrong type raises or silently matches nothing, so CORS behaves differently from what the settings suggest. The library reports it as an error.',
    badExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_ALLOW_METHODS = "GET"
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_ALLOW_METHODS = ["GET"]
`,
    },
    useInstead: 'Make CORS_ALLOW_METHODS a list of method names.',
    references: [
      'https://github.com/adamchainz/django-cors-headers/blob/main/src/corsheaders/checks.py',
      'https://github.com/adamchainz/django-cors-headers#configuration',
    ],
  },
  check(ctx) {
    const value = corsSetting(
      ctx,
      'CORS_ALLOW_METHODS',
      tuple(['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT'].map(str)),
    );
    const condition = all(inInstalledApps(ctx, CORS_APP), not(isSequenceOf(value.value, isStr)));
    return ctx.decide(condition, [value, ctx.setting('INSTALLED_APPS')], () => ({
      setting: value.name,
      message: `${value.name} should be a sequence of strings: ${describeSetting(value, CORS_OWNER)}`,
    }));
  },
});
