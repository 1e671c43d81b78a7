/**
 * The pre-commit hook run by the real pre-commit: Debian's 2.10 (bullseye), 3.0 (bookworm, what
 * `apt-get install pre-commit` gives on the CI image) and 4.2 (trixie), unpacked by
 * scripts/install-pre-commit.sh. The hook repository is a local clone of this repository with the
 * built bundle committed in it, pinned by `rev` as a user pins a tag (no network). A staged
 * secret blocks `git commit`; a clean commit passes. The CLI's own `--staged` behaviour (the
 * index, not the work tree; usage errors) is tested on the built CLI below.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanupGitRepos, createGitRepo, type GitRepo } from '../helpers/git-repo';
import { generateSecret } from '../helpers/secret-generators';
import { REPO_ROOT } from '../parity/oracle';
import { oracleStatus, preCommitCacheRoot, titleWithOracle } from '../support/oracles';

interface HookDefinition {
  id: string;
  entry: string;
  language: string;
  pass_filenames?: boolean;
  stages?: string[];
  minimum_pre_commit_version?: string;
}

const MANIFEST = join(REPO_ROOT, '.pre-commit-hooks.yaml');
const hooks = parse(readFileSync(MANIFEST, 'utf8')) as HookDefinition[];
const hook = hooks.find((h) => h.id === 'django-deploy-guard')!;

/** Debian suites whose pre-commit the test runs; bookworm's must be there, the others may not. */
const SUITES = ['bullseye', 'bookworm', 'trixie'] as const;
const REQUIRED_SUITE = 'bookworm';
const preCommit = oracleStatus('pre-commit');
const installedSuites = SUITES.filter((suite) =>
  existsSync(join(preCommitCacheRoot(), suite, 'VERSION')),
);

const temps: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  cleanupGitRepos();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** Git, pre-commit and the hook's node, with nothing from the user's git config or PATH order. */
function environment(suite: string, home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PYTHONPATH: join(preCommitCacheRoot(), suite, 'usr/lib/python3/dist-packages'),
    PRE_COMMIT_HOME: home,
    // The hook's `#!/usr/bin/env node` must find a Node >= 22: this one.
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Test Author',
    GIT_COMMITTER_EMAIL: 'author@example.com',
    GIT_TERMINAL_PROMPT: '0',
    NO_COLOR: '1',
  };
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const LOAD_MANIFEST =
  'import sys; from pre_commit.clientlib import load_manifest; load_manifest(sys.argv[1])';

const runPreCommit = (suite: string, args: readonly string[], cwd: string, home: string) =>
  run('/usr/bin/python3', ['-s', '-m', 'pre_commit', ...args], cwd, environment(suite, home));

/**
 * The hook repository as a user's pre-commit clones it: this repository (a shallow clone of its
 * HEAD) with the manifest and the bundle of this checkout committed on top; returns it and `rev`.
 */
function createHookRepository(): { dir: string; rev: string } {
  const dir = join(tempDir('ddg-hook-repo-'), 'django-deploy-guard');
  const git = (...args: string[]) => {
    const result = run('git', args, dir, environment(REQUIRED_SUITE, dir));
    if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.output}`);
    return result.output.trim();
  };
  const clone = run(
    'git',
    ['clone', '-q', '--depth', '1', `file://${REPO_ROOT}`, dir],
    REPO_ROOT,
    environment(REQUIRED_SUITE, dir),
  );
  if (clone.code !== 0) throw new Error(`git clone: ${clone.output}`);
  for (const file of [
    '.pre-commit-hooks.yaml',
    ...['index.js', 'history-worker.js', 'package.json'].map((f) => `dist/cli/${f}`),
  ])
    copyFileSync(join(REPO_ROOT, file), join(dir, file));
  git('add', '-A');
  git('-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '-m', 'this checkout');
  return { dir, rev: git('rev-parse', 'HEAD') };
}

function project(hookRepo: { dir: string; rev: string }): GitRepo {
  const repo = createGitRepo();
  repo
    .write('app/__init__.py', '')
    .write('app/views.py', 'def index():\n    return 1\n')
    .write(
      '.pre-commit-config.yaml',
      `repos:\n  - repo: ${hookRepo.dir}\n    rev: ${hookRepo.rev}\n    hooks:\n      - id: django-deploy-guard\n`,
    );
  repo.commit('initial');
  return repo;
}

