import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors';
import { hashSecret } from '../../src/core/fingerprint';
import { RecordingLogger } from '../../src/core/logger';
import type { Finding } from '../../src/core/types';
import {
  scanHistory,
  type HistoryScanOptions,
  type HistoryScanResult,
} from '../../src/history/scan-history';
import { cleanupGitRepos, createGitRepo } from '../helpers/git-repo';
import type { SecretRule } from '../../src/secrets/rule';
import { generateEnvValue, generateToken, testRules, testTokenRule } from './test-rules';

afterAll(cleanupGitRepos);

const planted: string[] = [];
/** A fresh token, remembered so that every result can be checked not to contain it. */
function plant(generate = generateToken): string {
  const secret = generate();
  planted.push(secret);
  return secret;
}

async function scan(
  repoDir: string,
  options: Partial<HistoryScanOptions> = {},
): Promise<HistoryScanResult & { logger: RecordingLogger }> {
  const logger = new RecordingLogger();
  const result = await scanHistory({ repoDir, mode: 'full', rules: testRules, logger, ...options });
  assertNoSecretLeaks(result);
  return { ...result, logger };
}

/** Nothing but secretsToMask may carry a planted value. */
function assertNoSecretLeaks(result: HistoryScanResult): void {
  const text = JSON.stringify({ ...result, secretsToMask: undefined });
  for (const secret of planted) expect(text.includes(secret)).toBe(false);
}

function bySecret(findings: readonly Finding[], secret: string): Finding[] {
  const hash = hashSecret(secret);
  return findings.filter((finding) => finding.secretHash === hash);
}

