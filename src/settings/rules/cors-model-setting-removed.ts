import { CORS_APP } from './cors-support';
import { describeSetting } from '../describe';
import { isSet, inInstalledApps, defineSettingsRule } from '../rule-support';

/** corsheaders.E012: The removed CORS_MODEL setting is still set. */
export const corsModelSettingRemoved = defineSettingsRule({
  origin: 'corsheaders',
  id: 'corsheaders.E012',
  name: 'cors-model-setting-removed',
  severity: 'high',
  fix: 'Delete CORS_MODEL and move the allowed origins into CORS_ALLOWED_ORIGINS or a signal handler.',
  docs: {
    summary: 'The removed CORS_MODEL setting is still set.',
    whatItDoes:
      "When 'corsheaders' is in INSTALLED_APPS, reports CORS_MODEL being defined at all (the setting was removed from django-cors-headers), as the library's own check does.",
    whyBad:
      'The library ignores CORS_MODEL, so origins you think are allowed from the database are not, and the ones you think are restricted may be configured elsewhere.',
    badExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_MODEL = "myapp.CorsOrigin"
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
`,
    },
    useInstead: 'Remove CORS_MODEL; use CORS_ALLOWED_ORIGINS or the check_request_enabled signal.',
    references: [
      'https://github.com/adamchainz/django-cors-headers/blob/main/src/corsheaders/checks.py',
      'https://github.com/adamchainz/django-cors-headers#configuration',
    ],
  },
  check(ctx) {
    const model = ctx.setting('CORS_MODEL');
    if (!isSet(model)) return [];
    return ctx.decide(inInstalledApps(ctx, CORS_APP), [ctx.setting('INSTALLED_APPS')], () => ({
      setting: model.name,
      message: `CORS_MODEL was removed from django-cors-headers and has no effect: ${describeSetting(model)}`,
    }));
  },
});
