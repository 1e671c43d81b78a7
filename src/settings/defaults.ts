import { isAtLeast, type DjangoVersion } from './rule';
import { FALSE, NONE, TRUE, int, list, str, type PyValue } from './value';

/**
 * Django's `global_settings` defaults that the checks (and hardening rules) read, per version.
 * Source: django/conf/global_settings.py in 3.2.25 and 5.2.17 (django-rules.md §1.2), plus 6.0's
 * CSP settings. A setting not listed here is treated as "not a Django setting" (no default).
 */

interface DefaultEntry {
  /** First version that has the setting (inclusive). */
  since?: [number, number];
  /** First version that no longer has it (exclusive). */
  until?: [number, number];
  /** A factory: lists and dicts are mutable, so every caller gets its own copy. */
  value: (version: DjangoVersion) => PyValue;
}

const dict = (entries: [string, PyValue][]): PyValue => ({
  kind: 'dict',
  entries: entries.map(([k, v]) => [str(k), v]),
});

const DEFAULTS: Record<string, DefaultEntry> = {
  DEBUG: { value: () => FALSE },
  ALLOWED_HOSTS: { value: () => list([]) },
  SECRET_KEY: { value: () => str('') },
  // https://github.com/django/django/pull/15198 (4.1)
  SECRET_KEY_FALLBACKS: { since: [4, 1], value: () => list([]) },
  INSTALLED_APPS: { value: () => list([]) },
  MIDDLEWARE: { value: () => list([]) },
  X_FRAME_OPTIONS: { value: () => str('DENY') },
  SECURE_CONTENT_TYPE_NOSNIFF: { value: () => TRUE },
  SECURE_HSTS_SECONDS: { value: () => int(0) },
  SECURE_HSTS_INCLUDE_SUBDOMAINS: { value: () => FALSE },
  SECURE_HSTS_PRELOAD: { value: () => FALSE },
  SECURE_SSL_REDIRECT: { value: () => FALSE },
  SECURE_SSL_HOST: { value: () => NONE },
  SECURE_REDIRECT_EXEMPT: { value: () => list([]) },
  SECURE_PROXY_SSL_HEADER: { value: () => NONE },
  USE_X_FORWARDED_HOST: { value: () => FALSE },
  USE_X_FORWARDED_PORT: { value: () => FALSE },
  // Default became 'same-origin' in 3.1 (PR #13351); we support 3.2+.
  SECURE_REFERRER_POLICY: { value: () => str('same-origin') },
  // https://github.com/django/django/pull/14189 (4.0)
  SECURE_CROSS_ORIGIN_OPENER_POLICY: { since: [4, 0], value: () => str('same-origin') },
  SECURE_BROWSER_XSS_FILTER: { until: [4, 0], value: () => FALSE },
  SESSION_COOKIE_SECURE: { value: () => FALSE },
  SESSION_COOKIE_HTTPONLY: { value: () => TRUE },
  SESSION_COOKIE_SAMESITE: { value: () => str('Lax') },
  SESSION_COOKIE_NAME: { value: () => str('sessionid') },
  SESSION_COOKIE_AGE: { value: () => int(60 * 60 * 24 * 7 * 2) },
  SESSION_EXPIRE_AT_BROWSER_CLOSE: { value: () => FALSE },
  SESSION_ENGINE: { value: () => str('django.contrib.sessions.backends.db') },
  CSRF_COOKIE_SECURE: { value: () => FALSE },
  CSRF_COOKIE_HTTPONLY: { value: () => FALSE },
  CSRF_COOKIE_SAMESITE: { value: () => str('Lax') },
  CSRF_COOKIE_NAME: { value: () => str('csrftoken') },
  CSRF_USE_SESSIONS: { value: () => FALSE },
  CSRF_TRUSTED_ORIGINS: { value: () => list([]) },
  CSRF_FAILURE_VIEW: { value: () => str('django.views.csrf.csrf_failure') },
  // Transitional setting of 3.1–3.2 (RemovedInDjango40Warning).
  DEFAULT_HASHING_ALGORITHM: { until: [4, 0], value: () => str('sha256') },
  // 6.0 CSP settings; the `{}` defaults are from a third-party note (django-rules.md §7).
  SECURE_CSP: { since: [6, 0], value: () => dict([]) },
  SECURE_CSP_REPORT_ONLY: { since: [6, 0], value: () => dict([]) },
  SILENCED_SYSTEM_CHECKS: { value: () => list([]) },
  ADMINS: { value: () => list([]) },
  MANAGERS: { value: () => list([]) },
  DATABASES: { value: () => dict([]) },
  CACHES: {
    value: () =>
      dict([
        ['default', dict([['BACKEND', str('django.core.cache.backends.locmem.LocMemCache')]])],
      ]),
  },
  TEMPLATES: { value: () => list([]) },
  AUTH_PASSWORD_VALIDATORS: { value: () => list([]) },
  PASSWORD_HASHERS: {
    value: () =>
      list(
        [
          'django.contrib.auth.hashers.PBKDF2PasswordHasher',
          'django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher',
          'django.contrib.auth.hashers.Argon2PasswordHasher',
          'django.contrib.auth.hashers.BCryptSHA256PasswordHasher',
        ].map(str),
      ),
  },
  EMAIL_BACKEND: { value: () => str('django.core.mail.backends.smtp.EmailBackend') },
  EMAIL_USE_TLS: { value: () => FALSE },
  EMAIL_USE_SSL: { value: () => FALSE },
  FILE_UPLOAD_PERMISSIONS: { value: () => int(0o644) },
  DATA_UPLOAD_MAX_MEMORY_SIZE: { value: () => int(2621440) },
  STATIC_URL: { value: () => NONE },
  STATIC_ROOT: { value: () => NONE },
  MEDIA_URL: { value: () => str('') },
  MEDIA_ROOT: { value: () => str('') },
  STATICFILES_DIRS: { value: () => list([]) },
  LOGGING: { value: () => dict([]) },
  LANGUAGE_CODE: { value: () => str('en-us') },
  TIME_ZONE: { value: () => str('America/Chicago') },
  // USE_TZ's default flipped to True in 5.0.
  USE_TZ: { value: (v) => (isAtLeast(v, 5, 0) ? TRUE : FALSE) },
};

function inRange(entry: DefaultEntry, version: DjangoVersion): boolean {
  if (entry.since && !isAtLeast(version, entry.since[0], entry.since[1])) return false;
  if (entry.until && isAtLeast(version, entry.until[0], entry.until[1])) return false;
  return true;
}

/** Django's default for `name` at `version` (a fresh copy), or undefined when no such setting. */
export function djangoDefault(name: string, version: DjangoVersion): PyValue | undefined {
  const entry = DEFAULTS[name];
  if (!entry || !inRange(entry, version)) return undefined;
  return entry.value(version);
}

/** Whether Django at `version` has a global default for `name`. */
export function isDjangoSetting(name: string, version: DjangoVersion): boolean {
  const entry = DEFAULTS[name];
  return entry !== undefined && inRange(entry, version);
}
