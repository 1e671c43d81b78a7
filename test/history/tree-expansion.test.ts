import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createGitClient } from '../../src/git/git-client';
import { logChangesBounded, MAX_PATHS_PER_COMMIT } from '../../src/history/bounded-log';
import type { RawChange } from '../../src/history/raw-log';
import { TreeExpansion } from '../../src/history/tree-expansion';
import { cleanupGitRepos, createGitRepo, type GitRepo } from '../helpers/git-repo';

/**
 * Path counts from distinct trees, against git itself: `ls-tree -r` and `diff-tree -r` are the
 * oracle for every count small enough for git to list.
 */

afterAll(cleanupGitRepos);

function treeLoader(repo: GitRepo, reads: string[] = []) {
  const reader = createGitClient(repo.dir).openTreeReader(1 << 26);
  const load = async (ids: readonly string[]) => {
    reads.push(...ids);
    const out = new Map<string, Buffer>();
    await reader.read(ids, (object) => {
      if (object.content) out.set(object.id, Buffer.from(object.content));
    });
    return out;
  };
  return { load, close: () => reader.close() };
}

/** A tree of `files` blobs wrapped `levels` times in a tree listing its child `fanout` times. */
function bomb(repo: GitRepo, levels: number, fanout = 10, files = 10): string {
  const blobs = Array.from({ length: files }, (_, n) =>
    repo.git(['hash-object', '-w', '--stdin'], { input: `leaf ${n}\n` }),
  );
  let tree = repo.git(['mktree'], {
    input: blobs.map((blob, n) => `100644 blob ${blob}\tf${n}.txt\n`).join(''),
  });
  for (let level = 0; level < levels; level++)
    tree = repo.git(['mktree'], {
      input: Array.from({ length: fanout }, (_, n) => `040000 tree ${tree}\td${n}\n`).join(''),
    });
  return tree;
}

/** A tree with `entries` (`mode type id\tname` lines) written by `git mktree`. */
function mktree(repo: GitRepo, entries: string[]): string {
  return repo.git(['mktree'], { input: entries.map((entry) => `${entry}\n`).join('') });
}

function commitTree(repo: GitRepo, tree: string, parents: string[], message: string): string {
  return repo.git(['commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-m', message]);
}

describe('TreeExpansion', () => {
  it('counts what ls-tree -r and diff-tree -r list, on real trees', async () => {
    const repo = createGitRepo();
    repo.write('a/b/c.txt', '1\n').write('a/d.txt', '2\n').write('e.txt', '3\n');
    repo.write('x/y/z/1.txt', '4\n').write('x/y/z/2.txt', '5\n');
    const first = repo.commit('first');
    repo.write('a/b/c.txt', 'changed\n').write('x/y/new.txt', '6\n').remove('x/y/z/1.txt');
    // A file where a tree was: two entries of the same name.
    repo.remove('e.txt').write('e.txt/inner.txt', 'a tree where a file was\n');
    const second = repo.commit('second');
    const { load, close } = treeLoader(repo);
    const expansion = new TreeExpansion(load, 1000);
    const tree = (rev: string) => repo.revParse(`${rev}^{tree}`);
    const lines = (text: string) => text.split('\n').filter(Boolean).length;
    for (const rev of [first, second])
      expect(await expansion.count(tree(rev))).toBe(lines(repo.git(['ls-tree', '-r', rev])));
    expect(await expansion.changed(tree(second), tree(first))).toBe(
      lines(repo.git(['diff-tree', '-r', '--no-renames', first, second])),
    );
    expect(await expansion.changed(tree(first), undefined)).toBe(
      lines(repo.git(['diff-tree', '-r', '--root', '--no-commit-id', '--no-renames', first])),
    );
    await close();
  });

  it('counts a bomb of 10^9 paths from its ten distinct trees, capped past the limit', async () => {
    const repo = createGitRepo();
    const root = bomb(repo, 8);
    const reads: string[] = [];
    const { load, close } = treeLoader(repo, reads);
    const expansion = new TreeExpansion(load, MAX_PATHS_PER_COMMIT);
    expect(await expansion.count(root)).toBe(MAX_PATHS_PER_COMMIT + 1);
    expect(new Set(reads).size).toBe(9);
    // A smaller one is counted exactly (10 × 10^3).
    expect(await new TreeExpansion(load, MAX_PATHS_PER_COMMIT).count(bomb(repo, 3))).toBe(10_000);
    await close();
  });

  it('leaves out the smallest subtree that holds the bomb, and finds its distinct files', async () => {
    const repo = createGitRepo();
    const readme = repo.git(['hash-object', '-w', '--stdin'], { input: 'hello\n' });
    const inner = mktree(repo, [
      `040000 tree ${bomb(repo, 8)}\tbomb`,
      `100644 blob ${readme}\tok.txt`,
    ]);
    const app = mktree(repo, [`040000 tree ${inner}\tstatic`]);
    const root = mktree(repo, [`040000 tree ${app}\tapp`, `100644 blob ${readme}\tREADME.md`]);
    const { load, close } = treeLoader(repo);
    const expansion = new TreeExpansion(load, MAX_PATHS_PER_COMMIT);
    const found = await expansion.oversized(root, undefined);
    expect(found?.paths).toEqual(['app/static/bomb']);
    expect(found?.inParent).toBe(false);
    // Already left out: nothing more to leave out.
    expect(await expansion.oversized(root, undefined, ['app/static/bomb'])).toBeUndefined();
    expect(await expansion.oversized(root, undefined, ['app'])).toBeUndefined();
    // Removed by a commit: the tree is the parent's.
    const removed = await expansion.oversized(
      mktree(repo, [`100644 blob ${readme}\tREADME.md`]),
      root,
    );
    expect(removed).toMatchObject({ paths: ['app/static/bomb'], inParent: true });
    const files = await expansion.filesAt(root, ['app/static/bomb'], 100);
    expect(files).toHaveLength(10);
    expect(files[0]?.path).toBe('app/static/bomb/d0/d0/d0/d0/d0/d0/d0/d0/f0.txt');
    await close();
  });

  it('leaves out the level above a name no pathspec can name', async () => {
    const repo = createGitRepo();
    const big = bomb(repo, 7);
    // `git mktree` takes any bytes but a slash in a name: here one that is not UTF-8.
    const odd = execFileSync('git', ['mktree', '-z'], {
      cwd: repo.dir,
      input: Buffer.concat([Buffer.from(`040000 tree ${big}\tlatin`), Buffer.from([0xe9, 0])]),
      encoding: 'utf8',
    }).trim();
    const root = mktree(repo, [`040000 tree ${odd}\tvendor`]);
    const { load, close } = treeLoader(repo);
    const found = await new TreeExpansion(load, MAX_PATHS_PER_COMMIT).oversized(root, undefined);
    expect(found?.paths).toEqual(['vendor']);
    // A subtree whose every part is left out is left out as one path.
    const deps = mktree(repo, [`040000 tree ${big}\ta`, `040000 tree ${bomb(repo, 6)}\tb`]);
    const whole = mktree(repo, [`040000 tree ${deps}\tdeps`]);
    const expansion = new TreeExpansion(load, MAX_PATHS_PER_COMMIT);
    expect((await expansion.oversized(whole, undefined))?.paths).toEqual(['deps']);
    await close();
  });
});