describe('scanHistory: full history', () => {
  it('reports a key committed and later replaced by an env read, as removed but in history', async () => {
    const repo = createGitRepo();
    const secret = plant();
    repo.write('README.md', '# app\n');
    repo.commit('init');
    repo.write('app/settings.py', `import os\n\nDEBUG = False\nAPI_TOKEN = "${secret}"\n`);
    const introduced = repo.commit('add settings');
    repo.write(
      'app/settings.py',
      `import os\n\nDEBUG = False\nAPI_TOKEN = os.environ["API_TOKEN"]\n`,
    );
    repo.commit('read token from env');

    const result = await scan(repo.dir);
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding).toMatchObject({
      ruleId: 'TEST001',
      source: 'history',
      file: 'app/settings.py',
      line: 4,
      commit: introduced,
      authorDate: '2024-01-01T02:00:00+00:00',
      inHead: false,
      refs: ['main'],
      secretHash: hashSecret(secret),
    });
    expect(finding?.message).toMatch(/removed, but still in history: rotate it/);
    expect(finding?.current).toBe(false);
    expect(finding?.locations).toEqual([
      {
        source: 'history',
        ruleId: 'TEST001',
        current: false,
        severity: finding?.severity,
        commit: introduced,
        file: 'app/settings.py',
        line: 4,
        authorDate: '2024-01-01T02:00:00+00:00',
      },
    ]);
    expect(result.secretsToMask).toEqual([secret]);
    expect(result.coverage).toMatchObject({
      mode: 'full',
      commits: 3,
      shallow: false,
      blobsFromCache: 0,
    });
    expect(result.coverage.blobs).toBe(3);
  });

  it('reports a .env committed, then deleted and gitignored, by the path rule', async () => {
    const repo = createGitRepo();
    const value = plant(generateEnvValue);
    repo.write('manage.py', 'print(1)\n');
    repo.commit('init');
    repo.write('.env', `# local\nDEBUG=1\nDATABASE_PASSWORD=${value}\n`);
    const introduced = repo.commit('add env');
    repo.remove('.env');
    repo.write('.gitignore', '.env\n');
    repo.commit('remove env');
    // The same content under a name the path rule does not cover is not a dotenv finding.
    repo.write('docs/env.txt', `DATABASE_PASSWORD=${value}\n`);
    repo.commit('document');

    const result = await scan(repo.dir);
    const findings = bySecret(result.findings, value);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'TEST002',
      file: '.env',
      line: 3,
      commit: introduced,
      inHead: false,
      severity: 'critical',
    });
    expect(findings[0]?.locations?.map((location) => location.file)).toEqual(['.env']);
  });

  it('applies a path rule to a blob first seen under another path', async () => {
    const repo = createGitRepo();
    const value = plant(generateEnvValue);
    const content = `API_SECRET=${value}\n`;
    repo.write('docs/sample.txt', content);
    repo.commit('docs');
    repo.write('deploy/.env', content);
    const introduced = repo.commit('env');

    const result = await scan(repo.dir);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      ruleId: 'TEST002',
      file: 'deploy/.env',
      commit: introduced,
      inHead: true,
    });
    // Where HEAD holds it now, then where it was introduced.
    expect(result.findings[0]?.locations?.map((l) => [l.file, l.current])).toEqual([
      ['deploy/.env', true],
      ['deploy/.env', false],
    ]);
  });

  it('finds a secret that only lives on an unmerged branch and names that branch', async () => {
    const repo = createGitRepo();
    const secret = plant();
    repo.write('app.py', 'x = 1\n');
    repo.commit('init');
    repo.branch('feature').checkout('feature');
    repo.write('app.py', `x = 1\ntoken = "${secret}"\n`);
    const introduced = repo.commit('wip');
    repo.checkout('main');
    repo.write('other.py', 'y = 2\n');
    repo.commit('main moves on');

    const result = await scan(repo.dir);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      commit: introduced,
      refs: ['feature'],
      inHead: false,
      line: 2,
    });
  });

  it('finds a secret that exists only in a hand-made merge resolution', async () => {
    const repo = createGitRepo();
    const secret = plant();
    repo.write('settings.py', 'TOKEN = None\n');
    repo.commit('init');
    repo.branch('left').branch('right');
    repo.checkout('left').write('settings.py', 'TOKEN = "left"\n').commit('left');
    repo.checkout('right').write('settings.py', 'TOKEN = "right"\n').commit('right');
    repo.checkout('left');
    const merge = repo.merge('right', { resolve: { 'settings.py': `TOKEN = "${secret}"\n` } });
    expect(repo.git(['rev-list', '--parents', '-n1', merge]).split(' ')).toHaveLength(3);
    repo.checkout('main');

    const result = await scan(repo.dir);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      commit: merge,
      file: 'settings.py',
      line: 1,
      inHead: false,
    });
    expect(result.findings[0]?.refs).toEqual(['left']);
  });

  it('finds a secret reachable only from an annotated tag on an orphan commit', async () => {
    const repo = createGitRepo();
    const secret = plant();
    repo.write('app.py', 'x = 1\n');
    repo.commit('init');
    repo.checkoutOrphan('orphan');
    repo.write('keys.txt', `deploy ${secret}\n`);
    const orphan = repo.commit('orphan');
    repo.tag('v0-orphan', { annotated: true, message: 'orphan tag' });
    repo.checkout('main');
    repo.git(['branch', '-D', 'orphan']);

    const result = await scan(repo.dir);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      commit: orphan,
      file: 'keys.txt',
      refs: ['v0-orphan'],
    });
    expect(result.coverage.refs).toBe(2);
  });

  it('reports a key in a file renamed twice as one finding with a location per path', async () => {
    const repo = createGitRepo();
    const secret = plant();
    repo.write('config/settings.py', `A = 1\nTOKEN = "${secret}"\n`);
    const first = repo.commit('add');
    repo.rename('config/settings.py', 'config/base.py');
    const second = repo.commit('rename 1');
    repo.rename('config/base.py', 'project/settings/base.py');
    const third = repo.commit('rename 2');

    const result = await scan(repo.dir);
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    // Placed where HEAD holds it now; every path it was introduced at follows, with its commit.
    expect(finding).toMatchObject({
      commit: first,
      file: 'project/settings/base.py',
      line: 2,
      current: true,
      inHead: true,
    });
    expect(finding?.message).toMatch(/still committed\)$/);
    expect(finding?.locations?.map((l) => [l.commit, l.file, l.line])).toEqual([
      [undefined, 'project/settings/base.py', 2],
      [first, 'config/settings.py', 2],
      [second, 'config/base.py', 2],
      [third, 'project/settings/base.py', 2],
    ]);
    // One blob, read once.
    expect(result.coverage.blobs).toBe(1);
  });

  it('gets line numbers right in CRLF and Latin-1 files', async () => {
    const repo = createGitRepo();
    const crlf = plant();
    const latin = plant();
    repo.write('win/settings.py', `# -*- coding: utf-8 -*-\r\nA = 1\r\n\r\nTOKEN = "${crlf}"\r\n`);
    const latinText = `# -*- coding: latin-1 -*-\n# Caf\u00e9 r\u00e9glages\nNAME = "M\u00fcller"\nTOKEN = "${latin}"\n`;
    repo.write('latin/settings.py', Buffer.from(latinText, 'latin1'));
    repo.commit('add');

    const result = await scan(repo.dir);
    expect(bySecret(result.findings, crlf)[0]).toMatchObject({ file: 'win/settings.py', line: 4 });
    expect(bySecret(result.findings, latin)[0]).toMatchObject({
      file: 'latin/settings.py',
      line: 4,
    });
  });

  it('stays quiet on placeholders, env reads and binary files', async () => {
    const repo = createGitRepo();
    const inBinary = plant();
    repo.write(
      'settings.py',
      'import os\nTOKEN = os.environ["TOKEN"]\nEXAMPLE = "tok_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n',
    );
    repo.write('.env.example', 'DATABASE_PASSWORD=a-very-long-value-for-docs-only\n');
    // Binary is more than a few NULs (a text file with a stray NUL is scanned: text-decode.ts).
    const header = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 0, 0, 0, 0, 0, 0, 0]);
    repo.write('logo.bin', Buffer.concat([header, Buffer.from(inBinary)]));
    repo.commit('add');

    const result = await scan(repo.dir);
    expect(result.findings).toEqual([]);
    expect(result.secretsToMask).toEqual([]);
  });

  it('survives a detector that throws on one blob, with a warning', async () => {
    const repo = createGitRepo();
    const secret = plant();
    repo.write('ok.py', `T = "${secret}"\n`).write('weird.py', 'BOOM\n');
    repo.commit('add');
    const throwing: SecretRule = {
      ...testTokenRule,
      id: 'TEST999',
      keywords: ['boom'],
      detect(file) {
        if (file.content.includes('BOOM')) throw new Error('detector bug');
        return [];
      },
    };
    const result = await scan(repo.dir, { rules: [...testRules, throwing] });
    expect(result.findings.map((f) => f.file)).toEqual(['ok.py']);
    expect(result.coverage.warnings.join('\n')).toMatch(
      /failed on blob .* \(weird\.py\): detector bug/,
    );
  });

  it('reads large text only up to maxBlobBytes', async () => {
    const repo = createGitRepo();
    const early = plant();
    const late = plant();
    repo.write('data.txt', `a = "${early}"\n${'# filler line\n'.repeat(2000)}b = "${late}"\n`);
    repo.commit('add');

    const result = await scan(repo.dir, { maxBlobBytes: 4096 });
    expect(bySecret(result.findings, early)).toHaveLength(1);
    expect(bySecret(result.findings, late)).toHaveLength(0);
  });

  it('reports progress at the end with the blob totals', async () => {
    const repo = createGitRepo();
    repo.write('a.py', 'a = 1\n').write('b.py', 'b = 2\n');
    repo.commit('add');
    const calls: { blobsScanned: number; blobsTotal: number }[] = [];
    await scan(repo.dir, { progress: (p) => calls.push(p) });
    expect(calls.at(-1)).toMatchObject({ blobsScanned: 2, blobsTotal: 2 });
  });

  it('handles a repository without commits, and an unborn HEAD next to other branches', async () => {
    const repo = createGitRepo();
    const empty = await scan(repo.dir);
    expect(empty.findings).toEqual([]);
    expect(empty.coverage).toMatchObject({ commits: 0, blobs: 0, refs: 0 });

    const secret = plant();
    repo.write('a.py', `T = "${secret}"\n`).commit('one');
    repo.git(['branch', '-m', 'main', 'other']);
    repo.git(['symbolic-ref', 'HEAD', 'refs/heads/unborn']);
    const result = await scan(repo.dir);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ inHead: false, refs: ['other'] });
  });

  it('throws ConfigurationError outside a git repository and for a bad ref', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ddg-nogit-'));
    await expect(scan(dir)).rejects.toBeInstanceOf(ConfigurationError);
    const repo = createGitRepo();
    repo.write('a.py', 'a = 1\n');
    repo.commit('init');
    await expect(scan(repo.dir, { mode: 'range', base: 'no-such-ref' })).rejects.toThrow(
      /no-such-ref is not a commit/,
    );
    await expect(scan(repo.dir, { mode: 'range' })).rejects.toBeInstanceOf(ConfigurationError);
  });
});

