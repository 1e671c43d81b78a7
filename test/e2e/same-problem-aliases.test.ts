/**
 * One finding per problem across Django's ids and ours, through the built CLI: a placeholder
 * SECRET_KEY (DDG208) that is also weak (security.W009), and an uncast env DEBUG (DDG204) that
 * is on (security.W018), are each one finding under Django's id, with the project rule as an
 * alias that the allowlist, `rules:`, inline ignores and baselines accept.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupGitRepos, createGitRepo, type GitRepo } from '../helpers/git-repo';
import { runBuiltCli } from './run-built';

interface ReportFinding {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  fingerprint: string;
  aliases?: string[];
  aliasFingerprints?: string[];
  suppressed?: { kind: string; reason: string };
  locations: { ruleId: string; line: number }[];
}

afterAll(() => cleanupGitRepos());

const SETTINGS = [
  'import os',
  '',
  "SECRET_KEY = 'change-me'",
  "DEBUG = os.environ.get('DJANGO_DEBUG', 'False')",
  "ALLOWED_HOSTS = ['example.com']",
  '',
];

function project(lines = SETTINGS): GitRepo {
  const repo = createGitRepo();
  repo.write('proj/__init__.py', '').write('proj/settings.py', lines.join('\n'));
  repo.commit('settings');
  return repo;
}

function scan(repo: GitRepo, ...args: string[]) {
  const run = runBuiltCli([
    'scan',
    repo.dir,
    '--settings-module',
    'proj.settings',
    '--format',
    'json',
    '--fail-on',
    'never',
    ...args,
  ]);
  expect(run.stderr).not.toMatch(/internal error|Error:/);
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { findings: ReportFinding[]; notes: string[] }).findings;
}

const byRule = (findings: ReportFinding[], id: string) => findings.filter((f) => f.ruleId === id);

describe('a project rule and a Django check on the same setting for the same cause', () => {
  it('are one finding under Django’s id, with the project rule’s detail and id as an alias', () => {
    const findings = scan(project());
    expect(byRule(findings, 'DDG208')).toEqual([]);
    expect(byRule(findings, 'DDG204')).toEqual([]);
    const [key] = byRule(findings, 'security.W009');
    expect(key).toMatchObject({ line: 3, severity: 'high', aliases: ['DDG208'] });
    expect(key!.message).toContain('DDG208 (secret-key-placeholder): ');
    expect(key!.message).toContain('well-known placeholder key');
    expect(key!.aliasFingerprints).toHaveLength(1);
    expect(key!.locations.map((l) => l.ruleId).sort()).toEqual(['DDG208', 'security.W009']);
    const [debug] = byRule(findings, 'security.W018');
    expect(debug).toMatchObject({ line: 4, aliases: ['DDG204'] });
    expect(debug!.message).toContain('DDG204 (debug-env-string): ');
  });

  it('an uncast env flag left empty (DDG205) and the Django check on that flag are one finding', () => {
    const findings = scan(
      project([
        'import os',
        "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']",
        'DEBUG = False',
        "ALLOWED_HOSTS = ['example.com']",
        "SESSION_COOKIE_SECURE = os.environ.get('SESSION_COOKIE_SECURE', '')",
        "INSTALLED_APPS = ['django.contrib.sessions']",
        "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware', 'django.contrib.sessions.middleware.SessionMiddleware']",
        '',
      ]),
    );
    expect(byRule(findings, 'DDG205')).toEqual([]);
    expect(byRule(findings, 'security.W012')[0]).toMatchObject({ line: 5, aliases: ['DDG205'] });
  });

  it('stay apart when they are about different lines or causes', () => {
    // The key is weak but no known placeholder: security.W009 alone, no alias.
    const findings = scan(
      project(['SECRET_KEY = "short"', 'DEBUG = False', "ALLOWED_HOSTS = ['a.b']", '']),
    );
    const [key] = byRule(findings, 'security.W009');
    expect(key!.aliases).toBeUndefined();
  });

  it('an inline ignore naming the alias suppresses the one finding', () => {
    const lines = [...SETTINGS];
    lines[2] = "SECRET_KEY = 'change-me'  # deploy-guard: ignore[DDG208] local demo key";
    const [key] = byRule(scan(project(lines)), 'security.W009');
    expect(key!.suppressed).toEqual({ kind: 'inline', reason: 'local demo key' });
  });

  it('the allowlist accepts the alias’s fingerprint (written before the two became one)', () => {
    const repo = project();
    const [key] = byRule(scan(repo), 'security.W009');
    const old = key!.aliasFingerprints![0]!;
    writeFileSync(
      join(repo.dir, '.django-deploy-guard.yml'),
      `allowlist:\n  - fingerprint: ${old.slice(0, 10)}\n    reason: demo project\n`,
    );
    const after = scan(repo);
    expect(byRule(after, 'security.W009')[0]!.suppressed).toEqual({
      kind: 'config',
      reason: 'demo project',
    });
  });

  it('`rules:` accepts the alias: a severity set for it applies; switched off, Django’s id still reports', () => {
    const repo = project();
    const config = join(repo.dir, '.django-deploy-guard.yml');
    writeFileSync(config, 'rules:\n  DDG208:\n    severity: critical\n');
    expect(byRule(scan(repo), 'security.W009')[0]!.severity).toBe('critical');
    writeFileSync(config, 'rules:\n  DDG208: off\n');
    expect(byRule(scan(repo), 'security.W009')).toHaveLength(1);
    writeFileSync(config, 'rules:\n  DDG208: off\n  security.W009: off\n');
    expect(byRule(scan(repo), 'security.W009')).toEqual([]);
  });

  it('a baseline entry written for the alias still marks the finding known', () => {
    const repo = project();
    const [key] = byRule(scan(repo), 'security.W009');
    writeFileSync(
      join(repo.dir, 'baseline.json'),
      JSON.stringify({
        version: 2,
        findings: [
          {
            fingerprint: key!.aliasFingerprints![0],
            ruleId: 'DDG208',
            file: 'proj/settings.py',
            reason: 'known',
          },
        ],
      }),
    );
    const [after] = byRule(scan(repo, '--baseline', 'baseline.json'), 'security.W009');
    expect(after!.suppressed).toEqual({ kind: 'baseline', reason: 'known' });
  });

  it('SILENCED_SYSTEM_CHECKS silences Django’s id only: the project rule still reports', () => {
    const lines = [...SETTINGS, "SILENCED_SYSTEM_CHECKS = ['security.W009']", ''];
    const findings = scan(project(lines));
    expect(byRule(findings, 'security.W009')[0]!.suppressed?.kind).toBe('silenced');
    expect(byRule(findings, 'DDG208')).toHaveLength(1);
    expect(byRule(findings, 'DDG208')[0]!.suppressed).toBeUndefined();
  });
});

it('the example project: 19 findings, no DDG208/security.W009 or DDG204/security.W018 pair', () => {
  const run = runBuiltCli(['scan', 'examples/vulnerable-project', '--format', 'json']);
  const findings = (JSON.parse(run.stdout) as { findings: ReportFinding[] }).findings;
  // 19 settings, secret and file findings, plus the pinned Django's support (DDG401) and
  // advisories (DDG402) from its requirements.txt.
  expect(findings).toHaveLength(21);
  expect(findings.filter((f) => !f.ruleId.startsWith('DDG4'))).toHaveLength(19);
  expect(findings.map((f) => f.ruleId)).not.toContain('DDG208');
  expect(findings.map((f) => f.ruleId)).not.toContain('DDG204');
});
