import type { RepoFiles } from '../../core/repo-files';

const join = (dir: string, rest: string): string => (dir === '' ? rest : `${dir}/${rest}`);

/** A repo-relative directory without leading `./` or trailing `/`. */
export function normalizeDir(dir: string): string {
  return dir
    .replace(/^\.\/+/, '')
    .replace(/^\.$/, '')
    .replace(/\/+$/, '');
}

/**
 * Finds the file of a dotted module in the repository: `a.b` → `a/b.py` or `a/b/__init__.py`,
 * trying each python path in order (as `sys.path` does).
 */
export function resolveModuleFile(
  module: string,
  pythonPaths: string[],
  files: RepoFiles,
): string | undefined {
  if (module === '' || !/^[\w.]+$/.test(module) || module.split('.').some((p) => p === ''))
    return undefined;
  const rel = module.split('.').join('/');
  for (const raw of pythonPaths.length === 0 ? [''] : pythonPaths) {
    const dir = normalizeDir(raw);
    const file = findInDir(join(dir, rel), files);
    if (file !== undefined) return file;
  }
  return undefined;
}

/** `dir/x` → `dir/x.py` or `dir/x/__init__.py`. */
export function findInDir(pathWithoutExt: string, files: RepoFiles): string | undefined {
  const asFile = `${pathWithoutExt}.py`;
  if (files.exists(asFile) && !files.isDirectory(asFile)) return asFile;
  const asPackage = `${pathWithoutExt}/__init__.py`;
  if (files.exists(asPackage)) return asPackage;
  return undefined;
}

/** Modules every Django deployment can import: the standard library and Django itself. */
export const ALWAYS_INSTALLED = new Set([
  'os',
  'sys',
  'pathlib',
  'json',
  'ast',
  'django',
  'typing',
  're',
  'logging',
  'datetime',
  'socket',
  'urllib',
  'warnings',
  'secrets',
  'string',
  'random',
  'collections',
  'functools',
  'itertools',
  'base64',
  'platform',
  'enum',
  'dataclasses',
  '__future__',
  'importlib',
  'tempfile',
  'uuid',
  'hashlib',
  'copy',
  'glob',
  'shutil',
  'subprocess',
  'io',
  'math',
  'time',
  'contextlib',
  'inspect',
  'types',
  'textwrap',
  'configparser',
]);
