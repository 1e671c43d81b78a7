import {
  CREDENTIAL_NAME_KEYWORDS,
  credentialKindOfName,
  isCredentialNameValue,
  isDjangoKeyName,
  normaliseName,
} from '../credential-names';
import { defaultCredentialReason, isTypedPassword } from '../default-credentials';
import { isDotenvPath } from '../dotenv-files';
import { findNamedValues } from '../named-values';
import { isSettingsShapedPath, isTestPath, isTranslationPath } from '../path-context';
import { isPasswordHash, isPlausibleCredential } from '../placeholders';
import { defineSecretRule, type SecretMatch, type TextFile } from '../rule';
import { createLineIndex } from '../text-lines';
import { AWS_ACCESS_KEY_ID_PATTERN } from './aws-access-key';
import { GITHUB_TOKEN_PATTERNS } from './github-token';
import { GITLAB_TOKEN_PATTERN } from './gitlab-token';
import { GOOGLE_API_KEY_PATTERN } from './google-api-key';
import { MAILGUN_LEGACY_KEY_PATTERN } from './mailgun-api-key';
import { NPM_TOKEN_PATTERN } from './npm-token';
import { OPENAI_KEY_PATTERN } from './openai-api-key';
import { PYPI_TOKEN_PATTERN } from './pypi-token';
import { SENDGRID_API_KEY_PATTERN } from './sendgrid-api-key';
import { SENTRY_TOKEN_PATTERN } from './sentry-auth-token';
import { SLACK_TOKEN_PATTERN } from './slack-token';
import { STRIPE_KEY_PATTERN } from './stripe-secret-key';
import { TELEGRAM_BOT_TOKEN_PATTERN } from './telegram-bot-token';

/**
 * Values another detector recognises by their shape and reports with more to say (rotation
 * advice for the vendor, pairing): this rule leaves them to it, so one value is one finding.
 */
const OWNED_BY_FORMAT_RULES: readonly RegExp[] = [
  AWS_ACCESS_KEY_ID_PATTERN,
  ...GITHUB_TOKEN_PATTERNS,
  GITLAB_TOKEN_PATTERN,
  GOOGLE_API_KEY_PATTERN,
  MAILGUN_LEGACY_KEY_PATTERN,
  NPM_TOKEN_PATTERN,
  OPENAI_KEY_PATTERN,
  PYPI_TOKEN_PATTERN,
  SENDGRID_API_KEY_PATTERN,
  SENTRY_TOKEN_PATTERN,
  SLACK_TOKEN_PATTERN,
  STRIPE_KEY_PATTERN,
  TELEGRAM_BOT_TOKEN_PATTERN,
].map((pattern) => new RegExp(pattern.source, pattern.flags.replace('g', '')));

/**
 * A line that may hold a credential name: one of the stems of every credential name
 * (case-insensitive), in one regex pass over the file.
 */
const LINE_HINT = new RegExp(CREDENTIAL_NAME_KEYWORDS.join('|'), 'gi');

/**
 * LINE_HINT cut down to the stems the text holds (`file.keywords`): the same lines, found about
 * three times faster when one or two stems occur (measured on wagtail's files), since a search
 * for a few literals skips where ten alternatives are tried at every position.
 */
const lineHints = new Map<string, RegExp>();
function lineHintFor(keywords: ReadonlySet<string> | undefined): RegExp {
  const stems = keywords ? CREDENTIAL_NAME_KEYWORDS.filter((stem) => keywords.has(stem)) : [];
  if (stems.length === 0 || stems.length === CREDENTIAL_NAME_KEYWORDS.length) return LINE_HINT;
  const key = stems.join('|');
  let hint = lineHints.get(key);
  if (!hint) {
    hint = new RegExp(key, 'gi');
    lineHints.set(key, hint);
  }
  return hint;
}

/** `eyJ…` JWTs, PEM blocks and URLs are judged by their own rules. */
const OWNED_SHAPES = /^(eyJ[\w-]+\.eyJ|-----BEGIN |[a-z][a-z0-9+.-]*:\/\/)/i;

