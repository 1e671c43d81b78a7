import { defineSettingsRule } from '../../settings/rule-support';
import {
  classPaths,
  describeKey,
  isRestFrameworkInstalled,
  libraryKey,
  locationOf,
  pathList,
} from '../drf';

const ALLOW_ANY = 'rest_framework.permissions.AllowAny';

export const drfDefaultPermissionAllowAny = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG227',
  name: 'drf-default-permission-allow-any',
  severity: 'medium',
  fix: "Set REST_FRAMEWORK['DEFAULT_PERMISSION_CLASSES'] = ['rest_framework.permissions.IsAuthenticated'] and open public views one by one with permission_classes = [AllowAny].",
  docs: {
    summary:
      "Django REST framework's DEFAULT_PERMISSION_CLASSES is not set (DRF's default is AllowAny), is AllowAny, or is empty.",
    whatItDoes:
      "When rest_framework is in INSTALLED_APPS, reports REST_FRAMEWORK['DEFAULT_PERMISSION_CLASSES'] that is absent (DRF then uses AllowAny), contains 'rest_framework.permissions.AllowAny', or is an empty list (no permission is checked at all). The finding points at the key's line, or at REST_FRAMEWORK (or the settings module) when the key is absent.",
    whyBad:
      'The default permission applies to every view that does not set its own permission_classes: with AllowAny, each new endpoint is public until someone remembers to protect it, and one forgotten viewset exposes or lets anyone modify its data. Severity medium: whether data is exposed depends on the views, but the failure mode is silent and common.',
    badExample: {
      file: 'project/settings.py',
      content:
        "INSTALLED_APPS = ['django.contrib.auth', 'rest_framework']\nREST_FRAMEWORK = {\n    'DEFAULT_PERMISSION_CLASSES': ['rest_framework.permissions.AllowAny'],\n}\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "INSTALLED_APPS = ['django.contrib.auth', 'rest_framework']\nREST_FRAMEWORK = {\n    'DEFAULT_PERMISSION_CLASSES': ['rest_framework.permissions.IsAuthenticated'],\n}\n",
    },
    useInstead:
      'IsAuthenticated (or a stricter class such as DjangoModelPermissions) as the default, and AllowAny only on the views meant to be public.',
    references: [
      'https://www.django-rest-framework.org/api-guide/permissions/#setting-the-permission-policy',
      'https://owasp.org/API-Security/editions/2023/en/0xa5-broken-function-level-authorization/',
    ],
  },
  check(ctx) {
    if (isRestFrameworkInstalled(ctx) !== true) return [];
    const key = libraryKey(
      ctx,
      'REST_FRAMEWORK',
      'DEFAULT_PERMISSION_CLASSES',
      pathList([ALLOW_ANY]),
    );
    const paths = classPaths(key.value);
    if (paths === undefined)
      return key.value.kind === 'unknown' ? [ctx.undecided([key.setting])] : [];
    const open =
      paths.length === 0
        ? 'is empty (no permission is checked)'
        : paths.includes(ALLOW_ANY)
          ? key.isDefault
            ? "is DRF's default, AllowAny"
            : 'contains AllowAny'
          : undefined;
    if (open === undefined) return [];
    return [
      {
        ...locationOf(key),
        message: `${describeKey(key, 'DRF')}: the default permission ${open}, so every view without its own permission_classes is open to anyone; use IsAuthenticated`,
        detail: 'DEFAULT_PERMISSION_CLASSES',
      },
    ];
  },
});
