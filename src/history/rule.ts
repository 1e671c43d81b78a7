import { createHash } from 'node:crypto';
import { createFinding } from '../core/finding';
import type { Finding, RuleMeta } from '../core/types';
import { MAX_PATHS_PER_COMMIT, type UnlistedHistory } from './bounded-log';
import { TreeExpansion } from './tree-expansion';

/**
 * A rule over what the history scan sees in git's objects and no file shows: today, a tree that
 * expands past the path limit (a git bomb). Pure: the observation comes in as data, made by
 * `bounded-log.ts` while it lists history.
 */
export interface TreeObservation {
  /** The commit whose listing met the tree (it adds it, or removes it: see `holder`). */
  commit: string;
  /** The commit that holds the tree, when it is the parent of `commit`. */
  holder?: string;
  tree: string;
  /** Where the tree sits (from the repository's top); `''` when it is the commit's whole tree. */
  paths: string[];
}

export interface HistoryMatch {
  message: string;
  /** Stable part of the fingerprint. */
  detail: string;
}

export interface HistoryRuleDefinition extends RuleMeta {
  detect(observation: TreeObservation): HistoryMatch[];
}

/** A rule as `runHistoryRules` runs it; made by `defineHistoryRule`. */
export interface HistoryRule extends HistoryRuleDefinition {
  kind: 'history';
}

export function defineHistoryRule(definition: HistoryRuleDefinition): HistoryRule {
  return { kind: 'history', ...definition };
}

export function runHistoryRules(
  observations: readonly TreeObservation[],
  rules: readonly HistoryRule[],
): Finding[] {
  return observations.flatMap((observation) =>
    rules.flatMap((rule) =>
      rule.detect(observation).map((match) => {
        const commit = observation.holder ?? observation.commit;
        const file = observation.paths[0] || '.';
        return createFinding({
          rule,
          identity: { kind: 'path', ruleId: rule.id, file, detail: match.detail },
          source: 'history',
          file,
          line: 1,
          commit,
          message: match.message,
        });
      }),
    ),
  );
}

/** The git bombs among what history could not list. */
export function treeObservations(unlisted: readonly UnlistedHistory[]): TreeObservation[] {
  return unlisted.flatMap((item) =>
    item.kind === 'tree-bomb'
      ? [
          {
            commit: item.object,
            tree: item.tree ?? item.object,
            paths: item.paths ?? [],
            ...(item.holder !== undefined ? { holder: item.holder } : {}),
          },
        ]
      : [],
  );
}

/**
 * The trees of a rule's documented example, written as `git mktree` input: a block per tree
 * under `# <name>`, entries `<mode> <type> {<name>}\t<entry>` naming other blocks (or blobs) in
 * braces, and `<entry>` taking a shell-style range (`d{0..9}`: ten entries). The last block is
 * the commit's tree; it is observed as a root commit (`commit` "example").
 */
export async function observeTreeListing(content: string): Promise<TreeObservation[]> {
  const idOf = (name: string) => createHash('sha1').update(name).digest('hex');
  const trees = new Map<string, Buffer>();
  let root: string | undefined;
  let current: { id: string; entries: Buffer[] } | undefined;
  const close = () => {
    if (current) trees.set(current.id, Buffer.concat(current.entries));
  };
  for (const line of content.split('\n')) {
    const header = /^# (\S+)$/.exec(line);
    if (header) {
      close();
      root = idOf(header[1] ?? '');
      current = { id: root, entries: [] };
      continue;
    }
    const entry = /^(\d+) (?:tree|blob) \{([^}]+)\}\t(.+)$/.exec(line);
    if (!entry || !current) continue;
    const [, mode = '', target = '', name = ''] = entry;
    for (const expanded of expandRange(name))
      current.entries.push(
        Buffer.concat([
          Buffer.from(`${mode.replace(/^0+/, '')} ${expanded}\0`),
          Buffer.from(idOf(target), 'hex'),
        ]),
      );
  }
  close();
  if (root === undefined) return [];
  const expansion = new TreeExpansion(
    (ids) =>
      Promise.resolve(
        new Map(ids.flatMap((id) => (trees.has(id) ? [[id, trees.get(id) as Buffer]] : []))),
      ),
    MAX_PATHS_PER_COMMIT,
  );
  const found = await expansion.oversized(root, undefined);
  return found ? [{ commit: 'example', tree: found.tree, paths: found.paths }] : [];
}

/** `d{0..9}` → d0 … d9, `f{0..1}.env` → f0.env, f1.env; a name without a range is itself. */
function expandRange(name: string): string[] {
  const range = /^([^{]*)\{(\d{1,3})\.\.(\d{1,3})\}(.*)$/.exec(name);
  if (!range) return [name];
  const [, prefix = '', from = '0', to = '0', suffix = ''] = range;
  return Array.from(
    { length: Math.max(0, Number(to) - Number(from) + 1) },
    (_, n) => `${prefix}${Number(from) + n}${suffix}`,
  );
}
