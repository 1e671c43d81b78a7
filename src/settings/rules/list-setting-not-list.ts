import { formatVersion, isAtLeast } from '../rule';
import { describeSetting, describeSettingWithoutValue } from '../describe';
import { isSet, defineSettingsRule } from '../rule-support';

/** settings.E001: A setting Django requires to be a list or tuple is something else, so Django refuses to start. */
export const listSettingNotList = defineSettingsRule({
  origin: 'django',
  id: 'settings.E001',
  name: 'list-setting-not-list',
  severity: 'high',
  fix: "Make the setting a list or tuple, e.g. env.list('DJANGO_ALLOWED_HOSTS') instead of env('DJANGO_ALLOWED_HOSTS').",
  docs: {
    summary:
      'A setting Django requires to be a list or tuple is something else, so Django refuses to start.',
    whatItDoes:
      'Not a Django check id: Django raises ImproperlyConfigured while loading the settings when INSTALLED_APPS or LOCALE_PATHS (every version), ALLOWED_HOSTS (4.0+) or SECRET_KEY_FALLBACKS (4.1+) is not a list or tuple. 3.2 accepts a str ALLOWED_HOSTS. SILENCED_SYSTEM_CHECKS cannot hide a load error, so this finding is never marked silenced.',
    whyBad:
      'The application (and `manage.py check`) crashes at start-up: the deployment fails, often after the old version has been stopped.',
    badExample: {
      file: 'project/settings.py',
      content: `ALLOWED_HOSTS = "www.example.com"
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `ALLOWED_HOSTS = ["www.example.com"]
`,
    },
    useInstead: "Use a list: split env strings with env.list(...) or .split(',').",
    references: [
      'https://github.com/django/django/blob/main/django/conf/__init__.py',
      'https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts',
    ],
  },
  check(ctx) {
    const names = [
      'INSTALLED_APPS',
      'LOCALE_PATHS',
      ...(isAtLeast(ctx.version, 4, 0) ? ['ALLOWED_HOSTS'] : []),
      ...(isAtLeast(ctx.version, 4, 1) ? ['SECRET_KEY_FALLBACKS'] : []),
    ];
    return names.flatMap((name) => {
      const setting = ctx.setting(name);
      if (!isSet(setting)) return [];
      // An Unknown whose kind holds on every path (merged branches) decides it too.
      const kind =
        setting.value.kind === 'unknown'
          ? (setting.value.facts?.kind ?? 'unknown')
          : setting.value.kind;
      const condition = kind === 'unknown' ? undefined : kind !== 'list' && kind !== 'tuple';
      const shown =
        name === 'SECRET_KEY_FALLBACKS'
          ? describeSettingWithoutValue(setting)
          : describeSetting(setting);
      return ctx
        .decide(condition, [setting], () => ({
          setting: name,
          message: `Django ${formatVersion(ctx.version)} refuses to load these settings: ${name} must be a list or a tuple, not ${kind}: ${shown}`,
        }))
        .map((match) => ({ ...match, detail: name }));
    });
  },
});