describe('scanHistory: ranges', () => {
  it('reports only secrets new in a PR range, not ones committed before its base', async () => {
    const repo = createGitRepo();
    const old = plant();
    const oldElsewhere = plant();
    const fresh = plant();
    repo.write('settings.py', `A = 1\nOLD = "${old}"\n`);
    repo.write('legacy.py', `K = "${oldElsewhere}"\n`);
    repo.commit('old secrets');
    repo.remove('legacy.py');
    const base = repo.commit('drop legacy');
    repo.branch('pr').checkout('pr');
    // Editing a file that already holds the old secret must not make it new.
    repo.write('settings.py', `A = 2\nOLD = "${old}"\n`);
    repo.commit('edit settings');
    // Re-adding a secret that exists anywhere in base's history is not new either.
    repo.write('restored.py', `K = "${oldElsewhere}"\n`);
    repo.write('new.py', `\nNEW = "${fresh}"\n`);
    const introduced = repo.commit('add new token');

    const result = await scan(repo.dir, { mode: 'range', base, head: 'pr' });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      file: 'new.py',
      line: 2,
      commit: introduced,
      inHead: true,
      secretHash: hashSecret(fresh),
    });
    expect(result.coverage).toMatchObject({ mode: 'range', base, commits: 2 });
  });

  it("proves a secret new from a cache that covers base, reading none of base's history", async () => {
    const repo = createGitRepo();
    const old = plant();
    // History the range's files never touched: without a cache, proving a secret new reads it.
    for (let i = 0; i < 5; i++) repo.write(`lib/m${i}.py`, `X = ${i}\n`).commit(`lib ${i}`);
    repo.write('legacy.py', `K = "${old}"\n`).commit('legacy');
    repo.remove('legacy.py');
    const base = repo.commit('drop legacy');
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'ddg-cache-')), 'history.json');
    await scan(repo.dir, { cacheFile });

    repo.branch('pr').checkout('pr');
    const fresh = plant();
    repo.write('new.py', `NEW = "${fresh}"\n`).write('restored.py', `K = "${old}"\n`);
    repo.commit('add a new token and restore an old one');
    const withCache = await scan(repo.dir, { mode: 'range', base, head: 'pr', cacheFile });
    const without = await scan(repo.dir, { mode: 'range', base, head: 'pr' });
    // The same answer: the new token is new, the restored one is not.
    expect(withCache.findings.map((f) => f.secretHash)).toEqual([hashSecret(fresh)]);
    expect(without.findings).toEqual(withCache.findings);
    // With the cache only the new blob was read (restored.py is legacy.py's blob, cached);
    // without it, base's history too.
    expect(withCache.coverage.bytes).toBe(Buffer.byteLength(`NEW = "${fresh}"\n`));
    expect(without.coverage.bytes).toBeGreaterThan(withCache.coverage.bytes);
    // …and the new one was settled by the cache alone, before base's history is listed.
    expect(withCache.logger.lines).toContainEqual({
      level: 'debug',
      message: expect.stringMatching(
        /cache covers .*; 1 of the range's secret\(s\) are in no cached blob: new/,
      ),
    });
  });

  it('fetches a base commit a complete clone lacks (e.g. a force-pushed "before")', async () => {
    const upstream = createGitRepo();
    upstream.write('a.py', 'a = 1\n').commit('one');
    upstream.write('b.py', 'b = 1\n');
    const hidden = upstream.commit('two');
    // Only reachable from a ref a plain clone does not fetch.
    upstream.git(['update-ref', 'refs/pull/1/head', hidden]);
    upstream.git(['reset', '-q', '--hard', 'HEAD~1']);
    const fresh = plant();
    upstream.write('c.py', `T = "${fresh}"\n`).commit('three');
    const clone = upstream.cloneFull();
    expect(clone.git(['cat-file', '-t', hidden], { allowFailure: true })).toBe('');
    const result = await scan(clone.dir, { mode: 'range', base: hidden });
    expect(result.coverage.deepened).toMatch(/fetched base/);
    expect(result.findings.map((f) => f.secretHash)).toEqual([hashSecret(fresh)]);
  });

  it('scans a push that creates a branch from its merge base with the default branch', async () => {
    const repo = createGitRepo();
    const onMain = plant();
    const onBranch = plant();
    repo.write('main.py', `T = "${onMain}"\n`);
    repo.commit('main secret');
    repo.write('main.py', 'T = None\n');
    const forkPoint = repo.commit('remove');
    repo.branch('topic').checkout('topic');
    repo.write('topic.py', `T = "${onBranch}"\n`);
    repo.commit('topic secret');
    const zero = '0'.repeat(40);

    const withDefault = await scan(repo.dir, {
      mode: 'range',
      base: zero,
      head: 'topic',
      defaultBranch: 'main',
    });
    expect(withDefault.findings.map((f) => f.secretHash)).toEqual([hashSecret(onBranch)]);
    expect(withDefault.coverage.base).toBe(forkPoint);

    const noDefault = await scan(repo.dir, { mode: 'range', base: zero, head: 'topic' });
    expect(noDefault.findings.map((f) => f.secretHash).sort()).toEqual(
      [hashSecret(onMain), hashSecret(onBranch)].sort(),
    );
    expect(noDefault.coverage.base).toBeUndefined();
  });
});

