import { describe, expect, it } from 'vitest';
import { proveFix } from '../harness';

const HEAD = `import environ
env = environ.Env()
DEBUG = False
ALLOWED_HOSTS = ['api.example.com']
INSTALLED_APPS = ['corsheaders']
MIDDLEWARE = ['corsheaders.middleware.CorsMiddleware', 'django.middleware.common.CommonMiddleware']
`;

describe('fix for DDG210 / DDG211 (CORS open to every origin)', () => {
  it('switches allow-all off and reads the trusted origins from the environment', () => {
    const proof = proveFix({
      module: 'project.settings',
      ruleId: 'DDG211',
      files: {
        'project/settings.py': `${HEAD}CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n`,
      },
      envAfter: { DJANGO_CORS_ALLOWED_ORIGINS: 'https://app.example.com' },
    });
    expect(proof.files['project/settings.py']).toBe(
      `${HEAD}CORS_ALLOW_ALL_ORIGINS = False\nCORS_ALLOWED_ORIGINS = env.list("DJANGO_CORS_ALLOWED_ORIGINS")\nCORS_ALLOW_CREDENTIALS = True\n`,
    );
  });

  it("keeps an origin list the settings already have, and the old setting's name", () => {
    const proof = proveFix({
      module: 'project.settings',
      ruleId: 'DDG210',
      files: {
        'project/settings.py': `${HEAD}CORS_ORIGIN_WHITELIST = ['https://app.example.com']\nCORS_ORIGIN_ALLOW_ALL = True\n`,
      },
    });
    expect(proof.files['project/settings.py']).toBe(
      `${HEAD}CORS_ORIGIN_WHITELIST = ['https://app.example.com']\nCORS_ORIGIN_ALLOW_ALL = False\n`,
    );
  });
});
