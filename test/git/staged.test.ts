import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGitClient } from '../../src/git/git-client';
import { readStagedFiles } from '../../src/git/staged';
import { cleanupGitRepos, createGitRepo } from '../helpers/git-repo';

afterAll(() => cleanupGitRepos());

const texts = (files: Awaited<ReturnType<typeof readStagedFiles>>) =>
  Object.fromEntries(files.map((f) => [f.path, f.content?.toString('utf8')]));

describe('readStagedFiles (real git)', () => {
  it('before the first commit: every staged regular file, as staged; never a symlink', async () => {
    const repo = createGitRepo();
    repo.write('a.py', 'staged\n').write('*', 'a file named star\n');
    symlinkSync('a.py', join(repo.dir, 'link.py'));
    repo.git(['add', '-A']);
    repo.write('a.py', 'work tree only\n');
    expect(texts(await readStagedFiles(createGitClient(repo.dir), undefined, 1024))).toEqual({
      '*': 'a file named star\n',
      'a.py': 'staged\n',
    });
  });

  it('after a commit: only what the index changes (not deletions); named files whatever they are', async () => {
    const repo = createGitRepo();
    repo.write('same.py', 'same\n').write('gone.py', 'gone\n').write('dir/b.py', 'old\n');
    repo.commit('initial');
    repo.write('dir/b.py', 'new\n');
    repo.git(['add', 'dir/b.py']);
    repo.git(['rm', '-q', 'gone.py']);
    expect(texts(await readStagedFiles(createGitClient(repo.dir), undefined, 1024))).toEqual({
      'dir/b.py': 'new\n',
    });
    // Named: the index's version of each (an unchanged file too; an unknown name is nothing).
    expect(
      texts(
        await readStagedFiles(
          createGitClient(repo.dir),
          ['same.py', 'dir/b.py', 'nope.py', 'gone.py'],
          1024,
        ),
      ),
    ).toEqual({ 'dir/b.py': 'new\n', 'same.py': 'same\n' });
    // From a subdirectory: paths relative to it, only what is below it.
    expect(
      texts(await readStagedFiles(createGitClient(join(repo.dir, 'dir')), undefined, 1024)),
    ).toEqual({
      'b.py': 'new\n',
    });
  });

  it('cuts a blob at maxBytes and says so', async () => {
    const repo = createGitRepo();
    repo.write('big.txt', 'x'.repeat(5000));
    repo.git(['add', '-A']);
    const [big] = await readStagedFiles(createGitClient(repo.dir), undefined, 100);
    expect(big?.truncated).toBe(true);
    expect(big?.content?.length).toBe(100);
  });
});
