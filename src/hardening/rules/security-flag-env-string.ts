import type { SettingsMatch } from '../../settings/rule';
import { describeSetting } from '../../settings/describe';
import { envStringBoolean } from '../support';
import { defineSettingsRule } from '../../settings/rule-support';

/** Boolean settings whose meaning flips when an uncast env str reaches them. */
export const SECURITY_FLAGS = [
  'SESSION_COOKIE_SECURE',
  'CSRF_COOKIE_SECURE',
  'SESSION_COOKIE_HTTPONLY',
  'CSRF_COOKIE_HTTPONLY',
  'SECURE_SSL_REDIRECT',
  'SECURE_HSTS_INCLUDE_SUBDOMAINS',
  'SECURE_HSTS_PRELOAD',
  'SECURE_CONTENT_TYPE_NOSNIFF',
  'USE_X_FORWARDED_HOST',
  'USE_X_FORWARDED_PORT',
  'CSRF_USE_SESSIONS',
  'SESSION_EXPIRE_AT_BROWSER_CLOSE',
  'CORS_ALLOW_ALL_ORIGINS',
  'CORS_ORIGIN_ALLOW_ALL',
  'CORS_ALLOW_CREDENTIALS',
] as const;

/** Flags where a truthy str opens something up (rather than closing it). */
const OPENING_FLAGS = new Set<string>([
  'CORS_ALLOW_ALL_ORIGINS',
  'CORS_ORIGIN_ALLOW_ALL',
  'CORS_ALLOW_CREDENTIALS',
  'USE_X_FORWARDED_HOST',
  'USE_X_FORWARDED_PORT',
]);

export const securityFlagEnvString = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG205',
  name: 'security-flag-env-string',
  severity: 'medium',
  fix: "Cast the env value to a bool (env.bool('X', default=True), config('X', cast=bool)) before assigning a security flag.",
  docs: {
    summary:
      'A security flag (SESSION_COOKIE_SECURE, SECURE_SSL_REDIRECT, CORS_ALLOW_ALL_ORIGINS…) is a str read from the environment without a bool cast.',
    whatItDoes: `Reports when one of ${SECURITY_FLAGS.join(', ')} evaluates to a str that came from an environment variable (or from the str default of the env read).`,
    whyBad:
      'Django and django-cors-headers test these flags for truthiness, so "False" means on and only the empty string means off. A flag meant to be off (CORS_ALLOW_ALL_ORIGINS="False") is on, and one meant to be on is silently off when the variable is empty. Severity medium; high for flags that open access when truthy (CORS allow-all/credentials, X-Forwarded-Host/Port).',
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nSESSION_COOKIE_SECURE = os.environ.get('SESSION_COOKIE_SECURE', 'True')\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nSESSION_COOKIE_SECURE = os.environ.get('SESSION_COOKIE_SECURE', 'True') == 'True'\n",
    },
    useInstead:
      '`env.bool(...)` (django-environ), `config(..., cast=bool)` (python-decouple), a `bool` field in pydantic-settings, or a literal True in the production settings.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure',
      'https://github.com/adamchainz/django-cors-headers#configuration',
      'https://docs.python.org/3/library/stdtypes.html#truth-value-testing',
    ],
  },
  check(ctx) {
    const matches: SettingsMatch[] = [];
    for (const name of SECURITY_FLAGS) {
      const setting = ctx.setting(name);
      const read = envStringBoolean(setting);
      if (read === undefined) continue;
      const effect = read.truthy
        ? `a non-empty str is truthy, so ${name} is on whatever the text says`
        : `${name} is off because the str is empty, whatever was intended`;
      const match: SettingsMatch = {
        message: `${describeSetting(setting)}: ${effect}`,
        setting: name,
        detail: name,
      };
      if (read.truthy && OPENING_FLAGS.has(name)) match.severity = 'high';
      matches.push(match);
    }
    return matches;
  },
});
