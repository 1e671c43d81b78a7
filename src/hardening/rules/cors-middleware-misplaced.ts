import { defineSettingsRule } from '../../settings/rule-support';
import {
  COMMON_MIDDLEWARE,
  CORS_MIDDLEWARE,
  WHITENOISE_MIDDLEWARE,
  isCorsInstalled,
} from '../support';

/**
 * django-cors-headers has no check for this; its README says CorsMiddleware should be placed as
 * high as possible, before CommonMiddleware and WhiteNoiseMiddleware, which can answer a request
 * (redirects, static files) before CORS headers are added.
 */
export const corsMiddlewareMisplaced = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG214',
  name: 'cors-middleware-misplaced',
  severity: 'medium',
  fix: "Put 'corsheaders.middleware.CorsMiddleware' in MIDDLEWARE above CommonMiddleware and WhiteNoiseMiddleware.",
  docs: {
    summary:
      '`corsheaders` is installed but CorsMiddleware is missing, or placed after CommonMiddleware or WhiteNoiseMiddleware.',
    whatItDoes:
      "When `corsheaders` is in INSTALLED_APPS, reports a MIDDLEWARE list without 'corsheaders.middleware.CorsMiddleware', or with it after 'django.middleware.common.CommonMiddleware' or 'whitenoise.middleware.WhiteNoiseMiddleware'.",
    whyBad:
      "Without the middleware the CORS settings do nothing, so the configuration reviewed is not the one running. Placed too low, responses produced by the middleware above it (APPEND_SLASH redirects, WhiteNoise static files, error responses) go out without CORS headers, and teams then widen CORS settings to 'fix' the symptoms. Severity medium: a silent mismatch between the policy written and the policy enforced.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['api.example.com']\nINSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = [\n    'django.middleware.common.CommonMiddleware',\n    'corsheaders.middleware.CorsMiddleware',\n]\nCORS_ALLOWED_ORIGINS = ['https://app.example.com']\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['api.example.com']\nINSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = [\n    'corsheaders.middleware.CorsMiddleware',\n    'django.middleware.common.CommonMiddleware',\n]\nCORS_ALLOWED_ORIGINS = ['https://app.example.com']\n",
    },
    useInstead:
      'CorsMiddleware as high as possible in MIDDLEWARE (right after SecurityMiddleware is fine), above CommonMiddleware and WhiteNoiseMiddleware.',
    references: ['https://github.com/adamchainz/django-cors-headers#setup'],
  },
  check(ctx) {
    const installed = isCorsInstalled(ctx);
    if (installed === false) return [];
    const middleware = ctx.middleware();
    if (installed === undefined || middleware === undefined) {
      return [ctx.undecided([ctx.setting('INSTALLED_APPS'), ctx.setting('MIDDLEWARE')])];
    }
    const cors = middleware.indexOf(CORS_MIDDLEWARE);
    if (cors === -1) {
      return [
        {
          message: `corsheaders is in INSTALLED_APPS but ${CORS_MIDDLEWARE} is not in MIDDLEWARE, so no CORS header is ever sent`,
          setting: 'MIDDLEWARE',
        },
      ];
    }
    const above = [COMMON_MIDDLEWARE, WHITENOISE_MIDDLEWARE].filter((m) => {
      const at = middleware.indexOf(m);
      return at !== -1 && at < cors;
    });
    if (above.length === 0) return [];
    return [
      {
        message: `${CORS_MIDDLEWARE} comes after ${above.join(' and ')} in MIDDLEWARE; responses produced there get no CORS headers`,
        setting: 'MIDDLEWARE',
      },
    ];
  },
});
