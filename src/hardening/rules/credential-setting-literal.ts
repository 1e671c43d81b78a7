import { hashSecret } from '../../core/fingerprint';
import { compareSeverity, type Severity } from '../../core/types';
import { credentialKindOfName } from '../../secrets/credential-names';
import {
  defaultCredentialReason,
  describeDefaultCredential,
  judgeUrlCredentials,
} from '../../secrets/default-credentials';
import { isTestPath } from '../../secrets/path-context';
import { isSentryDsnWithSecret } from '../../secrets/rules/sentry-dsn-with-secret';
import { isPasswordHash, isPlaceholderValue } from '../../secrets/placeholders';
import {
  findUrlCredentials,
  passwordMaskValues,
  unquoteUrlPart,
} from '../../secrets/url-credentials';
import type { SettingsCheckContext, SettingsMatch } from '../../settings/rule';
import type { EnvRead } from '../../settings/snapshot';
import type { Provenance, PyValue } from '../../settings/value';
import { appearsAsLiteral, parsePythonStringLiteral } from '../support';
import { defineSettingsRule } from '../../settings/rule-support';

/**
 * Settings that are credentials by name and role (`EMAIL_HOST_PASSWORD`,
 * `DATABASES[…]['PASSWORD']`, `CACHES[…]['LOCATION']` with a password, allauth's
 * `SOCIALACCOUNT_PROVIDERS[…]['APP']['secret']`, `AWS_SECRET_ACCESS_KEY`, `*_API_KEY`,
 * `ANYMAIL[…]`), judged on the evaluator's snapshot: the value Django would see, where it was
 * decided and which env variable (with which committed default) decides it. So
 * `EMAIL_HOST_PASSWORD = env('EMAIL_PASSWORD')` is not a finding, `EMAIL_HOST_PASSWORD =
 * 'hunter2hunter2'` is, whatever the quoting or helper in between, and so is a literal default of
 * the env read. The message names the setting and where its value came from, never the value.
 */

/** Django's own key: secret-key-literal, secret-key-env-default and friends judge it. */
const DJANGO_KEY_SETTINGS = new Set(['SECRET_KEY', 'SECRET_KEY_FALLBACKS']);
/** Bounds on the walk through nested settings (dicts of dicts of lists). */
const MAX_DEPTH = 6;
const MAX_NODES = 20_000;

/** Where a candidate value came from, for the severity and the message. */
type Source =
  | { kind: 'literal'; at: Provenance; computed: boolean }
  | { kind: 'env-default'; read: EnvRead; inEffect: boolean };

interface Candidate {
  /** `EMAIL_HOST_PASSWORD`, `DATABASES['default']['PASSWORD']`. */
  label: string;
  setting: string;
  value: string;
  /** What the value is: `password`, `token`, or `URL password`. */
  kind: string;
  /** Sibling values in the same dict, for the default-credential judgement. */
  user?: string;
  database?: string;
  host?: string;
  engine?: string;
  source: Source;
  /** URL candidates only: the judged URL. */
  url?: boolean;
}

function keyLabel(key: string): string {
  return `[${JSON.stringify(key)}]`;
}

/** The str value of a dict entry whose key matches, for USER / NAME siblings. */
function siblingString(
  entries: [PyValue, PyValue][],
  names: readonly string[],
): string | undefined {
  for (const [key, value] of entries)
    if (key.kind === 'str' && names.includes(key.value.toUpperCase()) && value.kind === 'str')
      return value.value;
  return undefined;
}

/** The env read whose literal default equals `value`, if the value came from one. */
function envReadWithDefault(ctx: SettingsCheckContext, value: string): EnvRead | undefined {
  return ctx.snapshot.envReads.find(
    (read) =>
      read.defaultText !== undefined && parsePythonStringLiteral(read.defaultText) === value,
  );
}

/**
 * Where a str value not read from the environment came from: the literal default of an env read,
 * or the code. A value that is not quoted whole in the files the evaluation read was computed
 * (implicit concatenation, `.strip()`, `%`). The evaluator follows env variables through
 * expressions into a top-level setting's provenance, so a top-level value without one is the
 * code's; inside a dict it does not, so there a computed value counts only when the production
 * environment sets no variable that could have supplied it.
 */
function codeSourceOf(
  ctx: SettingsCheckContext,
  at: Provenance,
  value: string,
  topLevel: boolean,
): Source | undefined {
  const read = envReadWithDefault(ctx, value);
  if (read) return { kind: 'env-default', read, inEffect: !read.isSet };
  if (appearsAsLiteral(ctx, [at.file, ...ctx.snapshot.filesRead], value))
    return { kind: 'literal', at, computed: false };
  if (!topLevel && ctx.snapshot.envReads.some((r) => r.isSet)) return undefined;
  return { kind: 'literal', at, computed: true };
}

/**
 * A top-level setting read from the environment: its committed default, whether or not the
 * production environment sets the variable (the value the environment gives is not in the
 * repository and is not judged).
 */
