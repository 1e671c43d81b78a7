/**
 * Public API of the settings evaluator: interpret a Django settings module over PyValue without
 * ever executing the project's code. The Django checks (src/settings/rules, analyze.ts) call this.
 */
import type { SettingsSnapshot } from '../snapshot';
import { runEvaluation } from './interpreter';
import { DEFAULT_LIMITS, type EvaluateOptions } from './options';

export { DEFAULT_LIMITS, type EvalLimits, type EvaluateOptions } from './options';

/** Evaluates a settings module; never throws on project input (problems become diagnostics). */
export function evaluateSettingsModule(options: EvaluateOptions): SettingsSnapshot {
  return runEvaluation(options, { ...DEFAULT_LIMITS, ...options.limits });
}

export { resolveModuleFile } from './modules';
export { isSettingName } from './interpreter';
