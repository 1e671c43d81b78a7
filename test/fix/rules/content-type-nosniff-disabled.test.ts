import { describe, expect, it } from 'vitest';
import { proveFix } from '../harness';

const SETTINGS = [
  'import os',
  'DEBUG = False',
  "ALLOWED_HOSTS = ['example.com']",
  "INSTALLED_APPS = ['django.contrib.sessions']",
  "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware', 'django.contrib.sessions.middleware.SessionMiddleware', 'django.middleware.csrf.CsrfViewMiddleware']",
  'SECURE_HSTS_SECONDS = 3600',
  'SECURE_HSTS_INCLUDE_SUBDOMAINS = True',
  'SECURE_HSTS_PRELOAD = True',
  'SECURE_SSL_REDIRECT = True',
  'SESSION_COOKIE_SECURE = True',
  'CSRF_COOKIE_SECURE = True',
  'SECURE_CONTENT_TYPE_NOSNIFF = True',
].filter((line) => !line.startsWith('SECURE_CONTENT_TYPE_NOSNIFF ='));

describe('fix for security.W006 (SECURE_CONTENT_TYPE_NOSNIFF)', () => {
  // Unset, Django's default (True since 3.0) applies: only an explicit False is reported.
  it('replaces a False in the production module in place', () => {
    const proof = proveFix({
      module: 'project.settings',
      ruleId: 'security.W006',
      files: {
        'project/settings.py': `${SETTINGS.join('\n')}\nSECURE_CONTENT_TYPE_NOSNIFF = False  # for now\n`,
      },
    });
    expect(proof.files['project/settings.py']).toBe(
      `${SETTINGS.join('\n')}\nSECURE_CONTENT_TYPE_NOSNIFF = True\n`,
    );
  });

  it('turns an env read without a bool cast (DDG205) or with a False default into a cast with a True default', () => {
    const proof = proveFix({
      module: 'project.settings',
      ruleId: 'security.W006',
      files: {
        'project/settings.py': `${SETTINGS.join('\n')}\nSECURE_CONTENT_TYPE_NOSNIFF = os.environ.get('FLAG', '')\n`,
      },
    });
    expect(proof.files['project/settings.py']).toContain(
      'SECURE_CONTENT_TYPE_NOSNIFF = os.environ.get("FLAG", "True") == "True"\n',
    );
  });
});
