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

  it("streams tokens and reports failures with git's message", async () => {
    const repo = createGitRepo();
    repo.write('a b.txt', '1\n').write('c.txt', '2\n').commit('add');
    const git = createGitClient(repo.dir);
    const paths: string[] = [];
    await git.stream(['ls-files', '-z'], '\0', (token) => {
      if (token !== '') paths.push(token);
    });
    expect(paths).toEqual(['a b.txt', 'c.txt']);
    await expect(git.stream(['log', 'no-such-rev', '--'], '\n', () => {})).rejects.toThrow(
      /no-such-rev/,
    );
    await expect(git.run(['rev-parse', '--verify', 'nope'])).rejects.toThrow(/exited with 128/);
  });
});
