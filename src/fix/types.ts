import type { Autofix, Finding } from '../core/types';
import type { SettingsCheckContext, SettingsMatch } from '../settings/rule';

/**
 * How a rule's fix is produced: pure functions from what the rule saw to edits. Registered by
 * rule id in `src/fix/index.ts`, so a rule module stays about detection and the fix family shares
 * its helpers (env library style, the production module's override point).
 */

/** What a settings rule saw, with the context it saw it in. */
export interface SettingsFixInput {
  ruleId: string;
  match: SettingsMatch;
  ctx: SettingsCheckContext;
}

export type SettingsFixProducer = (input: SettingsFixInput) => Autofix | undefined;

/** A fix for a finding about a file itself (a committed `.env`): instructions, no settings. */
export type FileFixProducer = (finding: Finding) => Autofix | undefined;
