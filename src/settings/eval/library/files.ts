/** Paths as the settings see them: /repo is the repository, files read through RepoFiles. */
import { posix } from 'node:path';
import type { PyValue } from '../../value';
import { unknown } from '../../value';
import type { Host } from '../host';
import { REPO_ROOT } from '../paths';
import { bool, dataOf } from '../ops';

export function fileCheck(it: Host, p: string, fn: string): PyValue {
  const rel = repoRelative(p);
  if (rel === undefined) return unknown(`${fn}(${p}) outside the repository`);
  if (fn === 'exists') return bool(rel === '' || it.options.files.exists(rel));
  if (fn === 'isdir') return bool(rel === '' || it.options.files.isDirectory(rel));
  return bool(it.options.files.exists(rel) && !it.options.files.isDirectory(rel));
}

/** os.fspath-like: str or Path to a string. */
export function fspath(v: PyValue): string | undefined {
  if (v.kind === 'str') return v.value;
  const d = dataOf(v);
  return d?.tag === 'path' ? d.path : undefined;
}

/** `/repo/a/b` → `a/b`; undefined when outside the repository. */
export function repoRelative(p: string): string | undefined {
  const abs = posix.resolve(REPO_ROOT, p);
  if (abs === REPO_ROOT) return '';
  return abs.startsWith(`${REPO_ROOT}/`) ? abs.slice(REPO_ROOT.length + 1) : undefined;
}

export function resolveRepoPath(it: Host, p: string): string | undefined {
  // Relative paths resolve against the working directory, modelled as the repository root.
  const rel = repoRelative(p);
  if (rel === undefined || rel === '') return undefined;
  return it.options.files.exists(rel) && !it.options.files.isDirectory(rel) ? rel : undefined;
}

/** The nearest `name` walking up from `dir` to the repository root. */
export function findUpwards(it: Host, dir: string, name: string): string | undefined {
  for (let d = dir, guard = 0; guard < 100; guard++) {
    const candidate = d === '' ? name : `${d}/${name}`;
    if (it.options.files.exists(candidate) && !it.options.files.isDirectory(candidate))
      return candidate;
    if (d === '') return undefined;
    d = posix.dirname(d) === '.' ? '' : posix.dirname(d);
  }
  return undefined;
}

/** Expands `*`, `?` and `[...]` in the last path segment (enough for split-settings layouts). */
export function expandGlob(it: Host, rel: string): string[] {
  const dir = posix.dirname(rel) === '.' ? '' : posix.dirname(rel);
  const name = posix.basename(rel);
  if (!/[*?[]/.test(name))
    return it.options.files.exists(rel) && !it.options.files.isDirectory(rel) ? [rel] : [];
  const re = new RegExp(
    `^${name
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );
  return it.options.files
    .list(dir)
    .filter((n) => re.test(n))
    .map((n) => (dir === '' ? n : `${dir}/${n}`))
    .filter((f) => !it.options.files.isDirectory(f))
    .sort();
}