function envDefaultOf(
  ctx: SettingsCheckContext,
  at: Provenance & { envVar: string },
): { text: string; source: Source } | undefined {
  const reads = ctx.snapshot.envReads.filter((read) => read.name === at.envVar);
  const read =
    reads.find((r) => r.file === at.file && r.line === at.line) ??
    (reads.length === 1 ? reads[0] : undefined);
  const defaultText = read?.defaultText ?? (at.usedDefault ? at.defaultText : undefined);
  const text = defaultText !== undefined ? parsePythonStringLiteral(defaultText) : undefined;
  if (text === undefined || text.trim() === '') return undefined;
  const envRead: EnvRead = read ?? {
    name: at.envVar,
    file: at.file,
    line: at.line,
    isSet: at.usedDefault !== true,
  };
  return {
    text,
    source: { kind: 'env-default', read: envRead, inEffect: at.usedDefault === true },
  };
}

/**
 * Every credential-like value in the settings: str values under credential names (at any depth
 * of dicts and lists) and URLs with a password in any str value, with where each came from.
 */
function collectCandidates(ctx: SettingsCheckContext): Candidate[] {
  const candidates: Candidate[] = [];
  let budget = MAX_NODES;
  for (const [name, entry] of ctx.snapshot.settings) {
    const at = entry.provenance;
    if (!at || DJANGO_KEY_SETTINGS.has(name) || at.generatedBy !== undefined) continue;
    const visit = (
      value: PyValue,
      label: string,
      key: string,
      depth: number,
      siblings?: [PyValue, PyValue][],
    ): void => {
      if (--budget < 0 || depth > MAX_DEPTH) return;
      if (value.kind === 'dict') {
        for (const [k, v] of value.entries)
          if (k.kind === 'str')
            visit(v, `${label}${keyLabel(k.value)}`, k.value, depth + 1, value.entries);
        return;
      }
      if (value.kind === 'list' || value.kind === 'tuple') {
        value.items.forEach((item, i) => visit(item, `${label}[${i}]`, key, depth + 1));
        return;
      }
      let text: string | undefined;
      let source: Source | undefined;
      const envVar = at.envVar;
      if (depth === 0 && envVar !== undefined) {
        const fromEnv = envDefaultOf(ctx, { ...at, envVar });
        text = fromEnv?.text;
        source = fromEnv?.source;
      } else if (value.kind === 'str') {
        text = value.value;
      }
      if (text === undefined || text.trim() === '') return;
      const kind = credentialKindOfName(key);
      const hasUrlPassword = findUrlCredentials(text).length > 0;
      if (kind === undefined && !hasUrlPassword) return;
      source ??= codeSourceOf(ctx, at, text, depth === 0);
      if (!source) return;
      const sibling = (names: readonly string[]) =>
        siblings ? siblingString(siblings, names) : undefined;
      const user = sibling(['USER', 'USERNAME']);
      const database = sibling(['NAME', 'DATABASE', 'DB']);
      const host = kind === 'password' ? sibling(['HOST']) : undefined;
      const engine = kind === 'password' ? sibling(['ENGINE']) : undefined;
      candidates.push({
        label,
        setting: name,
        value: text,
        kind: hasUrlPassword ? 'URL password' : (kind ?? 'credential'),
        ...(user !== undefined ? { user } : {}),
        ...(database !== undefined ? { database } : {}),
        ...(host !== undefined ? { host } : {}),
        ...(engine !== undefined ? { engine } : {}),
        source,
        url: hasUrlPassword,
      });
    };
    visit(entry.value, name, name, 0);
  }
  return candidates;
}

function describeSource(candidate: Candidate): string {
  const source = candidate.source;
  if (source.kind === 'literal') return `set at ${source.at.file}:${source.at.line}`;
  const at = `${source.read.file}:${source.read.line}`;
  return source.inEffect
    ? `the committed default of env ${source.read.name} at ${at}, in effect because the production environment does not set ${source.read.name}`
    : `the committed default of env ${source.read.name} at ${at}; any deployment without ${source.read.name} runs with it`;
}

