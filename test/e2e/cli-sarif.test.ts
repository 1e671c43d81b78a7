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
