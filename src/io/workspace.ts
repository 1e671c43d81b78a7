import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { RepoFiles } from '../core/repo-files';
import { decodeBlob, DEFAULT_MAX_FILE_BYTES } from '../core/text-decode';
import type { GitClient } from '../git/git-client';

export interface WorkspaceListing {
  /** Repository-relative paths with `/`. */
  files: string[];
  isGitRepository: boolean;
}

/** Directories never worth scanning when the path is not a git work tree. */
const SKIPPED_DIRS = new Set([
  '.git',
  'node_modules',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.mypy_cache',
]);

/**
 * The files to scan: git-tracked files plus untracked files that are not ignored. Outside a git
 * work tree, every file below the root except well-known dependency and cache folders.
 */
export async function listWorkspaceFiles(root: string, git: GitClient): Promise<WorkspaceListing> {
  const listed = await git.listWorkTreeFiles();
  if (!listed) return { files: walk(root, root).sort(), isGitRepository: false };
  // Deleted-but-tracked files are listed by --cached: keep only those present on disk.
  return { files: listed.sort().filter((f) => isFile(join(root, f))), isGitRepository: true };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function walk(root: string, dir: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...walk(root, full));
    } else if (entry.isFile()) {
      out.push(relative(root, full).split(sep).join('/'));
    }
  }
  return out;
}

export type ReadResult =
  { kind: 'text'; content: string; truncated: boolean } | { kind: 'binary' } | { kind: 'missing' };

/** Reads at most `maxBytes` of a file; binary files are reported, not decoded. */
export function readWorkspaceFile(
  root: string,
  path: string,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): ReadResult {
  let fd: number;
  try {
    fd = openSync(join(root, path), 'r');
  } catch {
    return { kind: 'missing' };
  }
  try {
    const size = statSync(join(root, path)).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const n = readSync(fd, buffer, read, length - read, read);
      if (n === 0) break;
      read += n;
    }
    const truncated = size > maxBytes;
    const content = decodeBlob(buffer.subarray(0, read), truncated);
    if (content === undefined) return { kind: 'binary' };
    // The UTF-8 decoder drops a byte-order mark itself.
    return { kind: 'text', content, truncated };
  } catch {
    return { kind: 'missing' };
  } finally {
    closeSync(fd);
  }
}

/** A RepoFiles over the file system, caching reads (settings evaluation reads files repeatedly). */
export function createFsRepoFiles(root: string, maxBytes = DEFAULT_MAX_FILE_BYTES): RepoFiles {
  const cache = new Map<string, string | undefined>();
  const clean = (p: string) => p.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return {
    read(path) {
      const p = clean(path);
      if (p.split('/').includes('..')) return undefined;
      if (!cache.has(p)) {
        const result = readWorkspaceFile(root, p, maxBytes);
        cache.set(p, result.kind === 'text' ? result.content : undefined);
      }
      return cache.get(p);
    },
    exists(path) {
      const p = clean(path);
      if (p.split('/').includes('..')) return false;
      try {
        statSync(join(root, p));
        return true;
      } catch {
        return false;
      }
    },
    isDirectory(path) {
      const p = clean(path);
      try {
        return statSync(join(root, p)).isDirectory();
      } catch {
        return false;
      }
    },
    list(dir) {
      const p = clean(dir);
      try {
        return readdirSync(join(root, p)).sort();
      } catch {
        return [];
      }
    },
  };
}

/** HEAD's commit id, or undefined outside a git work tree (or before the first commit). */
export async function readHeadCommit(git: GitClient): Promise<string | undefined> {
  return git.resolveCommit('HEAD').catch(() => undefined);
}
