import { describe, expect, it } from 'vitest';
import {
  observeTreeListing,
  runHistoryRules,
  type TreeObservation,
} from '../../../src/history/rule';
import { gitTreeBomb as rule } from '../../../src/history/rules/git-tree-bomb';

/** A listing of `levels` trees, each naming the one below ten times, over ten files. */
function listing(levels: number, fanout = 10): string {
  const lines = ['# files', `100644 blob {token}\tf{0..${fanout - 1}}.env`];
  for (let level = 1; level <= levels; level++)
    lines.push(
      `# level${level}`,
      `040000 tree {${level === 1 ? 'files' : `level${level - 1}`}}\td{0..${fanout - 1}}`,
    );
  lines.push(
    '# commit',
    `040000 tree {level${levels}}\tvendor/data`.replace('vendor/data', 'vendor'),
  );
  return `${lines.join('\n')}\n`;
}

describe('DDG391 git-tree-bomb', () => {
  const invalid: { name: string; content: string; path: string }[] = [
    { name: '10^7 paths from seven trees', content: listing(6), path: 'vendor' },
    {
      name: '32^4 = 1,048,576 paths, just past the limit',
      content: listing(3, 32),
      path: 'vendor',
    },
  ];
  it.each(invalid)(
    'reports $name, at high, naming the tree and its path',
    async ({ content, path }) => {
      const findings = runHistoryRules(await observeTreeListing(content), [rule]);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        ruleId: 'DDG391',
        severity: 'high',
        file: path,
        source: 'history',
      });
      expect(findings[0]?.message).toMatch(
        /^tree [0-9a-f]{40} at "vendor" expands to over 1,000,000 paths: a git bomb/,
      );
    },
  );

  const valid: { name: string; content: string }[] = [
    { name: '10^4 paths', content: listing(3) },
    { name: '1,000,000 paths exactly (the limit is not passed)', content: listing(5) },
  ];
  it.each(valid)('does not report $name', async ({ content }) => {
    expect(runHistoryRules(await observeTreeListing(content), [rule])).toEqual([]);
  });

  it('names the commit that holds the tree when the one listed removes it', () => {
    const observation: TreeObservation = {
      commit: 'b'.repeat(40),
      holder: 'a'.repeat(40),
      tree: 'c'.repeat(40),
      paths: ['bomb'],
    };
    const [finding] = runHistoryRules([observation], [rule]);
    expect(finding).toMatchObject({ ruleId: 'DDG391', commit: 'a'.repeat(40), file: 'bomb' });
    expect(finding?.message).toContain(
      `commit ${'b'.repeat(40)} removes it from commit ${'a'.repeat(40)}`,
    );
  });
});
