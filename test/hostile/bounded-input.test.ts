import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupGitRepos, createGitRepo, type GitRepo } from '../helpers/git-repo';
import { generateSecret } from '../helpers/secret-generators';

/**
 * Hostile input that once hung the scan, exhausted its memory or blinded it: each run through the
 * built CLI under `/usr/bin/time -v`, with limits generous enough for a loaded two-core runner
 * (the issue's: a git bomb of 10^9 paths under 60 s and 500 MB). Before these fixes the first four
 * did not finish (killed here at the limit) or grew past 4 GB.
 */

const LIMIT_SECONDS = 60;
const LIMIT_RSS_MB = 500;

interface MeasuredRun {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  peakRssMb: number;
  timedOut: boolean;
}

/** The built CLI under GNU time: exit code, output, wall time and peak resident memory. */
function runMeasured(args: string[], cwd: string, env: Record<string, string> = {}): MeasuredRun {
  const started = Date.now();
  const result = spawnSync(
    '/usr/bin/time',
    ['-v', process.execPath, resolve('dist/cli/index.js'), ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      maxBuffer: 256 * 1024 * 1024,
      // Past twice the limit the run is a hang: stop it, and fail on the time below.
      timeout: 2 * LIMIT_SECONDS * 1000,
      killSignal: 'SIGKILL',
    },
  );
  const seconds = (Date.now() - started) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr ?? '');
  return {
    code: result.status,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    seconds,
    peakRssMb: rss ? Number(rss[1]) / 1024 : Number.NaN,
    timedOut: result.error !== undefined || result.signal !== null,
  };
}

function expectBounded(run: MeasuredRun): void {
  expect(run.timedOut, `killed after ${run.seconds} s`).toBe(false);
  expect(run.seconds).toBeLessThan(LIMIT_SECONDS);
  expect(run.peakRssMb).toBeLessThan(LIMIT_RSS_MB);
}

/** The CLI's own stderr, without GNU time's report. */
function cliStderr(run: MeasuredRun): string {
  return run.stderr.split('\tCommand being timed:')[0] ?? '';
}

afterAll(() => cleanupGitRepos());

describe('bounded on hostile lines', () => {
  it('a database URL whose password is 40 letters and a "!" (exponential regex) is judged at once', () => {
    const repo = createGitRepo();
    const password = `${'a'.repeat(40)}!`;
    repo.write('db.py', `DATABASE_URL = 'postgres://app:${password}@localhost/app'\n`);
    repo.write('.env', `DATABASE_URL=postgres://app:${password}@db/app\n`);
    repo.write(
      'settings.py',
      `DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'localhost', 'USER': 'app', 'PASSWORD': '${password}'}}\n`,
    );
    const run = runMeasured(['scan', '.', '--format', 'json'], repo.dir);
    expectBounded(run);
    expect(run.code).not.toBe(2);
    expect(cliStderr(run)).not.toContain('internal error');
  });

  it.each(['${{', '$(a ', '${a:'])(
    'a 1.8 MB line of unclosed %s templates (quadratic regexes) is scanned in bounded time',
    (opening) => {
      const repo = createGitRepo();
      const line = `SECRET_KEY=${opening.repeat(Math.ceil(1_800_000 / opening.length))}`;
      repo.write('.env.production', `${line}\n`);
      const run = runMeasured(['scan', '.', '--format', 'json'], repo.dir);
      expectBounded(run);
      expect(run.code).not.toBe(2);
    },
  );

  it('45,000 GitHub tokens on one 1.8 MB line: the first are reported, the rest counted', () => {
    const repo = createGitRepo();
    const tokens = Array.from({ length: 45_000 }, () => generateSecret('github-token'));
    repo.write('tokens.txt', `${tokens.join(' ')}\n`);
    const run = runMeasured(['scan', '.', '--format', 'json'], repo.dir);
    expectBounded(run);
    const result = JSON.parse(run.stdout) as { findings: { ruleId: string }[]; notes: string[] };
    expect(result.findings.filter((f) => f.ruleId === 'DDG106')).toHaveLength(20);
    expect(result.notes.join('\n')).toContain('44980 more secret hit(s) past the limits');
  });
});

