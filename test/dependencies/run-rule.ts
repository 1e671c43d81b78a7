import { memoryRepoFiles } from '../../src/core/repo-files';
import type { Finding } from '../../src/core/types';
import {
  createDependencyContext,
  runDependencyRules,
  type DependencyRule,
} from '../../src/dependencies/rule';

/** Runs one dependency rule on an in-memory repository judged on `today`. */
export function runRule(
  rule: DependencyRule,
  repo: Record<string, string>,
  today: string,
): { findings: Finding[]; notes: string[] } {
  const files = memoryRepoFiles(repo);
  const { ctx, notes } = createDependencyContext({ fileList: Object.keys(repo), files, today });
  return { findings: runDependencyRules(ctx, [rule], files), notes };
}
