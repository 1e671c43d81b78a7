import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runFileRules } from '../src/core/file-rule';
import { memoryRepoFiles } from '../src/core/repo-files';
import { djangoSupportData } from '../src/dependencies/data';
import { createDependencyContext, runDependencyRules } from '../src/dependencies/rule';
import { allRules, type AnyRule } from '../src/registry';
import { scanText } from '../src/secrets/detect';
import { checkSettingsSource } from '../src/settings/analyze';
import { TOOL_VERSION } from '../src/version';
import { expandSecretMarkers } from './helpers/secret-generators';

/** Runs one rule on one documented example and returns the ids it produced. */
function idsFor(rule: AnyRule, example: { file: string; content: string }): string[] {
  const { content } = expandSecretMarkers(example.content);
  switch (rule.kind) {
    case 'secret':
      return scanText({ path: example.file, content }, [rule]).map((r) => r.rule.id);
    case 'file':
      return runFileRules({ path: example.file, content }, [rule]).map((f) => f.ruleId);
    case 'settings':
      return checkSettingsSource({ file: example.file, source: content, rules: [rule] })
        .filter((f) => !f.suppressed)
        .map((f) => f.ruleId);
    case 'dependency': {
      const files = memoryRepoFiles({ [example.file]: content });
      // The day the committed data was taken: the examples are judged as of the data.
      const { ctx } = createDependencyContext({
        fileList: [example.file],
        files,
        today: djangoSupportData.source.takenAt,
      });
      return runDependencyRules(ctx, [rule], files).map((f) => f.ruleId);
    }
  }
}

describe('rule registry', () => {
  it('has unique ids and unique kebab-case names', () => {
    const ids = allRules.map((r) => r.id);
    const names = allRules.map((r) => r.name);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each(allRules.map((r) => [r.id, r] as const))('%s has complete docs', (_id, rule) => {
    const d = rule.docs;
    for (const section of [d.summary, d.whatItDoes, d.whyBad, d.useInstead, rule.fix]) {
      expect(section.trim().length).toBeGreaterThan(10);
    }
    expect(d.references.length).toBeGreaterThan(0);
    for (const ref of d.references) expect(ref).toMatch(/^https:\/\//);
    expect(d.badExample.file).not.toBe('');
    expect(d.goodExample.file).not.toBe('');
    expect(['critical', 'high', 'medium', 'low', 'info']).toContain(rule.severity);
  });

  it.each(allRules.map((r) => [r.id, r] as const))(
    '%s: the documented bad example fires and the good one does not',
    (_id, rule) => {
      expect(idsFor(rule, rule.docs.badExample)).toContain(rule.id);
      expect(idsFor(rule, rule.docs.goodExample)).not.toContain(rule.id);
    },
  );

  it('keeps the tool version in step with package.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(TOOL_VERSION).toBe(pkg.version);
  });
});
