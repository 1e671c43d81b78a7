import type { ResolvedSetting, SettingsCheckContext } from '../rule';
import type { PyValue } from '../value';
import { type Tri } from '../rule-support';

/**
 * django-cors-headers' own system checks (src/corsheaders/checks.py, 4.9.0+): they run only when
 * `corsheaders` is in INSTALLED_APPS, and read settings through the 3.5.0 aliases.
 * https://github.com/adamchainz/django-cors-headers/blob/main/src/corsheaders/checks.py
 */

export const CORS_APP = 'corsheaders';
export const CORS_CHECKS_SOURCE =
  'https://github.com/adamchainz/django-cors-headers/blob/main/src/corsheaders/checks.py';
export const CORS_README = 'https://github.com/adamchainz/django-cors-headers#configuration';
export const CORS_OWNER = "django-cors-headers'";

/**
 * `getattr(settings, name, getattr(settings, alias, default))`: the new name wins; the returned
 * setting's `name` is the one the module actually set (checks name it in their messages).
 */
export function corsSetting(
  ctx: SettingsCheckContext,
  name: string,
  fallback: PyValue,
  alias?: string,
): ResolvedSetting {
  const current = ctx.setting(name, fallback);
  if (!current.isDefault || alias === undefined) return current;
  const old = ctx.setting(alias, fallback);
  return old.isDefault ? current : old;
}

/**
 * `is_sequence(value, types)`: a list or tuple whose every item is accepted. Follows the library's
 * HEAD, where a str is not a sequence of str (4.9.0 may still accept some strings); a set is not
 * a `collections.abc.Sequence`.
 */
export function isSequenceOf(value: PyValue, accept: (item: PyValue) => boolean): Tri {
  if (value.kind === 'unknown') return undefined;
  if (value.kind !== 'list' && value.kind !== 'tuple') return false;
  let undecided = false;
  for (const item of value.items) {
    if (item.kind === 'unknown') undecided = true;
    else if (!accept(item)) return false;
  }
  return undecided ? undefined : true;
}

export const isStr = (item: PyValue): boolean => item.kind === 'str';
/** `re.compile(...)` results reach us as opaque values named after `re.Pattern`. */
export const isPattern = (item: PyValue): boolean =>
  item.kind === 'opaque' && /pattern/i.test(item.typeName);

/** `isinstance(value, bool)`. */
export function isBool(value: PyValue): Tri {
  return value.kind === 'unknown' ? undefined : value.kind === 'bool';
}

export interface SplitUrl {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
  fragment: string;
}

const SCHEME_CHARS = /^[A-Za-z][A-Za-z0-9+\-.]*$/;

/** Python's `urllib.parse.urlsplit` for the parts the origin checks read. */
export function urlSplit(url: string): SplitUrl {
  let rest = url;
  let scheme = '';
  const colon = rest.indexOf(':');
  if (colon > 0 && SCHEME_CHARS.test(rest.slice(0, colon))) {
    scheme = rest.slice(0, colon).toLowerCase();
    rest = rest.slice(colon + 1);
  }
  let netloc = '';
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end === -1 ? rest.slice(2) : rest.slice(2, 2 + end);
    rest = end === -1 ? '' : rest.slice(2 + end);
  }
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash !== -1) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let query = '';
  const question = rest.indexOf('?');
  if (question !== -1) {
    query = rest.slice(question + 1);
    rest = rest.slice(0, question);
  }
  return { scheme, netloc, path: rest, query, fragment };
}

/** The origins list (CORS_ALLOWED_ORIGINS or its alias CORS_ORIGIN_WHITELIST). */
export function allowedOrigins(ctx: SettingsCheckContext): ResolvedSetting {
  return corsSetting(
    ctx,
    'CORS_ALLOWED_ORIGINS',
    { kind: 'tuple', items: [] },
    'CORS_ORIGIN_WHITELIST',
  );
}

/** Origins the library skips when validating ('null' and 'file://' are allowed literally). */
export const SPECIAL_ORIGINS = new Set(['null', 'file://']);

/**
 * The string origins corsheaders.E013/E014 inspect, with their index and `urlsplit` parts:
 * only when the allowed origins are a known sequence of str (E006 covers the rest), and never
 * the special `'null'` / `'file://'` values the library lets through.
 */
export function inspectableOrigins(
  origins: ResolvedSetting,
): { origin: PyValue & { kind: 'str' }; index: number; parts: SplitUrl }[] {
  if (isSequenceOf(origins.value, isStr) !== true) return [];
  const items =
    origins.value.kind === 'list' || origins.value.kind === 'tuple' ? origins.value.items : [];
  return items.flatMap((origin, index) =>
    origin.kind === 'str' && !SPECIAL_ORIGINS.has(origin.value)
      ? [{ origin, index, parts: urlSplit(origin.value) }]
      : [],
  );
}
