import { describe, expect, it } from 'vitest';
import { runSecretRules } from '../../src/secrets/detect';
import { isGeneratedValue } from '../../src/secrets/generated-values';
import { secretRules } from '../../src/secrets/rules/index';
import { isFilePathValue, isPlaceholderValue } from '../../src/secrets/placeholders';
import {
  DJANGO_KEY_ALPHABET,
  generateSecret,
  mulberry32,
  randomString,
  testSeed,
} from '../helpers/secret-generators';
import { reportSeedOnFailure } from './rules/scan-helpers';

const seed = testSeed();
reportSeedOnFailure(seed);
const random = mulberry32(seed);

describe('generators are not committed secrets', () => {
  it.each([
    "$(LC_ALL=C tr -dc 'a-zA-Z0-9' < /dev/urandom | head -c 50)",
    '$(openssl rand -base64 48)',
    '$(openssl rand -hex 32)',
    '`pwgen -s 32 1`',
    '$(shell openssl rand -hex 32)',
    "$(python -c 'import secrets; print(secrets.token_urlsafe(50))')",
    'python -c "from django.core.management.utils import get_random_secret_key; print(get_random_secret_key())"',
    'get_random_secret_key()',
    'head -c 32 /dev/urandom | base64',
    '$(</run/secrets/superuser_password)',
  ])('%s', (value) => {
    expect(isGeneratedValue(value)).toBe(true);
    expect(isPlaceholderValue(value)).toBe(true);
  });

  it('a generated key is never taken for a generator, even with $( or a backtick at its ends', () => {
    for (let i = 0; i < 2000; i++) {
      const body = randomString(DJANGO_KEY_ALPHABET, 46, random);
      for (const key of [
        generateSecret('django-key', random),
        `$(${body})`,
        `\`${body}\``,
        `$(<${body}`,
      ])
        expect(isGeneratedValue(key), key).toBe(false);
    }
  });
});

describe('paths are not credentials', () => {
  it.each([
    '/etc/ssl/private/shop.key',
    '~/.ssh/id_rsa',
    './certs/server.pem',
    'compose/pycharm/.ssh_keys_to_docker/id_rsa',
    'applications/netbox',
    'models/users/token.md',
  ])('%s', (value) => expect(isFilePathValue(value)).toBe(true));

  it('base64 secrets with slashes are not paths', () => {
    for (let i = 0; i < 500; i++) {
      const secret = generateSecret('aws-secret-access-key', random);
      if (!secret.includes('/') || secret.startsWith('/')) continue;
      expect(isFilePathValue(secret), secret).toBe(false);
    }
  });
});

describe('generators written in commands are not reported', () => {
  it('heroku config:set with a backtick or $( ) generator (cookiecutter-django README)', () => {
    const lines = [
      '    heroku config:set DJANGO_SECRET_KEY=`openssl rand -base64 32`',
      '    heroku config:set DJANGO_SECRET_KEY=$(openssl rand -base64 64)',
      '    docker run -e API_TOKEN="$(pwgen -s 40 1)" shop',
    ].join('\n');
    for (const path of ['README.rst', 'deploy.sh'])
      expect(runSecretRules({ path, content: `${lines}\n` }, secretRules)).toEqual([]);
  });
});

describe('instructions written as values are placeholders', () => {
  it.each([
    'PLEASECHANGETHISFORTHELOVEOFGOD',
    'PLEASEPROVIDEASTRONGPASSWORDHERE',
    'AGAINPLEASECHANGETHISNOW',
    'PleaseGenerateAStrongKeyForThis',
    'YourDesiredPasswordUsedForFirstLogin',
    'THISISNOTASECRET',
  ])('%s', (value) => expect(isPlaceholderValue(value)).toBe(true));

  it('random keys and tokens are not instructions', () => {
    for (let i = 0; i < 3000; i++)
      for (const kind of ['django-key', 'generic-token', 'db-password'] as const) {
        const value = generateSecret(kind, random);
        expect(isPlaceholderValue(value), value).toBe(false);
      }
  });
});
