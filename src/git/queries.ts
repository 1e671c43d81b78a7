import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { GitClient } from './git-client';

/** Small typed questions to git, used by the history scan. Each is one process. */

export const ZERO_SHA = /^0+$/;

export async function isGitRepository(git: GitClient): Promise<boolean> {
  const result = await git.run(['rev-parse', '--git-dir'], { allowFailure: true });
  return result.code === 0;
}

export async function isShallowRepository(git: GitClient): Promise<boolean> {
  const result = await git.run(['rev-parse', '--is-shallow-repository']);
  return result.stdout.trim() === 'true';
}

/** Full sha of `rev` peeled to a commit, or undefined when it doesn't name one. */
export async function resolveCommit(git: GitClient, rev: string): Promise<string | undefined> {
  // `--end-of-options` keeps a ref named like an option from being read as one.
  const result = await git.run(
    ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`],
    {
      allowFailure: true,
    },
  );
  const sha = result.stdout.trim();
  return result.code === 0 && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}

export async function mergeBaseOf(
  git: GitClient,
  a: string,
  b: string,
): Promise<string | undefined> {
  const result = await git.run(['merge-base', a, b], { allowFailure: true });
  const sha = result.stdout.trim().split('\n')[0] ?? '';
  return result.code === 0 && sha !== '' ? sha : undefined;
}

/** Commits listed in `.git/shallow`: their parents were cut off by a shallow clone. */
export async function readShallowCommits(git: GitClient): Promise<Set<string>> {
  const shallow = new Set<string>();
  const path = (await git.run(['rev-parse', '--git-path', 'shallow'])).stdout.trim();
  try {
    const text = await readFile(resolve(git.repoDir, path), 'utf8');
    for (const line of text.split('\n')) if (line.trim() !== '') shallow.add(line.trim());
  } catch {
    // No shallow file: the repository is complete.
  }
  return shallow;
}

/** Commits in `range` arguments (e.g. [`base..head`]), newest first. */
export async function listCommits(git: GitClient, revs: readonly string[]): Promise<string[]> {
  const commits: string[] = [];
  await git.stream(['rev-list', ...revs, '--'], '\n', (line) => {
    if (line !== '') commits.push(line);
  });
  return commits;
}

export async function countCommits(git: GitClient, revs: readonly string[]): Promise<number> {
  let count = 0;
  await git.stream(['rev-list', ...revs, '--'], '\n', (line) => {
    if (line !== '') count += 1;
  });
  return count;
}

/** Every ref the history scan covers, `name → object` (refs/stash left out: it's local scratch). */
export async function listScannedRefs(git: GitClient): Promise<Map<string, string>> {
  const result = await git.run(['for-each-ref', '--format=%(refname) %(objectname)']);
  const refs = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const space = line.lastIndexOf(' ');
    const name = line.slice(0, space);
    if (space > 0 && name !== 'refs/stash') refs.set(name, line.slice(space + 1));
  }
  return refs;
}

/** Short names of refs that contain `commit`, at most `limit` (+ whether more exist). */
export async function refsContaining(
  git: GitClient,
  commit: string,
  limit: number,
): Promise<{ refs: string[]; more: number }> {
  const result = await git.run(
    [
      'for-each-ref',
      '--contains',
      commit,
      '--format=%(refname:short)',
      'refs/heads',
      'refs/tags',
      'refs/remotes',
    ],
    { allowFailure: true },
  );
  const all = result.stdout.split('\n').filter((ref) => ref !== '' && !ref.endsWith('/HEAD'));
  return { refs: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}

/** `(path, blob)` of every regular file in `commit`'s tree. */
export async function listTreeBlobs(
  git: GitClient,
  commit: string,
  onEntry: (path: string, blob: string) => void,
): Promise<void> {
  await git.stream(['ls-tree', '-r', '-z', '--full-tree', commit], '\0', (entry) => {
    // `<mode> SP <type> SP <object> TAB <path>`
    const tab = entry.indexOf('\t');
    if (tab === -1) return;
    const [mode = '', type = '', object = ''] = entry.slice(0, tab).split(' ');
    if (type !== 'blob' || mode === '120000') return;
    onEntry(entry.slice(tab + 1), object);
  });
}

/** Runs `git fetch` with the given arguments; returns whether it worked and its stderr. */
export async function tryFetch(
  git: GitClient,
  args: readonly string[],
): Promise<{ ok: boolean; stderr: string }> {
  const result = await git.run(['fetch', '--no-tags', '--quiet', ...args], { allowFailure: true });
  return { ok: result.code === 0, stderr: result.stderr.trim() };
}
