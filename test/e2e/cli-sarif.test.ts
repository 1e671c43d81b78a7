import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupGitRepos, createGitRepo } from '../helpers/git-repo';
import { validateWithMultitool } from '../helpers/sarif-multitool';
import { generateSecret } from '../helpers/secret-generators';
import { runBuiltCli } from './run-built';

afterAll(() => cleanupGitRepos());

/** SARIF from the CLI itself, validated by Microsoft's SARIF Multitool with GitHub's rules. */
describe('CLI SARIF passes SARIF Multitool (--rule-kind "Gh;Sarif")', () => {
  it('for the example project', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ddg-sarif-e2e-')), 'example.sarif');
    const run = runBuiltCli([
      'scan',
      'examples/vulnerable-project',
      '--format',
      'sarif',
      '--output',
      out,
    ]);
    expect(run.code).toBe(1);
    const content = readFileSync(out, 'utf8');
    const errors = validateWithMultitool('example-project', content).filter(
      (r) => r.level === 'error',
    );
    expect(errors).toEqual([]);
    const sarif = JSON.parse(content) as {
      runs: { results: { partialFingerprints: Record<string, string> }[] }[];
    };
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(10);
    for (const result of sarif.runs[0]!.results)
      expect(Object.keys(result.partialFingerprints)).not.toHaveLength(0);
  });

  it('with fixes: results whose finding has edits carry SARIF fixes, and the key is in none', () => {
    const repo = createGitRepo();
    const key = generateSecret('django-key');
    repo.write(
      'project/settings.py',
      `import os\nDEBUG = True\nALLOWED_HOSTS = ['*']\nSECRET_KEY = '${key}'\nMIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n`,
    );
    repo.commit('settings');
    const run = runBuiltCli(
      [
        'scan',
        '.',
        '--settings-module',
        'project.settings',
        '--format',
        'sarif',
        '--fail-on',
        'never',
      ],
      { cwd: repo.dir },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(key);
    const errors = validateWithMultitool('fixes', run.stdout).filter((r) => r.level === 'error');
    expect(errors).toEqual([]);
    type Fix = {
      description: { text: string };
      artifactChanges: {
        artifactLocation: { uri: string };
        replacements: {
          deletedRegion: { startLine: number; endLine: number };
          insertedContent: { text: string };
        }[];
      }[];
    };
    const sarif = JSON.parse(run.stdout) as {
      runs: { results: { ruleId: string; fixes?: Fix[] }[] }[];
    };
    const fixOf = (id: string) => sarif.runs[0]!.results.find((r) => r.ruleId === id)?.fixes?.[0];
    expect(fixOf('security.W018')!.artifactChanges).toEqual([
      {
        artifactLocation: { uri: 'project/settings.py', uriBaseId: '%SRCROOT%' },
        replacements: [
          {
            deletedRegion: { startLine: 2, endLine: 2 },
            insertedContent: { text: 'DEBUG = os.environ.get("DJANGO_DEBUG", "False") == "True"' },
          },
        ],
      },
    ]);
    expect(fixOf('DDG201')!.artifactChanges[0]!.replacements[0]!.insertedContent.text).toBe(
      'ALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")',
    );
    // SECRET_KEY's result (the secret's, DDG101 or DDG206) carries the env read, never the key.
    const keyFix = sarif.runs[0]!.results.flatMap((r) => r.fixes ?? []).find((f) =>
      f.artifactChanges[0]!.replacements[0]!.insertedContent.text.startsWith('SECRET_KEY'),
    );
    expect(keyFix!.artifactChanges[0]!.replacements[0]!.insertedContent.text).toBe(
      'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
    );
  });

  it('for a history scan, with no secret in it', () => {
    const repo = createGitRepo();
    const key = generateSecret('django-key');
    repo.write('app/keys.py', `SECRET_KEY = '${key}'\n`);
    repo.commit('key');
    repo.write('app/keys.py', 'SECRET_KEY = None\n');
    repo.commit('removed');
    const run = runBuiltCli([
      'scan',
      repo.dir,
      '--history',
      'full',
      '--format',
      'sarif',
      '--fail-on',
      'never',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(key);
    const errors = validateWithMultitool('history-scan', run.stdout).filter(
      (r) => r.level === 'error',
    );
    expect(errors).toEqual([]);
    const sarif = JSON.parse(run.stdout) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toContain('DDG101');
  });
});
