import { CORS_APP, CORS_OWNER, corsSetting, isPattern, isStr } from './cors-support';
import { str } from '../value';
import { describeSetting } from '../describe';
import { all, not, inInstalledApps, defineSettingsRule } from '../rule-support';

/** corsheaders.E009: CORS_URLS_REGEX is not a str or compiled regex. */
export const corsUrlsRegexInvalid = defineSettingsRule({
  origin: 'corsheaders',
  id: 'corsheaders.E009',
  name: 'cors-urls-regex-invalid',
  severity: 'high',
  fix: 'Set CORS_URLS_REGEX to one anchored regex string.',
  docs: {
    summary: 'CORS_URLS_REGEX is not a str or compiled regex.',
    whatItDoes:
      "When 'corsheaders' is in INSTALLED_APPS, reports CORS_URLS_REGEX when it is not a string or compiled regex, as django-cors-headers' own check does. The library's checks are not deploy-only: they run on every `manage.py check`.",
    whyBad:
      'django-cors-headers reads this setting on every request; a value of the wrong type raises or silently matches nothing, so CORS behaves differently from what the settings suggest. The library reports it as an error.',
    badExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_URLS_REGEX = ["^/api/.*$"]
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_URLS_REGEX = r"^/api/.*$"
`,
    },
    useInstead: 'Set CORS_URLS_REGEX to one anchored regex string.',
    references: [
      'https://github.com/adamchainz/django-cors-headers/blob/main/src/corsheaders/checks.py',
      'https://github.com/adamchainz/django-cors-headers#configuration',
    ],
  },
  check(ctx) {
    const value = corsSetting(ctx, 'CORS_URLS_REGEX', str('^.*$'));
    const condition = all(
      inInstalledApps(ctx, CORS_APP),
      not(
        value.value.kind === 'unknown' ? undefined : isStr(value.value) || isPattern(value.value),
      ),
    );
    return ctx.decide(condition, [value, ctx.setting('INSTALLED_APPS')], () => ({
      setting: value.name,
      message: `${value.name} should be a string or compiled regex: ${describeSetting(value, CORS_OWNER)}`,
    }));
  },
});
