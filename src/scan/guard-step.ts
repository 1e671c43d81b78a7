import { CONFIG_FILE_NAME, EMPTY_CONFIG } from '../config/config';
import { parseBaseline } from '../core/baseline';
import { ConfigurationError } from '../core/errors';
import type { Finding } from '../core/types';
import { runGuardRules, type GuardChange } from '../guard/rule';
import { allRules, guardRules } from '../registry';
import { insideWorkTree } from './base-branch';
import { namedFile, readNamedFile, type ScanContext, type StepResult } from './scan-context';

export interface GuardCheck extends StepResult {
  /** `path:line` of every inline ignore the pull request adds: they suppress nothing. */
  addedIgnores: Set<string>;
  /** Paths with an added inline ignore. */
  filesWithAddedIgnores: Set<string>;
}

/**
 * What the pull request changes in the guard's own rules: its config against the base branch's,
 * the baseline file, and the inline ignore comments of the files that hold one. Each change that
 * would weaken the check is a finding (DDG390); the run keeps the base branch's rules.
 */
export async function checkGuardChanges(
  context: ScanContext,
  withInlineIgnores: readonly { path: string; content: string }[],
): Promise<GuardCheck> {
  const check: GuardCheck = {
    findings: [],
    notes: [],
    addedIgnores: new Set(),
    filesWithAddedIgnores: new Set(),
  };
  const { base } = context;
  if (!base) return check;
  const changes: GuardChange[] = [];
  if (context.headConfig) {
    const head = context.headConfig;
    const path =
      ('file' in head ? head.file : undefined) ?? context.config.file ?? CONFIG_FILE_NAME;
    changes.push({
      kind: 'config',
      path,
      base: context.config.file === undefined ? EMPTY_CONFIG : context.config,
      head,
      ruleSeverities: new Map(allRules.map((rule) => [rule.id, rule.severity])),
    });
  }
  const baselineChange = await baselineChangeOf(context);
  if (baselineChange) changes.push(baselineChange);
  for (const file of withInlineIgnores) {
    const baseText = await base.readFile(file.path);
    changes.push({
      kind: 'source',
      path: file.path,
      headText: file.content,
      ...(baseText !== undefined ? { baseText } : {}),
    });
  }
  for (const change of changes) {
    const findings = runGuardRules(change, guardRules);
    check.findings.push(...findings);
    if (change.kind !== 'source') continue;
    for (const finding of findings) {
      check.addedIgnores.add(`${finding.file}:${finding.line}`);
      check.filesWithAddedIgnores.add(finding.file);
    }
  }
  return check;
}

/** The baseline the rules name, as the pull request has it against the base branch's. */
async function baselineChangeOf(context: ScanContext): Promise<GuardChange | undefined> {
  const { base, options, root, reader } = context;
  const file = namedFile(context.given.baseline, options.baseline);
  if (!base || !file) return undefined;
  const inside = file.from === 'repository' ? file.path : insideWorkTree(base, root, file.path);
  if (inside === undefined) return undefined;
  const headText = readNamedFile({ path: inside, from: 'repository' }, root, reader);
  if (headText === undefined) return undefined;
  const baseText = await base.readFile(inside);
  try {
    const head = parseBaseline(headText, inside).findings;
    const before = baseText === undefined ? [] : parseBaseline(baseText, inside).findings;
    return {
      kind: 'baseline',
      path: inside,
      base: new Set(before.map((entry) => entry.fingerprint)),
      head,
      headText,
    };
  } catch (error) {
    // A broken baseline on either side: the base's is reported by the policy step.
    if (error instanceof ConfigurationError) return undefined;
    throw error;
  }
}

/**
 * Findings hidden by an inline ignore the pull request added are shown again: a current line
 * with an added ignore, or a history-only occurrence in a file that gained one.
 */
export function withoutAddedIgnores(findings: readonly Finding[], check: GuardCheck): Finding[] {
  if (check.addedIgnores.size === 0) return [...findings];
  return findings.map((finding) => {
    if (finding.suppressed?.kind !== 'inline') return finding;
    const added = finding.locations.some((location) =>
      location.current
        ? check.addedIgnores.has(`${location.file}:${location.line}`)
        : check.filesWithAddedIgnores.has(location.file),
    );
    if (!added) return finding;
    const shown = { ...finding };
    delete shown.suppressed;
    return shown;
  });
}
