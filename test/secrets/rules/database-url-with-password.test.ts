import { describe, expect, it } from 'vitest';
import { databaseUrlWithPassword as rule } from '../../../src/secrets/rules/database-url-with-password';
import { generateSecret, mulberry32, testSeed } from '../../helpers/secret-generators';
import { reportSeedOnFailure, scanWith, toCrlf } from './scan-helpers';

const seed = testSeed();
reportSeedOnFailure(seed);
const random = mulberry32(seed);
const SCHEMES = [
  'postgres',
  'postgresql',
  'postgis',
  'mysql',
  'mysql2',
  'mariadb',
  'redis',
  'rediss',
  'amqp',
  'amqps',
  'mongodb',
  'mongodb+srv',
];

describe('DDG104 database-url-with-password', () => {
  it.each(SCHEMES)('reports a generated password in a %s URL, hashed as the password', (scheme) => {
    for (let i = 0; i < 20; i++) {
      const password = generateSecret('db-password', random);
      const content = `import environ\n\nDATABASES = {\n    "default": env.db("DATABASE_URL", default="${scheme}://app:${password}@db.internal.example.com:5432/app"),\n}\n`;
      for (const text of [content, toCrlf(content)]) {
        const hits = scanWith(rule, { path: 'config/settings/production.py', content: text });
        expect(
          hits.map((hit) => [hit.match.line, hit.severity, hit.match.secret === password]),
        ).toEqual([[4, 'high', true]]);
        expect(hits[0]?.match.message).toBe(
          `${scheme} URL with an inline password for host db.internal.example.com`,
        );
      }
    }
  });

  it('reads redis URLs with an empty user and compose files', () => {
    const password = generateSecret('db-password', random);
    const content = `services:\n  worker:\n    environment:\n      - CELERY_BROKER_URL=redis://:${password}@cache.example.net:6379/0\n`;
    expect(
      scanWith(rule, { path: 'docker-compose.yml', content }).map((hit) => [
        hit.match.line,
        hit.severity,
      ]),
    ).toEqual([[4, 'high']]);
  });

  it.each([
    ['postgres://postgres:postgres@localhost:5432/app', 'low'],
    ['postgres://postgres:postgres@127.0.0.1/app', 'low'],
    ['postgres://postgres:postgres@db:5432/app', 'low'],
    ['postgres://django:django@postgres/app', 'low'],
    ['amqp://guest:guest@rabbitmq:5672//', 'low'],
    ['mysql://root:root@localhost/app', 'low'],
    // Guessable, but not a leaked secret: medium at a host that is not local.
    ['postgres://postgres:postgres@db.prod.example.com/app', 'medium'],
  ])('default credentials %s are %s', (url, severity) => {
    expect(
      scanWith(rule, {
        path: 'config/settings/local.py',
        content: `DATABASE_URL = "${url}"\n`,
      }).map((hit) => hit.severity),
    ).toEqual([severity]);
  });

  it('a random password at a local host is still high', () => {
    const password = generateSecret('db-password', random);
    expect(
      scanWith(rule, {
        path: '.env',
        content: `DATABASE_URL=postgres://app:${password}@localhost/app\n`,
      }).map((hit) => hit.severity),
    ).toEqual(['high']);
  });

  it.each([
    'postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@db:5432/app',
    'postgres://app:$POSTGRES_PASSWORD@db/app',
    'postgres://user:<password>@host/db',
    'postgres://user:password@host/db',
    'mysql://user:pass@host/db',
    'redis://:changeme@redis:6379/0',
    'mongodb://user:{{ mongo_password }}@mongo/db',
    'postgres://localhost/app',
    'postgres://user@localhost/app',
    'https://user:notadatabase@example.com/',
    'postgres://user:***@host/db',
    'redis://localhost:6379/0?note=mail-me@example.com',
    'amqp://rabbit:5672/vhost#frag@x',
    'postgres://${POSTGRES_USER}:${POSTGRES_USER}@db/app',
  ])('ignores %s', (url) => {
    expect(scanWith(rule, { path: 'docs/database.md', content: `Use \`${url}\` here.\n` })).toEqual(
      [],
    );
  });
});

describe('DDG104: passwords typed for a database on the contributor machine', () => {
  it.each([
    'postgres://postgres:1234$@localhost:5432/saleor',
    'postgres://app:!1234@127.0.0.1/app',
    'mysql://root:2024!@db/app',
  ])('%s is a default credential at a local host: low', (url) => {
    expect(
      scanWith(rule, {
        path: 'shop/settings.py',
        content: `DATABASE_URL = "${url}"\n`,
      }).map((hit) => [hit.severity, hit.match.message]),
    ).toEqual([
      [
        'low',
        expect.stringContaining('a default credential (a simple password for a local database)'),
      ],
    ]);
  });

  it('digits with letters mixed in are not a typed PIN', () => {
    expect(
      scanWith(rule, {
        path: 'shop/settings.py',
        content: 'DATABASE_URL = "postgres://app:12a4$9Zq@localhost/app"\n',
      }).map((hit) => hit.severity),
    ).toEqual(['high']);
  });
});
