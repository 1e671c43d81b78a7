import { afterAll, describe, expect, it } from 'vitest';
import { createGitClient, type BlobContent } from '../../src/git/git-client';
import { cleanupGitRepos, createGitRepo } from '../helpers/git-repo';

afterAll(cleanupGitRepos);

describe('createGitClient', () => {
  it('streams blobs through one cat-file --batch, in order, cutting big ones at the limit', async () => {
    const repo = createGitRepo();
    const big = 'x'.repeat(1_000_000) + '\n';
    repo.write('small.txt', 'hello\n').write('big.txt', big).write('empty.txt', '');
    repo.commit('add');
    const id = (path: string) => repo.revParse(`HEAD:${path}`);
    const git = createGitClient(repo.dir);
    const reader = git.openBlobReader(64 * 1024);
    const seen: BlobContent[] = [];
    // Two requests in flight at once must come back in request order.
    const first = reader.read([id('small.txt'), id('big.txt')], (blob) => seen.push(blob));
    const second = reader.read([id('empty.txt'), 'f'.repeat(40), repo.head()], (blob) =>
      seen.push(blob),
    );
    await Promise.all([first, second]);
    await reader.read([id('small.txt')], (blob) => seen.push(blob));
    await reader.close();

    expect(seen.map((blob) => [blob.content?.length, blob.size, blob.truncated])).toEqual([
      [6, 6, false],
      [64 * 1024, big.length, true],
      [0, 0, false],
      [undefined, 0, false], // missing object
      [undefined, expect.any(Number), false], // a commit, not a blob
      [6, 6, false],
    ]);
    expect(seen[0]?.content?.toString()).toBe('hello\n');
  });

  it("lists files, trees and commits through named operations; failures carry git's message", async () => {
    const repo = createGitRepo();
    repo.write('a b.txt', '1\n').write('c.txt', '2\n').commit('add');
    repo
      .write('untracked.txt', '3\n')
      .write('.gitignore', 'ignored.txt\n')
      .write('ignored.txt', '4\n');
    const git = createGitClient(repo.dir);
    expect((await git.listWorkTreeFiles())?.sort()).toEqual([
      '.gitignore',
      'a b.txt',
      'c.txt',
      'untracked.txt',
    ]);
    const entries: string[] = [];
    await git.lsTree('HEAD', (path) => entries.push(path));
    expect(entries).toEqual(['a b.txt', 'c.txt']);
    expect(await git.resolveCommit('HEAD')).toBe(repo.head());
    expect(await git.resolveCommit('--output=/tmp/x')).toBeUndefined();
    await expect(
      git.logRaw({ include: ['f'.repeat(40)], order: 'oldest-first' }, '--format=%H', () => {}),
    ).rejects.toThrow(/exited with 128/);
  });

  it('lists refs with their object types, peeling nested tags', async () => {
    const repo = createGitRepo();
    repo.write('a.txt', 'a\n').commit('one');
    const blob = repo.revParse('HEAD:a.txt');
    repo.tag('blob-tag', { target: blob });
    repo.tag('tree-tag', { annotated: true, target: 'HEAD^{tree}' });
    repo.tag('outer', { annotated: true, target: 'tree-tag' });
    const refs = await createGitClient(repo.dir).listRefs();
    const byName = new Map(refs.map((ref) => [ref.name, ref]));
    expect(byName.get('refs/heads/main')).toMatchObject({ type: 'commit', short: 'main' });
    expect(byName.get('refs/tags/blob-tag')).toMatchObject({ type: 'blob', object: blob });
    expect(byName.get('refs/tags/tree-tag')).toMatchObject({
      type: 'tag',
      peeled: { type: 'tree', object: repo.revParse('HEAD^{tree}') },
      date: '2024-01-01T01:00:00+00:00',
    });
    expect(byName.get('refs/tags/outer')?.peeled).toEqual({
      type: 'tree',
      object: repo.revParse('HEAD^{tree}'),
    });
  });
});
