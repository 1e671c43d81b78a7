/**
 * The production env file on the command line, through the built CLI on the Node running the
 * tests (CI runs them on each supported Node). Node itself reads `--env-file PATH` anywhere on its
 * command line, also after the script, and exits 9 ("node: PATH: not found") when PATH is not
 * found from the current directory: `--env-from-file` is the spelling Node leaves alone.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli, writeTree } from './run-built';

interface JsonReport {
  findings: { ruleId: string }[];
}

const ids = (stdout: string) => (JSON.parse(stdout) as JsonReport).findings.map((f) => f.ruleId);

function project(): string {
  return writeTree({
    'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n',
    'shop/__init__.py': '',
    'shop/settings.py': 'import os\nDEBUG = os.environ.get("DJANGO_DEBUG", "True") == "True"\n',
    '.envs/.production/.django': 'DJANGO_DEBUG=False # production\n',
  });
}

describe('the production env file on the command line', () => {
  it('--env-from-file PATH (relative to the scanned path) works from any directory', () => {
    const root = project();
    const elsewhere = mkdtempSync(join(tmpdir(), 'ddg-cwd-'));
    const withFile = runBuiltCli(
      ['scan', root, '--format', 'json', '--env-from-file', '.envs/.production/.django'],
      { cwd: elsewhere },
    );
    expect(withFile.stderr).toBe('');
    expect(withFile.code).toBe(1);
    expect(ids(withFile.stdout)).not.toContain('security.W018');

    const without = runBuiltCli(['scan', root, '--format', 'json'], { cwd: elsewhere });
    expect(ids(without.stdout)).toContain('security.W018');
  });

  it('--env-from-file=PATH works too', () => {
    const root = project();
    const run = runBuiltCli(
      ['scan', root, '--format', 'json', '--env-from-file=.envs/.production/.django'],
      { cwd: mkdtempSync(join(tmpdir(), 'ddg-cwd-')) },
    );
    expect(run.stderr).toBe('');
    expect(ids(run.stdout)).not.toContain('security.W018');
  });

  it('--env-file still works where Node lets it through (run from the project folder)', () => {
    const root = project();
    const run = runBuiltCli(
      ['scan', '.', '--format', 'json', '--env-file', '.envs/.production/.django'],
      { cwd: root },
    );
    expect(run.stderr).toBe('');
    expect(ids(run.stdout)).not.toContain('security.W018');
  });

  it('both spellings at once is a usage error', () => {
    const root = project();
    const run = runBuiltCli(
      ['scan', '.', '--env-file', '.envs/.production/.django', '--env-from-file', 'x.env'],
      { cwd: root },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('give --env-from-file or --env-file, not both');
  });
});