/**
 * A tree of 10 files holding a token, wrapped `levels` times in a tree that lists its child ten
 * times: 10^(levels+1) paths from levels+1 distinct trees (`git mktree` takes any of it).
 */
function buildTreeBomb(repo: GitRepo, levels: number): string {
  const tokenBlob = (n: number) =>
    repo.git(['hash-object', '-w', '--stdin'], {
      input: `GITHUB_TOKEN=${generateSecret('github-token')} # ${n}\n`,
    });
  const leaves = Array.from({ length: 10 }, (_, n) => `100644 blob ${tokenBlob(n)}\tf${n}.env`);
  let tree = repo.git(['mktree'], { input: `${leaves.join('\n')}\n` });
  for (let level = 0; level < levels; level++) {
    const entries = Array.from({ length: 10 }, (_, n) => `040000 tree ${tree}\td${n}`);
    tree = repo.git(['mktree'], { input: `${entries.join('\n')}\n` });
  }
  return tree;
}

/** Commits `tree` at `path` on top of HEAD's tree (plumbing: nothing is checked out). */
function commitWithTree(repo: GitRepo, tree: string, path: string, message: string): string {
  const head = repo.git(['rev-parse', 'HEAD']);
  const entries = repo.git(['ls-tree', 'HEAD']).split('\n').filter(Boolean);
  const root = repo.git(['mktree'], {
    input: `${[...entries, `040000 tree ${tree}\t${path}`].join('\n')}\n`,
  });
  const commit = repo.git(['commit-tree', root, '-p', head, '-m', message]);
  repo.git(['update-ref', 'refs/heads/main', commit]);
  return commit;
}

/** Writes a tree object (its entries' bytes) the way git stores a loose object; returns its id. */
function writeLooseTree(repo: GitRepo, entries: Buffer): string {
  const object = Buffer.concat([Buffer.from(`tree ${entries.length}\0`), entries]);
  const id = createHash('sha1').update(object).digest('hex');
  const dir = join(repo.dir, '.git', 'objects', id.slice(0, 2));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, id.slice(2)), deflateSync(object));
  return id;
}

function revertTo(repo: GitRepo, commit: string, message: string): string {
  const head = repo.git(['rev-parse', 'HEAD']);
  const next = repo.git(['commit-tree', `${commit}^{tree}`, '-p', head, '-m', message]);
  repo.git(['update-ref', 'refs/heads/main', next]);
  return next;
}

