import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSecret } from '../helpers/secret-generators';
import { commitAll, runBuiltCli, writeTree } from './run-built';
import { git } from './pull-request-weakenings';

/** A repository with a committed clean app and a staged Django key in app/settings.py. */
function repositoryWithStagedKey() {
  const dir = writeTree({ 'app/__init__.py': '', 'docs/index.md': 'docs\n', 'README.md': 'x\n' });
  commitAll(dir);
  const key = generateSecret('django-key');
  writeTree({ 'app/settings.py': `SECRET_KEY = '${key}'\n` }, dir);
  git(dir, 'add', 'app/settings.py');
  return { dir, key };
}

describe('no silent pass in the CLI', () => {
  it.each([
    ['scan . --staged', (_dir: string) => ['scan', '.', '--staged']],
    ['scan app --staged', (_dir: string) => ['scan', 'app', '--staged']],
    ['scan --staged <the repository, absolute>', (dir: string) => ['scan', '--staged', dir]],
    ['scan --staged app/settings.py', (_dir: string) => ['scan', '--staged', 'app/settings.py']],
  ])('%s finds the staged key', (_name, args) => {
    const { dir, key } = repositoryWithStagedKey();
    const run = runBuiltCli(args(dir), { cwd: dir });
    expect(run.stdout).toMatch(/DDG101/);
    expect(run.stdout).not.toContain(key);
    expect(run.stdout).toMatch(/--staged: 1 staged file\(s\) scanned/);
    expect(run.code).toBe(1);
  });

  it('scan --staged from a subdirectory scans what git commit would commit', () => {
    const { dir } = repositoryWithStagedKey();
    const run = runBuiltCli(['scan', '--staged'], { cwd: join(dir, 'docs') });
    expect(run.stdout).toMatch(/app\/settings\.py/);
    expect(run.code).toBe(1);
  });

  it('scan --staged with a directory that holds no staged change says so', () => {
    const { dir } = repositoryWithStagedKey();
    const run = runBuiltCli(['scan', '--staged', 'docs'], { cwd: dir });
    expect(run.stdout).toMatch(
      /--staged: 0 staged file\(s\) scanned \(nothing staged to commit there\)/,
    );
    expect(run.code).toBe(0);
  });

  it('a misspelt file with --staged is a usage error naming it', () => {
    const { dir } = repositoryWithStagedKey();
    const run = runBuiltCli(['scan', '--staged', 'app/setings.py'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not in the index.*app\/setings\.py/);
  });

  it('a file given as PATH is a usage error', () => {
    const dir = writeTree({
      'mysite/settings/production.py': `SECRET_KEY = '${generateSecret('django-key')}'\n`,
    });
    const run = runBuiltCli(['scan', 'mysite/settings/production.py'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is a file: scan takes the project's directory/);
  });

  it('undecided settings checks are in the last line, and undecided: fail fails the run', () => {
    const dir = writeTree({
      'proj/__init__.py': '',
      'proj/wsgi.py':
        "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n",
      'proj/settings.py': [
        'import os',
        'from somewhere_else import compute',
        'DEBUG = compute()',
        "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']",
        'ALLOWED_HOSTS = compute()',
        '',
      ].join('\n'),
    });
    mkdirSync(join(dir, 'static'), { recursive: true });
    const run = runBuiltCli(['scan', '.', '--no-color'], { cwd: dir });
    const last = run.stdout.trim().split('\n').pop() ?? '';
    expect(last).toMatch(/^passed — \d+ settings check\(s\) could not be decided/);
    expect(run.code).toBe(0);
    const strict = runBuiltCli(['scan', '.', '--undecided', 'fail'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout.trim().split('\n').pop()).toMatch(
      /^FAILED: .*could not be decided \(undecided: fail\)/,
    );
  });
});
