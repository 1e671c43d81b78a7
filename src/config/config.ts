import type { PolicyConfig } from '../core/policy';
import type { OptionId, OptionValues } from './options';

/**
 * A validated configuration file: `.django-deploy-guard.yml`, or `[tool.django-deploy-guard]` in
 * `pyproject.toml`. Only what it sets; flags and inputs win (`resolveOptions`).
 */
export interface GuardConfig {
  /** Where it came from (for messages); undefined when there is none. */
  file?: string;
  values: OptionValues;
  /** Line of each key in the file, for messages about its value. */
  keyLines: { [I in OptionId]?: number };
  /** Line where the configuration starts (the `[tool.django-deploy-guard]` header in TOML). */
  line?: number;
}

export const EMPTY_CONFIG: GuardConfig = { values: {}, keyLines: {} };

export const CONFIG_FILE_NAME = '.django-deploy-guard.yml';
export const PYPROJECT_FILE_NAME = 'pyproject.toml';

export type { AllowlistEntry, RuleSetting } from './options';

/** What the policy applies (rules, excludes, allowlist), from merged options or a config alone. */
export function policyOf(
  file: string | undefined,
  values: Pick<OptionValues, 'exclude' | 'rules' | 'allowlist'>,
): PolicyConfig {
  return {
    ...(file ? { file } : {}),
    exclude: values.exclude ?? [],
    rules: values.rules ?? new Map(),
    allowlist: values.allowlist ?? [],
  };
}
