/**
 * The one time budget for the detectors of a run (tree files and history blobs together). Past
 * it, what is left is not scanned but listed, and the run fails closed: a hostile repository can
 * make the scan stop, never make it hang or pass unscanned. Pure apart from the clock it is given.
 */

/** Default budget: far above any measured scan (README, development notes), far below the runner's 6 h. */
export const DEFAULT_DETECTOR_BUDGET_MS = 30 * 60 * 1000;
/** The environment variable that changes it (seconds), for very large histories and for tests. */
export const BUDGET_ENV = 'DDG_DETECTOR_BUDGET_SECONDS';

export interface ScanBudget {
  readonly limitMs: number;
  /** True once the budget is spent (checked before each file or blob). */
  exceeded(): boolean;
  /** Records something left unscanned because the budget was spent. */
  skip(what: string): void;
  /** The first things skipped (at most MAX_NAMED), and how many in all. */
  readonly named: readonly string[];
  skippedCount(): number;
}

/** Skipped files or blobs named in the report; the rest are counted. */
const MAX_NAMED = 20;

export function createScanBudget(limitMs: number, now: () => number = Date.now): ScanBudget {
  const deadline = now() + limitMs;
  const named: string[] = [];
  let count = 0;
  return {
    limitMs,
    exceeded: () => now() > deadline,
    skip(what) {
      count++;
      if (named.length < MAX_NAMED) named.push(what);
    },
    named,
    skippedCount: () => count,
  };
}

/** The budget from the environment (seconds), or the default; a bad value is the default. */
export function budgetFromEnv(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env[BUDGET_ENV];
  const seconds = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_DETECTOR_BUDGET_MS;
}

/** One sentence for the report: what the spent budget left unscanned. */
export function describeBudgetSkips(budget: ScanBudget): string | undefined {
  const count = budget.skippedCount();
  if (count === 0) return undefined;
  const shown = budget.named.join(', ');
  const more = count > budget.named.length ? ` and ${count - budget.named.length} more` : '';
  return `the detector time budget (${Math.round(budget.limitMs / 1000)} s, ${BUDGET_ENV}) was spent; not scanned: ${shown}${more}`;
}
