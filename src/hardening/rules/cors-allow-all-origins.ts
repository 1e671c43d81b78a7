import { describeSetting } from '../../settings/describe';
import { truthiness } from '../../settings/value-ops';
import { defineSettingsRule } from '../../settings/rule-support';
import { corsSetting, isCorsInstalled } from '../support';

/**
 * django-cors-headers answers `Access-Control-Allow-Origin: *` for every request matching
 * CORS_URLS_REGEX when CORS_ALLOW_ALL_ORIGINS (alias CORS_ORIGIN_ALLOW_ALL) is truthy.
 * https://github.com/adamchainz/django-cors-headers/blob/main/src/corsheaders/middleware.py
 */
export const corsAllowAllOrigins = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG210',
  name: 'cors-allow-all-origins',
  severity: 'high',
  fix: "Set CORS_ALLOW_ALL_ORIGINS = False and list the front-end origins in CORS_ALLOWED_ORIGINS (e.g. ['https://app.example.com']).",
  docs: {
    summary:
      'django-cors-headers allows every origin (CORS_ALLOW_ALL_ORIGINS / CORS_ORIGIN_ALLOW_ALL) in production.',
    whatItDoes:
      'When `corsheaders` is in INSTALLED_APPS, reports a truthy CORS_ALLOW_ALL_ORIGINS (or its pre-3.5 alias CORS_ORIGIN_ALLOW_ALL when the new name is unset; the new name wins, as in the library). The credentialed case is reported separately, as critical, by cors-allow-all-with-credentials.',
    whyBad:
      "Any web site can read the API's responses from a visitor's browser. Even without cookies that exposes data protected by network position (intranet, IP allow-lists) and invites the next step, enabling credentials. Severity high: it switches off the browser's same-origin protection for the whole API.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['api.example.com']\nINSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = ['corsheaders.middleware.CorsMiddleware', 'django.middleware.common.CommonMiddleware']\nCORS_ALLOW_ALL_ORIGINS = True\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['api.example.com']\nINSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = ['corsheaders.middleware.CorsMiddleware', 'django.middleware.common.CommonMiddleware']\nCORS_ALLOWED_ORIGINS = ['https://app.example.com']\n",
    },
    useInstead:
      'CORS_ALLOWED_ORIGINS with the exact https origins of the front ends, or CORS_ALLOWED_ORIGIN_REGEXES anchored at both ends; restrict CORS to the API with CORS_URLS_REGEX.',
    references: [
      'https://github.com/adamchainz/django-cors-headers#cors_allow_all_origins-bool',
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS',
    ],
  },
  check(ctx) {
    const installed = isCorsInstalled(ctx);
    if (installed === false) return [];
    const allowAll = corsSetting(ctx, 'CORS_ALLOW_ALL_ORIGINS');
    const on = truthiness(allowAll.value);
    if (on === false) return [];
    if (on === undefined || installed === undefined) {
      return [ctx.undecided([allowAll, ctx.setting('INSTALLED_APPS')])];
    }
    return [
      {
        message: `${describeSetting(allowAll, "django-cors-headers'")}: every origin may read responses cross-site`,
        setting: allowAll.name,
      },
    ];
  },
});
