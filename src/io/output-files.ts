import {
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
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

/**
 * A workflow-named path with every symlink resolved as far as the path exists (the rest appended
 * as written): where a file there would really be.
 */
export function realPathOfWorkflowPath(path: string): string {
  const rest: string[] = [];
  let existing = resolve(path);
  for (;;) {
    try {
      return resolve(realpathSync(existing), ...rest);
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return resolve(path);
      rest.unshift(existing.slice(parent.length).replace(/^[\\/]+/, ''));
      existing = parent;
    }
  }
}

/** What a path the user named is: a directory, another kind of file, or nothing. */
export function kindOfWorkflowPath(path: string): 'directory' | 'file' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}
