import { existsSync } from 'node:fs';

/**
 * Whether one of the tool's own files (a bundle beside dist/index.js) exists. Never used for a
 * path from the scanned repository: those go through the confined reader.
 */
export function toolFileExists(path: string): boolean {
  return existsSync(path);
}