describe('logChangesBounded on a git bomb', () => {
  it('newest first from the commit that removes it: names the commit that holds it, and scans its files once each', async () => {
    const repo = createGitRepo();
    repo.write('README.md', 'hello\n');
    const base = repo.commit('base');
    const readme = repo.revParse('HEAD:README.md');
    const withBomb = mktree(repo, [
      `100644 blob ${readme}\tREADME.md`,
      `040000 tree ${bomb(repo, 8)}\tbomb`,
    ]);
    const holder = commitTree(repo, withBomb, [base], 'add a bomb');
    const removes = commitTree(repo, repo.revParse(`${base}^{tree}`), [holder], 'remove it');
    const commits: string[] = [];
    const changes: (RawChange & { commit: string })[] = [];
    const unlisted = await logChangesBounded(
      createGitClient(repo.dir),
      { include: [removes], order: 'newest-first' },
      {
        onCommit: (sha) => commits.push(sha),
        onChange: (change) => changes.push({ ...change, commit: commits.at(-1) ?? '' }),
      },
    );
    expect(unlisted).toHaveLength(1);
    expect(unlisted[0]).toMatchObject({
      kind: 'tree-bomb',
      object: removes,
      holder,
      paths: ['bomb'],
    });
    expect(commits).toEqual([removes, holder, base]);
    const bombFiles = changes.filter((change) => change.path.startsWith('bomb/'));
    expect(bombFiles).toHaveLength(10);
    expect(new Set(bombFiles.map((change) => change.commit))).toEqual(new Set([holder]));
    expect(changes.filter((change) => change.path === 'README.md')).toHaveLength(1);
  });

  it('lists every other path of every commit, the bomb path of other commits left out', async () => {
    const repo = createGitRepo();
    repo.write('README.md', 'hello\n').write('src/app.py', 'x = 1\n');
    const base = repo.commit('base');
    const tree = repo.revParse(`${base}^{tree}`);
    const entries = repo.git(['ls-tree', tree]).split('\n');
    const bombTree = bomb(repo, 8);
    const holder = commitTree(
      repo,
      mktree(repo, [...entries, `040000 tree ${bombTree}\tbomb`]),
      [base],
      'bomb',
    );
    // The next commit changes src/app.py beside the bomb (plumbing: nothing is checked out).
    const changed = repo.git(['hash-object', '-w', '--stdin'], { input: 'x = 2\n' });
    const src = mktree(repo, [`100644 blob ${changed}\tapp.py`]);
    const next = entries.map((entry) =>
      entry.endsWith('\tsrc') ? `040000 tree ${src}\tsrc` : entry,
    );
    const after = commitTree(
      repo,
      mktree(repo, [...next, `040000 tree ${bombTree}\tbomb`]),
      [holder],
      'after',
    );
    const seen: string[] = [];
    const unlisted = await logChangesBounded(
      createGitClient(repo.dir),
      { include: [after], order: 'oldest-first' },
      { onCommit: (sha) => seen.push(sha), onChange: (change) => seen.push(change.path) },
    );
    expect(unlisted.map((item) => item.object)).toEqual([holder]);
    expect(seen.filter((entry) => entry === 'src/app.py')).toHaveLength(2);
    expect(seen.filter((entry) => [base, holder, after].includes(entry))).toEqual([
      base,
      holder,
      after,
    ]);
  });
});
