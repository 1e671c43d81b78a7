import type { ResolvedSetting, SettingsCheckContext } from '../settings/rule';
import type { PyValue } from '../settings/value';
import { FALSE } from '../settings/value';
import { pyIn } from '../settings/rule-support';

/**
 * Pieces shared by the hardening rules: django-cors-headers' settings with their old aliases,
 * origin parsing, and the secret-key placeholders projects ship with.
 */

export const CORS_APP = 'corsheaders';
export const CORS_MIDDLEWARE = 'corsheaders.middleware.CorsMiddleware';
export const COMMON_MIDDLEWARE = 'django.middleware.common.CommonMiddleware';
export const WHITENOISE_MIDDLEWARE = 'whitenoise.middleware.WhiteNoiseMiddleware';

/**
 * django-cors-headers reads `getattr(settings, NEW, getattr(settings, OLD, default))`, so the new
 * name wins and the 3.5.0 alias applies only when the new name is unset.
 * https://github.com/adamchainz/django-cors-headers/blob/main/src/corsheaders/conf.py
 */
export function corsSetting(ctx: SettingsCheckContext, name: CorsSettingName): ResolvedSetting {
  const alias = CORS_ALIASES[name];
  const fallback = CORS_DEFAULTS[name]();
  const current = ctx.setting(name, fallback);
  if (alias === undefined || isSetInModule(ctx, name) || !isSetInModule(ctx, alias)) return current;
  return ctx.setting(alias, fallback);
}

/** Whether the settings module itself assigns `name` (as opposed to a default applying). */
export function isSetInModule(ctx: SettingsCheckContext, name: string): boolean {
  // An entry without provenance is the evaluator's own default, not an assignment.
  return ctx.snapshot.settings.get(name)?.provenance !== undefined;
}

type CorsSettingName =
  | 'CORS_ALLOW_ALL_ORIGINS'
  | 'CORS_ALLOWED_ORIGINS'
  | 'CORS_ALLOWED_ORIGIN_REGEXES'
  | 'CORS_ALLOW_CREDENTIALS';

const CORS_ALIASES: Record<CorsSettingName, string | undefined> = {
  CORS_ALLOW_ALL_ORIGINS: 'CORS_ORIGIN_ALLOW_ALL',
  CORS_ALLOWED_ORIGINS: 'CORS_ORIGIN_WHITELIST',
  CORS_ALLOWED_ORIGIN_REGEXES: 'CORS_ORIGIN_REGEX_WHITELIST',
  CORS_ALLOW_CREDENTIALS: undefined,
};

const CORS_DEFAULTS: Record<CorsSettingName, () => PyValue> = {
  CORS_ALLOW_ALL_ORIGINS: () => FALSE,
  CORS_ALLOWED_ORIGINS: () => ({ kind: 'tuple', items: [] }),
  CORS_ALLOWED_ORIGIN_REGEXES: () => ({ kind: 'tuple', items: [] }),
  CORS_ALLOW_CREDENTIALS: () => FALSE,
};

/**
 * Whether `corsheaders` is installed: true, false, or undefined when INSTALLED_APPS can't be
 * decided. django-cors-headers only acts (and only checks itself) when it is installed.
 */
export function isCorsInstalled(ctx: SettingsCheckContext): boolean | undefined {
  const apps = ctx.installedApps();
  if (apps?.some((app) => app.startsWith(`${CORS_APP}.apps.`))) return true;
  return pyIn(ctx.setting('INSTALLED_APPS').value, CORS_APP);
}

/** Items of a list/tuple/set with their index (non-sequences give undefined). */
/**
 * Where the first str item of a setting satisfying `matches` is written (the line that lists an
 * app or a host), when the evaluator saw that literal; undefined otherwise (the setting's own
 * provenance then applies).
 */
export function listedAt(
  ctx: SettingsCheckContext,
  setting: ResolvedSetting,
  matches: (item: string) => boolean,
): { file: string; line: number } | undefined {
  const value = setting.value;
  const items =
    sequenceOf(value) ?? (value.kind === 'unknown' ? (value.facts?.contains ?? []) : []);
  const item = items.find((i) => i.kind === 'str' && matches(i.value));
  return item && ctx.snapshot.literalLocations?.get(item);
}

export function sequenceOf(value: PyValue): PyValue[] | undefined {
  if (value.kind === 'list' || value.kind === 'tuple' || value.kind === 'set') return value.items;
  return undefined;
}

/** The scheme and host of an origin like `https://api.example.com:8443` (lower-cased). */
export function parseOrigin(origin: string): { scheme: string; host: string } | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(origin.trim());
  if (!match) return undefined;
  let host = (match[2] ?? '').toLowerCase();
  host = host.replace(/^[^@]*@/, '');
  host = host.startsWith('[') ? host.replace(/\]:\d+$/, ']') : host.replace(/:\d*$/, '');
  return { scheme: (match[1] ?? '').toLowerCase(), host };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]', '::1']);

