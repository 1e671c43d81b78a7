import type { Autofix, Finding } from '../core/types';
import { fixAllowedHostsWildcard } from './rules/allowed-hosts-wildcard';
import { fixCorsAllowAllOrigins } from './rules/cors-allow-all-origins';
import { fixCorsMiddlewareMisplaced } from './rules/cors-middleware-misplaced';
import { fixDebug } from './rules/debug';
import { fixDotenvFileCommitted } from './rules/dotenv-file-committed';
import { fixSecretKey } from './rules/secret-key';
import { SECURITY_FLAG_RULES, fixSecurityFlag } from './rules/security-flags';
import type { FileFixProducer, SettingsFixInput, SettingsFixProducer } from './types';

export type { FileFixProducer, SettingsFixInput, SettingsFixProducer } from './types';

/**
 * Every mechanical fix, by the id of the rule whose finding it fixes. Several rules that report
 * one problem from two sides (DEBUG on, DEBUG an uncast env string) share a producer; their edits
 * are the same and applied once.
 */
export const settingsFixes: Readonly<Record<string, SettingsFixProducer>> = {
  'security.W018': fixDebug,
  DDG204: fixDebug,
  DDG206: fixSecretKey,
  DDG207: fixSecretKey,
  DDG208: fixSecretKey,
  'security.W009': fixSecretKey,
  DDG201: fixAllowedHostsWildcard,
  ...Object.fromEntries(SECURITY_FLAG_RULES.map((id) => [id, fixSecurityFlag])),
  DDG205: fixSecurityFlag,
  DDG210: fixCorsAllowAllOrigins,
  DDG211: fixCorsAllowAllOrigins,
  DDG214: fixCorsMiddlewareMisplaced,
};

export const fileFixes: Readonly<Record<string, FileFixProducer>> = {
  DDG102: fixDotenvFileCommitted,
};

/** The fix for a settings match, if its rule has one and the match is decided. */
export function settingsFixFor(input: SettingsFixInput): Autofix | undefined {
  if (input.match.undecided) return undefined;
  const produce = settingsFixes[input.ruleId];
  if (!produce) return undefined;
  const fix = produce(input);
  return fix && (fix.edits.length > 0 || fix.instructions?.length) ? fix : undefined;
}

/** The fix for a tree finding about a file itself (a committed `.env`). */
export function fileFixFor(finding: Finding): Autofix | undefined {
  if (!finding.current) return undefined;
  return fileFixes[finding.ruleId]?.(finding);
}
