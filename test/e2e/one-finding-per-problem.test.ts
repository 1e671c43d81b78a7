/**
 * Issue 10, end to end: one finding per problem, on the line that holds it, with one fingerprint
 * that every suppression uses, whatever the layout of the repository. Through the built CLI and
 * the built action as the runner runs it (against a local GitHub API for the check run).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanupGitRepos, createGitRepo } from '../helpers/git-repo';
import { startGitHubServer, type GitHubServer } from '../helpers/github-server';
import { generateSecret } from '../helpers/secret-generators';
import { parseWorkflowCommands } from '../helpers/workflow-commands';
import { runBuiltActionAsync, runBuiltCli } from './run-built';

interface ReportFinding {
  ruleId: string;
  source: string;
  file: string;
  line: number;
  current: boolean;
  fingerprint: string;
  suppressed?: { kind: string };
  locations: { source: string; file: string; line: number; current: boolean; commit?: string }[];
}

function scanJson(dir: string, ...args: string[]) {
  const run = runBuiltCli(['scan', dir, '--format', 'json', '--fail-on', 'never', ...args]);
  expect(run.stderr).not.toMatch(/internal error/);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as { version: number; findings: ReportFinding[]; notes: string[] };
}

afterAll(() => cleanupGitRepos());

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer();
});
afterEach(async () => {
  expect(server.state.violations).toEqual([]);
  await server.close();
});

describe('one secret, one finding', () => {
  it('a key in the tree, its history and the SECRET_KEY setting is one finding with one fingerprint', () => {
    const repo = createGitRepo();
    const key = generateSecret('django-key');
    repo.write('proj/__init__.py', '');
    repo.write('proj/settings.py', `DEBUG = False\nSECRET_KEY = '${key}'\n`);
    repo.commit('settings');
    repo.write('README.md', 'shop\n');
    repo.commit('readme');
    const report = scanJson(repo.dir, '--history', 'full', '--settings-module', 'proj.settings');
    expect(report.version).toBe(2);
    const secret = report.findings.filter((f) =>
      f.locations.some((l) => l.file === 'proj/settings.py' && l.line === 2),
    );
    const ours = secret.filter((f) => f.ruleId.startsWith('DDG'));
    expect(ours).toHaveLength(1);
    const finding = ours[0]!;
    expect(finding).toMatchObject({ file: 'proj/settings.py', line: 2, current: true });
    expect(new Set(finding.locations.map((l) => l.source))).toEqual(
      new Set(['tree', 'settings', 'history']),
    );
    expect(finding.fingerprint).toMatch(/^[0-9a-f]{16}$/);

    // The text report shows the fingerprint in full; allowlisting what it shows suppresses the
    // secret in every location (tree, setting and history alike).
    const text = runBuiltCli(['scan', repo.dir, '--history', 'full', '--no-color']);
    expect(text.stdout).toContain(`fingerprint ${finding.fingerprint}`);
    writeFileSync(
      join(repo.dir, '.django-deploy-guard.yml'),
      `allowlist:\n  - fingerprint: ${finding.fingerprint.slice(0, 8)}\n    reason: test key\n`,
    );
    const after = scanJson(repo.dir, '--history', 'full', '--settings-module', 'proj.settings');
    const again = after.findings.filter((f) => f.fingerprint === finding.fingerprint);
    expect(again).toHaveLength(1);
    expect(again[0]!.suppressed?.kind).toBe('config');
    expect(after.notes.join('\n')).not.toMatch(/allowlist.*matches no finding/);
    const failing = runBuiltCli([
      'scan',
      repo.dir,
      '--history',
      'full',
      '--settings-module',
      'proj.settings',
    ]);
    // Nothing about the key fails the run any more (DEBUG is False, no other finding is high).
    expect(failing.stdout).not.toMatch(/^\s+\d+\s+(critical|high)\s+DDG1/m);
  });

  it('a committed .env with 15 revisions is one finding', () => {
    const repo = createGitRepo();
    for (let i = 0; i < 15; i++) {
      repo.write(
        'docker/.env',
        `DATABASE_PASSWORD=${generateSecret('db-password')}\nEXTRA_${i}_TOKEN=${generateSecret('generic-token')}\n`,
      );
      repo.commit(`env revision ${i}`);
    }
    const report = scanJson(repo.dir, '--history', 'full');
    const dotenv = report.findings.filter((f) => f.ruleId === 'DDG102');
    expect(dotenv).toHaveLength(1);
    expect(dotenv[0]!.locations.filter((l) => l.source === 'history').length).toBeGreaterThan(1);
  });

  it('a key that only history holds annotates nothing; a still-committed one annotates its current line', async () => {
    const repo = createGitRepo();
    const removed = generateSecret('django-key');
    const kept = generateSecret('django-key');
    repo.write('app/settings.py', `SECRET_KEY = '${removed}'\n`);
    repo.write('app/other.py', `API = 1\nSECRET_KEY = '${kept}'\n`);
    repo.commit('keys');
    // The removed key's file now has other content on its old line; the kept key moves down.
    repo.write('app/settings.py', "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n");
    repo.write('app/other.py', `API = 1\n\n\n# moved\nSECRET_KEY = '${kept}'\n`);
    repo.commit('rotate one, move the other');
    const run = await runBuiltActionAsync({
      workspace: repo.dir,
      inputs: { history: 'full', 'check-run': 'true', 'github-token': 'write-token' },
      env: { GITHUB_API_URL: server.url, GITHUB_SHA: repo.head() },
    });
    // The secret findings (the settings deploy check also speaks about app/settings.py).
    const annotations = parseWorkflowCommands(run.stdout).filter(
      (c) =>
        ['error', 'warning', 'notice'].includes(c.name) &&
        c.properties.file &&
        c.properties.title?.startsWith('DDG101'),
    );
    expect(annotations.filter((a) => a.properties.file === 'app/settings.py')).toEqual([]);
    const other = annotations.filter((a) => a.properties.file === 'app/other.py');
    expect(other.map((a) => a.properties.line)).toEqual(['5']);
    // The check run's annotations follow the same rule.
    const checkAnnotations = server.state.checkRuns.flatMap((r) => r.annotations);
    expect(
      checkAnnotations.filter(
        (a) =>
          a.path === 'app/settings.py' &&
          typeof a.title === 'string' &&
          a.title.startsWith('DDG101'),
      ),
    ).toEqual([]);
    // ...and the history-only one is in the summary, with its commit.
    expect(run.summary).toMatch(
      /app\/settings\.py:1.*\(in history\)|app\/settings\.py:1\]\(.*\) at [0-9a-f]{12}/,
    );
  });
});

describe('annotations stay within what GitHub shows', () => {
  it('never prints more than 9 error annotations plus the failure line', async () => {
    const repo = createGitRepo();
    for (let i = 0; i < 15; i++)
      repo.write(`app/settings_${i}.py`, `SECRET_KEY = '${generateSecret('django-key')}'\n`);
    repo.commit('many keys');
    const run = await runBuiltActionAsync({
      workspace: repo.dir,
      inputs: { history: 'off' },
    });
    const errors = parseWorkflowCommands(run.stdout).filter((c) => c.name === 'error');
    expect(errors).toHaveLength(10);
    expect(errors.filter((c) => c.properties.file !== undefined)).toHaveLength(9);
    expect(errors.at(-1)!.message).toMatch(
      /^django-deploy-guard: 15 finding\(s\) at or above high/,
    );
    expect(run.summary).toMatch(/6 annotations were not shown/);
  });
});

describe('a Django backend in a subdirectory (path: backend)', () => {
  it('every channel names paths from the repository top; history covers the subdirectory', async () => {
    const repo = createGitRepo();
    const backendKey = generateSecret('django-key');
    const frontendToken = generateSecret('github-token');
    repo.write('frontend/package.json', '{"name": "web"}\n');
    repo.write('frontend/src/config.js', `export const token = '${frontendToken}';\n`);
    repo.write(
      'backend/manage.py',
      "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.production')\n",
    );
    repo.write('backend/config/__init__.py', '');
    repo.write('backend/config/settings/__init__.py', '');
    repo.write(
      'backend/config/settings/production.py',
      `DEBUG = False\nALLOWED_HOSTS = ['shop.example.com']\nSECRET_KEY = '${backendKey}'\n`,
    );
    repo.commit('monorepo');
    const sarifFile = join(repo.dir, '..', `${repo.dir.split('/').pop()}-results.sarif`);
    const run = await runBuiltActionAsync({
      workspace: repo.dir,
      inputs: {
        path: 'backend',
        history: 'full',
        'check-run': 'true',
        'github-token': 'write-token',
        'sarif-file': sarifFile,
      },
      env: { GITHUB_API_URL: server.url, GITHUB_SHA: repo.head() },
    });
    const files = parseWorkflowCommands(run.stdout)
      .map((c) => c.properties.file)
      .filter((f): f is string => f !== undefined);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file.startsWith('backend/'), file).toBe(true);
    expect(files).toContain('backend/config/settings/production.py');

    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as {
      runs: {
        results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      }[];
    };
    const uris = sarif.runs[0]!.results.map(
      (r) => r.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) expect(uri.startsWith('backend/'), uri).toBe(true);

    const report = JSON.parse(readFileSync(run.outputs['report-json']!, 'utf8')) as {
      findings: ReportFinding[];
      settings: { file: string }[];
    };
    for (const f of report.findings) {
      expect(f.file.startsWith('backend/'), f.file).toBe(true);
      for (const l of f.locations) expect(l.file.startsWith('backend/'), l.file).toBe(true);
    }
    expect(report.settings[0]!.file).toBe('backend/config/settings/production.py');
    // The frontend's token is outside the scanned path, in the tree and in history.
    expect(report.findings.some((f) => f.file.startsWith('frontend/'))).toBe(false);

    expect(run.summary).toContain('backend/config/settings/production.py');
    expect(run.summary).not.toMatch(/\(config\/settings\/production\.py/);
    const checkPaths = server.state.checkRuns.flatMap((r) =>
      r.annotations.map((a) => (typeof a.path === 'string' ? a.path : '')),
    );
    expect(checkPaths.length).toBeGreaterThan(0);
    for (const path of checkPaths) expect(path.startsWith('backend/'), path).toBe(true);
  });
});