describe('scanHistory: shallow clones', () => {
  function buildUpstream() {
    const repo = createGitRepo();
    const old = plant();
    const fresh = plant();
    repo.write('settings.py', `OLD = "${old}"\n`);
    repo.commit('old');
    for (let i = 0; i < 6; i++) repo.write(`f${i}.py`, `v = ${i}\n`).commit(`c${i}`);
    const base = repo.head();
    repo.write('more.py', 'x = 1\n').commit('more');
    repo.write('new.py', `NEW = "${fresh}"\n`);
    repo.commit('new');
    repo.write('after.py', 'y = 1\n').commit('after');
    return { repo, base, old, fresh };
  }

  it('deepens a shallow clone for a range and says so', async () => {
    const { repo, base, fresh } = buildUpstream();
    const clone = repo.cloneShallow(1);
    const result = await scan(clone.dir, { mode: 'range', base });
    expect(result.findings.map((f) => f.secretHash)).toEqual([hashSecret(fresh)]);
    expect(result.coverage.shallow).toBe(true);
    expect(result.coverage.deepened).toMatch(/deepened|fetched/);
    expect(result.logger.lines.some((l) => l.level === 'info' && /shallow/.test(l.message))).toBe(
      true,
    );
  });

  it('throws ConfigurationError naming fetch-depth: 0 when the range cannot be fetched', async () => {
    const { repo, base } = buildUpstream();
    const clone = repo.cloneShallow(1);
    clone.git(['remote', 'remove', 'origin']);
    await expect(scan(clone.dir, { mode: 'range', base })).rejects.toThrow(/fetch-depth: 0/);
    const other = repo.cloneShallow(1);
    await expect(scan(other.dir, { mode: 'range', base, allowFetch: false })).rejects.toThrow(
      /fetch-depth: 0/,
    );
  });

  it('warns in full mode that history is incomplete, with the reachable commit count', async () => {
    const { repo } = buildUpstream();
    const clone = repo.cloneShallow(3);
    const result = await scan(clone.dir);
    expect(result.coverage).toMatchObject({ shallow: true, commits: 3 });
    expect(result.coverage.warnings.join('\n')).toMatch(/only 3 commit\(s\).*fetch-depth: 0/);
    expect(
      result.logger.lines.some((l) => l.level === 'warning' && /incomplete/.test(l.message)),
    ).toBe(true);
    // The boundary commit's whole tree is still read: the old secret is in it.
    expect(result.findings).toHaveLength(2);
  });
});

