import { describe, expect, it } from 'vitest';
import {
  MAX_SARIF_RESULTS,
  PARTIAL_FINGERPRINT_KEY,
  renderSarif,
  toPascalCase,
  toSarif,
  type SarifLog,
} from '../../src/report/sarif';
import { validateWithMultitool } from '../helpers/sarif-multitool';
import { COMMIT, OLD_COMMIT, RULES, fixtureFindings, makeFinding, makeResult } from './fixtures';

const OPTIONS = { repositoryUri: 'https://github.com/acme/shop', ref: 'refs/heads/main' };

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
    // History occurrences are not regions of today's files: they are listed with their commit.
    expect(history?.locations[0]?.physicalLocation.region).toEqual({ startLine: 1, endLine: 1 });
    expect(history?.properties).toMatchObject({
      historyOnly: true,
      history: [
        { commit: OLD_COMMIT, file: 'deploy/old env.sh', line: 3 },
        { commit: COMMIT, file: 'deploy/copy.sh', line: 7 },
      ],
    });
    expect(history?.relatedLocations).toBeUndefined();
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
    expect(text).toContain('dj4n… (50 chars)');
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
