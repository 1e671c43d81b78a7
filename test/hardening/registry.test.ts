import { describe, expect, it } from 'vitest';
import { runFileRules } from '../../src/hardening/file-rule';
import type { RuleMeta } from '../../src/core/types';
import { hardeningFileRules, hardeningSettingsRules } from '../../src/hardening/rules/index';
import { checkSettingsSource } from '../../src/settings/analyze';
import { expandSecretMarkers } from '../helpers/secret-generators';

const allHardening: readonly RuleMeta[] = [...hardeningSettingsRules, ...hardeningFileRules];

describe('hardening registry', () => {
  it('ids are DDG2xx for settings and DDG3xx for files, unique and sorted', () => {
    const settingsIds = hardeningSettingsRules.map((r) => r.id);
    const fileIds = hardeningFileRules.map((r) => r.id);
    for (const id of settingsIds) expect(id).toMatch(/^DDG2\d\d$/);
    for (const id of fileIds) expect(id).toMatch(/^DDG3\d\d$/);
    expect(settingsIds).toEqual([...settingsIds].sort());
    expect(fileIds).toEqual([...fileIds].sort());
    const all = [...settingsIds, ...fileIds];
    expect(new Set(all).size).toBe(all.length);
    const names = allHardening.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('settings rules say they are hardening rules', () => {
    for (const rule of hardeningSettingsRules) expect(rule.origin).toBe('hardening');
  });

  it.each(allHardening.map((r) => [r.id, r] as const))(
    '%s has complete docs that justify its severity',
    (_id, rule) => {
      const d = rule.docs;
      for (const text of [d.summary, d.whatItDoes, d.whyBad, d.useInstead, rule.fix])
        expect(text.trim().length).toBeGreaterThan(20);
      expect(d.whyBad).toMatch(/Severity (critical|high|medium|low)/);
      expect(d.whyBad.toLowerCase()).toContain(`severity ${rule.severity}`);
      expect(d.references.length).toBeGreaterThan(0);
      expect(rule.name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    },
  );

  it.each(hardeningSettingsRules.map((r) => [r.id, r] as const))(
    '%s: documented bad example fires, good example does not',
    (_id, rule) => {
      const run = (example: { file: string; content: string }) =>
        checkSettingsSource({
          file: example.file,
          source: expandSecretMarkers(example.content).content,
          rules: [rule],
        })
          .filter((f) => !f.suppressed && f.severity !== 'info')
          .map((f) => f.ruleId);
      expect(run(rule.docs.badExample)).toContain(rule.id);
      expect(run(rule.docs.goodExample)).not.toContain(rule.id);
    },
  );

  it.each(hardeningFileRules.map((r) => [r.id, r] as const))(
    '%s: documented bad example fires, good example does not',
    (_id, rule) => {
      const run = (example: { file: string; content: string }) =>
        runFileRules(
          { path: example.file, content: expandSecretMarkers(example.content).content },
          [rule],
        ).map((f) => f.ruleId);
      expect(run(rule.docs.badExample)).toContain(rule.id);
      expect(run(rule.docs.goodExample)).not.toContain(rule.id);
    },
  );
});
