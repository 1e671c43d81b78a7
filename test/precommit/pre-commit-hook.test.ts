/**
 * The pre-commit hook as pre-commit runs it (`language: script`: the entry's path inside the hook
 * repository, its arguments, then the staged file names, from the repository's top), against the
 * built CLI and real git repositories built here. A staged secret blocks the commit (exit 1); a
 * clean one passes (exit 0); what counts is the index, not the work tree.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanupGitRepos, createGitRepo, type GitRepo } from '../helpers/git-repo';
import { generateSecret } from '../helpers/secret-generators';

interface HookDefinition {
  id: string;
  entry: string;
  args?: string[];
  language: string;
  pass_filenames?: boolean;
}

const hooks = parse(readFileSync('.pre-commit-hooks.yaml', 'utf8')) as HookDefinition[];
const hook = hooks.find((h) => h.id === 'django-deploy-guard')!;

afterAll(() => cleanupGitRepos());

/** pre-commit's script language: `(hook repo)/entry[0] entry[1:] args filenames`. */
function runHook(repo: GitRepo, files: readonly string[]) {
  const [script = '', ...entryArgs] = hook.entry.split(/\s+/);
  const result = spawnSync(
    resolve(script),
    [...entryArgs, ...(hook.args ?? []), ...(hook.pass_filenames === false ? [] : files)],
    { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const staged = (repo: GitRepo) =>
  repo.git(['diff', '--cached', '--name-only']).split('\n').filter(Boolean);

function project(): GitRepo {
  const repo = createGitRepo();
  repo.write('app/__init__.py', '').write('app/views.py', 'def index():\n    return 1\n');
  repo.commit('initial');
  return repo;
}

describe('the pre-commit hook (.pre-commit-hooks.yaml, built CLI)', () => {
  it('is a script hook that runs the committed bundle in --staged mode', () => {
    expect(hook.language).toBe('script');
    expect(hook.entry).toMatch(/^dist\/cli\/index\.js scan --staged\b/);
    // pre-commit runs the entry itself: it must be executable, with a node shebang.
    const bundle = readFileSync('dist/cli/index.js', 'utf8');
    expect(bundle.startsWith('#!/usr/bin/env node\n')).toBe(true);
    const mode = spawnSync('git', ['ls-files', '-s', 'dist/cli/index.js'], { encoding: 'utf8' });
    expect(mode.stdout).toMatch(/^100755 /);
  });

  it('blocks a staged secret (exit 1) without printing it, and passes a clean commit (exit 0)', () => {
    const repo = project();
    const key = generateSecret('github-token');
    repo.write('app/settings_local.py', `GITHUB_TOKEN = '${key}'\n`);
    repo.git(['add', '-A']);
    const blocked = runHook(repo, staged(repo));
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('app/settings_local.py');
    expect(blocked.stdout + blocked.stderr).not.toContain(key);
    expect(blocked.stdout + blocked.stderr).not.toContain(key.slice(4, 20));

    repo.git(['reset', '-q']);
    repo.write('app/settings_local.py', "import os\nGITHUB_TOKEN = os.environ['GITHUB_TOKEN']\n");
    repo.git(['add', '-A']);
    const clean = runHook(repo, staged(repo));
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
  });

  it('reads the index, not the work tree: a secret only in the work tree passes, one only staged is blocked', () => {
    const repo = project();
    const key = generateSecret('github-token');
    // Unstaged: in the work tree only.
    repo.write('app/views.py', `TOKEN = '${key}'\n`);
    expect(runHook(repo, ['app/views.py']).code).toBe(0);

    // Staged, then removed from the work tree: the commit would still record it.
    repo.git(['add', 'app/views.py']);
    repo.write('app/views.py', 'def index():\n    return 1\n');
    const blocked = runHook(repo, staged(repo));
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('app/views.py');
    // Without file names (pass_filenames: false, or by hand): the files the index changes.
    expect(runHook(repo, []).code).toBe(1);
  });

  it('blocks `git commit` through a real pre-commit hook, and lets a clean commit through', () => {
    const repo = project();
    const hookFile = join(repo.dir, '.git', 'hooks', 'pre-commit');
    const [script = '', ...entryArgs] = hook.entry.split(/\s+/);
    // What pre-commit's generated hook amounts to for this one hook.
    writeFileSync(
      hookFile,
      `#!/bin/sh\ngit diff --cached --name-only -z --diff-filter=d | xargs -0 '${resolve(script)}' ${entryArgs.join(' ')}\n`,
    );
    chmodSync(hookFile, 0o755);
    const key = generateSecret('aws-access-key-id');
    repo.write('deploy/.env', `AWS_ACCESS_KEY_ID=${key}\n`);
    repo.git(['add', '-A']);
    expect(() => repo.git(['commit', '-q', '-m', 'leak'])).toThrow();
    expect(repo.git(['log', '--oneline']).split('\n')).toHaveLength(1);

    repo.git(['rm', '-q', '--cached', 'deploy/.env']);
    repo.write('app/views.py', 'def index():\n    return 2\n');
    repo.git(['add', 'app/views.py']);
    repo.git(['commit', '-q', '-m', 'clean']);
    expect(repo.git(['log', '--oneline']).split('\n')).toHaveLength(2);
  });

  it('--staged outside a git repository, or with --history, is a usage error (exit 2)', () => {
    const repo = project();
    const withHistory = spawnSync(
      process.execPath,
      [resolve('dist/cli/index.js'), 'scan', '--staged', '--history', 'full'],
      { cwd: repo.dir, encoding: 'utf8' },
    );
    expect(withHistory.status).toBe(2);
    expect(withHistory.stderr).toContain('--staged scans the index; it does not take --history');
    const plain = mkdtempSync(join(tmpdir(), 'ddg-not-git-'));
    const outside = spawnSync(
      process.execPath,
      [resolve('dist/cli/index.js'), 'scan', '--staged'],
      {
        cwd: plain,
        encoding: 'utf8',
      },
    );
    expect(outside.status).toBe(2);
    expect(outside.stderr).toContain('--staged needs a git repository');
  });
});
