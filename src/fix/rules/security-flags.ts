import type { SettingsFixProducer } from '../types';
import { envRead, envReaderFor, setSettingEdits } from '../settings-edit';

/**
 * The HTTPS settings `check --deploy` asks for (security.W004, W006, W008, W010–W012, W016) and a
 * security flag read without a bool cast (DDG205): the safe value, in the production module.
 * Where the project reads the setting from the environment, the fix keeps that switch and makes
 * the safe value its default.
 *
 * HSTS starts at one hour: a browser remembers it for that long, so a mistake (a sub-domain still
 * on plain HTTP) costs an hour, not a year. docs/fixes.md says how to raise it.
 */
const SAFE_VALUES: Record<string, { literal: string; cast: 'bool' | 'int'; comment?: string }> = {
  SECURE_HSTS_SECONDS: {
    literal: '3600',
    cast: 'int',
    comment: 'raise to 31536000 (a year) once every page and sub-domain is served over HTTPS',
  },
  SECURE_SSL_REDIRECT: { literal: 'True', cast: 'bool' },
  SESSION_COOKIE_SECURE: { literal: 'True', cast: 'bool' },
  CSRF_COOKIE_SECURE: { literal: 'True', cast: 'bool' },
  SECURE_CONTENT_TYPE_NOSNIFF: { literal: 'True', cast: 'bool' },
  SESSION_COOKIE_HTTPONLY: { literal: 'True', cast: 'bool' },
  SECURE_HSTS_INCLUDE_SUBDOMAINS: { literal: 'True', cast: 'bool' },
  SECURE_HSTS_PRELOAD: {
    literal: 'True',
    cast: 'bool',
    comment: 'the preload list itself needs a year of HSTS and a submission at hstspreload.org',
  },
};

/**
 * Turning HSTS on makes Django ask for these two (security.W005, W021): the HSTS fix sets them
 * in the same change when the settings leave them unset, so fixing one finding does not raise two.
 */
const HSTS_COMPANIONS = ['SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD'] as const;

/** The setting each check is about (DDG205 names it in its match). */
const SETTING_OF_RULE: Record<string, string> = {
  'security.W004': 'SECURE_HSTS_SECONDS',
  'security.W006': 'SECURE_CONTENT_TYPE_NOSNIFF',
  'security.W008': 'SECURE_SSL_REDIRECT',
  'security.W010': 'SESSION_COOKIE_SECURE',
  'security.W011': 'SESSION_COOKIE_SECURE',
  'security.W012': 'SESSION_COOKIE_SECURE',
  'security.W016': 'CSRF_COOKIE_SECURE',
  'security.W005': 'SECURE_HSTS_INCLUDE_SUBDOMAINS',
  'security.W021': 'SECURE_HSTS_PRELOAD',
};

export const SECURITY_FLAG_RULES = Object.keys(SETTING_OF_RULE);

export const fixSecurityFlag: SettingsFixProducer = ({ ruleId, match, ctx }) => {
  const name = SETTING_OF_RULE[ruleId] ?? match.setting;
  if (name === undefined) return undefined;
  const safe = SAFE_VALUES[name];
  if (safe === undefined) return undefined;
  const setting = ctx.setting(name);
  const envVar = setting.isDefault ? undefined : setting.provenance?.envVar;
  const reader = envVar !== undefined ? envReaderFor(ctx) : undefined;
  const value =
    envVar !== undefined && reader !== undefined
      ? envRead(reader.style, safe.cast, envVar, safe.literal)
      : safe.literal;
  const line = `${name} = ${value}${safe.comment ? `  # ${safe.comment}` : ''}`;
  const following =
    name === 'SECURE_HSTS_SECONDS'
      ? HSTS_COMPANIONS.filter((companion) => ctx.setting(companion).isDefault).map((companion) => {
          const spec = SAFE_VALUES[companion]!;
          return `${companion} = ${spec.literal}${spec.comment ? `  # ${spec.comment}` : ''}`;
        })
      : [];
  const edits = setSettingEdits(ctx, setting, [line], {
    imports: reader?.imports ?? [],
    following,
  });
  if (!edits) return undefined;
  return {
    description:
      envVar !== undefined
        ? `${name} read from ${envVar} with a ${safe.cast} cast, ${safe.literal} by default`
        : `${name} = ${safe.literal} in the production settings`,
    edits,
  };
};
