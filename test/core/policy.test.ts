import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config';
import {
  applyBaseline,
  createBaseline,
  parseBaseline,
  serializeBaseline,
} from '../../src/core/baseline';
import { ConfigurationError } from '../../src/core/errors';
import { inlineIgnoreReason } from '../../src/core/inline-ignore';
import { applyConfigPolicy } from '../../src/core/policy';
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
    docsUrl: 'https://example.invalid',
    secretHash: 'h1',
    ...overrides,
  };
}

const known = new Set(['DDG101', 'DDG104', 'security.W004']);

describe('config policy', () => {
  it('drops disabled rules and excluded paths, overrides severity, allowlists by fingerprint', () => {
    const config = parseConfig(
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
    const config = parseConfig('rules:\n  DDG999: off\n', 'cfg.yml');
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
  it('keys by rule, path and secret hash, so a moved line stays known; keeps reasons', () => {
    const first = createBaseline([
      finding(),
      finding({ ruleId: 'security.W004', secretHash: undefined, fingerprint: 'f1' }),
    ]);
    expect(first.findings.map((e) => e.hash)).toEqual(['h1', 'f1']);
    const edited = {
      ...first,
      findings: first.findings.map((e) => ({ ...e, reason: 'ticket SEC-1' })),
    };
    const text = serializeBaseline(createBaseline([finding({ line: 40 })], edited));
    expect(text).not.toMatch(/"line"|date|time/i);
    const reread = parseBaseline(text, 'b.json');
    expect(reread.findings[0]!.reason).toBe('ticket SEC-1');
    const applied = applyBaseline(
      [finding({ line: 99 }), finding({ secretHash: 'other' })],
      reread,
    );
    expect(applied.map((f) => f.suppressed?.kind ?? '-')).toEqual(['baseline', '-']);
  });

  it('rejects malformed baselines with a clear message', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow(/b\.json: baseline is not valid JSON/);
    expect(() => parseBaseline('{"version":1,"findings":[{"ruleId":"x"}]}', 'b.json')).toThrow(
      /reason/,
    );
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
