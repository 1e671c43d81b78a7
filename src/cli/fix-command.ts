import { ConfigurationError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Redactor } from '../core/redactor';
import { applyEdits, editsByFile, planFixes, renderUnifiedDiff } from '../fix/apply';
import { createConfinedReader } from '../io/confined-reader';
import { createConfinedWriter, type PlannedWrite, type WriteRefusal } from '../io/confined-writer';
import type { OptionValues } from '../config/options';
import { allRules } from '../registry';
import { runScan } from '../scan/run-scan';
import { TOOL_NAME } from '../version';

/**
 * `fix [PATH]`: scans, then prints every mechanical fix as one unified diff (stdout, so
 * `fix | git apply` works) and what no edit can do (stderr); `--write` applies the diff through
 * the confined writer. A second run finds nothing left to change.
 */
export interface FixCommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export async function runFixCommand(
  root: string,
  values: OptionValues,
  io: FixCommandIo,
  logger: Logger,
  redactor: Redactor,
): Promise<void> {
  if (values.staged)
    throw new ConfigurationError('fix works on the work tree; it does not take --staged');
  const known = new Set(allRules.map((rule) => rule.id));
  const unknown = (values.rule ?? []).filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new ConfigurationError(
      `--rule: unknown rule id ${unknown.map((id) => `'${id}'`).join(', ')}`,
    );
  // Fixes are about the tree as it is: no history, whatever the config says.
  const outcome = await runScan({
    root,
    given: { ...values, history: 'off' },
    logger,
    redactor,
  });
  const rules = values.rule?.length ? new Set(values.rule) : undefined;
  const fixes = planFixes(outcome.result.findings, rules);
  const prefix = outcome.repositoryPrefix;
  const reader = createConfinedReader(root);
  const writer = createConfinedWriter(root);
  const plans: PlannedWrite[] = [];
  const untouched: { path: string; reason: WriteRefusal | 'unreadable' }[] = [];
  let diff = '';
  let conflicts = 0;
  for (const [file, edits] of [...editsByFile(fixes)].sort(([a], [b]) => a.localeCompare(b))) {
    if (!file.startsWith(prefix)) {
      untouched.push({ path: file, reason: 'outside' });
      continue;
    }
    const path = file.slice(prefix.length);
    const read = reader.readText(path);
    if (read.kind !== 'text' || read.truncated) {
      untouched.push({ path: file, reason: read.kind === 'outside' ? 'outside' : 'unreadable' });
      continue;
    }
    const refusal = writer.refusalOf(path, read.content);
    if (refusal !== undefined) {
      untouched.push({ path: file, reason: refusal });
      continue;
    }
    const applied = applyEdits(read.content, edits);
    conflicts += applied.conflicts.length;
    if (applied.text === read.content) continue;
    diff += renderUnifiedDiff(file, applied);
    plans.push({ path, before: read.content, after: applied.text });
  }
  if (diff !== '') io.stdout(diff);

  const notes: string[] = [];
  // One line per distinct step; the rules that asked for it named once.
  const steps = new Map<string, Set<string>>();
  for (const { finding, autofix } of fixes)
    for (const step of autofix.instructions ?? []) {
      const key = `${finding.file}: ${step}`;
      steps.set(key, (steps.get(key) ?? new Set()).add(finding.ruleId));
    }
  if (steps.size > 0)
    notes.push(
      'To do by hand:',
      ...[...steps].map(([step, ids]) => `  - ${step} (${[...ids].sort().join(', ')})`),
    );
  const envVars = [...new Set(fixes.flatMap(({ autofix }) => autofix.envVars ?? []))].sort();
  if (envVars.length > 0 && plans.length > 0)
    notes.push(`The fixed settings need ${envVars.join(', ')} in the production environment.`);
  if (untouched.length > 0)
    notes.push(
      'Not touched:',
      ...untouched.map(({ path, reason }) => `  - ${path}: ${describeRefusal(reason)}`),
    );
  if (conflicts > 0)
    notes.push(
      `${conflicts} edit(s) overlap another fix and were left out: run fix again after this one.`,
    );
  if (values.write) {
    const written = writer.writeAll(plans);
    for (const { path, reason } of written.refused)
      notes.push(`not written: ${prefix}${path}: ${describeRefusal(reason)}`);
    notes.push(
      written.written.length > 0
        ? `fixed ${written.written.length} file(s): ${written.written.map((p) => `${prefix}${p}`).join(', ')}`
        : 'nothing to change',
    );
  } else if (plans.length > 0) {
    notes.push(
      `${plans.length} file(s) would change; run '${TOOL_NAME} fix --write' to apply, or pipe this diff to 'git apply'.`,
    );
  } else notes.push('nothing to change');
  io.stderr(`${notes.join('\n')}\n`);
}

function describeRefusal(reason: WriteRefusal | 'unreadable'): string {
  switch (reason) {
    case 'outside':
      return 'outside the repository';
    case 'symlink':
      return 'a symlink (or under one); edit its target yourself';
    case 'generated':
      return 'a generated file; change what generates it';
    case 'changed':
      return 'changed while the fix was computed; run fix again';
    case 'not a regular file':
      return 'not a regular file';
    case 'unreadable':
      return 'not readable as text';
  }
}
