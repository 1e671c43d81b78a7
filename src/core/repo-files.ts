/**
 * Read access to the repository being scanned, passed into the pure core so that it never touches
 * `node:fs` itself. Paths are repository-relative with `/` separators.
 */
export interface RepoFiles {
  /** Text content (decoded; invalid UTF-8 falls back to Latin-1), or undefined if absent/binary. */
  read(path: string): string | undefined;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  /** Entries (names, not paths) of a directory, or [] when absent. */
  list(dir: string): string[];
}

/** An in-memory RepoFiles, for tests and for evaluating files held in memory. */
export function memoryRepoFiles(files: Record<string, string>): RepoFiles {
  const norm = (p: string) => p.replace(/^\.\/+/, '').replace(/\/+$/, '');
  const paths = Object.keys(files).map(norm);
  const isDirectory = (dir: string) => {
    const d = norm(dir);
    return d === '' || paths.some((p) => p.startsWith(`${d}/`));
  };
  return {
    read: (p) => files[norm(p)],
    exists: (p) => norm(p) in files || isDirectory(p),
    isDirectory,
    list: (dir) => {
      const d = norm(dir);
      const prefix = d === '' ? '' : `${d}/`;
      const names = new Set<string>();
      for (const p of paths)
        if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]!);
      return [...names].sort();
    },
  };
}
