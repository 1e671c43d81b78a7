import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
} from 'node:fs';
import { lstatSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { RepoFiles } from '../core/repo-files';
import { decodeBlob, DEFAULT_MAX_FILE_BYTES } from '../core/text-decode';

/**
 * The one way the scan reads the repository under scan. Everything in it is attacker-controlled
 * (a pull request from anyone): file names, symlinks, special files. Every read resolves the real
 * path and refuses anything outside the scanned root, so a committed `settings.py -> /etc/passwd`
 * or `.env -> /proc/self/environ` is never opened. A symlink that points outside is reported
 * (once, by name; its target is not printed) and never followed; FIFOs and devices are never
 * opened for reading (a FIFO would block the scan forever).
 *
 * Paths are repository-relative with `/` separators. A path that is absolute or climbs out with
 * `..` is refused before the file system is touched.
 */

export type ReadResult =
  | { kind: 'text'; content: string; truncated: boolean }
  | { kind: 'binary' }
  | { kind: 'missing' }
  /** The path, or a symlink on it, leads outside the scanned root. */
  | { kind: 'outside' }
  /** Not a regular file (FIFO, socket, device) or a directory. */
  | { kind: 'special' };

export interface ConfinedReader {
  /** The scanned root's real path. */
  readonly root: string;
  /** Reads a repository file (following symlinks only while they stay inside the root). */
  readText(path: string, maxBytes?: number): ReadResult;
  /** What a tree scan does with a listed path: scan it, or skip it (and why). */
  classify(path: string): 'file' | 'symlink-inside' | 'outside' | 'special' | 'missing';
  /** A RepoFiles for the pure core over the same confinement, caching reads. */
  readonly files: RepoFiles;
  /** Notes about refused paths (symlinks leading outside), each once. */
  notes(): string[];
}

/** Refuses absolute paths, NUL bytes and `..` segments: repository paths only. */
export function isRepositoryRelative(path: string): boolean {
  if (path === '' || path.includes('\0') || isAbsolute(path)) return false;
  return !path.split(/[\\/]+/).includes('..');
}

function cleanPath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^(\.\/+)+/, '')
    .replace(/\/+$/, '');
}

export function createConfinedReader(rootPath: string): ConfinedReader {
  const root = realpathSync.native(resolve(rootPath));
  const refused = new Set<string>();
  const isInside = (real: string) => real === root || real.startsWith(root + sep);

  /** The real path of a repository path, if it exists and stays inside the root. */
  const locate = (
    path: string,
  ): { kind: 'inside'; real: string } | { kind: 'outside' } | { kind: 'missing' } => {
    const p = cleanPath(path);
    if (p !== '' && !isRepositoryRelative(p)) return { kind: 'outside' };
    const joined = p === '' ? root : join(root, p);
    let real: string;
    try {
      real = realpathSync.native(joined);
    } catch {
      // A dangling symlink (or a missing file): check whether the link itself points outside.
      return linkLeadsOutside(joined) ? { kind: 'outside' } : { kind: 'missing' };
    }
    if (!isInside(real)) {
      refused.add(p);
      return { kind: 'outside' };
    }
    return { kind: 'inside', real };
  };

  const linkLeadsOutside = (joined: string): boolean => {
    try {
      if (!lstatSync(joined).isSymbolicLink()) return false;
      refused.add(relative(root, joined).split(sep).join('/'));
      return true;
    } catch {
      return false;
    }
  };

  const readText = (path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadResult => {
    const where = locate(path);
    if (where.kind !== 'inside') return where;
    let fd: number;
    try {
      // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
      fd = openSync(where.real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch {
      return { kind: 'missing' };
    }
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) return { kind: 'special' };
      const length = Math.min(stat.size, maxBytes);
      const buffer = Buffer.alloc(length);
      let read = 0;
      while (read < length) {
        const n = readSync(fd, buffer, read, length - read, read);
        if (n === 0) break;
        read += n;
      }
      const truncated = stat.size > maxBytes;
      const content = decodeBlob(buffer.subarray(0, read), truncated);
      if (content === undefined) return { kind: 'binary' };
      return { kind: 'text', content, truncated };
    } catch {
      return { kind: 'missing' };
    } finally {
      closeSync(fd);
    }
  };

  const classify: ConfinedReader['classify'] = (path) => {
    const p = cleanPath(path);
    if (!isRepositoryRelative(p)) return 'outside';
    let isLink: boolean;
    try {
      isLink = lstatSync(join(root, p)).isSymbolicLink();
    } catch {
      return 'missing';
    }
    const where = locate(p);
    if (where.kind !== 'inside') return where.kind;
    if (isLink) return 'symlink-inside';
    try {
      return statSync(where.real).isFile() ? 'file' : 'special';
    } catch {
      return 'missing';
    }
  };

  const cache = new Map<string, string | undefined>();
  const files: RepoFiles = {
    read(path) {
      const p = cleanPath(path);
      if (!cache.has(p)) {
        const result = readText(p);
        cache.set(p, result.kind === 'text' ? result.content : undefined);
      }
      return cache.get(p);
    },
    exists(path) {
      return locate(path).kind === 'inside';
    },
    isDirectory(path) {
      const where = locate(path);
      if (where.kind !== 'inside') return false;
      try {
        return statSync(where.real).isDirectory();
      } catch {
        return false;
      }
    },
    list(dir) {
      const where = locate(dir);
      if (where.kind !== 'inside') return [];
      try {
        return readdirSync(where.real).sort();
      } catch {
        return [];
      }
    },
  };

  return {
    root,
    readText,
    classify,
    files,
    notes: () =>
      [...refused]
        .sort()
        .map(
          (path) =>
            `${path}: a symlink that leads outside the repository; not followed (the target was not read)`,
        ),
  };
}
