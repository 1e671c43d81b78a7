import { defineSecretRule, LINE_SCOPE, type TextFile } from '../rule';
import { detectUrlPasswords } from '../url-matches';

const DATABASE_SCHEMES = new Set([
  'postgres',
  'postgresql',
  'postgis',
  'pgsql',
  'mysql',
  'mysql2',
  'mysqlgis',
  'mariadb',
  'oracle',
  'mssql',
  'redis',
  'rediss',
  'redis+sentinel',
  'amqp',
  'amqps',
  'pyamqp',
  'librabbitmq',
  'mongodb',
  'mongodb+srv',
]);

export function detectDatabaseUrls(file: TextFile) {
  return detectUrlPasswords(file, DATABASE_SCHEMES);
}

export const databaseUrlWithPassword = defineSecretRule({
  id: 'DDG104',
  name: 'database-url-with-password',
  severity: 'high',
  fix: 'Take the URL (or at least its password) from the environment and rotate the committed password.',
  keywords: [
    'postgres',
    'postgis',
    'pgsql',
    'mysql',
    'mariadb',
    'oracle',
    'mssql',
    'redis',
    'amqp',
    'rabbitmq',
    'mongodb',
  ],
  // CI databases are throwaway services started for the test run.
  lowIn: ['ci'],
  detect: detectDatabaseUrls,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'A database or broker URL carries an inline password.',
    whatItDoes:
      'Finds `scheme://user:password@host` URLs for postgres, postgresql, postgis, pgsql, mysql, ' +
      'mysql2, mysqlgis, mariadb, oracle, mssql, redis, rediss, redis+sentinel, amqp, amqps, ' +
      'pyamqp, librabbitmq, mongodb and mongodb+srv (also SQLAlchemy `dialect+driver` schemes such ' +
      'as `postgresql+psycopg2`) in any committed file (settings, ' +
      "`DATABASE_URL` defaults, .env, compose files, docs). The URL is split as Python's " +
      '`urllib.parse.urlsplit` (and so dj-database-url and django-environ) splits it: the ' +
      'password runs to the last `@` before the host, so a raw `@` or `:` in it is part of it. ' +
      'Templates and stand-ins in the password position (`${VAR}`, `${VAR:-default}`, `$VAR`, ' +
      '`$(VAR)`, `{password}`, `%(password)s`, `<password>`, `password`, `changeme`) are ignored. ' +
      "A default credential (an image's well-known password such as `postgres`, `guest`, " +
      '`bitnami`, or the password equal to the user or the database name) is `low` at a local host ' +
      '(localhost, 127.0.0.1, a compose service name such as `db`) and `medium` elsewhere, and the ' +
      'message says it is a default; any other password is `high`. On a commented-out line, in ' +
      'tests, fixtures or CI configuration a hit is at most `low`. The whole password is hashed ' +
      'for the fingerprint and masked; no part of it is shown.',
    whyBad:
      'The URL hands out direct access to the data store, bypassing Django entirely. Passwords ' +
      'committed to git are readable by every clone and remain in history; defaults copied from a ' +
      'local setup tend to reach staging and production unchanged.',
    badExample: {
      file: 'config/settings/production.py',
      content: [
        'import environ',
        '',
        'env = environ.Env()',
        '',
        'DATABASES = {',
        '    "default": env.db(',
        '        "DATABASE_URL",',
        '        default="postgres://app:{{secret:db-password}}@db.internal.example.com:5432/app",',
        '    )',
        '}',
        '',
      ].join('\n'),
    },
    goodExample: {
      file: 'config/settings/production.py',
      content: [
        'import environ',
        '',
        'env = environ.Env()',
        '',
        'DATABASES = {"default": env.db("DATABASE_URL")}',
        '',
      ].join('\n'),
    },
    useInstead:
      'Read the whole URL from the environment (`env.db("DATABASE_URL")`, ' +
      '`dj_database_url.config()`), or compose it from `POSTGRES_PASSWORD` given by the platform. ' +
      'For local development use a `.env` file that is not committed, or `${POSTGRES_PASSWORD}` ' +
      'interpolation in compose files.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#databases',
      'https://django-environ.readthedocs.io/en/latest/types.html#environ-env-db-url',
      'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS',
      'https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/',
    ],
  },
});
