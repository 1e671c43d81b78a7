import { SEVERITIES } from '../core/types';
import type { ScanResult } from '../core/scan-result';

export interface OutputPaths {
  /** Where the SARIF log was written, if it was. */
  sarifFile?: string;
  /** Where the JSON report was written, if it was. */
  reportJson?: string;
}

/**
 * The action's outputs as strings (`core.setOutput(name, value)` for each entry):
 * `findings`, one count per severity, `highest-severity`, `failed`, `sarif-file`, `report-json`.
 */
export function computeOutputs(
  result: ScanResult,
  paths: OutputPaths = {},
): Record<string, string> {
  const outputs: Record<string, string> = {
    findings: String(result.summary.total),
  };
  for (const severity of SEVERITIES)
    outputs[severity] = String(result.summary.bySeverity[severity]);
  outputs['highest-severity'] = result.summary.highestSeverity;
  outputs.failed = String(result.summary.failed);
  outputs['sarif-file'] = paths.sarifFile ?? '';
  outputs['report-json'] = paths.reportJson ?? '';
  return outputs;
}
