import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFileRules } from '../src/hardening/file-rule';
import { guardChangeOfNewFile } from '../src/guard/changes';
import { runGuardRules } from '../src/guard/rule';
import { observeTreeListing, runHistoryRules } from '../src/history/rule';
import { memoryRepoFiles } from '../src/core/repo-files';
import { djangoSupportData } from '../src/dependencies/data';
import { createDependencyContext, runDependencyRules } from '../src/dependencies/rule';
import { allRules, type AnyRule } from '../src/registry';
import { runSecretRules } from '../src/secrets/detect';
import { checkSettingsSource } from '../src/settings/analyze';
import { TOOL_VERSION } from '../src/version';
import { expandSecretMarkers } from './helpers/secret-generators';

/** Runs one rule on one documented example and returns the ids it produced. */
async function idsFor(
  rule: AnyRule,
  example: { file: string; content: string },
): Promise<string[]> {
  const { content } = expandSecretMarkers(example.content);
  switch (rule.kind) {
    case 'secret':
      return runSecretRules({ path: example.file, content }, [rule]).map((r) => r.rule.id);
    case 'file':
      return runFileRules({ path: example.file, content }, [rule]).map((f) => f.ruleId);
    case 'settings':
      return checkSettingsSource({ file: example.file, source: content, rules: [rule] })
        .filter((f) => !f.suppressed)
        .map((f) => f.ruleId);
    case 'guard':
      return runGuardRules(guardChangeOfNewFile(example.file, content), [rule]).map(
        (f) => f.ruleId,
      );
    case 'history':
      return runHistoryRules(await observeTreeListing(content), [rule]).map((f) => f.ruleId);
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
    async (_id, rule) => {
      expect(await idsFor(rule, rule.docs.badExample)).toContain(rule.id);
      expect(await idsFor(rule, rule.docs.goodExample)).not.toContain(rule.id);
    },
  );

  // One rule per module, named after the rule, every one registered and documented: the
  // registry and the file tree cannot drift apart.
  const RULE_FOLDERS = [
    'src/secrets/rules',
    'src/settings/rules',
    'src/hardening/rules',
    'src/guard/rules',
    'src/history/rules',
    'src/dependencies/rules',
  ];
  /** Modules in the rule folders that hold shared pieces, not a rule. */
  const HELPER_MODULES = new Set([
    'index.ts',
    'support.ts',
    'cors-support.ts',
    'csrf-failure-view.ts',
    'session-cookie-check.ts',
  ]);
  const isRule = (value: unknown): value is AnyRule =>
    typeof value === 'object' &&
    value !== null &&
    ['secret', 'settings', 'file', 'guard', 'history', 'dependency'].includes(
      (value as { kind?: unknown }).kind as string,
    ) &&
    typeof (value as { id?: unknown }).id === 'string';

  it('has one module per rule, named after it, and every module is registered', async () => {
    const registered = new Set(allRules);
    const seen: string[] = [];
    for (const folder of RULE_FOLDERS) {
      for (const file of readdirSync(folder)
        .filter((f) => f.endsWith('.ts'))
        .sort()) {
        const exported = Object.values(
          (await import(/* @vite-ignore */ pathToFileURL(resolve(folder, file)).href)) as Record<
            string,
            unknown
          >,
        ).filter(isRule);
        if (HELPER_MODULES.has(file)) {
          if (file !== 'index.ts') expect(exported, `${folder}/${file}`).toEqual([]);
          continue;
        }
        expect(exported.length, `${folder}/${file} exports one rule`).toBe(1);
        const [rule] = exported as [AnyRule];
        expect(`${rule.name}.ts`, `${folder}/${file}`).toBe(file);
        expect(registered.has(rule), `${rule.id} (${folder}/${file}) is registered`).toBe(true);
        seen.push(rule.id);
      }
    }
    expect(seen.sort()).toEqual(allRules.map((r) => r.id).sort());
  });

  // One test file per rule, beside the rule's family: test/<family>/rules/<rule-name>.test.ts
  // (valid and invalid cases through test/helpers/rule-tester.ts or the family's own harness).
  /**
   * Rules still tested in a shared file, with that file. The list may only shrink: a listed
   * rule that gets its own file fails below until it is taken off.
   */
  const TESTED_IN_SHARED_FILE: Record<string, string> = {
    'csrf-failure-view-bad-signature': 'test/settings/rules/csrf-failure-view.test.ts',
    'csrf-failure-view-not-importable': 'test/settings/rules/csrf-failure-view.test.ts',
    'aws-access-key': 'test/secrets/rules/token-rules.test.ts',
    'github-token': 'test/secrets/rules/token-rules.test.ts',
    'slack-token': 'test/secrets/rules/token-rules.test.ts',
    'stripe-secret-key': 'test/secrets/rules/token-rules.test.ts',
    'email-url-with-password': 'test/secrets/rules/vendor-tokens.test.ts',
    'gitlab-token': 'test/secrets/rules/vendor-tokens.test.ts',
    'google-api-key': 'test/secrets/rules/vendor-tokens.test.ts',
    'jwt-committed': 'test/secrets/rules/vendor-tokens.test.ts',
    'mailgun-api-key': 'test/secrets/rules/vendor-tokens.test.ts',
    'npm-token': 'test/secrets/rules/vendor-tokens.test.ts',
    'openai-api-key': 'test/secrets/rules/vendor-tokens.test.ts',
    'pypi-token': 'test/secrets/rules/vendor-tokens.test.ts',
    'sendgrid-api-key': 'test/secrets/rules/vendor-tokens.test.ts',
    'sentry-auth-token': 'test/secrets/rules/vendor-tokens.test.ts',
    'sentry-dsn-with-secret': 'test/secrets/rules/vendor-tokens.test.ts',
    'telegram-bot-token': 'test/secrets/rules/vendor-tokens.test.ts',
    'twilio-auth-token': 'test/secrets/rules/vendor-tokens.test.ts',
  };
  const familyOf = (rule: AnyRule): string => {
    for (const folder of RULE_FOLDERS)
      if (existsSync(`${folder}/${rule.name}.ts`)) return folder.split('/')[1]!;
    throw new Error(`no module for ${rule.name}`);
  };

  it.each(allRules.map((r) => [r.id, r] as const))(
    '%s has its own test file named after it',
    (_id, rule) => {
      const own = `test/${familyOf(rule)}/rules/${rule.name}.test.ts`;
      const shared = TESTED_IN_SHARED_FILE[rule.name];
      if (shared === undefined) {
        expect(existsSync(own), own).toBe(true);
        expect(readFileSync(own, 'utf8'), `${own} imports the rule`).toContain(
          `/rules/${rule.name}'`,
        );
      } else {
        expect(existsSync(own), `${own} exists: take ${rule.name} off the shared list`).toBe(false);
        const text = readFileSync(shared, 'utf8');
        expect(text.includes(rule.id) || text.includes(`/rules/${rule.name}'`), shared).toBe(true);
      }
    },
  );

  it('has a rule for every test file in the rules test folders', () => {
    const names = new Set(allRules.map((r) => r.name));
    const helpers = new Set(Object.values(TESTED_IN_SHARED_FILE).map((f) => f.split('/').pop()));
    for (const folder of RULE_FOLDERS.map((f) => f.replace(/^src/, 'test'))) {
      for (const file of readdirSync(folder).filter((f) => f.endsWith('.test.ts'))) {
        if (helpers.has(file) || file === 'index.test.ts') continue;
        expect(names.has(file.replace(/\.test\.ts$/, '')), `${folder}/${file}`).toBe(true);
      }
    }
  });

  it.each(allRules.map((r) => [r.id, r] as const))('%s has its docs page', (_id, rule) => {
    const page = `docs/rules/${rule.name}.md`;
    expect(existsSync(page), page).toBe(true);
    expect(readFileSync(page, 'utf8')).toContain(rule.id);
  });

  it('keeps the tool version in step with package.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(TOOL_VERSION).toBe(pkg.version);
  });
});
