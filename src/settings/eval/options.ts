/** Options and bounds of one settings evaluation. */
import type { RepoFiles } from '../../core/repo-files';

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
  /**
   * Characters of Python parsed for the whole evaluation (the settings module and everything it
   * imports or includes): past it, further modules are not read and their settings are Unknown.
   */
  maxSourceChars: number;
  /** Wall-clock milliseconds for the whole evaluation: past it, later settings are Unknown. */
  maxMillis: number;
}

export const DEFAULT_LIMITS: EvalLimits = {
  maxLoopIterations: 10_000,
  maxCallDepth: 32,
  // cookiecutter-django production (~500 lines) takes ~1k steps; 500k bounds the worst case to
  // well under a second.
  maxSteps: 500_000,
  maxCollectionSize: 100_000,
  maxStringLength: 1_000_000,
  // Real settings packages parse well under 1M characters (saleor's 50k-line tree of imports
  // ~0.5M); 4M bounds parsing to a few seconds and the trees to a few hundred MB.
  maxSourceChars: 4_000_000,
  maxMillis: 20_000,
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
