import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hardeningSettingsRules } from '../../src/hardening/rules/index';
import { checkSettingsSource } from '../../src/settings/analyze';

/**
 * End to end through the evaluator: real settings source, the production env, and the
 * finding's id, line and env var as a user sees them.
 */

function generatedKey(length = 50): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

interface Case {
  name: string;
  source: string;
  env?: Record<string, string>;
  /** `id:line` or `id:line:ENV_VAR` for every decided (non-info) finding. */
  want: string[];
}

const key = generatedKey();
const HEADER =
  "import os\n\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\n";
const ENV = { DJANGO_SECRET_KEY: key };

const CASES: Case[] = [
  {
    name: 'os.getenv DEBUG with "False" in env is truthy',
    source: `${HEADER}DEBUG = os.getenv('DJANGO_DEBUG', False)\n`,
    env: { ...ENV, DJANGO_DEBUG: 'False' },
    want: ['DDG204:5:DJANGO_DEBUG'],
  },
  {
    name: 'os.getenv DEBUG unset keeps the bool default',
    source: `${HEADER}DEBUG = os.getenv('DJANGO_DEBUG', False)\n`,
    env: ENV,
    want: [],
  },
  {
    name: 'django-environ bool cast',
    source: `import environ\n\nenv = environ.Env()\nSECRET_KEY = env('DJANGO_SECRET_KEY')\nALLOWED_HOSTS = ['example.com']\nDEBUG = env.bool('DJANGO_DEBUG', default=False)\nSESSION_COOKIE_SECURE = env.bool('SESSION_COOKIE_SECURE', default=True)\n`,
    env: { ...ENV, DJANGO_DEBUG: 'False', SESSION_COOKIE_SECURE: 'False' },
    want: [],
  },
  {
    name: 'django-environ str default for a bool is not cast',
    source: `import environ\n\nenv = environ.Env()\nSECRET_KEY = env('DJANGO_SECRET_KEY')\nALLOWED_HOSTS = ['example.com']\nSESSION_COOKIE_SECURE = env('SESSION_COOKIE_SECURE', default='False')\n`,
    env: ENV,
    want: ['DDG205:6:SESSION_COOKIE_SECURE'],
  },
  {
    name: "ALLOWED_HOSTS from ''.split(',')",
    source:
      "import os\n\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', '').split(',')\n",
    env: ENV,
    want: ['DDG202:4:ALLOWED_HOSTS'],
  },
  {
    name: 'ALLOWED_HOSTS wildcard from env list',
    source:
      "import os\n\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', 'example.com').split(',')\n",
    env: { ...ENV, ALLOWED_HOSTS: 'example.com,*' },
    want: ['DDG201:4:ALLOWED_HOSTS'],
  },
  {
    name: 'literal key',
    source: `DEBUG = False\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = '${key}'\n`,
    want: ['DDG206:3'],
  },
  {
    name: 'generated key is not a literal',
    source:
      "from django.core.management.utils import get_random_secret_key\n\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = get_random_secret_key()\n",
    want: [],
  },
  {
    name: 'literal default, env set in production',
    source: `import os\n\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '${key}')\n`,
    env: { DJANGO_SECRET_KEY: generatedKey() },
    want: ['DDG207:4:DJANGO_SECRET_KEY'],
  },
  {
    name: 'cookiecutter placeholder default in use',
    source:
      "import environ\n\nenv = environ.Env()\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = env('DJANGO_SECRET_KEY', default='!!!SET DJANGO_SECRET_KEY!!!')\n",
    want: ['DDG207:5:DJANGO_SECRET_KEY', 'DDG208:5:DJANGO_SECRET_KEY'],
  },
  {
    name: 'split settings: corsheaders added in production after CommonMiddleware',
    source: `${HEADER}INSTALLED_APPS = ['django.contrib.sessions']\nMIDDLEWARE = ['django.middleware.common.CommonMiddleware']\nINSTALLED_APPS += ['corsheaders']\nMIDDLEWARE.append('corsheaders.middleware.CorsMiddleware')\nCORS_ORIGIN_ALLOW_ALL = True\nCORS_ALLOW_CREDENTIALS = True\n`,
    env: ENV,
    want: ['DDG210:9', 'DDG211:9', 'DDG214:8'],
  },
  {
    name: 'W008 silenced behind a proxy: quiet',
    source: `${HEADER}SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\nSILENCED_SYSTEM_CHECKS = ['security.W008']\n`,
    env: ENV,
    want: [],
  },
  {
    name: 'W008 silenced without a proxy header: HTTPS nowhere',
    source: `${HEADER}SILENCED_SYSTEM_CHECKS = ['security.W008']\n`,
    env: ENV,
    want: ['DDG217:1'],
  },
  {
    name: 'sentry with PII',
    source: `${HEADER}import sentry_sdk\n\nsentry_sdk.init(dsn=os.environ.get('SENTRY_DSN'), send_default_pii=True, traces_sample_rate=0.1)\n`,
    env: ENV,
    want: ['DDG225:7'],
  },
  {
    name: 'debug toolbar added in production module',
    source: `${HEADER}INSTALLED_APPS = ['django.contrib.staticfiles']\nif os.environ.get('ENABLE_TOOLBAR', 'yes'):\n    INSTALLED_APPS.append('debug_toolbar')\n`,
    env: ENV,
    want: ['DDG221:7'],
  },
];

const QUIET_HERE = new Set(['DDG217', 'DDG219', 'DDG223']);

describe('hardening rules through the evaluator', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const findings = checkSettingsSource({
        file: 'project/settings.py',
        source: c.source,
        env: c.env ?? {},
        rules: hardeningSettingsRules,
      });
      const decided = findings
        .filter(
          (f) =>
            f.severity !== 'info' &&
            !(QUIET_HERE.has(f.ruleId) && !c.want.some((w) => w.startsWith(f.ruleId))),
        )
        .map((f) => [f.ruleId, f.line, f.envVar].filter((p) => p !== undefined).join(':'))
        .sort();
      expect(decided).toEqual([...c.want].sort());
      for (const f of findings) expect(f.message).not.toContain(key);
    });
  }
});
