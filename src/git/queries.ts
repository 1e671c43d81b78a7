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

/**
 * For each of `commits`, the short names of the refs (branches, tags, remote-tracking) that
 * contain it, at most `limit` each. One walk of the commit graph for all of them: running
 * `for-each-ref --contains` per commit cost ~0.8 s each on a 9,000-commit repository with 900
 * refs, which dominated a full scan with a few dozen findings.
 */
export async function refsContainingCommits(
  git: GitClient,
  commits: readonly string[],
  limit: number,
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(commits.map((commit) => [commit, []]));
  if (commits.length === 0) return result;
  // Tips peeled to commits: `*objectname` is the commit an annotated tag points at.
  const tips = new Map<string, string[]>();
  const refs = await git.run([
    'for-each-ref',
    '--format=%(refname:short) %(objectname) %(*objectname)',
    'refs/heads',
    'refs/tags',
    'refs/remotes',
  ]);
  for (const line of refs.stdout.split('\n')) {
    const [name, object, peeled] = line.split(' ');
    if (!name || !object || name.endsWith('/HEAD')) continue;
    const tip = peeled || object;
    tips.set(tip, [...(tips.get(tip) ?? []), name]);
  }
  // children of every commit reachable from those refs
  const children = new Map<string, string[]>();
  await git.stream(
    ['rev-list', '--parents', '--exclude=refs/stash', '--all', '--'],
    '\n',
    (line) => {
      if (line === '') return;
      const [child, ...parents] = line.split(' ');
      for (const parent of parents) {
        const list = children.get(parent);
        if (list) list.push(child!);
        else children.set(parent, [child!]);
      }
    },
  );
  for (const commit of commits) {
    // Every descendant of `commit` (and itself); a ref contains it when its tip is one of them.
    const seen = new Set<string>([commit]);
    const stack = [commit];
    const names: string[] = [];
    while (stack.length > 0) {
      const current = stack.pop()!;
      for (const name of tips.get(current) ?? []) names.push(name);
      for (const child of children.get(current) ?? []) {
        if (!seen.has(child)) {
          seen.add(child);
          stack.push(child);
        }
      }
    }
    result.set(commit, names.sort().slice(0, limit));
  }
  return result;
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
