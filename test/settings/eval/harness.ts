/** Test harness: evaluate in-memory settings packages and describe the results compactly. */
import { expect } from 'vitest';
import { memoryRepoFiles } from '../../../src/core/repo-files';
import type { EvalLimits } from '../../../src/settings/eval/index';
import { evaluateSettingsModule } from '../../../src/settings/eval/index';
import type { SettingsSnapshot } from '../../../src/settings/snapshot';
import { pyRepr } from '../../../src/settings/value-ops';

export interface EvalCase {
  name: string;
  /** Source of `settings.py` (module `settings`), or a whole file map. */
  source?: string;
  files?: Record<string, string>;
  module?: string;
  pythonPaths?: string[];
  env?: Record<string, string>;
  limits?: Partial<EvalLimits>;
  /**
   * Expected settings: a repr string (`"['a', 'b']"`), `{unknown: /reason/}`, `'absent'`, or an
   * object that also checks provenance.
   */
  expect: Record<string, Expected>;
  /** Substrings that some diagnostic message must contain. */
  diagnostics?: string[];
}

export type Expected =
  | string
  | {
      repr?: string;
      unknown?: RegExp;
      file?: string;
      line?: number;
      envVar?: string | null;
      usedDefault?: boolean;
      defaultText?: string;
      generatedBy?: string;
    };

export function evaluate(
  c: Pick<EvalCase, 'source' | 'files' | 'module' | 'pythonPaths' | 'env' | 'limits'>,
): SettingsSnapshot {
  const files = c.files ?? { 'settings.py': c.source ?? '' };
  return evaluateSettingsModule({
    module: c.module ?? 'settings',
    pythonPaths: c.pythonPaths ?? [''],
    env: c.env ?? {},
    files: memoryRepoFiles(files),
    ...(c.limits ? { limits: c.limits } : {}),
  });
}

/** Compact description of one setting, for readable failures. */
export function describe1(snapshot: SettingsSnapshot, name: string): string {
  const s = snapshot.settings.get(name);
  return s ? pyRepr(s.value) : 'absent';
}

export function checkCase(c: EvalCase): void {
  const snapshot = evaluate(c);
  for (const [name, expected] of Object.entries(c.expect)) {
    const actual = snapshot.settings.get(name);
    const label = `${c.name}: ${name}`;
    if (expected === 'absent') {
      expect(actual, label).toBeUndefined();
      continue;
    }
    expect(
      actual,
      `${label} missing; diagnostics: ${JSON.stringify(snapshot.diagnostics)}`,
    ).toBeDefined();
    const e = typeof expected === 'string' ? { repr: expected } : expected;
    if (e.repr !== undefined) expect(pyRepr(actual!.value), label).toBe(e.repr);
    if (e.unknown !== undefined) {
      expect(actual!.value.kind, `${label} = ${pyRepr(actual!.value)}`).toBe('unknown');
      expect(actual!.value.kind === 'unknown' ? actual!.value.reason : '', label).toMatch(
        e.unknown,
      );
    }
    const p = actual!.provenance!;
    if (e.file !== undefined) expect(p.file, `${label} file`).toBe(e.file);
    if (e.line !== undefined) expect(p.line, `${label} line`).toBe(e.line);
    if (e.envVar !== undefined) expect(p.envVar, `${label} envVar`).toBe(e.envVar ?? undefined);
    if (e.usedDefault !== undefined)
      expect(Boolean(p.usedDefault), `${label} usedDefault`).toBe(e.usedDefault);
    if (e.defaultText !== undefined)
      expect(p.defaultText, `${label} defaultText`).toBe(e.defaultText);
    if (e.generatedBy !== undefined)
      expect(p.generatedBy, `${label} generatedBy`).toBe(e.generatedBy);
  }
  for (const d of c.diagnostics ?? []) {
    expect(
      snapshot.diagnostics.some((x) => x.message.includes(d)),
      `${c.name}: diagnostic containing ${JSON.stringify(d)} in ${JSON.stringify(snapshot.diagnostics)}`,
    ).toBe(true);
  }
}