/** localhost, 127.x, 0.0.0.0 or ::1: only the user's own machine serves these. */
export function isLoopbackHost(host: string): boolean {
  return (
    LOOPBACK_HOSTS.has(host) || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

/** Why an origin is unsafe in production (`http://` scheme or a loopback host), if it is. */
export function insecureOriginReason(origin: string): string | undefined {
  const parsed = parseOrigin(origin);
  if (!parsed) return undefined;
  if (isLoopbackHost(parsed.host)) return 'points at localhost';
  if (parsed.scheme === 'http') return 'uses plain http://';
  return undefined;
}

/** The text of a 1-based line of a repository file, if it can be read. */
export function lineText(
  ctx: SettingsCheckContext,
  file: string,
  line: number,
): string | undefined {
  const text = ctx.files.read(file);
  if (text === undefined) return undefined;
  return text.split(/\r\n|\r|\n/)[line - 1];
}

/**
 * The host patterns Django iterates over: the str items of a sequence (a bare str iterates its
 * characters), with how many items are not known strings. Undefined when the whole value is
 * Unknown or not iterable.
 */
export function hostPatterns(
  value: PyValue,
): { known: string[]; unknownItems: number } | undefined {
  if (value.kind === 'str') return { known: Array.from(value.value), unknownItems: 0 };
  const items = sequenceOf(value);
  if (items === undefined) return undefined;
  const known: string[] = [];
  let unknownItems = 0;
  for (const item of items) {
    if (item.kind === 'str') known.push(item.value);
    else unknownItems++;
  }
  return { known, unknownItems };
}

/**
 * A setting that is a str read from an env variable (its provenance names the variable): the code
 * used the env value, or the read's str default, without a bool cast.
 */
export function envStringBoolean(
  setting: ResolvedSetting,
): { envVar: string; truthy: boolean } | undefined {
  if (setting.isDefault || setting.value.kind !== 'str') return undefined;
  const envVar = setting.provenance?.envVar;
  if (envVar === undefined) return undefined;
  return { envVar, truthy: setting.value.value.length > 0 };
}

/**
 * The value of a simple Python string literal (`'x'`, `"x"`, `r'x'`, `'''x'''`), or undefined for
 * anything else (f-strings, concatenations, names, calls). Used on `EnvRead.defaultText`.
 */
export function parsePythonStringLiteral(text: string): string | undefined {
  const match = /^([rRuUbB]{0,2})('''|"""|'|")([\s\S]*)\2$/.exec(text.trim());
  if (!match) return undefined;
  const prefix = (match[1] ?? '').toLowerCase();
  const quote = match[2] ?? '';
  const body = match[3] ?? '';
  if (quote.length === 1 && body.includes('\n')) return undefined;
  if (prefix.includes('r')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === quote[0] && quote.length === 1) return undefined;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i];
    if (next === undefined) return undefined;
    const simple: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      '\\': '\\',
      "'": "'",
      '"': '"',
      '0': '\0',
    };
    out += simple[next] ?? `\\${next}`;
  }
  return out;
}

/** True when a setting's source line calls Django's key generator (a fresh key per start). */
export function isGeneratedOnLine(ctx: SettingsCheckContext, setting: ResolvedSetting): boolean {
  const at = setting.provenance;
  if (!at) return false;
  if (at.generatedBy !== undefined) return true;
  return /get_random_secret_key|secrets\.token_|token_urlsafe|token_hex|os\.urandom/.test(
    lineText(ctx, at.file, at.line) ?? '',
  );
}

/** Whether `value` appears as a quoted literal in one of the files the evaluation read. */
export function appearsAsLiteral(
  ctx: SettingsCheckContext,
  files: readonly string[],
  value: string,
): boolean {
  if (value === '') return false;
  for (const file of files) {
    const text = ctx.files.read(file);
    if (text === undefined) continue;
    if (text.includes(`'${value}'`) || text.includes(`"${value}"`)) return true;
  }
  return false;
}

export const AUTH_APP = 'django.contrib.auth';

/**
 * Whether django.contrib.auth (or its AppConfig path) is installed: without it the project stores
 * no Django passwords, so validators and hashers don't matter. Undefined when undecidable.
 */
export function isAuthInstalled(ctx: SettingsCheckContext): boolean | undefined {
  const apps = ctx.installedApps();
  if (apps === undefined)
    return ctx.setting('INSTALLED_APPS').value.kind === 'unknown' ? undefined : false;
  return apps.some((app) => app === AUTH_APP || app.startsWith(`${AUTH_APP}.apps.`));
}
