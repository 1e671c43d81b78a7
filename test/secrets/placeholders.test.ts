import { describe, expect, it } from 'vitest';
import { shannonEntropy } from '../../src/secrets/entropy';
import {
  isPlaceholderValue,
  isPlausibleCredential,
  isRealLookingSecret,
  isTemplateReference,
} from '../../src/secrets/placeholders';
import { generateSecret, mulberry32, testSeed } from '../helpers/secret-generators';

describe('isPlaceholderValue', () => {
  it.each([
    '',
    '   ',
    'change-me',
    'changeme',
    'CHANGE_ME',
    'your-secret-key-here',
    '!!!SET DJANGO_SECRET_KEY!!!',
    '<your-secret-key>',
    '${SECRET_KEY}',
    '${SECRET_KEY:-fallback}',
    '$SECRET_KEY',
    '$(openssl rand -hex 32)',
    '{{ secret_key }}',
    '{% secret %}',
    '%(secret_key)s',
    'xxxxxxxxxxxxxxxx',
    'XXXX-XXXX-XXXX',
    '****************',
    'secret',
    'dummy',
    'example',
    'placeholder',
    'todo',
    'TODO: set me',
    'aaaaaaaaaaaaaaaaaaaaaaaa',
    'django-insecure-dev-key',
    'test-key-123',
    'super-secret-key',
    'django-secret-key-change-in-production-at-least-32-chars',
    'replace-with-a-real-key',
  ])('%j is a placeholder', (value) => expect(isPlaceholderValue(value)).toBe(true));

  it.each(['hunter2-but-longer', 'q9w8e7r6', 'abc123xyz', 's3cr3t-Pa55', 'mj4#k(2)x%=p+'])(
    '%j is not',
    (value) => expect(isPlaceholderValue(value)).toBe(false),
  );

  it('never mistakes a generated key for a placeholder', () => {
    const random = mulberry32(testSeed());
    for (let i = 0; i < 5000; i++) {
      for (const kind of [
        'django-key',
        'django-insecure-key',
        'db-password',
        'generic-token',
      ] as const)
        expect(isPlaceholderValue(generateSecret(kind, random))).toBe(false);
    }
  });
});

describe('the stand-ins public Django projects commit (issue 14)', () => {
  it.each([
    'irrelevant',
    'dummy',
    'notsecret',
    'secretsecretsecret',
    'herokudefault',
    'fallback-secret-key',
    'abcdefghijklmnopqrstuvwxyz',
    'qwertyuiopasdfgh',
    'someRandOmSecrEtKey23',
    // The two predicates that used to disagree (src/hardening's twin and this one).
    'please-change-me',
    'changeme123',
    // Templates and references in the password position of a URL.
    '{password}',
    '{0}',
    'db_password',
    '$(POSTGRESQL_PASSWORD)',
    '${POSTGRES_PASSWORD:-postgres}',
    '%(password)s',
    '%s',
    // An environment variable's name where its value belongs (botocore's SECRET_KEY).
    'AWS_SECRET_ACCESS_KEY',
  ])('%j is a placeholder', (value) => expect(isPlaceholderValue(value)).toBe(true));

  it.each(['hunter2hunter2', 'Kx7fQ2mZ@Wd9pL3vRtY8sN', 'abc123xyz'])('%j is not', (value) =>
    expect(isPlaceholderValue(value)).toBe(false),
  );

  it('a value that contains a template is judged by the rest', () => {
    const random = mulberry32(testSeed());
    for (let i = 0; i < 500; i++) {
      const key = generateSecret('django-key', random);
      // saleor's common.env: a key with `<…>` inside is a key, not a `<placeholder>`.
      expect(isPlaceholderValue(`${key.slice(0, 20)}<${key.slice(20, 30)}>${key.slice(30)}`)).toBe(
        false,
      );
    }
    expect(isPlaceholderValue('<your-secret-key>')).toBe(true);
    expect(isPlaceholderValue('prefix-<your-key>')).toBe(true);
    expect(isPlaceholderValue('Bearer ${API_TOKEN}')).toBe(true);
  });

  it('template references are recognised whole', () => {
    for (const value of [
      '${PW}',
      '${PW:-x}',
      '$(PW)',
      '{password}',
      '%(pw)s',
      '<password>',
      '{{ pw }}',
    ])
      expect(isTemplateReference(value), value).toBe(true);
    for (const value of ['password', 'x${PW}y-and-more-text', 'hunter2'])
      expect(isTemplateReference(value), value).toBe(false);
  });
});

describe('isPlausibleCredential (credentials found only by their name)', () => {
  it('accepts generated passwords and tokens, and human passwords with some variety', () => {
    const random = mulberry32(testSeed());
    for (let i = 0; i < 2000; i++) {
      expect(isPlausibleCredential(generateSecret('db-password', random))).toBe(true);
      expect(isPlausibleCredential(generateSecret('generic-token', random))).toBe(true);
    }
    expect(isPlausibleCredential('hunter2hunter2')).toBe(true);
  });

  it.each([
    'short1',
    'change-me-please',
    'django.contrib.auth',
    'smtp.example.com',
    '/run/secrets/db_password',
    'https://example.com/callback',
    'two words here',
    'aaaaaaaabbbbbbbb',
  ])('rejects %j', (value) => expect(isPlausibleCredential(value)).toBe(false));
});

describe('marker words inside random keys', () => {
  it('a marker fragment surrounded by random characters does not make a placeholder', () => {
    const random = mulberry32(testSeed());
    for (const word of ['xxxx', 'todo', 'your', 'change', 'dummy', 'example']) {
      for (let i = 0; i < 200; i++) {
        const key = generateSecret('django-key', random);
        expect(isPlaceholderValue(`${key.slice(0, 20)}-${word}-${key.slice(26)}`)).toBe(false);
      }
    }
  });
});

describe('isRealLookingSecret', () => {
  it('accepts generated tokens and passwords', () => {
    const random = mulberry32(testSeed());
    for (let i = 0; i < 1000; i++) {
      expect(isRealLookingSecret(generateSecret('generic-token', random))).toBe(true);
      expect(isRealLookingSecret(generateSecret('db-password', random))).toBe(true);
    }
  });

  it.each([
    'postgres',
    'short1',
    'change-me-please-now',
    'aaaaaaaaaaaaaaaaaaaaaaaa',
    'two words here and more',
    'abababababababababab',
  ])('rejects %j', (value) => expect(isRealLookingSecret(value)).toBe(false));
});

describe('shannonEntropy', () => {
  it('is 0 for one repeated character and log2(n) for n distinct ones', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(shannonEntropy('')).toBe(0);
  });
});
