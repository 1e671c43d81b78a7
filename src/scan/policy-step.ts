import { resolve } from 'node:path';
import { policyOf } from '../config/config';
import {
  applyBaseline,
  createBaseline,
  describeBaselineEntries,
  parseBaseline,
  serializeBaseline,
} from '../core/baseline';
import { ConfigurationError } from '../core/errors';
import { mergeFindings } from '../core/finding';
import { mergeSameProblemFindings } from '../core/same-problem';
import { applyConfigPolicy, describeAllowlistEntries } from '../core/policy';
import type { Finding } from '../core/types';
import { writeOutputFile } from '../io/output-files';
import { allRules } from '../registry';
import { readRuleFile } from './base-branch';
import { namedFile, resolveFrom, type ScanContext, type StepResult } from './scan-context';

export interface PolicyOutcome extends StepResult {
  /** Set when `updateBaseline` wrote a file. */
  baselineWritten?: string;
}

/**
 * Step 4: one finding per problem (a secret seen in the tree, a setting and history is one
 * finding), then the config's rules, excludes and allowlist, then the baseline.
 */
export async function applyPolicy(
  context: ScanContext,
  findings: readonly Finding[],
): Promise<PolicyOutcome> {
  const { options, reader, root, redactor } = context;
  const notes: string[] = [];
  // One finding per problem across ids too: a project rule that explains a Django check is
  // folded into it.
  const merged = mergeSameProblemFindings(mergeFindings(findings));
  const policy = policyOf(context.config.file, options);
  notes.push(...describeAllowlistEntries(policy, merged));
  let policed = applyConfigPolicy(merged, policy, new Set(allRules.map((r) => r.id)));
  const baselineFile = namedFile(context.given.baseline, options.baseline);
  let baselineWritten: string | undefined;
  if (baselineFile) {
    let baselineText = await readRuleFile(context, baselineFile);
    const readBaseline = () =>
      baselineText === undefined ? undefined : parseBaseline(baselineText, baselineFile.path);
    if (options.updateBaseline) {
      const target =
        baselineFile.from === 'workflow'
          ? resolveFrom(root, baselineFile.path)
          : resolve(reader.root, baselineFile.path);
      baselineText = serializeBaseline(createBaseline(policed, readBaseline()));
      writeOutputFile(target, baselineText, redactor);
      baselineWritten = baselineFile.path;
    }
    const baseline = readBaseline();
    if (baseline) {
      policed = applyBaseline(policed, baseline);
      notes.push(...describeBaselineEntries(baseline, policed, baselineFile.path));
    } else if (!options.updateBaseline)
      throw new ConfigurationError(
        `baseline file not found: ${baselineFile.path} (create it with --update-baseline)`,
      );
  } else if (options.updateBaseline) {
    throw new ConfigurationError('--update-baseline needs --baseline FILE');
  }
  return { findings: policed, notes, ...(baselineWritten ? { baselineWritten } : {}) };
}
