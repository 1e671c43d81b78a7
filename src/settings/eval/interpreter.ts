import type { SettingsSnapshot } from '../snapshot';
import type { EvalLimits, EvaluateOptions } from './index';

/** Python's `str.isupper()`: at least one cased character and no lower-case one. */
export function isSettingName(name: string): boolean {
  return name !== name.toLowerCase() && name === name.toUpperCase();
}

export function runEvaluation(options: EvaluateOptions, _limits: EvalLimits): SettingsSnapshot {
  return {
    module: options.module,
    file: '',
    settings: new Map(),
    envReads: [],
    diagnostics: [],
    filesRead: [],
    calls: [],
  };
}
