import { defineSettingsRule } from '../../settings/rule-support';
import {
  classPaths,
  describeKey,
  isRestFrameworkInstalled,
  libraryKey,
  locationOf,
  pathList,
} from '../drf';

const BASIC = 'rest_framework.authentication.BasicAuthentication';

export const drfBasicAuthentication = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG228',
  name: 'drf-basic-authentication',
  severity: 'low',
  fix: "List only token or session authentication in REST_FRAMEWORK['DEFAULT_AUTHENTICATION_CLASSES'] (drop BasicAuthentication).",
  docs: {
    summary:
      "BasicAuthentication is in Django REST framework's DEFAULT_AUTHENTICATION_CLASSES (it is in DRF's default list).",
    whatItDoes:
      "When rest_framework is installed, reports REST_FRAMEWORK['DEFAULT_AUTHENTICATION_CLASSES'] containing 'rest_framework.authentication.BasicAuthentication' or a class whose name ends in BasicAuthentication (a project's subclass), including when the key is absent: DRF's default is [SessionAuthentication, BasicAuthentication].",
    whyBad:
      "HTTP Basic sends the user's password with every request: every proxy log, crash report or client that stores it holds the password itself, not a revocable token, and it invites scripted password guessing against every endpoint (no login form, no lockout). DRF's docs recommend it for testing only. Severity low: exposure needs a leak or a guessing campaign, and HTTPS protects it in transit.",
    badExample: {
      file: 'project/settings.py',
      content: "INSTALLED_APPS = ['rest_framework']\nREST_FRAMEWORK = {}\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "INSTALLED_APPS = ['rest_framework']\nREST_FRAMEWORK = {\n    'DEFAULT_AUTHENTICATION_CLASSES': [\n        'rest_framework.authentication.SessionAuthentication',\n        'rest_framework.authentication.TokenAuthentication',\n    ],\n}\n",
    },
    useInstead:
      'Token, JWT or session authentication, set explicitly in DEFAULT_AUTHENTICATION_CLASSES.',
    references: [
      'https://www.django-rest-framework.org/api-guide/authentication/#basicauthentication',
      'https://www.django-rest-framework.org/api-guide/settings/#default_authentication_classes',
    ],
  },
  check(ctx) {
    if (isRestFrameworkInstalled(ctx) !== true) return [];
    const key = libraryKey(
      ctx,
      'REST_FRAMEWORK',
      'DEFAULT_AUTHENTICATION_CLASSES',
      pathList(['rest_framework.authentication.SessionAuthentication', BASIC]),
    );
    const paths = classPaths(key.value);
    if (paths === undefined)
      return key.value.kind === 'unknown' ? [ctx.undecided([key.setting])] : [];
    // A project's subclass (`paperless.auth.PaperlessBasicAuthentication`) is Basic all the same.
    const basic = paths.find((path) => path === BASIC || path.endsWith('BasicAuthentication'));
    if (basic === undefined) return [];
    const which =
      basic === BASIC ? 'BasicAuthentication' : `${basic} (by its name, a BasicAuthentication)`;
    return [
      {
        ...locationOf(key),
        message: `${describeKey(key, 'DRF')} includes ${which}: API clients send the user's password on every request`,
        detail: 'DEFAULT_AUTHENTICATION_CLASSES',
      },
    ];
  },
});
