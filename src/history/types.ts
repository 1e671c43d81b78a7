import type { Finding } from '../core/types';
import type { CachedHistory } from './cache';

/**
 * Types the history modes share with their entry (`scan-history.ts` runs `full-scan.ts` and
 * `range-scan.ts`, which return these): kept here so that no module imports its caller.
 */

export type HistoryMode = 'full' | 'range';

export interface HistoryCoverage {
  mode: HistoryMode;
  base?: string;
  head?: string;
  commits: number;
  /** Distinct blobs covered (read now or known from the cache). */
  blobs: number;
  blobsFromCache: number;
  /** Bytes of blob content read this run. */
  bytes: number;
  shallow: boolean;
  deepened?: string;
  refs: number;
  warnings: string[];
  /** Parts of history that could not be listed (git bombs, git failures): the scan is incomplete. */
  unlisted: string[];
}

export type PartialCoverage = Omit<HistoryCoverage, 'bytes' | 'shallow' | 'warnings' | 'unlisted'>;

export interface ModeResult {
  findings: Finding[];
  coverage: PartialCoverage;
  /** Parts of history not listed (git bombs, git failures), in sentences naming them. */
  unlisted: string[];
  /** Full mode: what lets the next run list only new commits. */
  history?: CachedHistory;
  historyChanged?: boolean;
}
