import { describeUndecided } from './describe';
import type {
  ResolvedSetting,
  SettingsCheckContext,
  SettingsMatch,
  SettingsRule,
  SettingsRuleContext,
  SettingsRuleDefinition,
} from './rule';
import type { PyValue } from './value';
import { containsValue, isTrueExact, knownToContain, truthiness } from './value-ops';
import { str } from './value';

/**
 * What every settings rule (Django's checks, django-cors-headers', the hardening rules) builds on:
 * `defineSettingsRule`, and three-valued logic over Unknown (true / false / undefined = "depends
 * on something we could not evaluate"). Kept apart from `rule.ts` so that the contract stays
 * types only and `describe.ts` can import it without a cycle.
 */

export type Tri = boolean | undefined;

/** Middleware and apps the checks of every family test for. */
export const SECURITY_MIDDLEWARE = 'django.middleware.security.SecurityMiddleware';
export const XFRAME_MIDDLEWARE = 'django.middleware.clickjacking.XFrameOptionsMiddleware';
export const CSRF_MIDDLEWARE = 'django.middleware.csrf.CsrfViewMiddleware';
export const SESSION_MIDDLEWARE = 'django.contrib.sessions.middleware.SessionMiddleware';
export const SESSIONS_APP = 'django.contrib.sessions';

/**
 * Makes a settings rule from its definition: the rule's `check` gets a context whose `decide` and
 * `undecided` fill in the rule's own id.
 */
export function defineSettingsRule(definition: SettingsRuleDefinition): SettingsRule {
  return {
    kind: 'settings',
    ...definition,
    check: (ctx) => definition.check(ruleContext(ctx, definition.id)),
  };
}

function ruleContext(ctx: SettingsCheckContext, ruleId: string): SettingsRuleContext {
  return {
    ...ctx,
    ruleId,
    decide: (condition, involved, onMatch) => decide(ruleId, condition, involved, onMatch),
    undecided: (involved, detail) => undecidedMatch(ruleId, involved, detail),
  };
}

/** Python `and` over decisions: any false wins, then any undecided. */
export function all(...values: Tri[]): Tri {
  if (values.some((v) => v === false)) return false;
  if (values.some((v) => v === undefined)) return undefined;
  return true;
}

export function not(value: Tri): Tri {
  return value === undefined ? undefined : !value;
}

/** `needle in value` as Python evaluates it for a settings container (str: substring). */
export function pyIn(value: PyValue, needle: string): Tri {
  switch (value.kind) {
    case 'list':
    case 'tuple':
    case 'set':
      return containsValue(value.items, str(needle));
    case 'dict':
      return containsValue(
        value.entries.map(([k]) => k),
        str(needle),
      );
    case 'str':
      return value.value.includes(needle);
    case 'unknown':
      // A value known only partly (one of several branches' lists) may still surely contain it.
      return knownToContain(value, str(needle));
    default:
      // `x in None` raises TypeError in Python; the check would crash rather than warn.
      return false;
  }
}

/** `path in settings.MIDDLEWARE` (exact string membership; Django never checks order). */
export function inMiddleware(ctx: SettingsCheckContext, path: string): Tri {
  return pyIn(ctx.setting('MIDDLEWARE').value, path);
}

export function inInstalledApps(ctx: SettingsCheckContext, app: string): Tri {
  return pyIn(ctx.setting('INSTALLED_APPS').value, app);
}

export const isTruthy = (setting: ResolvedSetting): Tri => truthiness(setting.value);
export const isTrue = (setting: ResolvedSetting): Tri => isTrueExact(setting.value);
export const isNone = (setting: ResolvedSetting): Tri =>
  setting.value.kind === 'unknown' ? undefined : setting.value.kind === 'none';

/**
 * The standard shape of a check: when `condition` holds, report `onMatch()`; when it can't be
 * decided, say which of `involved` settings it depends on, at `info`; otherwise nothing.
 */
export function decide(
  ruleId: string,
  condition: Tri,
  involved: readonly ResolvedSetting[],
  onMatch: () => SettingsMatch,
): SettingsMatch[] {
  if (condition === true) return [onMatch()];
  if (condition === false) return [];
  return [undecidedMatch(ruleId, involved)];
}

/** An `info` match that names what the decision depends on (never a silent pass or fail). */
export function undecidedMatch(
  ruleId: string,
  involved: readonly ResolvedSetting[],
  detail?: string,
): SettingsMatch {
  const unknowns = involved.filter((s) => s.value.kind === 'unknown');
  const deciding = unknowns[0] ?? involved[0];
  const message =
    unknowns.length > 0
      ? unknowns.map((s) => describeUndecided(s, ruleId)).join('; ')
      : `cannot decide ${ruleId}: it depends on ${involved.map((s) => s.name).join(', ') || 'a value'}, which could not be evaluated statically`;
  const match: SettingsMatch = { message, severity: 'info', undecided: true };
  // `SECRET_KEY_FALLBACKS[1]` → the setting itself, so the finding gets its provenance.
  if (deciding) match.setting = deciding.name.replace(/\[.*$/, '');
  if (detail !== undefined) match.detail = detail;
  return match;
}

/** Sequences Django's checks iterate: list, tuple, set (dict iterates its keys). */
export function sequenceItems(value: PyValue): PyValue[] | undefined {
  if (value.kind === 'list' || value.kind === 'tuple' || value.kind === 'set') return value.items;
  if (value.kind === 'dict') return value.entries.map(([k]) => k);
  return undefined;
}

/** Set by the settings module itself (not a default, not absent). */
export const isSet = (setting: ResolvedSetting): boolean => setting.exists && !setting.isDefault;

/**
 * The items Python's `for x in value` visits for a setting (a str yields its characters), or
 * undefined when the value is Unknown or not iterable.
 */
export function iterationItems(value: PyValue): PyValue[] | undefined {
  if (value.kind === 'str') return Array.from(value.value, (ch) => str(ch));
  return sequenceItems(value);
}
