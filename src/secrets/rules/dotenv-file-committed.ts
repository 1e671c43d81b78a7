import { isDotenvPath, isDotenvTemplatePath, parseDotenv, type DotenvEntry } from '../dotenv';
import { isPlaceholderValue, isRealLookingSecret } from '../placeholders';
import type { SecretMatch, SecretRule, TextFile } from '../rule';
import { findUrlCredentials, tryDecodeUriComponent } from '../url-credentials';

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

function hasInlinePassword(value: string, realLooking: boolean): boolean {
  return findUrlCredentials(value).some((credentials) => {
    const password = tryDecodeUriComponent(credentials.password);
    return realLooking ? isRealLookingSecret(password) : !isPlaceholderValue(password);
  });
}

/** A value that may be a secret: non-empty, not a placeholder, not a flag or small number. */
function isSecretLookingEntry(entry: DotenvEntry, template: boolean): boolean {
  if (hasInlinePassword(entry.value, template)) return true;
  if (!isSecretLookingName(entry.key)) return false;
  if (template) return isRealLookingSecret(entry.value);
  return !isPlaceholderValue(entry.value) && !FLAG_VALUE.test(entry.value.trim());
}

export function detectCommittedDotenv(file: TextFile): SecretMatch[] {
  const template = isDotenvTemplatePath(file.path);
  const entries = parseDotenv(file.content);
  const secretEntries = entries.filter((entry) => isSecretLookingEntry(entry, template));
  const first = secretEntries[0];
  if (first) {
    const names = [...new Set(secretEntries.map((entry) => entry.key))];
    return [
      {
        line: first.line,
        // The key names, sorted: stable across value rotations and line moves, never a value.
        secret: [...names].sort().join(','),
        // The values are what must never show in a log.
        maskValues: secretEntries.map((entry) => entry.value).filter((value) => value.length >= 4),
        message: template
          ? `.env template holds real-looking secret values for ${names.join(', ')}`
          : `committed .env file holds secret-looking values for ${names.join(', ')}`,
        ...(template
          ? { fix: 'Replace the values in the template with placeholders and rotate the secrets.' }
          : {}),
      },
    ];
  }
  if (template) return [];
  return [
    {
      line: 1,
      secret: [...new Set(entries.map((entry) => entry.key))].sort().join(','),
      // Nothing secret-looking: masking the key names would only garble the logs.
      maskValues: [],
      message: 'committed .env file; keep it out of git',
      severity: 'low',
    },
  ];
}

export const dotenvFileCommitted = {
  kind: 'secret',
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
      'Looks at files named `.env`, `.env.*`, `*.env` and everything under `.envs/` ' +
      "(cookiecutter-django's layout). It reports one finding per file, naming (never showing) " +
      'the keys that hold secret-looking values: names containing SECRET, PASSWORD, PASSWD, TOKEN, ' +
      'API_KEY, APIKEY, PRIVATE, CREDENTIAL, AUTH, DSN or ACCESS_KEY (except configuration names ' +
      'such as `AUTH_USER_MODEL` or `PASSWORD_MIN_LENGTH`) with a non-empty, non-placeholder value, ' +
      'and URLs with an inline password. Such a file is `high`, on the line of the first ' +
      'secret-looking key; a .env file without one is a single `low` finding. Templates ' +
      '(`.env.example`, `.env.sample`, `.env.template`, `.env.dist`, `*.example`, `example.env`) are ' +
      'only reported when a secret-named value is real-looking: at least 16 characters, high ' +
      'entropy and not a placeholder. Values are parsed as python-dotenv does: a `#` starts a ' +
      'comment only after whitespace.',
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
} satisfies SecretRule;
