import { defineSettingsRule } from '../../settings/rule-support';
import type { SettingsMatch } from '../../settings/rule';
import { str } from '../../settings/value';
import { dictGet } from '../../settings/value-ops';
import {
  classPaths,
  describeKey,
  isRestFrameworkInstalled,
  libraryKey,
  locationOf,
  pathList,
} from '../drf';

/** DRF's built-in throttles and the rate scope each reads from DEFAULT_THROTTLE_RATES. */
const SCOPE_OF: Record<string, string> = {
  'rest_framework.throttling.AnonRateThrottle': 'anon',
  'rest_framework.throttling.UserRateThrottle': 'user',
};

export const drfThrottlingMissing = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG230',
  name: 'drf-throttling-missing',
  severity: 'low',
  fix: "Set REST_FRAMEWORK['DEFAULT_THROTTLE_CLASSES'] (AnonRateThrottle, UserRateThrottle) with a rate for each scope in DEFAULT_THROTTLE_RATES.",
  docs: {
    summary:
      'Django REST framework has no default throttling, or a default throttle class has no rate in DEFAULT_THROTTLE_RATES.',
    whatItDoes:
      "When rest_framework is installed, reports REST_FRAMEWORK['DEFAULT_THROTTLE_CLASSES'] that is absent or empty (DRF's default: no throttling), and each of AnonRateThrottle / UserRateThrottle listed there whose scope ('anon', 'user') has no rate in DEFAULT_THROTTLE_RATES: DRF only finds that out at request time, when the throttle raises ImproperlyConfigured on every request. Throttle classes of the project are not judged (their scope is in code).",
    whyBad:
      'Without throttling, login, token and password-reset endpoints accept unlimited guesses, and any expensive endpoint can be hammered by one client. A class without its rate is worse: the first request that reaches it fails with a server error. Severity low: throttling is defence in depth (a proxy or WAF may rate-limit), and DRF documents that it is not a security measure against determined attackers.',
    badExample: {
      file: 'project/settings.py',
      content:
        "INSTALLED_APPS = ['rest_framework']\nREST_FRAMEWORK = {\n    'DEFAULT_THROTTLE_CLASSES': ['rest_framework.throttling.AnonRateThrottle'],\n    'DEFAULT_THROTTLE_RATES': {'user': '1000/day'},\n}\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "INSTALLED_APPS = ['rest_framework']\nREST_FRAMEWORK = {\n    'DEFAULT_THROTTLE_CLASSES': [\n        'rest_framework.throttling.AnonRateThrottle',\n        'rest_framework.throttling.UserRateThrottle',\n    ],\n    'DEFAULT_THROTTLE_RATES': {'anon': '100/day', 'user': '1000/day'},\n}\n",
    },
    useInstead:
      'Default throttle classes with a rate for each scope, and ScopedRateThrottle with tighter rates on authentication endpoints.',
    references: [
      'https://www.django-rest-framework.org/api-guide/throttling/',
      'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/',
    ],
  },
  check(ctx) {
    if (isRestFrameworkInstalled(ctx) !== true) return [];
    const classes = libraryKey(ctx, 'REST_FRAMEWORK', 'DEFAULT_THROTTLE_CLASSES', pathList([]));
    const paths = classPaths(classes.value);
    if (paths === undefined)
      return classes.value.kind === 'unknown' ? [ctx.undecided([classes.setting])] : [];
    if (paths.length === 0)
      return [
        {
          ...locationOf(classes),
          message: `${describeKey(classes, 'DRF')}${classes.isDefault ? '' : ' is empty'}: no default throttling, so every endpoint without its own throttle_classes accepts unlimited requests`,
          detail: 'DEFAULT_THROTTLE_CLASSES',
        },
      ];
    const rates = libraryKey(ctx, 'REST_FRAMEWORK', 'DEFAULT_THROTTLE_RATES', {
      kind: 'dict',
      entries: [],
    });
    const matches: SettingsMatch[] = [];
    for (const path of paths) {
      const scope = SCOPE_OF[path];
      if (scope === undefined) continue;
      if (rates.value.kind === 'unknown') return [ctx.undecided([rates.setting])];
      const rate = rates.value.kind === 'dict' ? dictGet(rates.value, str(scope)) : undefined;
      if (rate !== undefined && rate.kind !== 'none') continue;
      matches.push({
        ...locationOf(classes),
        message: `${path.split('.').pop()!} is a default throttle but DEFAULT_THROTTLE_RATES has no rate for '${scope}': DRF raises ImproperlyConfigured on the first request it throttles`,
        detail: scope,
      });
    }
    return matches;
  },
});