function isOwnedElsewhere(value: string, content: string, kind: string): boolean {
  if (OWNED_SHAPES.test(value)) return true;
  if (OWNED_BY_FORMAT_RULES.some((pattern) => pattern.test(value))) return true;
  if (VENDOR_PREFIX.test(value) && !/^whsec_[A-Za-z0-9]{24,}$/.test(value)) return true;
  // An AWS secret next to its key id is reported as a pair by aws-access-key.
  return kind === 'secret access key' && AWS_KEY_ID.test(content);
}

const AWS_KEY_ID = /(?:AKIA|ASIA)[A-Z0-9]{16}/;

/**
 * `'HOST': '…'` / `'ENGINE': '…'` entries of a Django DATABASES dict on one line, also as the
 * literal default of an env read (`'HOST': os.environ.get('DB_HOST', 'database')`).
 */
const DATABASE_ENTRY =
  /["'](HOST|ENGINE)["']\s*:\s*(?:[\w.]+\(\s*["'][^"']*["']\s*,\s*(?:default\s*=\s*)?)?["']([^"']*)["']/;

/**
 * A vendor's prefix on a value that the vendor's rule did not recognise is a stand-in for that
 * vendor's token (`sk_test_x`, `ghp_yourtoken`, `xoxb-your-token`): a real one would have matched.
 */
const VENDOR_PREFIX =
  /^(?:[srp]k_(?:live|test)_|gh[pousr]_|github_pat_|xox[abprs]-|AKIA|ASIA|AIza|SG\.|gl(?:pat|dt|rt|ptt)-|npm_|pypi-|sntry[su]_|key-|sk-(?:proj-)?|whsec_)/;

/**
 * The HOST and ENGINE written next to a password (within the 8 lines around it, the size of a
 * DATABASES entry), so the default-credential judgement can tell a local database's password.
 * Outside Python the host is a sibling setting named `*_HOST` (`POSTGRES_HOST=localhost` beside
 * `POSTGRES_PASSWORD=…` in a script or compose file).
 */
function databaseNeighbours(
  lines: readonly string[],
  line: number,
): { host?: string; engine?: string } {
  const found: { host?: string; engine?: string } = {};
  for (let i = Math.max(0, line - 9); i < Math.min(lines.length, line + 8); i++) {
    const text = lines[i] ?? '';
    const entry = DATABASE_ENTRY.exec(text);
    if (entry?.[1] === 'HOST') found.host ??= entry[2] ?? '';
    if (entry?.[1] === 'ENGINE') found.engine ??= entry[2] ?? '';
    if (entry || i === line - 1) continue;
    const sibling = SIBLING.exec(text);
    if (sibling && /(^|_)HOST$/.test(normaliseName(sibling[1] ?? '')))
      found.host ??= sibling[2] ?? '';
  }
  return found;
}

/**
 * `KEY: value` / `KEY=value` / `export KEY=value` / `'KEY': 'value'` on a line: a sibling setting
 * and its value.
 */
const SIBLING =
  /^[\s-]*(?:export[ \t]+)?["']?([A-Za-z_][\w.-]{0,80})["']?[ \t]*(?:=|:)[ \t]*["']?([^"'\s,#]{1,200})["']?/;
/** Siblings whose value a password must not equal: the user, the database, the service. */
const IDENTITY_NAME = /(USER|USERNAME|LOGIN|DATABASE|DB|NAME|HOST|SCHEMA)$/;

/**
 * Why a value is the credential of a local setup rather than a secret: it repeats its own name
 * (`paperlessng_superuser_password: paperlessng`, `"remove_password": "RemovePassword"`), it
 * equals a sibling user, database or host value within 8 lines (a compose stack's
 * `MARIADB_USER: dockvault` / `MARIADB_PASSWORD: dockvault`), or it is a typed default
 * (`pa55word`, `1234`).
 */
function localSetupReason(
  name: string,
  value: string,
  lines: readonly string[],
  line: number,
): string | undefined {
  const lower = value.toLowerCase();
  const normalName = normaliseName(name);
  if (normaliseName(value) === normalName) return 'the value is its own name';
  if (normalName.split('_').some((word) => word.length >= 4 && word.toLowerCase() === lower))
    return 'the value repeats its own name';
  if (isTypedPassword(value)) return 'a well-known default password';
  for (let i = Math.max(0, line - 9); i < Math.min(lines.length, line + 8); i++) {
    if (i === line - 1) continue;
    const sibling = SIBLING.exec(lines[i] ?? '');
    if (!sibling) continue;
    if (!IDENTITY_NAME.test(normaliseName(sibling[1] ?? ''))) continue;
    if ((sibling[2] ?? '').toLowerCase() === lower)
      return 'the password is the user, database or host name beside it';
  }
  return undefined;
}

/**
 * A committed .env file is one finding, naming its secret keys (dotenv-file-committed); a
 * translation catalogue's `"password": "Contraseña"` is a form label in one language.
 */
function isLeftToOthers(path: string): boolean {
  return isDotenvPath(path) || isTranslationPath(path);
}

export function detectNamedCredentials(file: TextFile): SecretMatch[] {
  if (isLeftToOthers(file.path)) return [];
  const settings = isSettingsShapedPath(file.path);
  let index: ReturnType<typeof createLineIndex> | undefined;
  let lines: string[] | undefined;
  const matches: SecretMatch[] = [];
  // A lower-case `secret_key` in application code is not Django's key (DDG101 leaves it), but it
  // is still a credential by name.
  const kindOf = (name: string): string | undefined =>
    credentialKindOfName(name) ??
    (isDjangoKeyName(name) && !settings && name !== name.toUpperCase() ? 'secret' : undefined);
  const values = findNamedValues(
    file.path,
    file.content,
    (name) => kindOf(name) !== undefined,
    lineHintFor(file.keywords),
  );
  const python = /\.pyw?$/.test(file.path);
  const test = isTestPath(file.path);
  for (const named of values) {
    const kind = kindOf(named.name) ?? 'credential';
    const value = named.value.trim();
    if (!isPlausibleCredential(value) && defaultCredentialReason({ password: value }) === undefined)
      continue;
    if (isPasswordHash(value) || isCredentialNameValue(value)) continue;
    if (isOwnedElsewhere(value, file.content, kind)) continue;
    // Application code maps names to names (`"remove_password": "checksum"`); a credential there
    // has more than lower-case letters.
    if (python && !settings && /^[a-z]+$/.test(value)) continue;
    // Test code logs in with made-up passwords and tokens: a name alone proves nothing there (54
    // of 80 low false alarms on six public histories). Vendor formats are other rules' and keep
    // their severity when validated.
    if (test) continue;
    lines ??= file.content.split(/\r\n|\r|\n/);
    const defaultReason =
      defaultCredentialReason({
        password: value,
        ...(kind === 'password' ? databaseNeighbours(lines, named.line) : {}),
      }) ?? localSetupReason(named.name, value, lines, named.line);
    const where = settings ? 'in settings' : `(${named.form})`;
    const match: SecretMatch = {
      line: named.line,
      column: (index ??= createLineIndex(file.content)).columnAt(named.offset),
      secret: value,
      message: defaultReason
        ? `${named.name} holds a default credential (${defaultReason}) ${where}`
        : `${named.name} is assigned a literal ${kind} ${where}`,
    };
    // Settings-shaped files are where Django reads credentials; elsewhere the name is a weaker hint.
    if (defaultReason) {
      match.severity = 'low';
      match.defaultCredential = true;
    } else if (settings) match.severity = 'high';
    matches.push(match);
  }
  return matches;
}

export const namedCredentialLiteral = defineSecretRule({
  id: 'DDG122',
  name: 'named-credential-literal',
  severity: 'medium',
  fix: 'Read the value from the environment (or a secret store) instead of the file, and rotate the committed credential.',
  keywords: CREDENTIAL_NAME_KEYWORDS,
  // Values in CI files and documentation are usually throwaway or illustrative.
  lowIn: ['ci', 'docs'],
  detect: detectNamedCredentials,
  ignoresPath: isLeftToOthers,
  // A hit reads the 9 lines around it (host, engine, user), and whether an AWS key id is anywhere
  // in the file (isOwnedElsewhere).
  scope: () => ({ kind: 'lines', radius: 9, unlessInFile: AWS_KEY_ID }),
  docs: {
    summary:
      'A value assigned to a credential-named key (`*_PASSWORD`, `*_TOKEN`, `*_API_KEY`…) is a literal.',
    whatItDoes:
      'Reads assignments line by line in Python (`NAME = "…"`, keyword arguments, dict entries, ' +
      'env-read defaults such as `os.environ.get("NAME", "…")` and `env("NAME", default="…")`), ' +
      'JavaScript/TypeScript (`const NAME = "…"`, `name: "…"` in object literals), ' +
      'YAML, JSON, INI, TOML, shell scripts, Dockerfiles and documentation (committed .env files ' +
      'are one finding each, by dotenv-file-committed), and ' +
      'reports a literal given to a name that says it is a credential: ending in PASSWORD, PASSWD, ' +
      "PASSPHRASE, PASS, PWD, SECRET, SECRET_KEY (not Django's own), SECRET_ACCESS_KEY, " +
      'CLIENT_SECRET, TOKEN, AUTH_TOKEN, ACCESS_TOKEN, API_KEY, ACCESS_KEY, PRIVATE_KEY, ' +
      'SIGNING_KEY or CREDENTIALS, in any case or spelling (`clientSecret`, `api-key`), also with ' +
      'a suffix such as `_PROD`. Public values (`*_PUBLIC_KEY`, `*_PUBLISHABLE_KEY`, anti-CSRF ' +
      'tokens) and names of things (`PASSWORD_FIELD`, `TOKEN_TYPE`) are not credentials. The value ' +
      'must pass a strength test: at least 8 characters without spaces, some variety, not a ' +
      'placeholder, template, env variable name, path or identifier; a value that is its own name, ' +
      'equals the user or database beside it, or is a typed default (`pa55word`) is a default ' +
      'credential (`low`). Values another rule recognises by their shape ' +
      '(vendor tokens, URLs with a password, JWTs, PEM keys) are left to it. Severity `high` in ' +
      'settings-shaped Python files, `medium` elsewhere, `low` for a well-known default password, ' +
      'and at most `low` on commented-out lines, in tests, fixtures, CI configuration and ' +
      'documentation. Translation catalogues (key-to-text maps under `i18n/`, `locale(s)/`, ' +
      '`lang(s)/`, `translation(s)/`) are not read: their values are labels in a language. The message names the key and never the value. The evaluated production ' +
      'settings are judged more precisely by credential-setting-literal (DDG226).',
    whyBad:
      'A password or token in a committed file is readable by everyone with access to the ' +
      'repository, its forks, CI caches and history, and it stays in history after it is ' +
      'removed. Credentials that are not in a vendor format are invisible to most scanners, so ' +
      'they tend to stay valid for years.',
    badExample: {
      file: 'deploy/values.yaml',
      content: [
        'app:',
        '  database:',
        '    host: db.internal.example.com',
        '    password: "{{secret:db-password}}"',
        '',
      ].join('\n'),
    },
    goodExample: {
      file: 'deploy/values.yaml',
      content: [
        'app:',
        '  database:',
        '    host: db.internal.example.com',
        '    password: ${DATABASE_PASSWORD}',
        '',
      ].join('\n'),
    },
    useInstead:
      'Reference the value from the environment (`${VAR}`, `env("VAR")`, `os.environ["VAR"]`) ' +
      "or the platform's secret store, keep placeholders in committed templates, and rotate any " +
      'credential that was committed.',
    references: [
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/',
      'https://12factor.net/config',
      'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
    ],
  },
});
