import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
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
 * The paths to scan: git-tracked files plus untracked files that are not ignored. Outside a git
 * work tree, every file and symlink below the root except well-known dependency and cache folders.
 * Nothing here is read: the confined reader decides what each path is (and refuses symlinks that
 * lead outside).
 */
export async function listWorkspaceFiles(root: string, git: GitClient): Promise<WorkspaceListing> {
  const listed = await git.listWorkTreeFiles();
  if (!listed) return { files: walk(root, root).sort(), isGitRepository: false };
  // Deleted-but-tracked files are listed by --cached too: the reader reports them missing.
  return { files: listed.sort(), isGitRepository: true };
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
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      out.push(relative(root, full).split(sep).join('/'));
    }
  }
  return out;
}

/** HEAD's commit id, or undefined outside a git work tree (or before the first commit). */
export async function readHeadCommit(git: GitClient): Promise<string | undefined> {
  return git.resolveCommit('HEAD').catch(() => undefined);
}

/**
 * Where the scanned directory sits in its repository, as git's prefix (`backend/`), or '' at the
 * top or outside a work tree. Every path a report shows is relative to the repository's top.
 */
export async function readRepositoryPrefix(git: GitClient): Promise<string> {
  return git.repositoryPrefix().catch(() => '');
}
