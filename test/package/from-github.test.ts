/**
 * Running the CLI from the GitHub repository before the npm package is published, as the README
 * tells a user to: what npm gets from the repository is its committed files (here a clone of this
 * repository's HEAD), packed by `npm pack` and installed with `npm i`, with no network (offline,
 * a private empty cache, no registry). The committed bundle must run without anything else, and
 * the README's plain git hook (npx on the pinned package) must block a staged secret.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupGitRepos, createGitRepo } from '../helpers/git-repo';
import { generateSecret } from '../helpers/secret-generators';
import { REPO_ROOT } from '../parity/oracle';
import { writeTree } from '../e2e/run-built';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const GITHUB_SPEC = 'github:django-deploy-guard/django-deploy-guard';

const work = mkdtempSync(join(tmpdir(), 'ddg-from-github-'));
// The node running the tests runs the bin too (its shebang is `#!/usr/bin/env node`).
const PATH = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
const npmEnv: NodeJS.ProcessEnv = {
  PATH,
  HOME: work,
  npm_config_cache: join(work, 'npm-cache'),
  npm_config_offline: 'true',
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
  NO_COLOR: '1',
};
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, env: npmEnv, encoding: 'utf8', stdio: 'pipe' });

let tarball = '';
let installDir = '';

beforeAll(() => {
  // What GitHub serves for the repository: its committed files, not this checkout's build.
  const clone = join(work, 'clone');
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${REPO_ROOT}`, clone], {
    env: npmEnv,
  });
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], clone)) as {
    filename: string;
  }[];
  tarball = join(work, packed[0]!.filename);
  installDir = join(work, 'project');
  writeTree({ 'package.json': '{ "private": true }\n' }, installDir);
  npm(['install', '--no-save', tarball], installDir);
}, 300_000);

afterAll(() => {
  cleanupGitRepos();
  rmSync(work, { recursive: true, force: true });
});

describe('the CLI from a clone of the repository (what `npx github:OWNER/REPO` installs)', () => {
  it('installs offline and runs its committed bundle', () => {
    const bin = join(installDir, 'node_modules/.bin/django-deploy-guard');
    const version = spawnSync(bin, ['--version'], { env: npmEnv, encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const project = writeTree({
      'proj/__init__.py': '',
      'proj/settings.py': `DEBUG = True\nSECRET_KEY = '${generateSecret('django-key')}'\nALLOWED_HOSTS = ['*']\n`,
    });
    const scan = spawnSync(
      'npx',
      ['--no-install', 'django-deploy-guard', 'scan', project, '--no-color'],
      { cwd: installDir, env: npmEnv, encoding: 'utf8' },
    );
    expect(scan.stderr).not.toMatch(/internal error|npm error/);
    expect(scan.status).toBe(1);
    expect(scan.stdout).toContain('security.W018');
  });

  it('the README says how to run it from GitHub until it is published', () => {
    expect(README).toContain(`npx ${GITHUB_SPEC} scan .`);
    expect(README).toContain(`npm install -g ${GITHUB_SPEC}#v1.0.0`);
    expect(README).not.toContain('npx --no-install django-deploy-guard');
  });

  it('the README’s git hook, on the package npm fetched, blocks a staged secret and passes a clean commit', () => {
    const block =
      /Without pre-commit, `\.git\/hooks\/pre-commit`[^\n]*\n\n```sh\n([\s\S]*?)```/.exec(README);
    expect(block, 'the README has a plain git hook block').not.toBeNull();
    const hook = block![1]!;
    expect(hook).toContain(`npx --yes ${GITHUB_SPEC}#v1.0.0 scan --staged`);
    const repo = createGitRepo();
    repo.write('app/views.py', 'def index():\n    return 1\n');
    repo.commit('initial');
    // The same hook, with the package npm resolves offline here: the tarball of the clone (npx
    // takes a path with --package, or it would run the path itself).
    const hookFile = join(repo.dir, '.git/hooks/pre-commit');
    writeFileSync(
      hookFile,
      hook.replace(`${GITHUB_SPEC}#v1.0.0`, `--package=${tarball} django-deploy-guard`),
    );
    chmodSync(hookFile, 0o755);
    const key = generateSecret('aws-access-key-id');
    repo.write('deploy/.env', `AWS_ACCESS_KEY_ID=${key}\n`);
    repo.git(['add', '-A']);
    const commit = (message: string) =>
      spawnSync('git', ['commit', '-q', '-m', message], {
        cwd: repo.dir,
        env: npmEnv,
        encoding: 'utf8',
      });
    const blocked = commit('leak');
    expect(blocked.status).toBe(1);
    expect(blocked.stdout + blocked.stderr).toContain('deploy/.env');
    expect(blocked.stdout + blocked.stderr).not.toContain(key);
    expect(repo.git(['log', '--oneline']).split('\n')).toHaveLength(1);

    repo.git(['rm', '-q', '--cached', 'deploy/.env']);
    repo.write('app/views.py', 'def index():\n    return 2\n');
    repo.git(['add', 'app/views.py']);
    const clean = commit('clean');
    expect(clean.stderr).not.toMatch(/npm error/);
    expect(clean.status).toBe(0);
    expect(repo.git(['log', '--oneline']).split('\n')).toHaveLength(2);
  });
});

describe('--help', () => {
  it('offers --env-from-file and not --env-file, which Node intercepts (still accepted; the README says why)', () => {
    const help = spawnSync(process.execPath, [join(REPO_ROOT, 'dist/cli/index.js'), '--help'], {
      encoding: 'utf8',
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--env-from-file FILE');
    expect(help.stdout).not.toContain('--env-file');
    expect(README).toContain('It is also accepted as `--env-file FILE`, but Node');
  });
});
