import { describe, expect, it } from 'vitest';
import { policyOf } from '../../src/config/config';
import { parseConfig } from '../../src/config/parse-config';
import {
  applyBaseline,
  createBaseline,
  describeBaselineEntries,
  parseBaseline,
  serializeBaseline,
} from '../../src/core/baseline';
import { ConfigurationError } from '../../src/core/errors';
import { inlineIgnoreReason } from '../../src/core/inline-ignore';
import { applyConfigPolicy, describeAllowlistEntries } from '../../src/core/policy';
import { summarizeFindings } from '../../src/core/summarize';
import type { Finding } from '../../src/core/types';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'DDG101',
    name: 'django-secret-key-committed',
    severity: 'critical',
    message: 'Django SECRET_KEY literal',
    file: 'app/settings.py',
    line: 3,
    fingerprint: 'aaaaaaaaaaaaaaaa',
    source: 'tree',
    current: true,
    docsUrl: 'https://example.invalid',
    secretHash: 'h1',
    locations: [
      {
        source: 'tree',
        ruleId: 'DDG101',
        file: 'app/settings.py',
        line: 3,
        current: true,
        severity: 'critical',
      },
    ],
    ...overrides,
  };
}

const known = new Set(['DDG101', 'DDG104', 'security.W004']);

function policyFromYaml(text: string, file: string) {
  const config = parseConfig(text, file);
  return policyOf(config.file, config.values);
}

describe('config policy', () => {
  it('drops disabled rules and excluded paths, overrides severity, allowlists by fingerprint', () => {
    const config = policyFromYaml(
      'exclude: ["tests/**"]\nrules:\n  DDG104: off\n  security.W004: low\nallowlist:\n  - fingerprint: bbbbbbbbbbbbbbbb\n    reason: accepted\n',
      'cfg.yml',
    );
    const out = applyConfigPolicy(
      [
        finding(),
        finding({ ruleId: 'DDG104', fingerprint: 'c' }),
        finding({ file: 'tests/fixtures/settings.py', fingerprint: 'd' }),
        finding({
          ruleId: 'security.W004',
          severity: 'medium',
          source: 'settings',
          fingerprint: 'e',
        }),
        finding({ fingerprint: 'bbbbbbbbbbbbbbbb', file: 'other.py' }),
      ],
      config,
      known,
    );
    expect(
      out.map((f) => `${f.ruleId}:${f.file}:${f.severity}:${f.suppressed?.kind ?? '-'}`),
    ).toEqual([
      'DDG101:app/settings.py:critical:-',
      'security.W004:app/settings.py:low:-',
      'DDG101:other.py:critical:config',
    ]);
  });

  it('rejects an unknown rule id with its line', () => {
    const config = policyFromYaml('rules:\n  DDG999: off\n', 'cfg.yml');
    expect(() => applyConfigPolicy([], config, known)).toThrow(ConfigurationError);
    expect(() => applyConfigPolicy([], config, known)).toThrow(
      /cfg\.yml:2: unknown rule id 'DDG999'/,
    );
  });
});

describe('threshold', () => {
  it('fails at or above fail-on, ignores suppressed findings, never with never', () => {
    const findings = [
      finding({ severity: 'medium' }),
      finding({ severity: 'critical', suppressed: { kind: 'inline', reason: 'x' } }),
    ];
    expect(summarizeFindings(findings, 'high').failed).toBe(false);
    expect(summarizeFindings(findings, 'medium').failed).toBe(true);
    expect(summarizeFindings(findings, 'never').failed).toBe(false);
    const summary = summarizeFindings(findings, 'low');
    expect(summary).toMatchObject({ total: 1, suppressed: 1, highestSeverity: 'medium' });
    expect(summarizeFindings([], 'info')).toMatchObject({
      failed: false,
      highestSeverity: 'none',
      reason: 'no findings',
    });
  });
});

