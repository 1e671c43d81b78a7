/** How the evaluator models the repository's place in the file system. */
import type { PyValue } from '../value';
import { opaque } from './ops';

/** `__file__` of a repository file, as the interpreter models it (the working directory too). */
export const REPO_ROOT = '/repo';

/** A `pathlib.Path` value. */
export function pathValue(path: string): PyValue {
  return opaque('Path', { tag: 'path', path: path === '' ? '.' : path }, path);
}
