import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from './run-built';
import {
  BASE_SETTINGS,
  buildPullRequest,
  DEBUG_RULE,
  featureSettings,
  git,
  KEY_RULE,
  WEAKENINGS,
} from './pull-request-weakenings';

interface Report {
  findings: {
    ruleId: string;
    message: string;
    file: string;
    line: number;
    delta?: string;
    suppressed?: unknown;
  }[];
  fixed?: { ruleId: string; file: string; message: string }[];
  summary: { failed: boolean; reason: string };
}

function scanRange(dir: string, ...extra: string[]) {
  const run = runBuiltCli(
    [
      'scan',
      '.',
      '--history',
      'range',
      '--base',
      'main',
      '--head',
      'feature',
      '--format',
      'json',
      ...extra,
    ],
    { cwd: dir },
  );
  return { ...run, report: JSON.parse(run.stdout || '{}') as Report };
}

const BASE_LINES = BASE_SETTINGS.split('\n').length;

const active = (report: Report, ruleId: string) =>
  report.findings.filter((f) => f.ruleId === ruleId && !f.suppressed);

describe('the CLI with --base: the base branch decides, whatever the pull request changes', () => {
  it("the fixture's settings hold the key line verbatim, whatever characters the key has", () => {
    // A generated key ends in `$` about once in 50 runs: `$'` must not splice the file's tail in.
    for (const key of ["abc$'def", 'x$&y', 'k$`z$$', 'ends-with$']) {
      const text = featureSettings(
        key,
        (k) => `SECRET_KEY = '${k}'  # deploy-guard: ignore[DDG101]`,
      );
      expect(text.split('\n')[2]).toBe(`SECRET_KEY = '${key}'  # deploy-guard: ignore[DDG101]`);
      expect(text.split('\n')).toHaveLength(BASE_LINES);
    }
  });

  it.each(WEAKENINGS.map((w) => [w.name, w] as const))(
    '%s: still fails on the new key and DEBUG = True, and names the weakening',
    (_name, weakening) => {
      const { dir } = buildPullRequest(weakening);
      const { code, report, stderr } = scanRange(dir);
      expect(stderr).not.toMatch(/internal error/);
      expect(code).toBe(1);
      expect(report.summary.failed).toBe(true);
      expect(active(report, KEY_RULE).map((f) => f.delta)).toEqual(['new']);
      expect(active(report, DEBUG_RULE).map((f) => f.delta)).toEqual(['new']);
      const guard = active(report, 'DDG390');
      expect(guard.map((f) => f.message).join('\n')).toMatch(weakening.says!);
      expect(guard.every((f) => f.delta === 'new')).toBe(true);
    },
  );

  it("the issue's combined pull request (ignore comment, DEBUG, fail-on never, exclude) fails", () => {
    const { dir } = buildPullRequest({
      name: 'combined',
      keyLine: (key) => `SECRET_KEY = '${key}'  # deploy-guard: ignore[DDG101] local only`,
      apply: (d) =>
        writeFileSync(
          join(d, '.django-deploy-guard.yml'),
          "fail-on: never\nexclude: ['proj/settings.py']\n",
        ),
    });
    const run = runBuiltCli(
      ['scan', '.', '--history', 'range', '--base', 'main', '--head', 'feature'],
      {
        cwd: dir,
      },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/fail-on high → never/);
    expect(run.stdout).toMatch(/excludes proj\/settings\.py/);
    expect(run.stdout).toMatch(/adds an inline ignore for DDG101 at proj\/settings\.py:3/);
    expect(run.stdout).not.toMatch(/^passed/m);
  });

  it("a maintainer's config change on the base branch takes effect on the next pull request", () => {
    const { dir } = buildPullRequest({ name: 'plain' });
    // The maintainer lowers DDG101 on main; the pull request is rebased on it.
    git(dir, 'checkout', '-q', 'main');
    writeFileSync(
      join(dir, '.django-deploy-guard.yml'),
      'fail-on: high\nrules:\n  DDG101: low\n  security.W018: low\n',
    );
    git(dir, 'commit', '-q', '-am', 'maintainer: DDG101 is low here');
    git(dir, 'checkout', '-q', 'feature');
    git(dir, 'rebase', '-q', 'main');
    const { code, report } = scanRange(dir);
    expect(report.findings.filter((f) => f.ruleId === 'DDG390')).toEqual([]);
    expect(active(report, KEY_RULE).map((f) => f.delta)).toEqual(['new']);
    expect(code).toBe(0);
  });

  it('marks findings the base already had as existing, lists what the change fixed, and fails on new ones only', () => {
    const { dir } = buildPullRequest({
      name: 'existing',
      baseFiles: { '.env.production': 'DJANGO_DEBUG=True\n', 'old.env': 'X=1\n' },
      apply: (d) => git(d, 'rm', '-q', 'old.env'),
    });
    const { report } = scanRange(dir);
    const envDebug = report.findings.find((f) => f.file === '.env.production');
    expect(envDebug?.delta).toBe('existing');
    expect(active(report, KEY_RULE)[0]?.delta).toBe('new');

    // The pull request that fixes the env file: fixed, and nothing new.
    git(dir, 'checkout', '-q', 'main');
    git(dir, 'checkout', '-q', '-b', 'fix');
    writeFileSync(join(dir, '.env.production'), 'DJANGO_DEBUG=False\n');
    git(dir, 'commit', '-q', '-am', 'fix');
    const fix = runBuiltCli(
      ['scan', '.', '--history', 'range', '--base', 'main', '--head', 'fix', '--format', 'json'],
      { cwd: dir },
    );
    const fixReport = JSON.parse(fix.stdout) as Report;
    expect(fixReport.fixed?.map((f) => f.file)).toContain('.env.production');
    expect(fix.code).toBe(0);
  });

  it('fail-scope: all on the base branch fails on existing findings too', () => {
    const { dir } = buildPullRequest({
      name: 'scope',
      baseConfig: 'fail-on: high\nfail-scope: all\n',
      baseFiles: { '.env.production': 'DJANGO_DEBUG=True\n' },
    });
    git(dir, 'checkout', '-q', 'main');
    git(dir, 'checkout', '-q', '-b', 'harmless');
    writeFileSync(join(dir, 'README.md'), 'docs\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'docs');
    const run = (scope?: string) =>
      runBuiltCli(
        [
          'scan',
          '.',
          '--history',
          'range',
          '--base',
          'main',
          '--head',
          'harmless',
          '--format',
          'json',
          ...(scope ? ['--fail-scope', scope] : []),
        ],
        { cwd: dir },
      );
    expect(run().code).toBe(1);
    expect(run('new').code).toBe(0);
  });

  it('a history cache committed at the cache path is ignored with a notice (the forged cache)', () => {
    // The key is committed and removed again within the pull request: only history holds it.
    const { dir, key } = buildPullRequest({ name: 'cache' });
    const blob = git(dir, 'rev-parse', 'feature:proj/settings.py');
    writeFileSync(join(dir, 'proj/settings.py'), BASE_SETTINGS);
    git(dir, 'commit', '-q', '-am', 'remove the key again');
    // Forge: a real cache file with the secret's blob listed as clean, committed by the PR.
    const scratch = join(dir, '..', `${dir.split('/').pop()}-cache.json`);
    runBuiltCli(['scan', '.', '--history', 'full', '--no-settings-check', '--cache', scratch], {
      cwd: dir,
    });
    const cache = JSON.parse(readFileSync(scratch, 'utf8')) as {
      blobs: Record<string, unknown>;
      clean?: string;
    };
    delete cache.blobs[blob];
    cache.clean = `${cache.clean ?? ''} ${blob}`.trim();
    writeFileSync(join(dir, '.ddg-cache.json'), JSON.stringify(cache));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'cache');
    const run = runBuiltCli(
      [
        'scan',
        '.',
        '--history',
        'range',
        '--base',
        'main',
        '--head',
        'feature',
        '--format',
        'json',
        '--no-settings-check',
        '--cache',
        '.ddg-cache.json',
      ],
      { cwd: dir },
    );
    const report = JSON.parse(run.stdout) as Report & { notes: string[] };
    expect(run.stdout).not.toContain(key);
    expect(active(report, KEY_RULE).map((f) => f.file)).toEqual(['proj/settings.py']);
    expect(report.notes.join('\n')).toMatch(/\.ddg-cache\.json.*inside the repository.*not used/);
    expect(run.code).toBe(1);
  });
});
