import { isAtLeast, type ResolvedSetting, type SettingsCheckContext } from '../rule';
import { isTrue, isTruthy, not, type Tri } from '../rule-support';
import type { PyValue } from '../value';
import { truthiness } from '../value-ops';

/**
 * What Django's checks share beyond `../rule-support.ts` (tri-state helpers, middleware and app
 * names): the cookie-flag comparison and the SECRET_KEY weaknesses.
 */

/** `version >= 4.1`: W010–W016 compare `is True` there, plain truthiness before (PR #15443). */
export function cookieFlagOff(ctx: SettingsCheckContext, setting: ResolvedSetting): Tri {
  return isAtLeast(ctx.version, 4, 1) ? not(isTrue(setting)) : not(isTruthy(setting));
}

// django/core/checks/security/base.py: SECRET_KEY_MIN_LENGTH, _MIN_UNIQUE_CHARACTERS, _INSECURE_PREFIX
const SECRET_KEY_MIN_LENGTH = 50;
const SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5;
const SECRET_KEY_INSECURE_PREFIX = 'django-insecure-';

/**
 * Why Django's `_check_secret_key` rejects a key: [] when it passes, undefined when Unknown.
 * Counts Unicode code points (Python `len`), never UTF-16 units; never returns the key itself.
 */
export function secretKeyWeaknesses(value: PyValue): string[] | undefined {
  if (value.kind === 'unknown') return undefined;
  if (value.kind !== 'str' && value.kind !== 'bytes') {
    // An empty/None key raises ImproperlyConfigured on access, which Django reports as W009.
    return truthiness(value) === false ? ['empty'] : [`not a string (${value.kind})`];
  }
  const chars = Array.from(value.value);
  if (chars.length === 0) return ['empty'];
  const problems: string[] = [];
  if (chars.length < SECRET_KEY_MIN_LENGTH)
    problems.push(`${chars.length} characters, fewer than ${SECRET_KEY_MIN_LENGTH}`);
  const unique = new Set(chars).size;
  if (unique < SECRET_KEY_MIN_UNIQUE_CHARACTERS)
    problems.push(`${unique} unique characters, fewer than ${SECRET_KEY_MIN_UNIQUE_CHARACTERS}`);
  if (value.value.startsWith(SECRET_KEY_INSECURE_PREFIX))
    problems.push(`starts with '${SECRET_KEY_INSECURE_PREFIX}' (a startproject placeholder)`);
  return problems;
}
