import type { ScanResult } from '../core/scan-result';

/** `--format json`: the ScanResult itself (`{"version": 1, "findings": [...], "summary": {...}}`). */
export function renderJson(result: ScanResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
