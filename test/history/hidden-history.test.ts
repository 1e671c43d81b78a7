import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/core/fingerprint';
import { RecordingLogger } from '../../src/core/logger';
import { scanHistory } from '../../src/history/scan-history';
import { runScan } from '../../src/scan/run-scan';
import { cleanupGitRepos, createGitRepo, GitRepo } from '../helpers/git-repo';
import { generateToken, testRules } from './test-rules';

/** History that the repository could hide from a scan: grafts, ref targets, missing objects. */
afterAll(cleanupGitRepos);

async function scanFull(dir: string) {
  const logger = new RecordingLogger();
  const result = await scanHistory({ repoDir: dir, mode: 'full', rules: testRules, logger });
  return { ...result, logger };
}

describe('history hides nothing', () => {
  it('a .git/info/grafts entry that skips the leaking commit hides nothing, and is reported', async () => {
    const repo = createGitRepo();
    const secret = generateToken();
    repo.write('app.py', 'DEBUG = False\n');
    const first = repo.commit('clean');
    repo.write('app.py', `TOKEN = "${secret}"\n`);
    const leak = repo.commit('leak');
    repo.write('app.py', 'DEBUG = False\nTOKEN = None\n');
    const last = repo.commit('remove');
    // `last`'s parent is now `first` for git: `leak` is cut out of history.
    writeFileSync(join(repo.dir, '.git', 'info', 'grafts'), `${last} ${first}\n`);
    expect(repo.git(['rev-list', '--count', 'HEAD'])).toBe('2');

    const result = await scanFull(repo.dir);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ commit: leak, secretHash: hashSecret(secret) });
    expect(result.coverage.warnings).toEqual([
      expect.stringMatching(/\.git\/info\/grafts file; it was ignored/),
    ]);
  });

  it('reads blobs and trees that tags point at directly, attributed to the tag', async () => {
    const repo = createGitRepo();
    repo.write('README.md', '# app\n').commit('init');
    const inBlob = generateToken();
    const inTree = generateToken();
    // Objects that no commit holds: only the tags reach them.
    const blob = repo.git(['hash-object', '-w', '--stdin'], { input: `TOKEN = "${inBlob}"\n` });
    const treeBlob = repo.git(['hash-object', '-w', '--stdin'], {
      input: `API = "${inTree}"\n`,
    });
    const config = repo.git(['mktree'], { input: `100644 blob ${treeBlob}\tkeys.py\n` });
    const deploy = repo.git(['mktree'], { input: `040000 tree ${config}\tconfig\n` });
    const subtree = repo.git(['mktree'], { input: `040000 tree ${deploy}\tdeploy\n` });
    repo.tag('leaked-blob', { target: blob });
    repo.tag('leaked-tree', { annotated: true, message: 'a tree', target: subtree });

    const result = await scanFull(repo.dir);
    const byHash = new Map(result.findings.map((finding) => [finding.secretHash, finding]));
    expect(byHash.get(hashSecret(inBlob))).toMatchObject({
      file: 'refs/tags/leaked-blob',
      commit: blob,
      refs: ['leaked-blob'],
      inHead: false,
    });
    const tagObject = repo.revParse('leaked-tree');
    expect(byHash.get(hashSecret(inTree))).toMatchObject({
      file: 'deploy/config/keys.py',
      commit: tagObject,
      authorDate: '2024-01-01T01:00:00+00:00',
      refs: ['leaked-tree'],
    });
    expect(result.findings).toHaveLength(2);
  });

  it('a secret both committed and tagged is attributed to the commit', async () => {
    const repo = createGitRepo();
    const secret = generateToken();
    repo.write('app.py', `TOKEN = "${secret}"\n`);
    const commit = repo.commit('leak');
    repo.tag('blob', { target: 'HEAD:app.py' });
    const result = await scanFull(repo.dir);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ commit, file: 'app.py' });
  });

  it('a partial clone whose promisor is gone: missing blobs are counted and warned, in every mode', async () => {
    const upstream = createGitRepo();
    upstream.git(['config', 'uploadpack.allowFilter', 'true']);
    const secret = generateToken();
    upstream.write('app.py', `TOKEN = "${secret}"\n`).commit('leak');
    upstream.write('app.py', 'TOKEN = None\n').commit('remove');
    upstream.write('app.py', 'TOKEN = None\nDEBUG = False\n').commit('more');
    const base = upstream.revParse('HEAD~2');
    const clone = new GitRepo(mkdtempSync(join(tmpdir(), 'ddg-partial-')));
    upstream.git(['clone', '-q', '--filter=blob:none', `file://${upstream.dir}`, clone.dir]);
    // The promisor remote is unreachable from now on.
    renameSync(upstream.dir, `${upstream.dir}-gone`);

    const full = await scanFull(clone.dir);
    expect(full.findings).toEqual([]);
    expect(full.coverage.warnings).toEqual([
      expect.stringMatching(/^2 blob\(s\) listed in history are missing/),
    ]);

    for (const history of ['off', 'full', 'range'] as const) {
      const outcome = await runScan({
        root: clone.dir,
        given: { history, ...(history === 'range' ? { base, head: 'HEAD' } : {}) },
        logger: new RecordingLogger(),
      });
      expect(outcome.result.history.warnings).toEqual(
        history === 'off' ? [] : [expect.stringMatching(/blob\(s\) listed in history are missing/)],
      );
    }
    renameSync(`${upstream.dir}-gone`, upstream.dir);
    rmSync(clone.dir, { recursive: true, force: true });
  });
});
