import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { memoryRepoFiles } from '../../src/core/repo-files';
import type { Finding } from '../../src/core/types';
import { settingsFixFor } from '../../src/fix';
import { applyEdits, editsByFile, planFixes, renderUnifiedDiff } from '../../src/fix/apply';
import { settingsRules } from '../../src/registry';
import { analyzeSettings } from '../../src/settings/analyze';

/**
 * The proof a fix must pass: apply its edits, parse every changed file with CPython's `ast`,
 * evaluate and check the settings again, and compare. The finding is gone, nothing that was not
 * there before appears (with the variables the fix reads set in the production profile), and a
 * second pass has nothing left to change.
 */

export const CPYTHON = '/usr/bin/python3';

/** Throws with CPython's message when `source` is not valid Python. */
export function assertCPythonParses(source: string, file: string): void {
  const result = spawnSync(
    CPYTHON,
    ['-c', 'import ast, sys; ast.parse(sys.stdin.read(), sys.argv[1])', file],
    { input: source, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`CPython rejects ${file}:\n${result.stderr}\n${source}`);
}

export function analyze(
  files: Record<string, string>,
  module: string,
  env: Record<string, string> = {},
): Finding[] {
  return analyzeSettings({
    files: memoryRepoFiles(files),
    fileList: Object.keys(files),
    env,
    rules: settingsRules,
    settingsModules: [module],
    fixFor: settingsFixFor,
  }).findings;
}

const key = (f: Finding) => `${f.ruleId} ${f.fingerprint}`;
const decided = (findings: readonly Finding[]) => findings.filter((f) => !f.undecided);

export interface FixProof {
  before: Finding[];
  /** The findings of `ruleId` that carried a fix. */
  fixed: Finding[];
  files: Record<string, string>;
  diff: string;
  /** Findings after the fix, without and with the fix's variables set. */
  afterUnset: Finding[];
  afterSet: Finding[];
}

/**
 * Applies the fixes of `ruleId` to `files`, then checks the result as described above. `env` is
 * the production profile before the fix; `envAfter` sets the variables the fix reads.
 */
export function proveFix(options: {
  files: Record<string, string>;
  module: string;
  ruleId: string;
  env?: Record<string, string>;
  envAfter?: Record<string, string>;
}): FixProof {
  const env = options.env ?? {};
  const before = analyze(options.files, options.module, env);
  const fixes = planFixes(before, new Set([options.ruleId]));
  const fixed = fixes.map((f) => f.finding);
  expect(fixed.length, `${options.ruleId} has a finding with a fix`).toBeGreaterThan(0);
  const files = { ...options.files };
  let diff = '';
  for (const [file, edits] of editsByFile(fixes)) {
    const applied = applyEdits(files[file]!, edits);
    expect(applied.conflicts).toEqual([]);
    diff += renderUnifiedDiff(file, applied);
    files[file] = applied.text;
    assertCPythonParses(applied.text, file);
  }
  const envVars = [...new Set(fixes.flatMap((f) => f.autofix.envVars ?? []))];
  const envAfter = { ...env, ...options.envAfter };
  for (const name of envVars) expect(envAfter, `the test sets ${name}`).toHaveProperty(name);
  const afterSet = analyze(files, options.module, envAfter);
  const afterUnset = analyze(files, options.module, env);
  const beforeKeys = new Set(before.map(key));
  // Gone: no finding of the rule at the same place.
  for (const finding of fixed) {
    expect(afterSet.map(key)).not.toContain(key(finding));
    expect(decided(afterUnset).map(key)).not.toContain(key(finding));
  }
  // Nothing new: every finding after the fix was there before…
  expect(afterSet.map(key).filter((k) => !beforeKeys.has(k))).toEqual([]);
  // …and without the variables only "undecided, set X" notes name them.
  for (const finding of afterUnset.filter((f) => !beforeKeys.has(key(f)))) {
    expect(finding.undecided, `${finding.ruleId}: ${finding.message}`).toBe(true);
    expect(envVars.some((name) => finding.message.includes(name))).toBe(true);
  }
  // Idempotent: a second pass finds nothing of the rule to fix.
  expect(planFixes(afterSet, new Set([options.ruleId]))).toEqual([]);
  expect(planFixes(afterUnset, new Set([options.ruleId]))).toEqual([]);
  return { before, fixed, files, diff, afterUnset, afterSet };
}
