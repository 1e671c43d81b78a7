/**
 * Progress display for the history scan. Edge-safe: it only formats and calls `write`, so the CLI
 * passes `process.stderr.write` and the action passes `core.info`.
 */
export interface HistoryProgress {
  blobsScanned: number;
  blobsTotal: number;
  bytes: number;
  elapsedMs: number;
}

export type ProgressCallback = (progress: HistoryProgress) => void;

/** How often the `log` kind prints a line. */
export const LOG_INTERVAL_MS = 5000;
const BAR_WIDTH = 24;

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatRate(bytes: number, elapsedMs: number): string {
  const mbPerSecond = elapsedMs > 0 ? bytes / 1e6 / (elapsedMs / 1000) : 0;
  return `${mbPerSecond.toFixed(1)} MB/s`;
}

/**
 * `tty`: one line redrawn with `\r` (bar, blobs scanned/total, MB/s), ended with a newline when
 * done; `write` gets raw terminal text (pass `(s) => process.stderr.write(s)`).
 * `log`: one line per call of `write`, without a newline (pass `core.info`), at most every 5 s plus
 * the final one: `history: 12,345/100,000 blobs, 42.1 MB/s`.
 */
export function createProgressReporter(
  kind: 'tty' | 'log',
  write: (text: string) => void,
): ProgressCallback {
  let lastLogAt = -Infinity;
  let finished = false;
  return (progress) => {
    if (finished) return;
    const done = progress.blobsScanned >= progress.blobsTotal;
    const counts = `${formatCount(progress.blobsScanned)}/${formatCount(progress.blobsTotal)} blobs`;
    const rate = formatRate(progress.bytes, progress.elapsedMs);
    if (kind === 'tty') {
      const ratio =
        progress.blobsTotal > 0 ? Math.min(1, progress.blobsScanned / progress.blobsTotal) : 1;
      const filled = Math.round(ratio * BAR_WIDTH);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
      write(`\rhistory [${bar}] ${counts}, ${rate}${done ? '\n' : ''}`);
    } else if (done || progress.elapsedMs - lastLogAt >= LOG_INTERVAL_MS) {
      lastLogAt = progress.elapsedMs;
      write(`history: ${counts}, ${rate}`);
    }
    if (done) finished = true;
  };
}