describe('baseline', () => {
  it("keys by fingerprint (the finding's identity), so a moved line stays known; keeps reasons", () => {
    const first = createBaseline([
      finding(),
      finding({ ruleId: 'security.W004', secretHash: undefined, fingerprint: 'f1f1f1f1f1f1f1f1' }),
    ]);
    expect(first.findings.map((e) => e.fingerprint)).toEqual([
      'aaaaaaaaaaaaaaaa',
      'f1f1f1f1f1f1f1f1',
    ]);
    const edited = {
      ...first,
      findings: first.findings.map((e) => ({ ...e, reason: 'ticket SEC-1' })),
    };
    const text = serializeBaseline(createBaseline([finding({ line: 40 })], edited));
    expect(text).not.toMatch(/"line"|date|time/i);
    const reread = parseBaseline(text, 'b.json');
    expect(reread.findings[0]!.reason).toBe('ticket SEC-1');
    const applied = applyBaseline(
      [finding({ line: 99 }), finding({ fingerprint: 'bbbbbbbbbbbbbbbb' })],
      reread,
    );
    expect(applied.map((f) => f.suppressed?.kind ?? '-')).toEqual(['baseline', '-']);
  });

  it('still reads version 1 baselines (rule and value hash)', () => {
    const v1 = JSON.stringify({
      version: 1,
      findings: [{ ruleId: 'DDG101', file: 'old/place.py', hash: 'h1', reason: 'known' }],
    });
    const applied = applyBaseline(
      [finding(), finding({ secretHash: 'h2' })],
      parseBaseline(v1, 'b.json'),
    );
    expect(applied.map((f) => f.suppressed?.kind ?? '-')).toEqual(['baseline', '-']);
  });

  it('matches a unique fingerprint prefix of 8+ characters, and says which entries are stale', () => {
    const baseline = parseBaseline(
      JSON.stringify({
        version: 2,
        findings: [
          { fingerprint: 'aaaaaaaa', ruleId: 'DDG101', file: 'x', reason: 'known' },
          {
            fingerprint: 'cccccccccccccccc',
            ruleId: 'DDG101',
            file: 'y',
            reason: 'fixed long ago',
          },
        ],
      }),
      'b.json',
    );
    const findings = [finding(), finding({ fingerprint: 'dddddddddddddddd' })];
    const applied = applyBaseline(findings, baseline);
    expect(applied.map((f) => f.suppressed?.kind ?? '-')).toEqual(['baseline', '-']);
    expect(describeBaselineEntries(baseline, applied, 'b.json')).toEqual([
      'b.json: 1 baseline entry matches no finding of this run (fixed?); rewrite it with --update-baseline',
    ]);
  });

  it('rejects malformed baselines with a clear message that quotes nothing of the file', () => {
    expect(() => parseBaseline('{ not json SECRETVALUE', 'b.json')).toThrow(
      /^b\.json: baseline is not valid JSON$/,
    );
    expect(() => parseBaseline('{"version":1,"findings":[{"ruleId":"x"}]}', 'b.json')).toThrow(
      /reason/,
    );
  });
});

describe('allowlist by fingerprint', () => {
  it('takes the full fingerprint or a unique prefix of 8+; notes stale and ambiguous entries', () => {
    const config = policyFromYaml(
      [
        'allowlist:',
        '  - fingerprint: aaaaaaaa',
        '    reason: test key',
        '  - fingerprint: abab',
        '    reason: too short',
        '  - fingerprint: cccccccc',
        '    reason: two start with it',
        '  - fingerprint: eeeeeeeeeeeeeeee',
        '    reason: fixed',
        '',
      ].join('\n'),
      'cfg.yml',
    );
    const findings = [
      finding(),
      finding({ fingerprint: 'abababababababab' }),
      finding({ fingerprint: 'cccccccc11111111' }),
      finding({ fingerprint: 'cccccccc22222222' }),
    ];
    const out = applyConfigPolicy(findings, config, known);
    expect(out.map((f) => f.suppressed?.kind ?? '-')).toEqual(['config', '-', '-', '-']);
    const notes = describeAllowlistEntries(config, findings);
    expect(notes).toEqual([
      'cfg.yml:4: allowlist fingerprint abab matches no finding of this run (stale: remove it, or check it against the fingerprints the reports show)',
      'cfg.yml:6: allowlist fingerprint cccccccc matches 2 findings; write more of it (the reports show all 16 characters)',
      'cfg.yml:8: allowlist fingerprint eeeeeeeeeeeeeeee matches no finding of this run (stale: remove it, or check it against the fingerprints the reports show)',
    ]);
  });
});

describe('inline ignore and globs', () => {
  it('reads ignore comments in every comment style', () => {
    expect(inlineIgnoreReason("KEY = 'x'  # deploy-guard: ignore[DDG101] test key", 'DDG101')).toBe(
      'test key',
    );
    expect(inlineIgnoreReason('KEY=x # deploy-guard: ignore[DDG102, DDG101]', 'DDG101')).toMatch(
      /no reason/,
    );
    expect(
      inlineIgnoreReason('key: x # deploy-guard: ignore[*] all of them', 'security.W018'),
    ).toBe('all of them');
    expect(
      inlineIgnoreReason('KEY=x # deploy-guard: ignore[DDG102] other rule', 'DDG101'),
    ).toBeUndefined();
  });
});
