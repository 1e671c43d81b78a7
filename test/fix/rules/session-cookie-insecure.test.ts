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
].filter((line) => !line.startsWith('SESSION_COOKIE_SECURE ='));

describe('fix for security.W012 (SESSION_COOKIE_SECURE)', () => {
  it('adds SESSION_COOKIE_SECURE = True after the last import of the production module', () => {
    const proof = proveFix({
      module: 'config.settings.production',
      ruleId: 'security.W012',
      files: {
        'config/settings/base.py': `${SETTINGS.join('\n')}\n`,
        'config/settings/production.py':
          'from .base import *\nfrom .base import os\n\nDEBUG = False\n',
      },
    });
    expect(proof.files['config/settings/production.py']).toBe(
      'from .base import *\nfrom .base import os\nSESSION_COOKIE_SECURE = True\n\nDEBUG = False\n',
    );
  });

  it('replaces a False in the production module in place', () => {
    const proof = proveFix({
      module: 'project.settings',
      ruleId: 'security.W012',
      files: {
        'project/settings.py': `${SETTINGS.join('\n')}\nSESSION_COOKIE_SECURE = False  # for now\n`,
      },
    });
    expect(proof.files['project/settings.py']).toBe(
      `${SETTINGS.join('\n')}\nSESSION_COOKIE_SECURE = True\n`,
    );
  });

  it('turns an env read without a bool cast (DDG205) or with a False default into a cast with a True default', () => {
    const proof = proveFix({
      module: 'project.settings',
      ruleId: 'security.W012',
      files: {
        'project/settings.py': `${SETTINGS.join('\n')}\nSESSION_COOKIE_SECURE = os.environ.get('FLAG', '')\n`,
      },
    });
    expect(proof.files['project/settings.py']).toContain(
      'SESSION_COOKIE_SECURE = os.environ.get("FLAG", "True") == "True"\n',
    );
  });
});
