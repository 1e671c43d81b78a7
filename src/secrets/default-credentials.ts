import type { Severity } from '../core/types';
import { isPlaceholderValue, isTemplateReference } from './placeholders';
import { unquoteUrlPart, type UrlCredentials } from './url-credentials';

/**
 * The one judgement of a credential written in a URL (or as a user/password/database triple),
 * used by every rule that sees URLs: database and broker URLs (DDG104), email URLs (DDG109),
 * committed .env files (DDG102), compose files (DDG310) and credential settings (DDG226). A
 * well-known default is a default credential (`low` at a local host, said so), a template or
 * stand-in is nothing, anything else is a secret.
 */

/**
 * Out-of-the-box passwords of the official and Bitnami images (postgres, mysql, mariadb, redis,
 * rabbitmq `guest`, mongo, minio, elasticsearch…) and the words local setups use for them.
 */
const DEFAULT_PASSWORDS = new Set([
  'postgres',
  'postgresql',
  'postgis',
  'mysql',
  'mariadb',
  'root',
  'admin',
  'guest',
  'redis',
  'rabbitmq',
  'mongo',
  'mongodb',
  'minio',
  'minioadmin',
  'elastic',
  'bitnami',
  'docker',
  'django',
  'celery',
  'dev',
  'test',
  'local',
]);

export interface CredentialParts {
  user?: string;
  password: string;
  /** Database (or vhost) name, when the credential is for one. */
  database?: string;
  /** The host the credential logs in to, when known ('' = the local default, as Django's HOST). */
  host?: string;
  /** Django's database ENGINE, when known. */
  engine?: string;
}

/**
 * A password of lower-case words and digits only (`hellokitty`, `shop_pass1`), as people type.
 * The separator is required inside the repeated group: `(?:[_-]?[a-z]+)*` matched a run of letters
 * in exponentially many ways and hung on `aaaa…a!` (test/core/regex-linear.test.ts).
 */
const SIMPLE_PASSWORD = /^[a-z]+(?:[_-][a-z]+)*\d{0,4}$/;

/**
 * Why a credential is a well-known default, or undefined: an image's default password, the
 * password equal to the user name, or equal to the database name (`saleor:saleor@…/saleor`).
 */
export function defaultCredentialReason(parts: CredentialParts): string | undefined {
  const password = parts.password.trim().toLowerCase();
  if (password === '') return undefined;
  if (DEFAULT_PASSWORDS.has(password)) return 'a well-known default password';
  if (parts.user !== undefined && password === parts.user.trim().toLowerCase())
    return 'the password is the user name';
  const database = parts.database?.trim().toLowerCase();
  if (database !== undefined && database !== '' && password === database)
    return 'the password is the database name';
  if (parts.engine !== undefined && /sqlite/i.test(parts.engine))
    return 'SQLite ignores the password';
  // A word-like password for a database on the developer's own machine or compose network is a
  // local setup, not a leaked credential; a generated-looking one stays a secret.
  const host = parts.host?.trim().toLowerCase();
  if (
    host !== undefined &&
    (host === '' || isLocalHost(host)) &&
    SIMPLE_PASSWORD.test(parts.password) &&
    !isPlaceholderValue(parts.password)
  )
    return 'a simple password for a local database';
  if (host !== undefined && (host === '' || isLocalHost(host)) && isTypedPassword(parts.password))
    return 'a simple password for a local database';
  return undefined;
}

/**
 * Passwords people type for a database on their own machine: digits only (`1234`, `123456`),
 * digits with a symbol or two that a password form asked for (`1234$`, saleor's contributor
 * URL), or a default word spelled with digits (`pa55word`, `p@ssw0rd`, `r00t`).
 */
export function isTypedPassword(password: string): boolean {
  if (/^[^\w\s]{0,2}\d{1,12}[^\w\s]{0,2}$/.test(password)) return true;
  const plain = password
    .toLowerCase()
    .replace(/[0@4]/g, (c) => (c === '0' ? 'o' : 'a'))
    .replace(/[5$]/g, 's')
    .replace(/3/g, 'e')
    .replace(/[1!]/g, 'i')
    .replace(/7/g, 't');
  return (
    plain !== password.toLowerCase() && (DEFAULT_PASSWORDS.has(plain) || COMMON_WORDS.has(plain))
  );
}

/** Words a leet spelling turns into a password people reuse everywhere. */
const COMMON_WORDS = new Set(['password', 'passwort', 'pass', 'secret', 'letmein', 'changeme']);

/**
 * Local development hosts: loopback, `0.0.0.0`, Docker's host alias, and single-label compose
 * service names (`db`, `postgres`, `redis`) that only resolve inside a compose network.
 */
export function isLocalHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.startsWith('127.') ||
    host === '::1' ||
    host === '[::1]' ||
    host === '0.0.0.0' ||
    host === 'host.docker.internal' ||
    /^[a-z][a-z0-9_-]*$/.test(host)
  );
}

export type UrlCredentialVerdict =
  /** A template, a reference or a stand-in (`{password}`, `${PW}`, `password`): not a credential. */
  | { kind: 'placeholder' }
  /** A well-known default; `reason` says which kind. */
  | { kind: 'default'; reason: string; local: boolean; severity: Severity }
  | { kind: 'secret'; local: boolean };

/**
 * Judges the password of a URL: a template or stand-in, a default credential (`low` at a local
 * host, `medium` at any other host: guessable, but not a leaked secret), or a secret.
 */
export function judgeUrlCredentials(credentials: UrlCredentials): UrlCredentialVerdict {
  const password = unquoteUrlPart(credentials.password);
  if (isTemplateReference(password) || isTemplateReference(credentials.password))
    return { kind: 'placeholder' };
  const local = isLocalHost(credentials.host);
  const database = credentials.path.split('/')[0];
  const reason = defaultCredentialReason({
    user: unquoteUrlPart(credentials.user),
    password,
    host: credentials.host,
    ...(database !== undefined ? { database: unquoteUrlPart(database) } : {}),
  });
  if (reason !== undefined)
    return { kind: 'default', reason, local, severity: local ? 'low' : 'medium' };
  if (isPlaceholderValue(password)) return { kind: 'placeholder' };
  return { kind: 'secret', local };
}

/** The message part for a default credential: `a default credential (the password is …)`. */
export function describeDefaultCredential(verdict: { reason: string; local: boolean }): string {
  return `a default credential (${verdict.reason})${verdict.local ? '' : ', for a non-local host'}`;
}
