import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Redactor } from '../core/redactor';

/**
 * Files named by the workflow author (CLI flags, action inputs): reports, SARIF, baseline, cache,
 * an env file or config given on purpose. They may live anywhere (the workflow is trusted), but
 * what is read from them is never quoted in a message, and everything written to them passes
 * through the run's redactor first.
 */

/** Reads a file the workflow named; undefined when it does not exist. Other errors throw. */
export function readWorkflowFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes an output file through the redactor, atomically (temp file + rename) so an interrupted
 * run never leaves half a report, cache or baseline.
 */
export function writeOutputFile(path: string, text: string, redactor: Redactor): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, redactor.redact(text));
  renameSync(temp, path);
}