describe('bounded on hostile trees and history', () => {
  // `git log --raw` builds a commit's whole diff before printing any of it: the bomb is found by
  // counting its distinct trees while git is quiet (history/bounded-log.ts), and left out by path.
  it('a git bomb of 10^9 paths, committed then deleted: full and range scans finish, naming the commit and the tree', () => {
    const repo = createGitRepo();
    repo.write('README.md', 'hello\n');
    repo.commit('base');
    const base = repo.git(['rev-parse', 'HEAD']);
    const bomb = buildTreeBomb(repo, 8);
    const bombCommit = commitWithTree(repo, bomb, 'bomb', 'add a git bomb');
    revertTo(repo, base, 'remove it');

    for (const args of [
      ['--history', 'full'],
      ['--history', 'range', '--base', base],
    ]) {
      const run = runMeasured(['scan', '.', ...args, '--format', 'json'], repo.dir);
      expectBounded(run);
      // Fails closed: the bomb's paths past the limit were never scanned.
      expect(run.code).toBe(2);
      const result = JSON.parse(run.stdout) as {
        incomplete?: string[];
        findings: { ruleId: string; file: string; commit?: string }[];
      };
      const said = (result.incomplete ?? []).join('\n');
      expect(said).toContain(`commit ${bombCommit}`);
      expect(said).toContain(`expands to over 1,000,000 paths: a git bomb`);
      expect(cliStderr(run)).toContain(bombCommit);
      // Its ten distinct files are scanned once each, at the first path they were met at.
      const tokens = result.findings.filter((f) => f.ruleId === 'DDG106');
      expect(tokens).toHaveLength(10);
      for (const token of tokens) {
        expect(token.file).toMatch(/^bomb\/(?:d0\/){8}f\d\.env$/);
        expect(token.commit).toBe(bombCommit);
      }
    }
  });

  it('a git bomb in HEAD: the history scan finishes and names it', () => {
    const repo = createGitRepo();
    repo.write('README.md', 'hello\n');
    repo.commit('base');
    const bombCommit = commitWithTree(repo, buildTreeBomb(repo, 8), 'bomb', 'add a git bomb');
    const run = runMeasured(['scan', '.', '--history', 'full', '--format', 'json'], repo.dir);
    expectBounded(run);
    expect(run.code).toBe(2);
    const result = JSON.parse(run.stdout) as { incomplete?: string[] };
    expect((result.incomplete ?? []).join('\n')).toContain(`commit ${bombCommit}`);
  });

  it('a tree 20,000 levels deep on one branch: git fails there, the ref is named, the rest is scanned', () => {
    const repo = createGitRepo();
    const mainToken = generateSecret('github-token');
    repo.write('settings.py', `TOKEN = "${mainToken}"\n`);
    repo.commit('main work');
    const main = repo.git(['rev-parse', 'HEAD']);
    let tree = repo.git(['mktree'], {
      input: `100644 blob ${repo.git(['hash-object', '-w', '--stdin'], { input: 'x\n' })}\tleaf\n`,
    });
    // 20,000 `git mktree` runs take minutes on a loaded runner: the same tree objects, written
    // as git writes loose objects (zlib of `tree <size>\0<entries>`, named by their SHA-1).
    for (let level = 0; level < 20_000; level++)
      tree = writeLooseTree(
        repo,
        Buffer.concat([Buffer.from('40000 d\0'), Buffer.from(tree, 'hex')]),
      );
    expect(repo.git(['cat-file', '-t', tree])).toBe('tree');
    const deep = repo.git(['commit-tree', tree, '-p', main, '-m', 'deep']);
    repo.git(['update-ref', 'refs/heads/deep-branch', deep]);

    const run = runMeasured(['scan', '.', '--history', 'full', '--format', 'json'], repo.dir);
    expectBounded(run);
    expect(run.code).toBe(2);
    expect(cliStderr(run)).not.toContain('internal error');
    const result = JSON.parse(run.stdout) as {
      incomplete?: string[];
      findings: { ruleId: string; source: string }[];
      history: { commits: number };
    };
    expect((result.incomplete ?? []).join('\n')).toContain('deep-branch');
    // main's history (its one commit) was still listed and scanned; deep-branch's commit was not.
    expect(result.history.commits).toBe(1);
    expect(result.findings.some((f) => f.ruleId === 'DDG106')).toBe(true);
  });
});

describe('binary means binary', () => {
  it('a shell script with one stray NUL is scanned; a UTF-16 .env is decoded; binary files are counted', () => {
    const repo = createGitRepo();
    const key = `django-insecure-${generateSecret('github-token').slice(4, 40)}`;
    const token = generateSecret('github-token');
    repo.write(
      'release.sh',
      Buffer.concat([
        Buffer.from('#!/bin/sh\n# '),
        Buffer.from([0]),
        Buffer.from(`\nexport GITHUB_TOKEN='${token}'\nexport DJANGO_SECRET_KEY='${key}'\n`),
      ]),
    );
    const utf16Token = generateSecret('github-token');
    repo.write(
      'config/.env.production',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(`GITHUB_TOKEN=${utf16Token}\n`, 'utf16le'),
      ]),
    );
    repo.write('logo.png', Buffer.from(Array.from({ length: 256 }, (_, i) => i % 7)));
    repo.commit('scripts');
    for (const history of ['off', 'full']) {
      const run = runMeasured(['scan', '.', '--history', history, '--format', 'json'], repo.dir);
      const result = JSON.parse(run.stdout) as {
        findings: { ruleId: string; file: string; source: string }[];
        notes: string[];
      };
      const files = result.findings.filter((f) => f.ruleId === 'DDG106').map((f) => f.file);
      expect(files).toContain('release.sh');
      expect(files).toContain('config/.env.production');
      const notes = result.notes.join('\n');
      expect(notes).toMatch(
        history === 'off'
          ? /1 binary file\(s\) \(not decodable as text\) were not scanned/
          : /1 blob\(s\) in history are binary/,
      );
    }
  });
});

