import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupGitRepos, createGitRepo } from '../helpers/git-repo';
import { generateSecret, mulberry32, testSeed } from '../helpers/secret-generators';

/**
 * The history scan's worker threads run from the bundles: dist/cli/index.js starts
 * dist/cli/history-worker.js. Copied with no node_modules beside them, a full scan with workers
 * forced on gives exactly the findings of a scan on one thread.
 */
afterAll(cleanupGitRepos);
const scratch = mkdtempSync(join(tmpdir(), 'ddg-bundle-workers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('history scan workers in the CLI bundle', () => {
  it('give the same findings as one thread, with no node_modules present', () => {
    const random = mulberry32(testSeed());
    const repo = createGitRepo();
    const kinds = ['django-key', 'github-token', 'aws-access-key-id', 'slack-token'] as const;
    // A large file's next versions go through the version delta, in the workers too (each keeps
    // its own earlier versions): a token comes and goes in it.
    const changelog = Array.from({ length: 600 }, (_, n) => `- release note ${n}: fixed things`);
    for (let i = 0; i < 40; i++) {
      const kind = kinds[i % kinds.length]!;
      changelog.splice(
        (i * 37) % changelog.length,
        i % 4 === 1 ? 1 : 0,
        i % 5 === 2
          ? `- deploy with GITHUB_TOKEN=${generateSecret('github-token', random)}`
          : `- note ${i}`,
      );
      repo.write('CHANGELOG.md', `${changelog.join('\n')}\n`);
      repo.write(`app/module_${i % 7}.py`, `VALUE_${i} = "${generateSecret(kind, random)}"\n`);
      repo.write(`docs/page_${i % 5}.md`, `# page ${i}\n\nNothing secret here.\n`.repeat(i + 1));
      if (i % 9 === 0) repo.write('.env', `API_TOKEN=${generateSecret('generic-token', random)}\n`);
      repo.commit(`change ${i}`);
    }
    cpSync('dist/cli', join(scratch, 'cli'), { recursive: true });

    const scan = (workers: string) => {
      const run = spawnSync(
        process.execPath,
        [join(scratch, 'cli/index.js'), 'scan', repo.dir, '--history', 'full', '--format', 'json'],
        {
          cwd: scratch,
          encoding: 'utf8',
          env: {
            PATH: process.env.PATH ?? '',
            HOME: process.env.HOME ?? '',
            DDG_HISTORY_WORKERS: workers,
          },
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      expect(run.stderr).not.toMatch(/internal error/);
      const { findings } = JSON.parse(run.stdout) as {
        findings: { locations: { source: string; file?: string }[] }[];
      };
      return { findings, stderr: run.stderr };
    };
    const threaded = scan('2');
    // stderr is not a terminal here: only the progress lines, no warning.
    expect(threaded.stderr.split('\n').filter((line) => line && !/^history: /.test(line))).toEqual(
      [],
    );
    const single = scan('0');
    expect(
      threaded.findings.filter((f) => f.locations.some((at) => at.source === 'history')).length,
    ).toBeGreaterThan(30);
    expect(threaded.findings).toEqual(single.findings);
    const inChangelog = (findings: { locations: { source: string; file?: string }[] }[]) =>
      findings.filter((f) => f.locations.some((at) => at.file === 'CHANGELOG.md')).length;
    expect(inChangelog(single.findings)).toBeGreaterThanOrEqual(8);
    // Without the worker bundle the scan says so and stays on one thread: the run above did not.
    rmSync(join(scratch, 'cli', 'history-worker.js'));
    const fallback = scan('2');
    expect(fallback.stderr).toMatch(/worker bundle is not beside this one/);
    expect(fallback.findings).toEqual(single.findings);
  });
});
