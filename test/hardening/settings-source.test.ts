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
    // bakerydemo's production settings: a fresh random key per start is no placeholder, though
    // the evaluator models the draw as the pool's characters in order (an alphabet run).
    name: 'a key drawn with random.SystemRandom().choice(string.printable): no placeholder',
    source: `import random\nimport string\n\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = ''.join([random.SystemRandom().choice(string.printable) for i in range(50)])\n`,
    want: [],
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

const CORS_HEAD = `${HEADER}INSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = ['corsheaders.middleware.CorsMiddleware', 'django.middleware.common.CommonMiddleware']\n`;
const AUTH_HEAD = `${HEADER}INSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes']\n`;
const HTML_HEAD = `${HEADER}TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'APP_DIRS': True}]\n`;

CASES.push(
  {
    name: 'glob in ALLOWED_HOSTS',
    source: "ALLOWED_HOSTS = [\n    'example.com',\n    '*.example.com',\n]\n",
    want: ['DDG203:1'],
  },
  {
    name: 'literal fallback next to an env one',
    source: `${HEADER}SECRET_KEY_FALLBACKS = [\n    os.environ.get('OLD_KEY', ''),\n    '${generatedKey()}',\n]\n`,
    env: { ...ENV, OLD_KEY: generatedKey() },
    want: ['DDG209:5'],
  },
  {
    name: 'env list of CORS origins with http',
    source: `${CORS_HEAD}CORS_ALLOWED_ORIGINS = os.environ.get('CORS_ORIGINS', '').split(',')\n`,
    env: { ...ENV, CORS_ORIGINS: 'https://a.example.com,http://b.example.com' },
    want: ['DDG212:7:CORS_ORIGINS'],
  },
  {
    name: 'unanchored regex',
    source: `${CORS_HEAD}CORS_ALLOWED_ORIGIN_REGEXES = [r'^https://\\w+\\.example\\.com']\n`,
    env: ENV,
    want: ['DDG213:7'],
  },
  {
    name: 'anchored regex',
    source: `${CORS_HEAD}CORS_ALLOWED_ORIGIN_REGEXES = [r'^https://\\w+\\.example\\.com$']\n`,
    env: ENV,
    want: [],
  },
  {
    name: 'CSRF origins with localhost',
    source: `${HEADER}CSRF_TRUSTED_ORIGINS = ['https://example.com', 'http://localhost:8000']\n`,
    env: ENV,
    want: ['DDG215:5'],
  },
  {
    name: 'forwarded host with proxy header',
    source: `${HEADER}SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\nUSE_X_FORWARDED_HOST = os.environ.get('FWD', 'yes') == 'yes'\n`,
    env: ENV,
    want: ['DDG216:6:FWD'],
  },
  {
    name: "SameSite 'None' without Secure",
    source: `${HEADER}SESSION_COOKIE_SAMESITE = 'None'\n`,
    env: ENV,
    want: ['DDG218:5'],
  },
  {
    name: 'startproject validators (min_length 8)',
    source: `${AUTH_HEAD}AUTH_PASSWORD_VALIDATORS = [\n    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},\n]\n`,
    env: ENV,
    want: ['DDG219:6'],
  },
  {
    name: 'test settings hasher in production',
    source: `${AUTH_HEAD}AUTH_PASSWORD_VALIDATORS = [{'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator', 'OPTIONS': {'min_length': 14}}]\nPASSWORD_HASHERS = ['django.contrib.auth.hashers.MD5PasswordHasher']\n`,
    env: ENV,
    want: ['DDG220:7'],
  },
  {
    name: 'no CSP with templates',
    source: `${HTML_HEAD}MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n`,
    env: ENV,
    want: ['DDG223:6'],
  },
  {
    name: 'django-csp 3.x unsafe-inline',
    source: `${HTML_HEAD}MIDDLEWARE = ['csp.middleware.CSPMiddleware']\nCSP_DEFAULT_SRC = ("'self'",)\nCSP_SCRIPT_SRC = ("'self'", "'unsafe-inline'")\n`,
    env: ENV,
    want: ['DDG224:8'],
  },
  {
    name: 'admin at default path in a single-file project',
    source: `${HEADER}from django.contrib import admin\nfrom django.urls import path\n\nROOT_URLCONF = __name__\nurlpatterns = [path('admin/', admin.site.urls)]\n`,
    env: ENV,
    want: ['DDG222:9'],
  },
);

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

describe('secret-key-env-default reads the right env read', () => {
  it('a default in the development branch does not count against the production read', () => {
    const source =
      "import os\n\nALLOWED_HOSTS = ['example.com']\nif os.environ.get('ENV') == 'production':\n    SECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nelse:\n    SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'dev-only-key-for-laptops')\n";
    const findings = checkSettingsSource({
      file: 'project/settings.py',
      source,
      env: { ENV: 'production', DJANGO_SECRET_KEY: generatedKey() },
      rules: hardeningSettingsRules.filter((r) => r.id === 'DDG207'),
    });
    expect(findings).toEqual([]);
  });
});
