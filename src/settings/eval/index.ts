/**
 * Public API of the settings evaluator: interpret a Django settings module over PyValue without
 * ever executing the project's code. The Django checks (src/settings/rules, analyze.ts) call this.
 */
import type { RepoFiles } from '../../core/repo-files';
import type { SettingsSnapshot } from '../snapshot';
import { runEvaluation } from './interpreter';

/** Bounds that keep hostile or huge settings from hanging or exhausting the process. */
export interface EvalLimits {
  /** Iterations per `for`/`while` loop and per comprehension. */
  maxLoopIterations: number;
  /** Nested calls of helper functions defined in the settings. */
  maxCallDepth: number;
  /** Total evaluation steps (statements + expressions) for the whole settings module. */
  maxSteps: number;
  /** Items in one list/tuple/set/dict. */
  maxCollectionSize: number;
  /** Characters in one str/bytes. */
  maxStringLength: number;
}

export const DEFAULT_LIMITS: EvalLimits = {
  maxLoopIterations: 10_000,
  maxCallDepth: 32,
  // cookiecutter-django production (~500 lines) takes ~1k steps; 500k bounds the worst case to
  // well under a second.
  maxSteps: 500_000,
  maxCollectionSize: 100_000,
  maxStringLength: 1_000_000,
};

export interface EvaluateOptions {
  /** Dotted module name, e.g. 'config.settings.production'. */
  module: string;
  /** Repo-relative dirs searched for modules, in order ('' = repo root). */
  pythonPaths: string[];
  /** The production environment; unset vars take the code's defaults. */
  env: Record<string, string>;
  /** Pure file access (src/core/repo-files.ts). */
  files: RepoFiles;
  limits?: Partial<EvalLimits>;
}

/** Evaluates a settings module; never throws on project input (problems become diagnostics). */
export function evaluateSettingsModule(options: EvaluateOptions): SettingsSnapshot {
  return runEvaluation(options, { ...DEFAULT_LIMITS, ...options.limits });
}

export { resolveModuleFile } from './modules';
export { isSettingName } from './interpreter';
