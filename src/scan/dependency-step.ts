import { createDependencyContext, runDependencyRules } from '../dependencies/rule';
import { dependencyRules } from '../registry';
import type { ScanContext, StepResult } from './scan-context';

/**
 * Step 2b: the pinned Django's support status and the pinned packages' known advisories, from the
 * requirement and lock files the tree holds. `today` is the ISO date the versions are judged on.
 */
export function scanDependencies(
  context: ScanContext,
  readable: string[],
  today: string,
): StepResult {
  // A commit's staged files are not the project's pins: the dependency rules run in a full scan.
  if (context.options.staged) return { findings: [], notes: [] };
  const files = context.reader.files;
  const dependencies = createDependencyContext({ fileList: readable, files, today });
  return {
    findings: runDependencyRules(dependencies.ctx, dependencyRules, files),
    notes: dependencies.notes,
  };
}
