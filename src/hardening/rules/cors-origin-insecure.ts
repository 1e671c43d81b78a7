import { isCorsInstalled, corsSetting, insecureOriginReason, sequenceOf } from '../support';
import { defineSettingsRule } from '../../settings/rule-support';

export const corsOriginInsecure = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG212',
  name: 'cors-origin-insecure',
  severity: 'medium',
  fix: 'Allow only the https:// origins of the production front ends in CORS_ALLOWED_ORIGINS; keep localhost origins in local settings.',
  docs: {
    summary:
      'CORS_ALLOWED_ORIGINS (or CORS_ORIGIN_WHITELIST) allows http:// or localhost origins in production.',
    whatItDoes:
      'When `corsheaders` is installed, reports entries of CORS_ALLOWED_ORIGINS (or the pre-3.5 CORS_ORIGIN_WHITELIST when the new name is unset) that use plain http:// or point at localhost, 127.0.0.1, 0.0.0.0 or ::1.',
    whyBad:
      "An http:// origin can be impersonated by anyone on the network path (a café Wi-Fi), who can then read the API's cross-origin responses. A localhost origin trusts whatever runs on the visitor's machine on that port: other local apps, dev servers, malware. Severity medium: exploitation needs a network position or local code, but the trust is real.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['api.example.com']\nINSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = ['corsheaders.middleware.CorsMiddleware', 'django.middleware.common.CommonMiddleware']\nCORS_ALLOWED_ORIGINS = ['https://app.example.com', 'http://localhost:3000']\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['api.example.com']\nINSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = ['corsheaders.middleware.CorsMiddleware', 'django.middleware.common.CommonMiddleware']\nCORS_ALLOWED_ORIGINS = ['https://app.example.com']\n",
    },
    useInstead:
      'https:// origins only in production settings; development origins belong in the local settings module.',
    references: [
      'https://github.com/adamchainz/django-cors-headers#cors_allowed_origins-sequencestr',
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS',
    ],
  },
  check(ctx) {
    if (isCorsInstalled(ctx) !== true) return [];
    const origins = corsSetting(ctx, 'CORS_ALLOWED_ORIGINS');
    const items = sequenceOf(origins.value);
    if (items === undefined) return [];
    const bad: string[] = [];
    for (const item of items) {
      if (item.kind !== 'str') continue;
      const reason = insecureOriginReason(item.value);
      if (reason !== undefined) bad.push(`${JSON.stringify(item.value)} (${reason})`);
    }
    if (bad.length === 0) return [];
    return [
      {
        message: `${origins.name} trusts ${bad.length} origin${bad.length === 1 ? '' : 's'} that should not be trusted in production: ${bad.join(', ')}`,
        setting: origins.name,
      },
    ];
  },
});
