import { CORS_APP, CORS_OWNER, corsSetting, isPattern, isSequenceOf, isStr } from './cors-support';
import { tuple } from '../value';
import { describeSetting } from '../describe';
import { all, not, inInstalledApps, defineSettingsRule } from '../rule-support';

/** corsheaders.E007: CORS_ALLOWED_ORIGIN_REGEXES (or CORS_ORIGIN_REGEX_WHITELIST) is not a list or tuple of regexes. */
export const corsOriginRegexesInvalid = defineSettingsRule({
  origin: 'corsheaders',
  id: 'corsheaders.E007',
  name: 'cors-origin-regexes-invalid',
  severity: 'high',
  fix: 'Make CORS_ALLOWED_ORIGIN_REGEXES a list of anchored regex strings.',
  docs: {
    summary:
      'CORS_ALLOWED_ORIGIN_REGEXES (or CORS_ORIGIN_REGEX_WHITELIST) is not a list or tuple of regexes.',
    whatItDoes:
      "When 'corsheaders' is in INSTALLED_APPS, reports CORS_ALLOWED_ORIGIN_REGEXES (or its old alias CORS_ORIGIN_REGEX_WHITELIST) when it is not a sequence of strings or compiled regexes, as django-cors-headers' own check does. The library's checks are not deploy-only: they run on every `manage.py check`.",
    whyBad:
      'django-cors-headers reads this setting on every request; a value of the wrong type raises or silently matches nothing, so CORS behaves differently from what the settings suggest. The library reports it as an error.',
    badExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_ALLOWED_ORIGIN_REGEXES = r"^https://\\w+\\.example\\.com$"
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://\\w+\\.example\\.com$"]
`,
    },
    useInstead: 'Make CORS_ALLOWED_ORIGIN_REGEXES a list of anchored regex strings.',
    references: [
      'https://github.com/adamchainz/django-cors-headers/blob/main/src/corsheaders/checks.py',
      'https://github.com/adamchainz/django-cors-headers#configuration',
    ],
  },
  check(ctx) {
    const value = corsSetting(
      ctx,
      'CORS_ALLOWED_ORIGIN_REGEXES',
      tuple([]),
      'CORS_ORIGIN_REGEX_WHITELIST',
    );
    const condition = all(
      inInstalledApps(ctx, CORS_APP),
      not(isSequenceOf(value.value, (item) => isStr(item) || isPattern(item))),
    );
    return ctx.decide(condition, [value, ctx.setting('INSTALLED_APPS')], () => ({
      setting: value.name,
      message: `${value.name} should be a sequence of strings or compiled regexes: ${describeSetting(value, CORS_OWNER)}`,
    }));
  },
});
