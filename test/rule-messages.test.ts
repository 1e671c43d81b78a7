import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryRepoFiles } from '../src/core/repo-files';
import { placeholdersOf, type RuleMessages } from '../src/core/rule-messages';
import {
  createDependencyContext,
  defineDependencyRule,
  runDependencyRules,
} from '../src/dependencies/rule';
import { djangoUnsupported } from '../src/dependencies/rules/django-unsupported';
import { allRules, type AnyRule } from '../src/registry';
import { ruleModuleOf } from './helpers/rule-modules';

/** The quoted ids after every `messageId:` in a module (a literal or a conditional of literals). */
function reportedIds(source: string): string[] {
  const ids: string[] = [];
  for (const [, expression] of source.matchAll(/messageId:\s*([^,\n}]+)/g))
    for (const [, id] of expression!.matchAll(/'([A-Za-z0-9_]+)'/g)) ids.push(id!);
  return ids;
}

const messagesOf = (rule: AnyRule): RuleMessages | undefined =>
  'messages' in rule ? rule.messages : undefined;
const withMessages = allRules.filter((rule) => messagesOf(rule) !== undefined);

/**
 * Rules that report a `messageId` (typescript-eslint's `meta.messages` shape) name only ids their
 * `messages` hold, and hold no template they never report. Read from each rule module's source,
 * so a family that adopts messages is covered without a list here.
 */
describe('rule messages', () => {
  it('are used by the whole dependency family', () => {
    const dependencyRules = allRules.filter((rule) => rule.kind === 'dependency');
    expect(dependencyRules.map((rule) => rule.id).sort()).toEqual(['DDG401', 'DDG402']);
    for (const rule of dependencyRules) expect(messagesOf(rule), rule.id).toBeDefined();
  });

  it.each(withMessages.map((rule) => [rule.id, rule] as const))(
    '%s reports only ids its messages hold, and every message is reported',
    (_id, rule) => {
      const ids = reportedIds(readFileSync(ruleModuleOf(rule.name).path, 'utf8'));
      const declared = Object.keys(messagesOf(rule) ?? {});
      expect(ids.length, `${rule.name} reports a messageId`).toBeGreaterThan(0);
      for (const id of ids) expect(declared, `${rule.id} messageId '${id}'`).toContain(id);
      expect([...new Set(ids)].sort()).toEqual([...declared].sort());
      for (const template of Object.values(messagesOf(rule) ?? {}))
        expect(placeholdersOf(template).length, template).toBeGreaterThan(0);
    },
  );

  it('no rule without messages reports a messageId', () => {
    for (const rule of allRules.filter((r) => messagesOf(r) === undefined))
      expect(reportedIds(readFileSync(ruleModuleOf(rule.name).path, 'utf8')), rule.name).toEqual(
        [],
      );
  });

  it('a dependency rule reporting an id its messages lack is a bug the runner names', () => {
    const broken = defineDependencyRule<'known'>({
      ...djangoUnsupported,
      id: 'DDG499',
      messages: { known: '{{pinned}}' },
      check: (ctx) => [
        // @ts-expect-error: the compiler rejects an id the messages do not hold.
        { requirement: ctx.requirement('django')!, detail: 'django', messageId: 'unknown' },
      ],
    });
    const files = memoryRepoFiles({ 'requirements.txt': 'Django==3.2.25\n' });
    const { ctx } = createDependencyContext({
      fileList: ['requirements.txt'],
      files,
      today: '2026-12-07',
    });
    expect(() => runDependencyRules(ctx, [broken], files)).toThrow("DDG499: no message 'unknown'");
  });
});
