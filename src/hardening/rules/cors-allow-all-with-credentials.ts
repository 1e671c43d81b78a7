import { describeSetting } from '../../settings/describe';
import { truthiness } from '../../settings/value-ops';
import { all, defineSettingsRule } from '../../settings/rule-support';
import { corsSetting, isCorsInstalled } from '../support';

/**
 * With ALLOW_ALL and CREDENTIALS, django-cors-headers reflects the request's Origin and adds
 * `Access-Control-Allow-Credentials: true` (browsers refuse `*` with credentials, the library
 * works around it), so any site can make authenticated reads (django-rules.md §5).
 */
export const corsAllowAllWithCredentials = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG211',
  name: 'cors-allow-all-with-credentials',
  severity: 'critical',
  fix: 'List the trusted front-end origins in CORS_ALLOWED_ORIGINS and set CORS_ALLOW_ALL_ORIGINS = False when CORS_ALLOW_CREDENTIALS is True.',
  docs: {
    summary:
      'CORS allows every origin together with credentials, so any site can read authenticated responses.',
    whatItDoes:
      'When `corsheaders` is installed, reports a truthy CORS_ALLOW_ALL_ORIGINS (or CORS_ORIGIN_ALLOW_ALL) together with a truthy CORS_ALLOW_CREDENTIALS.',
    whyBad:
      "In this combination django-cors-headers echoes whatever Origin the browser sends and allows credentials, so a page on any domain can call the API with the visitor's session cookie and read the answer: account data, CSRF tokens, anything the user can see. Severity critical: a cross-site account takeover primitive needing only a visit to a malicious page.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['api.example.com']\nINSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = ['corsheaders.middleware.CorsMiddleware', 'django.middleware.common.CommonMiddleware']\nCORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['api.example.com']\nINSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = ['corsheaders.middleware.CorsMiddleware', 'django.middleware.common.CommonMiddleware']\nCORS_ALLOWED_ORIGINS = ['https://app.example.com']\nCORS_ALLOW_CREDENTIALS = True\n",
    },
    useInstead:
      'An explicit CORS_ALLOWED_ORIGINS list of https origins whenever credentials are allowed.',
    references: [
      'https://github.com/adamchainz/django-cors-headers#cors_allow_credentials-bool',
      'https://portswigger.net/web-security/cors',
    ],
  },
  check(ctx) {
    const installed = isCorsInstalled(ctx);
    if (installed === false) return [];
    const allowAll = corsSetting(ctx, 'CORS_ALLOW_ALL_ORIGINS');
    const credentials = corsSetting(ctx, 'CORS_ALLOW_CREDENTIALS');
    const condition = all(installed, truthiness(allowAll.value), truthiness(credentials.value));
    if (condition === false) return [];
    if (condition === undefined) {
      return [ctx.undecided([allowAll, credentials, ctx.setting('INSTALLED_APPS')])];
    }
    return [
      {
        message: `${describeSetting(allowAll, "django-cors-headers'")} and ${describeSetting(credentials, "django-cors-headers'")}: every Origin is reflected with Access-Control-Allow-Credentials: true`,
        setting: allowAll.name,
      },
    ];
  },
});
