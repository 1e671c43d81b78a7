import type { FileRule } from './hardening/file-rule';
import type { DependencyRule } from './dependencies/rule';
import { dependencyRules } from './dependencies/rules';
import type { GuardRule } from './guard/rule';
import { guardRules } from './guard/rules';
import type { HistoryRule } from './history/rule';
import { historyRules } from './history/rules';
import type { RuleMeta } from './core/types';
import { hardeningFileRules, hardeningSettingsRules } from './hardening/rules';
import type { SecretRule } from './secrets/rule';
import { secretRules } from './secrets/rules';
import type { SettingsRule } from './settings/rule';
import { djangoRules } from './settings/rules';

/** Every rule the tool knows, in one list: for docs, SARIF, config validation. */
export type AnyRule =
  SecretRule | SettingsRule | FileRule | GuardRule | HistoryRule | DependencyRule;

export const settingsRules: readonly SettingsRule[] = [...djangoRules, ...hardeningSettingsRules];
export const fileRules: readonly FileRule[] = hardeningFileRules;
export { dependencyRules, guardRules, historyRules, secretRules };

export const allRules: readonly AnyRule[] = [
  ...secretRules,
  ...settingsRules,
  ...fileRules,
  ...guardRules,
  ...historyRules,
  ...dependencyRules,
];

export function ruleMetas(): RuleMeta[] {
  return allRules.map(({ id, name, severity, fix, docs }) => ({ id, name, severity, fix, docs }));
}