function toMatch(candidate: Candidate): SettingsMatch | undefined {
  let severity: Severity =
    candidate.source.kind === 'env-default' && !candidate.source.inEffect ? 'medium' : 'high';
  let what =
    candidate.source.kind === 'literal' && candidate.source.computed
      ? `a ${candidate.kind} computed from literals in the code`
      : `a literal ${candidate.kind}`;
  let secret = candidate.value;
  const mask: string[] = [];
  if (candidate.url) {
    const judged = findUrlCredentials(candidate.value).map((url) => ({
      url,
      verdict: judgeUrlCredentials(url),
    }));
    const secretUrl = judged.find((j) => j.verdict.kind === 'secret');
    const defaultUrl = judged.find((j) => j.verdict.kind === 'default');
    const chosen = secretUrl ?? defaultUrl;
    if (!chosen) return undefined;
    secret = unquoteUrlPart(chosen.url.password);
    mask.push(...passwordMaskValues(chosen.url));
    if (chosen.verdict.kind === 'default') {
      what = `a URL with ${describeDefaultCredential(chosen.verdict)}`;
      severity = chosen.verdict.severity;
    } else if (isSentryDsnWithSecret(chosen.url)) {
      // The reach of a DSN's secret key is the error tracker (sentry-dsn-with-secret's medium).
      what = 'a Sentry DSN with its secret key (old format)';
      if (severity === 'high') severity = 'medium';
    } else what = 'a URL with an inline password';
  } else {
    const value = candidate.value.trim();
    if (isPasswordHash(value)) return undefined;
    const reason = defaultCredentialReason({
      password: value,
      ...(candidate.user !== undefined ? { user: candidate.user } : {}),
      ...(candidate.database !== undefined ? { database: candidate.database } : {}),
      ...(candidate.host !== undefined ? { host: candidate.host } : {}),
      ...(candidate.engine !== undefined ? { engine: candidate.engine } : {}),
    });
    if (reason !== undefined) {
      what = describeDefaultCredential({ reason, local: true });
      severity = 'low';
    } else if (isPlaceholderValue(value)) return undefined;
    mask.push(candidate.value);
  }
  const file =
    candidate.source.kind === 'literal' ? candidate.source.at.file : candidate.source.read.file;
  const line =
    candidate.source.kind === 'literal' ? candidate.source.at.line : candidate.source.read.line;
  const match: SettingsMatch = {
    message: `${candidate.label} is ${what} (${describeSource(candidate)})`,
    setting: candidate.setting,
    file,
    line,
    detail: candidate.label,
    severity,
    secretHash: hashSecret(secret),
    secretValues: [...new Set([secret, ...mask])].filter((value) => value.length >= 4),
  };
  // Test settings hold throwaway credentials: at most low, like the secret rules' test context.
  if (isTestPath(file) && compareSeverity(severity, 'low') < 0) {
    match.uncappedSeverity = severity;
    match.severity = 'low';
    match.message = `${match.message} (in test settings: at most low)`;
  }
  return match;
}

export const credentialSettingLiteral = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG226',
  name: 'credential-setting-literal',
  severity: 'high',
  fix: 'Read the credential from the environment without a literal default (env("EMAIL_HOST_PASSWORD"), os.environ["DB_PASSWORD"]) and rotate the committed value.',
  docs: {
    summary:
      'A setting that holds a credential (a password, token, API key or a URL with a password) is a literal or a literal env-read default in the production settings.',
    whatItDoes:
      'Walks the evaluated production settings, nested dicts and lists included, and looks at every str value whose name (or dict key) says it is a credential: EMAIL_HOST_PASSWORD, DATABASES[…]["PASSWORD"], CACHES[…]["OPTIONS"]["PASSWORD"], AWS_SECRET_ACCESS_KEY, SOCIAL_AUTH_*_SECRET, allauth SOCIALACCOUNT_PROVIDERS[…]["APP"]["secret"], *_CLIENT_SECRET, *_API_KEY, *_TOKEN, *_PASSWORD, STRIPE_*_SECRET_KEY, TWILIO_AUTH_TOKEN, SENDGRID_API_KEY, MAILGUN_API_KEY and the keys of ANYMAIL (the same names as named-credential-literal); and at every str value holding a URL with an inline password (CACHES LOCATION, CELERY_BROKER_URL, EMAIL_URL, also as the unused default of env.email_url and env.cache_url). It reports a value that is a literal in the code (`high`), the committed default of an env read the production environment leaves unset (`high`), or the literal default of an env read that the environment does set (`medium`: any deployment without the variable runs with it). A value read from the environment is not a finding. Placeholders are not reported; a default credential (an image default, the password equal to the USER or NAME beside it) is `low` and says so; in test settings a finding is at most `low`. The message names the setting path and where the value came from (file, line, env variable), never the value. SECRET_KEY is left to secret-key-literal and secret-key-env-default.',
    whyBad:
      "A credential in the settings is in the repository and its history for good: everyone with read access (forks, CI logs, backups) can log in to the database, the mail provider or the API with it. A literal env-read default is the same leak with a delay: it is what runs wherever the variable is forgotten. Severity high: a working credential to a service holding the project's data or mail; medium for a default the production environment overrides; low for a well-known default credential.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_HOST_USER = 'shop'\nEMAIL_HOST_PASSWORD = '{{secret:db-password}}'\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_HOST_USER = 'shop'\nEMAIL_HOST_PASSWORD = os.environ['EMAIL_HOST_PASSWORD']\n",
    },
    useInstead:
      'A required env read with no default in the production settings (os.environ["X"], env("X"), decouple config("X")), or a secrets manager; keep development defaults in local settings only. Rotate any credential that was committed.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#email-host-password',
      'https://docs.djangoproject.com/en/stable/ref/settings/#password',
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/',
      'https://docs.allauth.org/en/latest/socialaccount/provider_configuration.html',
    ],
  },
  check(ctx) {
    const matches: SettingsMatch[] = [];
    const seen = new Set<string>();
    for (const candidate of collectCandidates(ctx)) {
      const match = toMatch(candidate);
      if (!match || seen.has(`${match.detail ?? ''}\u0000${match.secretHash ?? ''}`)) continue;
      seen.add(`${match.detail ?? ''}\u0000${match.secretHash ?? ''}`);
      matches.push(match);
    }
    return matches;
  },
});
