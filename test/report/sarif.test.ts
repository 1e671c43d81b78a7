import { execFileSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MAX_SARIF_RESULTS,
  PARTIAL_FINGERPRINT_KEY,
  renderSarif,
  toPascalCase,
  toSarif,
  type SarifLog,
} from '../../src/report/sarif';
import { COMMIT, OLD_COMMIT, RULES, fixtureFindings, makeFinding, makeResult } from './fixtures';

const workDir = mkdtempSync(join(tmpdir(), 'ddg-sarif-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const OPTIONS = { repositoryUri: 'https://github.com/acme/shop', ref: 'refs/heads/main' };

/**
 * The Multitool's own postinstall (`chmod u+x`) does not run under npm's allowScripts, so make the
 * binary executable here; this works the same on a fresh `npm ci`.
 */
function multitoolPath(): string {
  const require = createRequire(import.meta.url);
  const binary = join(
    require.resolve('@microsoft/sarif-multitool-linux/package.json'),
    '..',
    'Sarif.Multitool',
  );
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    chmodSync(binary, statSync(binary).mode | 0o100);
  }
  return binary;
}

interface ValidationResult {
  ruleId: string;
  level: string;
  message: string;
}

/** Runs `Sarif.Multitool validate` with GitHub's and SARIF's rules; returns its results. */
function validateWithMultitool(name: string, content: string): ValidationResult[] {
  const input = join(workDir, `${name}.sarif`);
  const output = join(workDir, `${name}.validation.sarif`);
  writeFileSync(input, content);
  execFileSync(
    multitoolPath(),
    ['validate', input, '--rule-kind', 'Gh;Sarif', '--output', output, '--log', 'ForceOverwrite'],
    {
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
      stdio: 'pipe',
      timeout: 120_000,
    },
  );
  const log = JSON.parse(readFileSync(output, 'utf8').replace(/^\uFEFF/, '')) as {
    runs: {
      results?: {
        ruleId: string;
        level?: string;
        message: { id?: string; arguments?: string[] };
      }[];
    }[];
  };
  return (log.runs[0]?.results ?? []).map((r) => ({
    ruleId: r.ruleId,
    // SARIF's default level is "warning".
    level: r.level ?? 'warning',
    message: `${r.message.id ?? ''} ${(r.message.arguments ?? []).join(' | ')}`,
  }));
}

describe('toSarif', () => {
  const log: SarifLog = toSarif(makeResult(), RULES, OPTIONS);
  const run = log.runs[0];

  it('describes EVERY registered rule, fired or not, the way code scanning reads them', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(run.tool.driver.rules.map((r) => r.id).sort()).toEqual(RULES.map((r) => r.id).sort());
    const hsts = run.tool.driver.rules.find((r) => r.id === 'security.W004');
    expect(hsts).toMatchObject({
      name: 'HstsNotSet',
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['security', 'django'], 'security-severity': '5.5' },
      helpUri: expect.stringContaining('/docs/rules/hsts-not-set.md') as unknown,
    });
    expect(hsts?.help.markdown).toContain('## Why is this bad?');
    expect(hsts?.help.text).toContain('Use instead:');
    const severities = Object.fromEntries(
      run.tool.driver.rules.map((r) => [r.id, r.properties['security-severity']]),
    );
    expect(severities).toMatchObject({
      'DDG-S001': '9.5',
      'security.W018': '8.0',
      'security.W021': '3.0',
    });
  });

  it('points each result at its rule, a repository-relative file and a region', () => {
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      const location = result.locations[0]?.physicalLocation;
      expect(location?.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(location?.artifactLocation.uri).not.toMatch(/^\/|^[a-z]+:/);
      expect(location?.region.startLine).toBeGreaterThanOrEqual(1);
    }
    const history = run.results.find((r) => r.ruleId === 'DDG-S101');
    expect(history?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
      'deploy/old%20env.sh',
    );
    expect(history?.properties).toMatchObject({ commit: OLD_COMMIT, inHead: false });
    expect(history?.message.text).toContain(`Introduced in commit ${OLD_COMMIT.slice(0, 12)}`);
    expect(history?.relatedLocations?.[0]?.physicalLocation.artifactLocation.uri).toBe(
      'deploy/copy.sh',
    );
    expect(run.versionControlProvenance).toEqual([
      {
        repositoryUri: OPTIONS.repositoryUri,
        revisionId: COMMIT,
        branch: 'refs/heads/main',
        mappedTo: { uriBaseId: '%SRCROOT%' },
      },
    ]);
  });

  it('fingerprints do not depend on line numbers', () => {
    const moved = fixtureFindings().map((f) => ({ ...f, line: f.line + 40 }));
    const fingerprints = (findings: typeof moved) =>
      toSarif(makeResult(findings), RULES).runs[0].results.map(
        (r) => r.partialFingerprints[PARTIAL_FINGERPRINT_KEY],
      );
    expect(fingerprints(moved)).toEqual(fingerprints(fixtureFindings()));
  });

  it('keeps suppressed findings as suppressed results', () => {
    const result = (kind: 'inline' | 'silenced' | 'config' | 'baseline') =>
      toSarif(
        makeResult([makeFinding({ ruleId: 'security.W004', suppressed: { kind, reason: 'why' } })]),
        RULES,
      ).runs[0].results[0]?.suppressions;
    expect(result('inline')).toEqual([
      { kind: 'inSource', status: 'accepted', justification: 'inline: why' },
    ]);
    expect(result('silenced')?.[0]?.kind).toBe('inSource');
    expect(result('config')?.[0]?.kind).toBe('external');
    expect(result('baseline')?.[0]?.kind).toBe('external');
  });

  it('carries nothing but the findings’ redacted fields (no secret hash)', () => {
    const text = renderSarif(makeResult(), RULES, OPTIONS);
    expect(text).not.toContain('00112233445566778899aabbccddeeff');
    expect(text).toContain('dj4n… (50 chars, fp 1a2b3c4d)');
  });

  it('keeps the most severe 25,000 results (the code scanning per-run limit) and says so', () => {
    const many = Array.from({ length: MAX_SARIF_RESULTS + 10 }, (_, i) =>
      makeFinding({
        ruleId: i < 10 ? 'DDG-H001' : 'security.W004',
        line: i + 1,
        fingerprint: `fp${i}`,
      }),
    );
    const big = toSarif(makeResult(many), RULES).runs[0];
    expect(big.results).toHaveLength(MAX_SARIF_RESULTS);
    expect(big.results.every((r) => r.ruleId === 'security.W004')).toBe(true);
    expect(big.invocations[0]?.toolExecutionNotifications.at(-1)?.message.text).toContain(
      '10 less severe results were left out',
    );
  });

  it('converts kebab names to PascalCase', () => {
    expect(toPascalCase('cors-allow-all-with-credentials')).toBe('CorsAllowAllWithCredentials');
  });

  it('matches the golden file', async () => {
    await expect(renderSarif(makeResult(), RULES, OPTIONS)).toMatchFileSnapshot(
      './__golden__/report.sarif.golden',
    );
  });
});

describe('SARIF Multitool validation', () => {
  it('finds zero errors in our SARIF (GitHub and SARIF rule sets)', () => {
    const findings = [
      ...fixtureFindings(),
      makeFinding({
        ruleId: 'NOT-REGISTERED',
        name: 'mystery-rule',
        file: 'weird dir/ü (1).py',
        line: 0,
      }),
    ];
    const results = validateWithMultitool(
      'ours',
      renderSarif(makeResult(findings), RULES, OPTIONS),
    );
    expect(results.filter((r) => r.level === 'error')).toEqual([]);
  });

  it('does report errors in a broken log (the validator really runs)', () => {
    const broken = toSarif(makeResult(), RULES, OPTIONS);
    const location = broken.runs[0].results[0]?.locations[0]?.physicalLocation;
    if (location) {
      location.artifactLocation.uri = '/absolute/settings.py';
      location.region.startLine = 0;
    }
    const errors = validateWithMultitool('broken', JSON.stringify(broken)).filter(
      (r) => r.level === 'error',
    );
    expect(errors.map((e) => e.ruleId)).toEqual(expect.arrayContaining(['SARIF1004']));
    expect(errors.length).toBeGreaterThanOrEqual(2);
  });
});
