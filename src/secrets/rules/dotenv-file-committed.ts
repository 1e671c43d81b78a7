import { defaultCredentialReason, judgeUrlCredentials } from '../default-credentials';
import {
  isDotenvPath,
  isDotenvTemplatePath,
  dotenvFileEntries,
  type DotenvEntry,
} from '../dotenv-files';
import { isPlaceholderValue, isRealLookingSecret } from '../placeholders';
import { defineSecretRule, type SecretMatch, type TextFile } from '../rule';
import { findUrlCredentials, passwordMaskValues } from '../url-credentials';

const SECRET_NAME_PARTS = [
  'SECRET',
  'PASSWORD',
  'PASSWD',
  'TOKEN',
  'API_KEY',
  'APIKEY',
  'PRIVATE',
  'CREDENTIAL',
  'AUTH',
  'DSN',
  'ACCESS_KEY',
];

/** Names that contain a secret word but hold configuration: `AUTH_USER_MODEL`, `PASSWORD_MIN_LENGTH`. */
const NOT_SECRET_SUFFIX =
  /_(MODEL|BACKENDS?|ENABLED|REQUIRED|METHODS?|TYPE|CLASS(ES)?|HOST|PORT|USER|USERNAME|NAME|FILE|PATH|DIR|TIMEOUT|EXPIRY|EXPIRES?|LIFETIME|TTL|AGE|LENGTH|ALGORITHM|HEADER|PREFIX|ENDPOINT|ISSUER|AUDIENCE|SCOPES?|REGION|ID|URL|VALIDATORS|HASHERS|LEVEL|MODE)$/;
const FLAG_VALUE = /^(true|false|yes|no|on|off|none|null|nil|\d{1,5})$/i;

export function isSecretLookingName(key: string): boolean {
  const upper = key.toUpperCase();
  return SECRET_NAME_PARTS.some((part) => upper.includes(part)) && !NOT_SECRET_SUFFIX.test(upper);
}

/** What one entry holds: a secret, only a default credential, or nothing secret. */
type EntryVerdict = { kind: 'secret'; mask: string[] } | { kind: 'default' } | { kind: 'none' };

/** Values of the file's user and database names, for the default-credential judgement. */
interface FileNames {
  users: string[];
  databases: string[];
}

function namesOf(entries: readonly DotenvEntry[]): FileNames {
  const users: string[] = [];
  const databases: string[] = [];
  for (const entry of entries) {
    const key = entry.key.toUpperCase();
    if (/(^|_)(USER|USERNAME|LOGIN)$/.test(key)) users.push(entry.value);
    if (/(^|_)(DB|DATABASE|DB_NAME|DATABASE_NAME|VHOST)$/.test(key)) databases.push(entry.value);
  }
  return { users, databases };
}

function judgeEntry(entry: DotenvEntry, template: boolean, names: FileNames): EntryVerdict {
  let sawDefault = false;
  const mask: string[] = [];
  for (const credentials of findUrlCredentials(entry.value)) {
    const verdict = judgeUrlCredentials(credentials);
    if (verdict.kind === 'default') sawDefault = true;
    if (verdict.kind !== 'secret') continue;
    const [password = ''] = passwordMaskValues(credentials);
    if (template && !isRealLookingSecret(password)) continue;
    mask.push(...passwordMaskValues(credentials));
  }
  if (mask.length > 0) return { kind: 'secret', mask: [entry.value, ...mask] };
  // A URL is judged by its password alone: a DSN or broker URL without one holds no secret.
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(entry.value.trim());
  if (!isSecretLookingName(entry.key) || isUrl)
    return sawDefault ? { kind: 'default' } : { kind: 'none' };
  const value = entry.value.trim();
  if (isPlaceholderValue(value) || FLAG_VALUE.test(value)) return { kind: 'none' };
  const isDefault = [undefined, ...names.users].some((user) =>
    [undefined, ...names.databases].some(
      (database) =>
        defaultCredentialReason({
          password: value,
          ...(user !== undefined ? { user } : {}),
          ...(database !== undefined ? { database } : {}),
        }) !== undefined,
    ),
  );
  if (isDefault) return { kind: 'default' };
  if (template && !isRealLookingSecret(value)) return { kind: 'none' };
  return { kind: 'secret', mask: [entry.value] };
}

