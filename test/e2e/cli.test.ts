import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSecret } from '../helpers/secret-generators';
import { commitAll, runBuiltCli, writeTree } from './run-built';

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  severity: string;
  source: string;
  fingerprint: string;
  evidence?: string;
  suppressed?: unknown;
}
interface JsonReport {
  version: number;
  findings: JsonFinding[];
  summary: { total: number; failed: boolean };
}

const parse = (stdout: string) => JSON.parse(stdout) as JsonReport;
const secretFindings = (report: JsonReport) => report.findings.filter((f) => f.source === 'tree');

describe('CLI end to end (dist/cli/index.js)', () => {
  it('scans the example project: findings and exit 1', () => {
    const run = runBuiltCli(['scan', 'examples/vulnerable-project', '--no-color']);
    expect(run.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('config/settings/production.py');
    expect(run.stdout).toMatch(/FAILED: \d+ finding/);
  });

  it('finds one finding per planted secret at the right file and line, and none for decoys', () => {
    const djangoKey = generateSecret('django-key');
    const insecureKey = generateSecret('django-insecure-key');
    const pem = generateSecret('pem-private-key');
    const dbPassword = generateSecret('db-password');
    const token = generateSecret('generic-token');
    const root = writeTree({
      'proj/settings/production.py': `import os\n\nDEBUG = False\nSECRET_KEY = '${djangoKey}'\n`,
      'proj/settings/local.py': `from .production import *\n\nSECRET_KEY = "${insecureKey}"\n`,
      '.env': `# local\nAPI_TOKEN=${token}\n`,
      'deploy/key.pem': `${pem}\n`,
      'deploy/database.ini': `[db]\nurl = postgres://app:${dbPassword}@db.internal:5432/app\n`,
      // Decoys: none of these is a finding.
      'proj/settings/env_only.py': [
        'import os',
        'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
        'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY")',
        'SECRET_KEY = env("DJANGO_SECRET_KEY", default="!!!SET DJANGO_SECRET_KEY!!!")',
        'SECRET_KEY = config("SECRET_KEY", default="change-me")',
        'SECRET_KEY = ""',
        "SECRET_KEY = '${DJANGO_SECRET_KEY}'",
        "SECRET_KEY = '<your-secret-key-here>'",
        '',
      ].join('\n'),
      '.env.example':
        'DJANGO_SECRET_KEY=change-me\nDATABASE_URL=postgres://user:password@localhost/db\n',
      'docs/compose.yml':
        'services:\n  web:\n    environment:\n      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY}\n',
      'logo.png': Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0x53, 0x45, 0x43, 0x52, 0x45, 0x54,
      ]),
    });
    commitAll(root);
    const run = runBuiltCli([
      'scan',
      root,
      '--format',
      'json',
      '--history',
      'off',
      '--settings-module',
      'proj.settings.production',
    ]);
    expect(run.stderr).not.toMatch(/internal error/);
    const report = parse(run.stdout);
    const found = secretFindings(report)
      .map((f) => `${f.ruleId} ${f.file}:${f.line}`)
      .sort();
    expect(found).toEqual(
      [
        'DDG101 proj/settings/production.py:4',
        'DDG101 proj/settings/local.py:3',
        'DDG102 .env:2',
        'DDG103 deploy/key.pem:1',
        'DDG104 deploy/database.ini:2',
      ].sort(),
    );
    expect(run.code).toBe(1);
    for (const secret of [djangoKey, insecureKey, pem, dbPassword, token, pem.split('\n')[1]!]) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
    for (const f of secretFindings(report)) {
      expect(f.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      // Evidence: at most 4 characters and the length (the fingerprint is shown on its own).
      expect(f.evidence).toMatch(/^.{0,4}… \(\d+ chars\)$/);
    }
  });

  it('keeps fingerprints stable when the secret moves to another line', () => {
    const key = generateSecret('django-key');
    const before = writeTree({ 'app/settings.py': `SECRET_KEY = '${key}'\n` });
    const after = writeTree({ 'app/settings.py': `# moved\n\n\nSECRET_KEY = '${key}'\n` });
    const fp = (root: string) =>
      secretFindings(
        parse(runBuiltCli(['scan', root, '--format', 'json', '--fail-on', 'never']).stdout),
      ).map((f) => f.fingerprint);
    expect(fp(before)).toHaveLength(1);
    expect(fp(after)).toEqual(fp(before));
  });

  it('honours inline suppression and the config allowlist, with reasons', () => {
    const key = generateSecret('django-key');
    const other = generateSecret('django-key');
    const root = writeTree({
      'app/keys.py': `SECRET_KEY = '${key}'  # deploy-guard: ignore[DDG101] rotated, test fixture\n`,
      'app/more_keys.py': `SECRET_KEY = '${other}'\n`,
    });
    const first = parse(runBuiltCli(['scan', root, '--format', 'json']).stdout);
    const inline = secretFindings(first).find((f) => f.file === 'app/keys.py')!;
    expect(inline.suppressed).toEqual({ kind: 'inline', reason: 'rotated, test fixture' });
    const open = secretFindings(first).find((f) => f.file === 'app/more_keys.py')!;
    expect(open.suppressed).toBeUndefined();
    expect(first.summary.failed).toBe(true);
    // Allowlist the other one by fingerprint, with a reason: the run passes.
    writeTree(
      {
        '.django-deploy-guard.yml': `allowlist:\n  - fingerprint: ${open.fingerprint}\n    reason: fixture key, never deployed\n`,
      },
      root,
    );
    const second = parse(runBuiltCli(['scan', root, '--format', 'json']).stdout);
    expect(secretFindings(second).find((f) => f.file === 'app/more_keys.py')!.suppressed).toEqual({
      kind: 'config',
      reason: 'fixture key, never deployed',
    });
    expect(second.summary.failed).toBe(false);
  });

  it('rejects a bad configuration with file and line, exit code 2 and no stack trace', () => {
    const root = writeTree({
      '.django-deploy-guard.yml': 'fail-on: high\nrules:\n  DDG101: sometimes\n',
    });
    const run = runBuiltCli(['scan', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.django-deploy-guard.yml:3');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const unknownKey = writeTree({ '.django-deploy-guard.yml': 'fail_on: high\n' });
    const run2 = runBuiltCli(['scan', unknownKey]);
    expect(run2.code).toBe(2);
    expect(run2.stderr).toMatch(/\.django-deploy-guard\.yml:1: unknown key 'fail_on'/);
  });

  it('applies --fail-on and reports usage errors with exit code 2', () => {
    const key = generateSecret('django-key');
    const root = writeTree({ 'app/settings.py': `SECRET_KEY = '${key}'\n` });
    expect(runBuiltCli(['scan', root, '--fail-on', 'never']).code).toBe(0);
    expect(runBuiltCli(['scan', root, '--fail-on', 'bogus']).code).toBe(2);
    expect(runBuiltCli(['scan', root, '--no-such-flag']).code).toBe(2);
    expect(runBuiltCli(['frobnicate']).code).toBe(2);
    expect(runBuiltCli(['scan', join(root, 'missing')]).code).toBe(2);
    expect(runBuiltCli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(runBuiltCli(['--help']).stdout).toContain('--fail-on');
  });

  it('survives invalid Python, non-UTF-8 and binary files', () => {
    const root = writeTree({
      'app/settings.py': 'DEBUG = (\nif else ::: \x00\n',
      'app/latin1.py': Buffer.from('# caf\xe9\nNAME = "\xe9t\xe9"\n', 'latin1'),
      'blob.bin': Buffer.alloc(4096, 0),
    });
    const run = runBuiltCli(['scan', root, '--format', 'json', '--fail-on', 'never']);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(parse(run.stdout).version).toBe(2);
  });

  it('writes SARIF 2.1.0 with --format sarif --output', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ddg-sarif-')), 'report.sarif');
    const run = runBuiltCli([
      'scan',
      'examples/vulnerable-project',
      '--format',
      'sarif',
      '--output',
      out,
    ]);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as {
      version: string;
      runs: { results: unknown[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
  });

  it('runs with no node_modules present (the bundle is self-contained)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ddg-bundle-'));
    // The whole folder: the entry, the chunk it loads in the scan's process, the worker bundle.
    cpSync('dist/cli', join(dir, 'cli'), { recursive: true });
    const run = spawnSync(process.execPath, [join(dir, 'cli/index.js'), '--version'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
