import type { FileRule } from './hardening/file-rule';
import type { RuleMeta } from './core/types';
import { hardeningFileRules, hardeningSettingsRules } from './hardening/rules';
import type { SecretRule } from './secrets/rule';
import { secretRules } from './secrets/rules';
import type { SettingsRule } from './settings/rule';
import { djangoRules } from './settings/rules';

/** Every rule the tool knows, in one list: for docs, SARIF, config validation. */
export type AnyRule = SecretRule | SettingsRule | FileRule;

export const settingsRules: readonly SettingsRule[] = [...djangoRules, ...hardeningSettingsRules];
export const fileRules: readonly FileRule[] = hardeningFileRules;
export { secretRules };

export const allRules: readonly AnyRule[] = [...secretRules, ...settingsRules, ...fileRules];

export function ruleMetas(): RuleMeta[] {
  return allRules.map(({ id, name, severity, fix, docs }) => ({ id, name, severity, fix, docs }));
}
