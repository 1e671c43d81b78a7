import { randomInt } from 'node:crypto';

/** Values the hardening settings rules' cases share, generated at run time where secret. */

/** A Django-style key generated at run time (never a committed literal). */
export function generatedKey(length = 50): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

export const CORS_BASE = {
  INSTALLED_APPS: ['django.contrib.sessions', 'corsheaders'],
  MIDDLEWARE: [
    'corsheaders.middleware.CorsMiddleware',
    'django.middleware.common.CommonMiddleware',
  ],
};
export const AUTH_APPS = ['django.contrib.auth', 'django.contrib.contenttypes'];
export const HTML = [
  { BACKEND: 'django.template.backends.django.DjangoTemplates', APP_DIRS: true },
];
export const STRONG_VALIDATORS = [
  {
    NAME: 'django.contrib.auth.password_validation.MinimumLengthValidator',
    OPTIONS: { min_length: 12 },
  },
];

export const key = generatedKey();
export const oldKey = generatedKey();
/** A password generated at run time, quoted in the settings source the cases evaluate. */
export const password = generatedKey(24).replace(/[^a-z0-9]/g, 'q');