describe('one escaping path for every text channel', () => {
  it('--format text escapes workflow commands, line breaks and bidi marks in allowlist reasons', () => {
    const repo = createGitRepo();
    const token = generateSecret('github-token');
    repo.write('app/views.py', `TOKEN = "${token}"\n`);
    repo.commit('a token');
    const first = runMeasured(['scan', '.', '--format', 'json'], repo.dir);
    const fingerprint = (
      JSON.parse(first.stdout) as { findings: { ruleId: string; fingerprint: string }[] }
    ).findings.find((f) => f.ruleId === 'DDG106')?.fingerprint;
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    repo.write(
      '.django-deploy-guard.yml',
      [
        'allowlist:',
        `  - fingerprint: ${fingerprint ?? ''}`,
        `    reason: "ok\\n::stop-commands::T\\n::error file=app/views.py,line=1::forged\\u200f\\ufeff"`,
        '',
      ].join('\n'),
    );
    repo.commit('allowlisted');
    const run = runMeasured(['scan', '.', '--format', 'text'], repo.dir);
    const lines = run.stdout.split(/\r\n|\r|\n/);
    expect(lines.filter((line) => /^\s*::/.test(line))).toEqual([]);
    expect(run.stdout).not.toMatch(/[\u200e\u200f\u061c\ufeff]/);
    expect(run.stdout).toContain('forged');
  });
});

describe('SARIF URIs stay in the repository', () => {
  it('a history tree entry named ".." is reported and its URI never leaves the repository', () => {
    const repo = createGitRepo();
    repo.write('README.md', 'hello\n');
    repo.commit('base');
    const token = generateSecret('github-token');
    const blob = repo.git(['hash-object', '-w', '--stdin'], { input: `TOKEN=${token}\n` });
    let tree = repo.git(['mktree'], { input: `100644 blob ${blob}\tpasswd.env\n` });
    tree = repo.git(['mktree'], { input: `040000 tree ${tree}\tetc\n` });
    for (let i = 0; i < 3; i++) tree = repo.git(['mktree'], { input: `040000 tree ${tree}\t..\n` });
    commitWithTree(repo, tree, 'x', 'dot-dot entries');
    const sarifPath = join(repo.dir, 'out.sarif');
    const run = runMeasured(
      ['scan', '.', '--history', 'full', '--format', 'sarif', '--output', sarifPath],
      repo.dir,
    );
    expect(run.timedOut).toBe(false);
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8')) as {
      runs: {
        results: {
          message: { text: string };
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    const results = sarif.runs[0]?.results ?? [];
    const uris = results.flatMap((r) =>
      r.locations.map((l) => l.physicalLocation.artifactLocation.uri),
    );
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) {
      expect(uri).not.toMatch(/(^|\/)\.\.(\/|$)/);
      expect(uri.startsWith('/')).toBe(false);
    }
    const json = runMeasured(['scan', '.', '--history', 'full', '--format', 'json'], repo.dir);
    const notes = (JSON.parse(json.stdout) as { notes: string[] }).notes.join('\n');
    expect(notes).toContain('has a tree entry named "." or ".."');
    expect(notes).toContain('x/../../../etc/passwd.env');
  });
});