describe('scanHistory: cache', () => {
  function buildRepo() {
    const repo = createGitRepo();
    const a = plant();
    const b = plant(generateEnvValue);
    repo.write('settings.py', `TOKEN = "${a}"\n`).write('.env', `SECRET_VALUE=${b}\n`);
    repo.commit('secrets');
    repo.write('settings.py', 'TOKEN = None\n');
    repo.commit('remove');
    return repo;
  }

  it('reads no blob on a second run and returns the same findings', async () => {
    const repo = buildRepo();
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'ddg-cache-')), 'history.json');
    const first = await scan(repo.dir, { cacheFile });
    expect(first.findings).toHaveLength(2);
    const cacheText = readFileSync(cacheFile, 'utf8');
    for (const secret of planted) expect(cacheText.includes(secret)).toBe(false);

    const progress: number[] = [];
    const second = await scan(repo.dir, {
      cacheFile,
      progress: (p) => progress.push(p.blobsScanned),
    });
    expect(second.coverage.blobs - second.coverage.blobsFromCache).toBe(0);
    expect(second.coverage.bytes).toBe(0);
    expect(progress.at(-1)).toBe(0);
    expect(second.findings).toEqual(first.findings);
    expect(second.coverage.commits).toBe(first.coverage.commits);

    // New commits: only their blobs are read, and the old findings stay attributed.
    const fresh = plant();
    repo.write('new.py', `T = "${fresh}"\n`).commit('new');
    const third = await scan(repo.dir, { cacheFile });
    expect(third.coverage.blobs - third.coverage.blobsFromCache).toBe(1);
    expect(third.findings).toHaveLength(3);
    expect(third.findings.slice(0, 2)).toEqual(first.findings);
    expect(third.coverage.commits).toBe(3);
  });

  it('serves a range from the cache too, still telling new secrets from old ones', async () => {
    const repo = buildRepo();
    const base = repo.head();
    const fresh = plant();
    const old = plant();
    repo.write('legacy.py', `K = "${old}"\n`).commit('old key');
    repo.remove('legacy.py');
    const rangeBase = repo.commit('drop it');
    repo.write('new.py', `T = "${fresh}"\n`).write('again.py', `K = "${old}"\n`).commit('range');
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'ddg-cache-')), 'history.json');
    await scan(repo.dir, { cacheFile });
    const first = await scan(repo.dir, { mode: 'range', base: rangeBase, cacheFile });
    expect(first.coverage.blobs - first.coverage.blobsFromCache).toBe(0);
    expect(first.findings.map((f) => f.secretHash)).toEqual([hashSecret(fresh)]);
    // Cached hits carry no values, so nothing from them is masked.
    expect(first.secretsToMask).toEqual([]);
    const wider = await scan(repo.dir, { mode: 'range', base, cacheFile });
    expect(wider.findings.map((f) => f.secretHash).sort()).toEqual(
      [hashSecret(fresh), hashSecret(old)].sort(),
    );
  });

  it('recomputes the refs of cached findings when a ref changes', async () => {
    const repo = buildRepo();
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'ddg-cache-')), 'history.json');
    const first = await scan(repo.dir, { cacheFile });
    expect(first.findings.map((f) => f.refs)).toEqual([['main'], ['main']]);
    repo.git(['branch', '-m', 'main', 'trunk']);
    const second = await scan(repo.dir, { cacheFile });
    expect(second.coverage.bytes).toBe(0);
    expect(second.findings.map((f) => f.refs)).toEqual([['trunk'], ['trunk']]);
  });

  it('rescans everything when history was rewritten under the cache', async () => {
    const repo = buildRepo();
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'ddg-cache-')), 'history.json');
    const first = await scan(repo.dir, { cacheFile });
    repo.git(['reset', '-q', '--hard', 'HEAD~1']);
    repo.git(['reflog', 'expire', '--expire=now', '--all']);
    const second = await scan(repo.dir, { cacheFile });
    expect(second.coverage.commits).toBe(1);
    expect(second.findings.map((f) => f.fingerprint).sort()).toEqual(
      first.findings.map((f) => f.fingerprint).sort(),
    );
    expect(second.findings.every((f) => f.inHead)).toBe(true);
  });

  it('warns about a corrupt cache file and rescans', async () => {
    const repo = buildRepo();
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'ddg-cache-')), 'history.json');
    writeFileSync(cacheFile, '{"version": 1, "rulesHash": tru');
    const result = await scan(repo.dir, { cacheFile });
    expect(result.findings).toHaveLength(2);
    expect(result.coverage.blobsFromCache).toBe(0);
    expect(
      result.logger.lines.some((l) => l.level === 'warning' && /corrupt/.test(l.message)),
    ).toBe(true);
    expect(existsSync(cacheFile)).toBe(true);
    // A well-formed cache written for other rules is stale, not corrupt: rescanned quietly.
    const other = await scan(repo.dir, { cacheFile, rules: testRules.slice(0, 1) });
    expect(other.coverage.blobsFromCache).toBe(0);
    expect(other.logger.lines.some((l) => l.level === 'warning')).toBe(false);
  });
});
