import { describe, expect, it } from 'vitest';
import { proveFix } from '../harness';

const HEAD = `DEBUG = False
ALLOWED_HOSTS = ['api.example.com']
INSTALLED_APPS = ['corsheaders']
CORS_ALLOWED_ORIGINS = ['https://app.example.com']
`;

describe('fix for DDG214 (CorsMiddleware too low)', () => {
  it('moves its line above CommonMiddleware in a list written one entry per line', () => {
    const proof = proveFix({
      module: 'project.settings',
      ruleId: 'DDG214',
      files: {
        'project/settings.py': `${HEAD}MIDDLEWARE = [\n    'django.middleware.security.SecurityMiddleware',\n    'django.middleware.common.CommonMiddleware',\n    'whitenoise.middleware.WhiteNoiseMiddleware',\n    'corsheaders.middleware.CorsMiddleware',\n]\n`,
      },
    });
    expect(proof.files['project/settings.py']).toBe(
      `${HEAD}MIDDLEWARE = [\n    'django.middleware.security.SecurityMiddleware',\n    'corsheaders.middleware.CorsMiddleware',\n    'django.middleware.common.CommonMiddleware',\n    'whitenoise.middleware.WhiteNoiseMiddleware',\n]\n`,
    );
  });

  it("overrides a base module's list in the production module, CorsMiddleware first", () => {
    const base = `${HEAD}MIDDLEWARE = ['django.middleware.common.CommonMiddleware', 'corsheaders.middleware.CorsMiddleware']\n`;
    const proof = proveFix({
      module: 'config.settings.production',
      ruleId: 'DDG214',
      files: {
        'config/settings/base.py': base,
        'config/settings/production.py': 'from .base import *\n',
      },
    });
    expect(proof.files['config/settings/base.py']).toBe(base);
    expect(proof.files['config/settings/production.py']).toBe(
      'from .base import *\nMIDDLEWARE = ["corsheaders.middleware.CorsMiddleware"] + [m for m in MIDDLEWARE if m != "corsheaders.middleware.CorsMiddleware"]\n',
    );
  });
});