describe('the hook manifest (.pre-commit-hooks.yaml)', () => {
  it('is a script hook that runs the committed bundle in --staged mode', () => {
    expect(hook.language).toBe('script');
    expect(hook.entry).toMatch(/^dist\/cli\/index\.js scan --staged\b/);
    // Stage names differ between pre-commit 3.0 and 4.x: none is spelled (see the manifest).
    expect(hook.stages).toBeUndefined();
    expect(hook.minimum_pre_commit_version).toBe('2.0.0');
    // pre-commit runs the entry itself: it must be executable, with a node shebang.
    const bundle = readFileSync(join(REPO_ROOT, 'dist/cli/index.js'), 'utf8');
    expect(bundle.startsWith('#!/usr/bin/env node\n')).toBe(true);
    const mode = spawnSync('git', ['ls-files', '-s', 'dist/cli/index.js'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(mode.stdout).toMatch(/^100755 /);
  });
});

describe.skipIf(!preCommit.available)(
  titleWithOracle('the real pre-commit (Debian 2.10, 3.0 and 4.2)', 'pre-commit'),
  () => {
    let hookRepo: { dir: string; rev: string };
    beforeAll(() => {
      hookRepo = createHookRepository();
    });

    it(`has pre-commit ${REQUIRED_SUITE} (3.0.4) installed by the test set-up`, () => {
      expect(installedSuites).toContain(REQUIRED_SUITE);
      const home = tempDir('ddg-pre-commit-home-');
      expect(runPreCommit(REQUIRED_SUITE, ['--version'], REPO_ROOT, home).output.trim()).toBe(
        'pre-commit 3.0.4',
      );
    });

    describe.each(installedSuites)('pre-commit from Debian %s', (suite) => {
      it('accepts the manifest without a warning', () => {
        const home = tempDir('ddg-pre-commit-home-');
        // pre-commit's own manifest loader (2.x has no `validate-manifest` command).
        const validated = run(
          '/usr/bin/python3',
          ['-s', '-c', LOAD_MANIFEST, MANIFEST],
          REPO_ROOT,
          environment(suite, home),
        );
        expect(validated.output).toBe('');
        expect(validated.code).toBe(0);
      });

      it('blocks `git commit` of a staged secret without printing it, and lets a clean commit through', () => {
        const repo = project(hookRepo);
        const home = tempDir('ddg-pre-commit-home-');
        const env = environment(suite, home);
        const installed = runPreCommit(suite, ['install'], repo.dir, home);
        expect(installed.output).toContain('pre-commit installed at .git/hooks/pre-commit');
        expect(installed.code).toBe(0);

        const key = generateSecret('github-token');
        repo.write('app/settings_local.py', `GITHUB_TOKEN = '${key}'\n`);
        repo.git(['add', '-A']);
        const blocked = run('git', ['commit', '-q', '-m', 'leak'], repo.dir, env);
        expect(blocked.code).toBe(1);
        expect(blocked.output).toMatch(/django-deploy-guard \(secrets in staged files\)\.+Failed/);
        expect(blocked.output).toContain('app/settings_local.py');
        expect(blocked.output).not.toContain(key);
        expect(blocked.output).not.toContain(key.slice(4, 20));
        expect(blocked.output).not.toMatch(/deprecated|InvalidManifestError|is required but/);
        expect(repo.git(['log', '--oneline']).split('\n')).toHaveLength(1);

        repo.write(
          'app/settings_local.py',
          "import os\nGITHUB_TOKEN = os.environ['GITHUB_TOKEN']\n",
        );
        repo.git(['add', '-A']);
        const clean = run('git', ['commit', '-q', '-m', 'clean'], repo.dir, env);
        expect(clean.output).toMatch(/django-deploy-guard \(secrets in staged files\)\.+Passed/);
        expect(clean.code).toBe(0);
        expect(repo.git(['log', '--oneline']).split('\n')).toHaveLength(2);
      });
    });
  },
);

describe('scan --staged (the built CLI the hook runs)', () => {
  const cli = join(REPO_ROOT, 'dist/cli/index.js');
  const scanStaged = (repo: GitRepo, files: readonly string[]) => {
    const result = spawnSync(process.execPath, [cli, 'scan', '--staged', '--no-color', ...files], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const plainProject = () => {
    const repo = createGitRepo();
    repo.write('app/__init__.py', '').write('app/views.py', 'def index():\n    return 1\n');
    repo.commit('initial');
    return repo;
  };

  it('reads the index, not the work tree: a secret only in the work tree passes, one only staged is blocked', () => {
    const repo = plainProject();
    const key = generateSecret('github-token');
    // Unstaged: in the work tree only.
    repo.write('app/views.py', `TOKEN = '${key}'\n`);
    expect(scanStaged(repo, ['app/views.py']).code).toBe(0);

    // Staged, then removed from the work tree: the commit would still record it.
    repo.git(['add', 'app/views.py']);
    repo.write('app/views.py', 'def index():\n    return 1\n');
    const blocked = scanStaged(repo, ['app/views.py']);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('app/views.py');
    expect(blocked.stdout + blocked.stderr).not.toContain(key);
    // Without file names (pass_filenames: false, or by hand): the files the index changes.
    expect(scanStaged(repo, []).code).toBe(1);
  });

  it('--staged outside a git repository, or with --history, is a usage error (exit 2)', () => {
    const repo = plainProject();
    const withHistory = spawnSync(
      process.execPath,
      [cli, 'scan', '--staged', '--history', 'full'],
      {
        cwd: repo.dir,
        encoding: 'utf8',
      },
    );
    expect(withHistory.status).toBe(2);
    expect(withHistory.stderr).toContain('--staged scans the index; it does not take --history');
    const outside = spawnSync(process.execPath, [cli, 'scan', '--staged'], {
      cwd: tempDir('ddg-not-git-'),
      encoding: 'utf8',
    });
    expect(outside.status).toBe(2);
    expect(outside.stderr).toContain('--staged needs a git repository');
  });
});
