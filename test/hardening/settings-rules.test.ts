import { existsSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/core/fingerprint';
import { hardeningSettingsRules } from '../../src/hardening/rules/index';
import { regexProblems } from '../../src/hardening/rules/cors-origin-regex-unanchored';
import { csrfOriginProblem } from '../../src/hardening/rules/csrf-trusted-origins-insecure';
import { findDefaultAdminRoutes } from '../../src/hardening/rules/admin-default-path';
import type { SettingsRule } from '../../src/settings/rule';
import { runSettingsRule, type ContextSpec } from './support/settings-context';

/** A Django-style key generated at run time (never a committed literal). */
function generatedKey(length = 50): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

interface Expected {
  line: number;
  envVar?: string;
  severity?: string;
  undecided?: boolean;
}
interface Case {
  name: string;
  spec: ContextSpec;
  expect?: Expected[];
}

const CORS_BASE = {
  INSTALLED_APPS: ['django.contrib.sessions', 'corsheaders'],
  MIDDLEWARE: [
    'corsheaders.middleware.CorsMiddleware',
    'django.middleware.common.CommonMiddleware',
  ],
};
const AUTH_APPS = ['django.contrib.auth', 'django.contrib.contenttypes'];
const HTML = [{ BACKEND: 'django.template.backends.django.DjangoTemplates', APP_DIRS: true }];
const STRONG_VALIDATORS = [
  {
    NAME: 'django.contrib.auth.password_validation.MinimumLengthValidator',
    OPTIONS: { min_length: 12 },
  },
];

const key = generatedKey();
const oldKey = generatedKey();
/** A password generated at run time, quoted in the settings source the cases evaluate. */
const password = generatedKey(24).replace(/[^a-z0-9]/g, 'q');

const CASES: Record<string, { valid: Case[]; invalid: Case[] }> = {
  DDG201: {
    valid: [
      {
        name: 'exact hosts',
        spec: { settings: { ALLOWED_HOSTS: ['example.com', '.example.com'] } },
      },
      { name: 'unset (W020 territory)', spec: {} },
    ],
    invalid: [
      {
        name: "'*' in list",
        spec: { settings: { DEBUG: false, ALLOWED_HOSTS: ['example.com', '*'] } },
        expect: [{ line: 2 }],
      },
      {
        name: 'bare str iterated per char',
        spec: { settings: { ALLOWED_HOSTS: { value: '*', line: 7, envVar: 'HOSTS' } } },
        expect: [{ line: 7, envVar: 'HOSTS' }],
      },
      {
        name: 'unknown env list',
        spec: {
          settings: {
            ALLOWED_HOSTS: { value: { $unknown: 'env unset', envVar: 'HOSTS' }, line: 3 },
          },
        },
        expect: [{ line: 3, undecided: true, severity: 'info' }],
      },
    ],
  },
  DDG202: {
    valid: [
      { name: 'real host', spec: { settings: { ALLOWED_HOSTS: ['example.com'] } } },
      { name: 'empty list is W020', spec: { settings: { ALLOWED_HOSTS: [] } } },
      {
        name: 'one real host and an empty item',
        spec: { settings: { ALLOWED_HOSTS: ['example.com', ''] } },
      },
    ],
    invalid: [
      {
        name: "''.split(',')",
        spec: {
          settings: {
            ALLOWED_HOSTS: {
              value: [''],
              line: 4,
              envVar: 'ALLOWED_HOSTS',
              usedDefault: true,
              defaultText: "''",
            },
          },
        },
        expect: [{ line: 4, envVar: 'ALLOWED_HOSTS' }],
      },
    ],
  },
  DDG203: {
    valid: [
      {
        name: 'leading dot is Django syntax',
        spec: { settings: { ALLOWED_HOSTS: ['.example.com', 'example.com', '10.0.0.5'] } },
      },
      { name: 'lone wildcard is DDG201', spec: { settings: { ALLOWED_HOSTS: ['*'] } } },
    ],
    invalid: [
      {
        name: 'glob',
        spec: { settings: { ALLOWED_HOSTS: ['*.example.com'] } },
        expect: [{ line: 1 }],
      },
      {
        name: 'regex',
        spec: { settings: { X: 1, ALLOWED_HOSTS: ['example.com', '^10\\.0\\.\\d+\\.\\d+$'] } },
        expect: [{ line: 2 }],
      },
    ],
  },
  DDG204: {
    valid: [
      {
        name: 'bool cast',
        spec: { settings: { DEBUG: { value: false, envVar: 'DJANGO_DEBUG' } } },
      },
      { name: 'literal False', spec: { settings: { DEBUG: false } } },
      { name: 'unset', spec: {} },
    ],
    invalid: [
      {
        name: "env value 'False'",
        spec: { settings: { DEBUG: { value: 'False', line: 3, envVar: 'DJANGO_DEBUG' } } },
        expect: [{ line: 3, envVar: 'DJANGO_DEBUG', severity: 'high' }],
      },
      {
        name: 'str default used',
        spec: {
          settings: {
            DEBUG: { value: '0', line: 2, envVar: 'DEBUG', usedDefault: true, defaultText: "'0'" },
          },
        },
        expect: [{ line: 2, envVar: 'DEBUG' }],
      },
      {
        name: 'empty str: off by accident',
        spec: { settings: { DEBUG: { value: '', line: 5, envVar: 'DEBUG' } } },
        expect: [{ line: 5, envVar: 'DEBUG', severity: 'medium' }],
      },
    ],
  },
  DDG205: {
    valid: [
      {
        name: 'cast flags',
        spec: {
          settings: {
            SESSION_COOKIE_SECURE: { value: true, envVar: 'X' },
            CSRF_COOKIE_SECURE: true,
          },
        },
      },
      {
        name: 'DEBUG is DDG204',
        spec: { settings: { DEBUG: { value: 'False', envVar: 'DEBUG' } } },
      },
    ],
    invalid: [
      {
        name: 'two flags',
        spec: {
          settings: {
            SESSION_COOKIE_SECURE: { value: 'True', line: 4, envVar: 'SESSION_COOKIE_SECURE' },
            SECURE_SSL_REDIRECT: { value: '', line: 9, envVar: 'SSL' },
          },
        },
        expect: [
          { line: 4, envVar: 'SESSION_COOKIE_SECURE', severity: 'medium' },
          { line: 9, envVar: 'SSL', severity: 'medium' },
        ],
      },
      {
        name: "CORS allow-all 'False' opens up",
        spec: {
          settings: { CORS_ALLOW_ALL_ORIGINS: { value: 'False', line: 6, envVar: 'CORS_ALL' } },
        },
        expect: [{ line: 6, envVar: 'CORS_ALL', severity: 'high' }],
      },
    ],
  },
  DDG206: {
    valid: [
      {
        name: 'from env',
        spec: { settings: { SECRET_KEY: { value: key, envVar: 'DJANGO_SECRET_KEY' } } },
      },
      {
        name: 'generated at start',
        spec: {
          settings: { SECRET_KEY: { value: key, line: 2 } },
          files: {
            'project/settings.py':
              'from django.core.management.utils import get_random_secret_key\nSECRET_KEY = get_random_secret_key()\n',
          },
        },
      },
      { name: 'placeholder is DDG208', spec: { settings: { SECRET_KEY: 'change-me' } } },
      { name: 'unknown', spec: { settings: { SECRET_KEY: { $unknown: 'file read' } } } },
    ],
    invalid: [
      {
        name: 'literal strong key',
        spec: { settings: { DEBUG: false, SECRET_KEY: key } },
        expect: [{ line: 2, severity: 'critical' }],
      },
    ],
  },
  DDG207: {
    valid: [
      {
        name: 'required env',
        spec: {
          settings: { SECRET_KEY: { value: key, envVar: 'K' } },
          envReads: [{ name: 'K', file: 'project/settings.py', line: 1, isSet: true }],
        },
      },
      {
        name: 'empty default fails closed',
        spec: {
          settings: { SECRET_KEY: { value: key, envVar: 'K' } },
          envReads: [
            { name: 'K', file: 'project/settings.py', line: 1, isSet: true, defaultText: "''" },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'literal default, env set',
        spec: {
          settings: { SECRET_KEY: { value: key, line: 3, envVar: 'K' } },
          envReads: [
            {
              name: 'K',
              file: 'project/settings.py',
              line: 3,
              isSet: true,
              defaultText: `'${oldKey}'`,
            },
          ],
        },
        expect: [{ line: 3, envVar: 'K', severity: 'high' }],
      },
      {
        name: 'literal default in use',
        spec: {
          settings: {
            SECRET_KEY: {
              value: oldKey,
              line: 3,
              envVar: 'K',
              usedDefault: true,
              defaultText: `"${oldKey}"`,
            },
          },
          envReads: [
            {
              name: 'K',
              file: 'project/settings.py',
              line: 3,
              isSet: false,
              defaultText: `"${oldKey}"`,
            },
          ],
        },
        expect: [{ line: 3, envVar: 'K', severity: 'critical' }],
      },
    ],
  },
  DDG208: {
    valid: [{ name: 'real key', spec: { settings: { SECRET_KEY: { value: key, envVar: 'K' } } } }],
    invalid: [
      {
        name: 'cookiecutter placeholder via env default',
        spec: {
          settings: {
            SECRET_KEY: {
              value: '!!!SET DJANGO_SECRET_KEY!!!',
              line: 2,
              envVar: 'DJANGO_SECRET_KEY',
              usedDefault: true,
            },
          },
        },
        expect: [{ line: 2, envVar: 'DJANGO_SECRET_KEY' }],
      },
      {
        name: 'django-cfg sample key',
        spec: {
          settings: { SECRET_KEY: 'django-secret-key-change-in-production-at-least-32-chars' },
        },
        expect: [{ line: 1 }],
      },
      {
        name: 'your-secret-key…',
        spec: { settings: { SECRET_KEY: 'your-secret-key-here' } },
        expect: [{ line: 1 }],
      },
    ],
  },
  DDG209: {
    valid: [
      {
        name: 'from env list',
        spec: { settings: { SECRET_KEY_FALLBACKS: { value: [oldKey], envVar: 'FALLBACKS' } } },
      },
      {
        name: 'older Django has no fallbacks',
        spec: {
          version: { major: 3, minor: 2 },
          settings: { SECRET_KEY_FALLBACKS: [oldKey] },
          files: { 'project/settings.py': `SECRET_KEY_FALLBACKS = ['${oldKey}']\n` },
        },
      },
      {
        name: 'item not written in source (read from env inside the list)',
        spec: {
          settings: { SECRET_KEY_FALLBACKS: [oldKey] },
          files: { 'project/settings.py': "SECRET_KEY_FALLBACKS = [os.environ['OLD']]\n" },
        },
      },
    ],
    invalid: [
      {
        name: 'literal fallback',
        spec: {
          settings: { SECRET_KEY_FALLBACKS: { value: [oldKey], line: 1 } },
          files: { 'project/settings.py': `SECRET_KEY_FALLBACKS = ['${oldKey}']\n` },
        },
        expect: [{ line: 1, severity: 'high' }],
      },
    ],
  },
  DDG210: {
    valid: [
      { name: 'not installed', spec: { settings: { CORS_ALLOW_ALL_ORIGINS: true } } },
      {
        name: 'explicit list',
        spec: { settings: { ...CORS_BASE, CORS_ALLOWED_ORIGINS: ['https://app.example.com'] } },
      },
      {
        name: 'new name False wins over alias',
        spec: {
          settings: { ...CORS_BASE, CORS_ALLOW_ALL_ORIGINS: false, CORS_ORIGIN_ALLOW_ALL: true },
        },
      },
    ],
    invalid: [
      {
        name: 'allow all',
        spec: { settings: { ...CORS_BASE, CORS_ALLOW_ALL_ORIGINS: true } },
        expect: [{ line: 3 }],
      },
      {
        name: 'old alias',
        spec: { settings: { ...CORS_BASE, CORS_ORIGIN_ALLOW_ALL: true } },
        expect: [{ line: 3 }],
      },
      {
        name: 'installed by AppConfig path',
        spec: {
          settings: {
            INSTALLED_APPS: ['corsheaders.apps.CorsHeadersAppConfig'],
            MIDDLEWARE: CORS_BASE.MIDDLEWARE,
            CORS_ALLOW_ALL_ORIGINS: true,
          },
        },
        expect: [{ line: 3 }],
      },
    ],
  },
  DDG211: {
    valid: [
      {
        name: 'credentials with list',
        spec: {
          settings: {
            ...CORS_BASE,
            CORS_ALLOWED_ORIGINS: ['https://a.example.com'],
            CORS_ALLOW_CREDENTIALS: true,
          },
        },
      },
      {
        name: 'allow all without credentials',
        spec: { settings: { ...CORS_BASE, CORS_ALLOW_ALL_ORIGINS: true } },
      },
    ],
    invalid: [
      {
        name: 'allow all + credentials',
        spec: {
          settings: { ...CORS_BASE, CORS_ALLOW_ALL_ORIGINS: true, CORS_ALLOW_CREDENTIALS: true },
        },
        expect: [{ line: 3, severity: 'critical' }],
      },
      {
        name: 'credentials unknown',
        spec: {
          settings: {
            ...CORS_BASE,
            CORS_ALLOW_ALL_ORIGINS: true,
            CORS_ALLOW_CREDENTIALS: { value: { $unknown: 'unset', envVar: 'CRED' }, line: 4 },
          },
        },
        expect: [{ line: 4, undecided: true, severity: 'info' }],
      },
    ],
  },
  DDG212: {
    valid: [
      {
        name: 'https only',
        spec: {
          settings: {
            ...CORS_BASE,
            CORS_ALLOWED_ORIGINS: ['https://app.example.com', 'https://localhost.example.com'],
          },
        },
      },
    ],
    invalid: [
      {
        name: 'http and localhost',
        spec: {
          settings: {
            ...CORS_BASE,
            CORS_ALLOWED_ORIGINS: [
              'https://a.example.com',
              'http://b.example.com',
              'https://127.0.0.1:8000',
            ],
          },
        },
        expect: [{ line: 3 }],
      },
      {
        name: 'old whitelist name',
        spec: { settings: { ...CORS_BASE, CORS_ORIGIN_WHITELIST: ['http://localhost:3000'] } },
        expect: [{ line: 3 }],
      },
    ],
  },
  DDG213: {
    valid: [
      {
        name: 'anchored and escaped',
        spec: {
          settings: {
            ...CORS_BASE,
            CORS_ALLOWED_ORIGIN_REGEXES: [
              '^https://\\w+\\.example\\.com$',
              '^https://(.*\\.)?example\\.com\\Z',
            ],
          },
        },
      },
    ],
    invalid: [
      {
        name: 'two bad regexes',
        spec: {
          settings: {
            ...CORS_BASE,
            CORS_ALLOWED_ORIGIN_REGEXES: ['^https://example\\.com', '^https://app.example\\.com$'],
          },
        },
        expect: [{ line: 3 }, { line: 3 }],
      },
    ],
  },
  DDG214: {
    valid: [
      { name: 'first', spec: { settings: CORS_BASE } },
      { name: 'not installed', spec: { settings: { INSTALLED_APPS: [], MIDDLEWARE: [] } } },
    ],
    invalid: [
      {
        name: 'missing',
        spec: {
          settings: {
            INSTALLED_APPS: ['corsheaders'],
            MIDDLEWARE: ['django.middleware.common.CommonMiddleware'],
          },
        },
        expect: [{ line: 2 }],
      },
      {
        name: 'after whitenoise',
        spec: {
          settings: {
            INSTALLED_APPS: ['corsheaders'],
            MIDDLEWARE: [
              'whitenoise.middleware.WhiteNoiseMiddleware',
              'corsheaders.middleware.CorsMiddleware',
            ],
          },
        },
        expect: [{ line: 2 }],
      },
    ],
  },
  DDG215: {
    valid: [
      {
        name: 'https and subdomain wildcard',
        spec: {
          settings: { CSRF_TRUSTED_ORIGINS: ['https://example.com', 'https://*.example.com'] },
        },
      },
      { name: 'default', spec: {} },
    ],
    invalid: [
      {
        name: 'localhost',
        spec: {
          settings: { CSRF_TRUSTED_ORIGINS: ['https://example.com', 'http://localhost:8000'] },
        },
        expect: [{ line: 1, severity: 'medium' }],
      },
      {
        name: 'tld wildcard',
        spec: { settings: { CSRF_TRUSTED_ORIGINS: ['https://*.com'] } },
        expect: [{ line: 1, severity: 'high' }],
      },
    ],
  },
  DDG216: {
    valid: [
      {
        name: 'header only',
        spec: {
          settings: { SECURE_PROXY_SSL_HEADER: { $tuple: ['HTTP_X_FORWARDED_PROTO', 'https'] } },
        },
      },
    ],
    invalid: [
      {
        name: 'both',
        spec: {
          settings: {
            SECURE_PROXY_SSL_HEADER: { $tuple: ['HTTP_X_FORWARDED_PROTO', 'https'] },
            USE_X_FORWARDED_HOST: true,
          },
        },
        expect: [{ line: 2 }],
      },
    ],
  },
  DDG217: {
    valid: [
      {
        name: 'redirect on',
        spec: {
          settings: { SECURE_SSL_REDIRECT: true, SILENCED_SYSTEM_CHECKS: ['security.W008'] },
        },
      },
      {
        name: 'W008 silenced behind a proxy that sets the header',
        spec: {
          settings: {
            SECURE_PROXY_SSL_HEADER: { $tuple: ['HTTP_X_FORWARDED_PROTO', 'https'] },
            SILENCED_SYSTEM_CHECKS: ['security.W008'],
          },
        },
      },
      {
        name: 'W008 itself reports it',
        spec: {
          settings: {
            MIDDLEWARE: ['django.middleware.security.SecurityMiddleware'],
            SECURE_SSL_REDIRECT: false,
          },
        },
      },
    ],
    invalid: [
      {
        name: 'W008 silenced with no header',
        spec: {
          settings: {
            MIDDLEWARE: ['django.middleware.security.SecurityMiddleware'],
            SECURE_SSL_REDIRECT: { value: false, line: 6 },
            SILENCED_SYSTEM_CHECKS: ['security.W008'],
          },
        },
        expect: [{ line: 6 }],
      },
      {
        name: 'no SecurityMiddleware, so no W008',
        spec: { settings: { MIDDLEWARE: [] } },
        expect: [{ line: 1 }],
      },
      {
        name: 'env unknown',
        spec: {
          settings: {
            SECURE_SSL_REDIRECT: {
              value: { $unknown: 'unset', envVar: 'SSL' },
              line: 2,
              envVar: 'SSL',
            },
            SILENCED_SYSTEM_CHECKS: ['security.W008'],
          },
        },
        expect: [{ line: 2, envVar: 'SSL', undecided: true }],
      },
    ],
  },
  DDG218: {
    valid: [
      {
        name: 'None with secure',
        spec: { settings: { SESSION_COOKIE_SAMESITE: 'None', SESSION_COOKIE_SECURE: true } },
      },
      {
        name: 'Python None omits the attribute',
        spec: { settings: { CSRF_COOKIE_SAMESITE: null } },
      },
    ],
    invalid: [
      {
        name: "'None' without secure",
        spec: {
          settings: {
            CSRF_COOKIE_SECURE: true,
            SESSION_COOKIE_SAMESITE: 'None',
            CSRF_COOKIE_SAMESITE: 'None',
          },
        },
        expect: [{ line: 2 }],
      },
    ],
  },
  DDG219: {
    valid: [
      {
        name: 'min_length 12',
        spec: {
          settings: { INSTALLED_APPS: AUTH_APPS, AUTH_PASSWORD_VALIDATORS: STRONG_VALIDATORS },
        },
      },
      {
        name: 'no django.contrib.auth: no passwords',
        spec: { settings: { INSTALLED_APPS: ['django.contrib.sessions'] } },
      },
    ],
    invalid: [
      { name: 'unset', spec: { settings: { INSTALLED_APPS: AUTH_APPS } }, expect: [{ line: 1 }] },
      {
        name: 'empty',
        spec: { settings: { INSTALLED_APPS: AUTH_APPS, AUTH_PASSWORD_VALIDATORS: [] } },
        expect: [{ line: 2 }],
      },
      {
        name: 'no minimum length',
        spec: {
          settings: {
            INSTALLED_APPS: ['django.contrib.auth.apps.AuthConfig'],
            AUTH_PASSWORD_VALIDATORS: [
              { NAME: 'django.contrib.auth.password_validation.CommonPasswordValidator' },
            ],
          },
        },
        expect: [{ line: 2 }],
      },
      {
        name: 'default min_length 8',
        spec: {
          settings: {
            INSTALLED_APPS: AUTH_APPS,
            AUTH_PASSWORD_VALIDATORS: [
              { NAME: 'django.contrib.auth.password_validation.MinimumLengthValidator' },
            ],
          },
        },
        expect: [{ line: 2 }],
      },
      {
        name: 'min_length 10',
        spec: {
          settings: {
            INSTALLED_APPS: AUTH_APPS,
            AUTH_PASSWORD_VALIDATORS: [
              {
                NAME: 'django.contrib.auth.password_validation.MinimumLengthValidator',
                OPTIONS: { min_length: 10 },
              },
            ],
          },
        },
        expect: [{ line: 2 }],
      },
      {
        name: 'apps unknown',
        spec: { settings: { INSTALLED_APPS: { value: { $unknown: 'computed' }, line: 3 } } },
        expect: [{ line: 3, undecided: true, severity: 'info' }],
      },
    ],
  },
  DDG220: {
    valid: [
      { name: 'default hashers', spec: { settings: { INSTALLED_APPS: AUTH_APPS } } },
      {
        name: 'MD5 only as a legacy entry',
        spec: {
          settings: {
            INSTALLED_APPS: AUTH_APPS,
            PASSWORD_HASHERS: [
              'django.contrib.auth.hashers.PBKDF2PasswordHasher',
              'django.contrib.auth.hashers.MD5PasswordHasher',
            ],
          },
        },
      },
      {
        name: 'no auth app',
        spec: {
          settings: {
            INSTALLED_APPS: [],
            PASSWORD_HASHERS: ['django.contrib.auth.hashers.MD5PasswordHasher'],
          },
        },
      },
    ],
    invalid: [
      {
        name: 'MD5 first',
        spec: {
          settings: {
            INSTALLED_APPS: AUTH_APPS,
            PASSWORD_HASHERS: ['django.contrib.auth.hashers.MD5PasswordHasher'],
          },
        },
        expect: [{ line: 2 }],
      },
    ],
  },
  DDG221: {
    valid: [
      {
        name: 'clean',
        spec: {
          settings: {
            INSTALLED_APPS: ['django.contrib.admin'],
            MIDDLEWARE: ['django.middleware.security.SecurityMiddleware'],
          },
        },
      },
    ],
    invalid: [
      {
        name: 'toolbar app + middleware, extensions config',
        spec: {
          settings: {
            INSTALLED_APPS: ['debug_toolbar', 'django_extensions.apps.DjangoExtensionsConfig'],
            MIDDLEWARE: ['debug_toolbar.middleware.DebugToolbarMiddleware'],
          },
        },
        expect: [{ line: 1 }, { line: 1 }, { line: 2 }],
      },
      {
        name: 'one unknown app does not hide the toolbar',
        spec: { settings: { INSTALLED_APPS: [{ $unknown: 'computed' }, 'debug_toolbar'] } },
        expect: [{ line: 1 }],
      },
    ],
  },
  DDG222: {
    valid: [
      {
        name: 'custom path',
        spec: {
          settings: { ROOT_URLCONF: 'project.urls' },
          files: {
            'project/urls.py': 'urlpatterns = [path(settings.ADMIN_URL, admin.site.urls)]\n',
          },
        },
      },
      {
        name: 'commented out',
        spec: {
          settings: { ROOT_URLCONF: 'project.urls' },
          files: { 'project/urls.py': "# path('admin/', admin.site.urls)\n" },
        },
      },
      { name: 'urlconf outside the repo', spec: { settings: { ROOT_URLCONF: 'elsewhere.urls' } } },
    ],
    invalid: [
      {
        name: 'path admin/',
        spec: {
          settings: { ROOT_URLCONF: 'project.urls' },
          files: {
            'project/urls.py':
              "from django.contrib import admin\n\nurlpatterns = [\n    path('admin/', admin.site.urls),\n]\n",
          },
        },
        expect: [{ line: 4 }],
      },
      {
        name: 'old url() with include',
        spec: {
          settings: { ROOT_URLCONF: 'project.urls' },
          files: {
            'project/urls/__init__.py':
              "urlpatterns = [url(r'^admin/', include(admin.site.urls))]\n",
          },
        },
        expect: [{ line: 1 }],
      },
    ],
  },
  DDG223: {
    valid: [
      {
        name: 'django-csp middleware',
        spec: { settings: { TEMPLATES: HTML, MIDDLEWARE: ['csp.middleware.CSPMiddleware'] } },
      },
      {
        name: 'Django 6 SECURE_CSP',
        spec: {
          version: { major: 6, minor: 0 },
          settings: {
            TEMPLATES: HTML,
            MIDDLEWARE: ['django.middleware.csp.ContentSecurityPolicyMiddleware'],
            SECURE_CSP: { 'default-src': ["'self'"] },
          },
        },
      },
      {
        name: 'API only: no template engine',
        spec: { settings: { MIDDLEWARE: ['django.middleware.security.SecurityMiddleware'] } },
      },
    ],
    invalid: [
      {
        name: 'none',
        spec: {
          settings: {
            TEMPLATES: HTML,
            MIDDLEWARE: ['django.middleware.security.SecurityMiddleware'],
          },
        },
        expect: [{ line: 2 }],
      },
      {
        name: 'SECURE_CSP without the middleware',
        spec: {
          version: { major: 6, minor: 0 },
          settings: { TEMPLATES: HTML, MIDDLEWARE: [], SECURE_CSP: { 'default-src': ["'self'"] } },
        },
        expect: [{ line: 2 }],
      },
      {
        name: 'django-csp with policy None',
        spec: {
          settings: {
            TEMPLATES: HTML,
            MIDDLEWARE: ['csp.middleware.CSPMiddleware'],
            CONTENT_SECURITY_POLICY: null,
          },
        },
        expect: [{ line: 2 }],
      },
    ],
  },
  DDG224: {
    valid: [
      {
        name: 'self only',
        spec: {
          settings: { CONTENT_SECURITY_POLICY: { DIRECTIVES: { 'script-src': ["'self'"] } } },
        },
      },
      {
        name: 'unsafe-inline with nonce (ignored by CSP2+)',
        spec: {
          settings: { CSP_SCRIPT_SRC: { $tuple: ["'self'", "'unsafe-inline'", "'nonce-abc'"] } },
        },
      },
    ],
    invalid: [
      {
        name: 'django-csp 4 dict',
        spec: {
          settings: {
            CONTENT_SECURITY_POLICY: {
              DIRECTIVES: { 'script-src': ["'self'", "'unsafe-inline'"] },
            },
          },
        },
        expect: [{ line: 1 }],
      },
      {
        name: 'django 6 default-src fallback',
        spec: {
          version: { major: 6, minor: 0 },
          settings: { SECURE_CSP: { 'default-src': ["'self'", "'unsafe-eval'"] } },
        },
        expect: [{ line: 1 }],
      },
      {
        name: 'django-csp 3 setting',
        spec: { settings: { X: 1, CSP_SCRIPT_SRC: { $tuple: ["'self'", "'unsafe-inline'"] } } },
        expect: [{ line: 2 }],
      },
    ],
  },
  DDG225: {
    valid: [
      {
        name: 'pii off',
        spec: {
          calls: [{ callee: 'sentry_sdk.init', line: 9, keywords: { send_default_pii: false } }],
        },
      },
      {
        name: 'not given',
        spec: { calls: [{ callee: 'sentry_sdk.init', line: 9, keywords: { dsn: 'x' } }] },
      },
    ],
    invalid: [
      {
        name: 'pii on',
        spec: {
          calls: [{ callee: 'sentry_sdk.init', line: 9, keywords: { send_default_pii: true } }],
        },
        expect: [{ line: 9 }],
      },
    ],
  },
  DDG226: {
    valid: [
      {
        name: 'required env read',
        spec: {
          settings: {
            EMAIL_HOST_PASSWORD: { value: { $unknown: 'unset', envVar: 'E' }, envVar: 'E' },
          },
          envReads: [{ name: 'E', file: 'project/settings.py', line: 1, isSet: false }],
        },
      },
      {
        name: 'env value, no default',
        spec: {
          settings: { EMAIL_HOST_PASSWORD: { value: password, envVar: 'E' } },
          envReads: [{ name: 'E', file: 'project/settings.py', line: 1, isSet: true }],
        },
      },
      {
        name: 'placeholder literal',
        spec: {
          settings: { EMAIL_HOST_PASSWORD: 'change-me' },
          files: { 'project/settings.py': "EMAIL_HOST_PASSWORD = 'change-me'\n" },
        },
      },
      {
        name: 'a nested value the environment supplied (not in the source)',
        spec: {
          settings: { DATABASES: { default: { PASSWORD: password } } },
          envReads: [{ name: 'P', file: 'project/settings.py', line: 1, isSet: true }],
          files: { 'project/settings.py': "DATABASES = {'default': {'PASSWORD': env('P')}}\n" },
        },
      },
      {
        name: 'public and configuration names',
        spec: {
          settings: { STRIPE_PUBLIC_KEY: password, PASSWORD_RESET_TIMEOUT: 3600 },
          files: { 'project/settings.py': `STRIPE_PUBLIC_KEY = '${password}'\n` },
        },
      },
    ],
    invalid: [
      {
        name: 'literal password',
        spec: {
          settings: { DEBUG: false, EMAIL_HOST_PASSWORD: password },
          files: { 'project/settings.py': `DEBUG = False\nEMAIL_HOST_PASSWORD = '${password}'\n` },
        },
        expect: [{ line: 2, severity: 'high' }],
      },
      {
        name: 'env default in effect',
        spec: {
          settings: {
            EMAIL_HOST_PASSWORD: {
              value: password,
              line: 4,
              envVar: 'E',
              usedDefault: true,
              defaultText: `'${password}'`,
            },
          },
          envReads: [
            {
              name: 'E',
              file: 'project/settings.py',
              line: 4,
              isSet: false,
              defaultText: `'${password}'`,
            },
          ],
        },
        expect: [{ line: 4, severity: 'high' }],
      },
      {
        name: 'env default the production environment overrides',
        spec: {
          settings: { EMAIL_HOST_PASSWORD: { value: 'from-the-env', line: 3, envVar: 'E' } },
          envReads: [
            {
              name: 'E',
              file: 'project/settings.py',
              line: 3,
              isSet: true,
              defaultText: `'${password}'`,
            },
          ],
        },
        expect: [{ line: 3, severity: 'medium' }],
      },
      {
        name: 'nested database password, default credential beside it',
        spec: {
          settings: {
            DATABASES: {
              default: { NAME: 'shop', USER: 'shop', PASSWORD: password },
              replica: { NAME: 'shop', USER: 'reader', PASSWORD: 'shop' },
            },
          },
          files: {
            'project/settings.py': `DATABASES = {'default': {'PASSWORD': '${password}'}, 'replica': {'PASSWORD': 'shop'}}\n`,
          },
        },
        expect: [
          { line: 1, severity: 'high' },
          { line: 1, severity: 'low' },
        ],
      },
      {
        name: 'cache URL with a password, in test settings',
        spec: {
          settings: {
            CACHES: {
              value: { default: { LOCATION: `redis://:${password}@cache.internal:6379/0` } },
              file: 'project/settings/test.py',
              line: 5,
            },
          },
          files: {
            'project/settings/test.py': `CACHES = {'default': {'LOCATION': 'redis://:${password}@cache.internal:6379/0'}}\n`,
          },
        },
        expect: [{ line: 5, severity: 'low' }],
      },
    ],
  },
};

function ruleById(id: string): SettingsRule {
  const rule = hardeningSettingsRules.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}

describe('hardening settings rules', () => {
  it('every rule has valid and invalid cases, here or in its own test file', () => {
    // Newer rules have test/hardening/rules/<rule-name>.test.ts instead of a row in this table.
    const ownFile = (name: string) => existsSync(`test/hardening/rules/${name}.test.ts`);
    expect(Object.keys(CASES).sort()).toEqual(
      hardeningSettingsRules.filter((r) => !ownFile(r.name)).map((r) => r.id),
    );
    for (const { valid, invalid } of Object.values(CASES)) {
      expect(valid.length).toBeGreaterThan(0);
      expect(invalid.length).toBeGreaterThan(0);
    }
  });

  for (const [id, { valid, invalid }] of Object.entries(CASES)) {
    describe(id, () => {
      for (const c of valid) {
        it(`valid: ${c.name}`, () => {
          expect(runSettingsRule(ruleById(id), c.spec)).toEqual([]);
        });
      }
      for (const c of invalid) {
        it(`invalid: ${c.name}`, () => {
          const seen = runSettingsRule(ruleById(id), c.spec);
          expect(seen.map((s) => s.ruleId)).toEqual((c.expect ?? []).map(() => id));
          (c.expect ?? []).forEach((want, i) => {
            const got = seen[i]!;
            expect(got.line).toBe(want.line);
            if (want.envVar !== undefined) expect(got.envVar).toBe(want.envVar);
            if (want.severity !== undefined) expect(got.severity).toBe(want.severity);
            expect(got.undecided).toBe(want.undecided ?? false);
          });
        });
      }
    });
  }
});

describe('secret handling in settings findings', () => {
  const keyRules = ['DDG206', 'DDG207', 'DDG209'].map(ruleById);
  const specs: ContextSpec[] = [
    { settings: { SECRET_KEY: key } },
    {
      settings: { SECRET_KEY: { value: oldKey, envVar: 'K', usedDefault: true } },
      envReads: [
        {
          name: 'K',
          file: 'project/settings.py',
          line: 1,
          isSet: false,
          defaultText: `'${oldKey}'`,
        },
      ],
    },
    {
      settings: { SECRET_KEY_FALLBACKS: [oldKey] },
      files: { 'project/settings.py': `SECRET_KEY_FALLBACKS = ['${oldKey}']\n` },
    },
  ];

  it('never prints the key and links it by hash', () => {
    keyRules.forEach((rule, i) => {
      const seen = runSettingsRule(rule, specs[i]!);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.message).not.toContain(key);
      expect(seen[0]!.message).not.toContain(oldKey);
      expect(seen[0]!.secretHash).toBe(hashSecret(i === 0 ? key : oldKey));
    });
  });

  it('a credential setting never prints its value and hands it over for masking', () => {
    const [seen, ...rest] = runSettingsRule(ruleById('DDG226'), {
      settings: { DATABASES: { default: { PASSWORD: password } } },
      files: { 'project/settings.py': `DATABASES = {'default': {'PASSWORD': '${password}'}}\n` },
    });
    expect(rest).toEqual([]);
    expect(seen?.message).toBe(
      'DATABASES["default"]["PASSWORD"] is a literal password (set at project/settings.py:1)',
    );
    expect(seen?.secretHash).toBe(hashSecret(password));
    expect(seen?.secretValues).toEqual([password]);
  });

  it('a placeholder is named by kind only', () => {
    const [seen] = runSettingsRule(ruleById('DDG208'), {
      settings: { SECRET_KEY: 'change-me-now' },
    });
    expect(seen?.message).not.toContain('change-me-now');
  });
});

describe('pattern helpers', () => {
  it.each([
    ['^https://example\\.com$', []],
    ['^https://example\\.com\\Z', []],
    ['^https://([a-z0-9-]+\\.)?example\\.com(:\\d+)?$', []],
    ['^https://[a-z.]+\\.example\\.com$', []],
    ['^https://example\\.com', ['not anchored at the end ($ or \\Z)']],
    ['^https://app.example\\.com$', ['unescaped "." in the host matches any character']],
    ['^https://.*\\.example\\.com$', []],
  ])('regexProblems(%s)', (pattern, problems) => {
    expect(regexProblems(pattern)).toEqual(problems);
  });

  it.each([
    ['https://*.example.com', undefined],
    ['https://example.com', undefined],
    ['https://*', true],
    ['*', true],
    ['https://*.co', true],
    ['http://example.com', false],
    ['https://[::1]:8000', false],
  ])('csrfOriginProblem(%s)', (origin, wildcard) => {
    expect(csrfOriginProblem(origin)?.wildcard).toBe(wildcard);
  });

  it('finds admin routes across lines and forms', () => {
    const source =
      "urlpatterns = [\n    re_path(\n        r'^admin/',\n        admin.site.urls,\n    ),\n    path('api/', include('api.urls')),\n    path(\"admin/\", admin.site.urls),\n]\n";
    expect(findDefaultAdminRoutes(source)).toEqual([2, 7]);
  });
});
