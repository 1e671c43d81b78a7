import { describe, expect, it } from 'vitest';
import { proveFix } from '../harness';

const BASE = `import os
DEBUG = False
ALLOWED_HOSTS = ['example.com']
MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
`;

describe('fix for security.W004 (no HSTS)', () => {
  it('adds HSTS at one hour to the production module after its import, with the two settings Django then asks for', () => {
    const proof = proveFix({
      module: 'config.settings.production',
      ruleId: 'security.W004',
      files: {
        'config/settings/base.py': BASE,
        'config/settings/production.py':
          'from .base import *  # noqa: F403\n\nCSRF_TRUSTED_ORIGINS = []\n',
      },
    });
    expect(proof.files['config/settings/base.py']).toBe(BASE);
    expect(proof.files['config/settings/production.py']).toBe(
      [
        'from .base import *  # noqa: F403',
        'SECURE_HSTS_SECONDS = 3600  # raise to 31536000 (a year) once every page and sub-domain is served over HTTPS',
        'SECURE_HSTS_INCLUDE_SUBDOMAINS = True',
        'SECURE_HSTS_PRELOAD = True  # the preload list itself needs a year of HSTS and a submission at hstspreload.org',
        '',
        'CSRF_TRUSTED_ORIGINS = []',
        '',
      ].join('\n'),
    );
  });

  it('keeps an env switch the project has, with the safe value as its default', () => {
    const proof = proveFix({
      module: 'project.settings',
      ruleId: 'security.W004',
      files: {
        'project/settings.py': `${BASE}SECURE_HSTS_SECONDS = int(os.environ.get('HSTS', '0'))\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n`,
      },
    });
    expect(proof.files['project/settings.py']).toContain(
      'SECURE_HSTS_SECONDS = int(os.environ.get("HSTS", "3600"))  # raise',
    );
  });
});