export function detectCommittedDotenv(file: TextFile): SecretMatch[] {
  const template = isDotenvTemplatePath(file.path);
  const entries = dotenvFileEntries(file.content);
  const names = namesOf(entries);
  const judged = entries.map((entry) => ({ entry, verdict: judgeEntry(entry, template, names) }));
  const secretEntries = judged.filter(({ verdict }) => verdict.kind === 'secret');
  const first = secretEntries[0];
  if (first) {
    const keys = [...new Set(secretEntries.map(({ entry }) => entry.key))];
    return [
      {
        line: first.entry.line,
        // The key names, sorted: stable across value rotations and line moves, never a value.
        secret: [...keys].sort().join(','),
        // The values are what must never show in a log.
        maskValues: secretEntries
          .flatMap(({ verdict }) => (verdict.kind === 'secret' ? verdict.mask : []))
          .filter((value) => value.length >= 4),
        message: template
          ? `.env template holds real-looking secret values for ${keys.join(', ')}`
          : `committed .env file holds secret-looking values for ${keys.join(', ')}`,
        ...(template
          ? { fix: 'Replace the values in the template with placeholders and rotate the secrets.' }
          : {}),
      },
    ];
  }
  if (template) return [];
  const defaults = [
    ...new Set(
      judged.filter(({ verdict }) => verdict.kind === 'default').map(({ entry }) => entry.key),
    ),
  ];
  return [
    {
      line: 1,
      secret: [...new Set(entries.map((entry) => entry.key))].sort().join(','),
      // Nothing secret-looking: masking the key names would only garble the logs.
      maskValues: [],
      message:
        defaults.length > 0
          ? `committed .env file; ${defaults.join(', ')} ${defaults.length === 1 ? 'holds' : 'hold'} only a default credential; keep it out of git`
          : 'committed .env file; keep it out of git',
      severity: 'low',
    },
  ];
}

export const dotenvFileCommitted = defineSecretRule({
  id: 'DDG102',
  name: 'dotenv-file-committed',
  severity: 'high',
  identity: 'path',
  fix: 'Remove the .env file from git (git rm --cached), add it to .gitignore, commit a .env.example with placeholders and rotate the secrets it held.',
  appliesToPath: isDotenvPath,
  detect: detectCommittedDotenv,
  docs: {
    summary: 'A .env file is committed to the repository.',
    whatItDoes:
      'Looks at files named `.env`, `.env.*`, `.env-*`, `*.env`, `*.env.*` (`app.env.prod`) and ' +
      "everything under `.envs/` (cookiecutter-django's layout), wherever they sit (`envs/web.env`, " +
      '`docker/db.env`). It reports one finding per file, naming (never showing) the keys that ' +
      'hold secret-looking values: names containing SECRET, PASSWORD, PASSWD, TOKEN, API_KEY, ' +
      'APIKEY, PRIVATE, CREDENTIAL, AUTH, DSN or ACCESS_KEY (except configuration names such as ' +
      '`AUTH_USER_MODEL` or `PASSWORD_MIN_LENGTH`) with a non-empty value that is not a placeholder, ' +
      'a flag or a default credential, and URLs with an inline password that is not a default ' +
      'credential. Such a file is `high`, on the line of the first secret-looking key. A file ' +
      'whose only credentials are defaults (`postgres://saleor:saleor@db/saleor`, ' +
      "`POSTGRES_PASSWORD=postgres`, a password equal to the file's user or database name) is a " +
      'single `low` finding that says so, like a file without credentials. Templates ' +
      '(`.env.example`, `.env-template`, `.env.sample`, `.env.dist`, `*.example`, `example.env`, …) ' +
      'are judged by their content: only a real-looking value (at least 16 characters, high ' +
      'entropy, not a placeholder) is reported. Values are parsed as python-dotenv does: a `#` ' +
      'starts a comment only after whitespace. In tests and fixtures (`.env.test`, `tests/`) the ' +
      'finding is at most `low`.',
    whyBad:
      '.env files exist to keep deployment secrets out of the code. Once committed, every clone, ' +
      'fork and CI cache holds the database password, API tokens and SECRET_KEY, and they stay in ' +
      'git history even after the file is deleted.',
    badExample: {
      file: '.envs/.production/.django',
      content: [
        'DJANGO_SETTINGS_MODULE=config.settings.production',
        'DJANGO_SECRET_KEY={{secret:django-key}}',
        'DJANGO_ADMIN_URL=admin/',
        'MAILGUN_API_KEY={{secret:generic-token}}',
        '',
      ].join('\n'),
    },
    goodExample: {
      file: '.env.example',
      content: [
        'DJANGO_SETTINGS_MODULE=config.settings.production',
        'DJANGO_SECRET_KEY=!!!SET DJANGO_SECRET_KEY!!!',
        'DATABASE_URL=postgres://app:${POSTGRES_PASSWORD}@db:5432/app',
        'MAILGUN_API_KEY=<your-mailgun-key>',
        '',
      ].join('\n'),
    },
    useInstead:
      'Commit only a template with placeholders (`.env.example`), list `.env` and `.envs/` in ' +
      '.gitignore, and give the real values to the deployment through its secret store (GitHub ' +
      'Actions secrets, the platform environment, Docker/Kubernetes secrets). Rotate every secret ' +
      'the committed file held.',
    references: [
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key',
      'https://12factor.net/config',
      'https://docs.github.com/en/code-security/secret-scanning/working-with-secret-scanning-and-push-protection/remediating-a-leaked-secret',
      'https://github.com/theskumar/python-dotenv#file-format',
      'https://cookiecutter-django.readthedocs.io/en/latest/2-local-development/developing-locally-docker.html',
    ],
  },
});
