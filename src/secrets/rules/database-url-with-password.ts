import { isPlaceholderValue } from '../placeholders';
import type { SecretMatch, SecretRule, TextFile } from '../rule';
import { createLineIndex } from '../text-lines';
import { findUrlCredentials, tryDecodeUriComponent } from '../url-credentials';

const DATABASE_SCHEMES = new Set([
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
]);

/** Stand-ins in the password position: `user:password@`, `user:pass@`, `user:***@`. */
const PLACEHOLDER_PASSWORDS = new Set(['password', 'passwd', 'pass', 'pwd', 'changeme', 'secret']);

/** Out-of-the-box credentials of the official images (postgres, mysql, rabbitmq, …). */
const DEFAULT_PASSWORDS = new Set([
  'postgres',
  'postgis',
  'mysql',
  'mariadb',
  'root',
  'admin',
  'guest',
  'redis',
  'mongo',
  'mongodb',
  'django',
  'dev',
  'test',
  'local',
]);

/**
 * Local development hosts: loopback, `0.0.0.0`, Docker's host alias, and single-label compose
 * service names (`db`, `postgres`, `redis`) that only resolve inside a compose network.
 */
function isLocalHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.startsWith('127.') ||
    host === '[::1]' ||
    host === '0.0.0.0' ||
    host === 'host.docker.internal' ||
    /^[a-z][a-z0-9_-]*$/.test(host)
  );
}

export function detectDatabaseUrls(file: TextFile): SecretMatch[] {
  const index = createLineIndex(file.content);
  const matches: SecretMatch[] = [];
  for (const credentials of findUrlCredentials(file.content)) {
    if (!DATABASE_SCHEMES.has(credentials.scheme)) continue;
    const password = tryDecodeUriComponent(credentials.password);
    const lower = password.toLowerCase();
    if (PLACEHOLDER_PASSWORDS.has(lower)) continue;
    // Defaults first: `root` or `django` look like filler to the placeholder test but do log in.
    if (!DEFAULT_PASSWORDS.has(lower) && isPlaceholderValue(password)) continue;
    const isDefault = DEFAULT_PASSWORDS.has(lower) || lower === credentials.user.toLowerCase();
    const local = isLocalHost(credentials.host);
    const match: SecretMatch = {
      line: index.lineAt(credentials.passwordIndex),
      column: index.columnAt(credentials.index),
      secret: password,
      message: `${credentials.scheme} URL with an inline password${
        isDefault ? ' (a default credential)' : ''
      } for host ${credentials.host}`,
    };
    if (isDefault && local) match.severity = 'low';
    matches.push(match);
  }
  return matches;
}

export const databaseUrlWithPassword = {
  kind: 'secret',
  id: 'DDG104',
  name: 'database-url-with-password',
  severity: 'high',
  fix: 'Take the URL (or at least its password) from the environment and rotate the committed password.',
  keywords: ['postgres', 'postgis', 'mysql', 'mariadb', 'redis', 'amqp', 'mongodb'],
  detect: detectDatabaseUrls,
  docs: {
    summary: 'A database or broker URL carries an inline password.',
    whatItDoes:
      'Finds `scheme://user:password@host` URLs for postgres, postgresql, postgis, mysql, mysql2, ' +
      'mariadb, redis, rediss, amqp, amqps, mongodb and mongodb+srv in any committed file ' +
      '(settings, `DATABASE_URL` defaults, .env, compose files, docs). Placeholders in the password ' +
      'position (`${VAR}`, `$VAR`, `<password>`, `password`, `pass`, `changeme`) are ignored. A ' +
      'default credential (`postgres`, `root`, `guest`, or the user name repeated) pointing at a ' +
      'local host (localhost, 127.0.0.1, a compose service name such as `db`) is `low`; any other ' +
      'password is `high`. The password is hashed for the fingerprint and never shown.',
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
} satisfies SecretRule;
