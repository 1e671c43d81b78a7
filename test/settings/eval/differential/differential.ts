/**
 * Differential testing of the settings evaluator against CPython: the same program is run by
 * Debian's python3 (run-programs.py, once per batch) and by the evaluator; every upper-case name
 * must have an equal value, or the evaluator must say Unknown. Never a different value.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { memoryRepoFiles } from '../../../../src/core/repo-files';
import { evaluateSettingsModule } from '../../../../src/settings/eval/index';
import type { KnownFacts, PyValue } from '../../../../src/settings/value';
import { floatRepr } from '../../../../src/settings/eval/ops';

export const PYTHON = '/usr/bin/python3';

/** CPython's canonical value: `["int", "3"]`, `["list", [...]]`, `["other", "type"]`. */
export type Canon =
  | ['none']
  | ['bool', boolean]
  | ['int' | 'float' | 'str' | 'bytes', string]
  | ['list' | 'tuple' | 'set', Canon[]]
  | ['dict', [Canon, Canon][]]
  | ['other', string];

export interface CPythonResult {
  names?: Record<string, Canon>;
  /** The uncaught exception that stopped the module (then nothing is compared). */
  raised?: string;
  /** The program itself could not run (a generator bug). */
  error?: string;
}

/** Runs every program in one python3 process. */
export function runCPython(sources: readonly string[]): CPythonResult[] {
  const out = execFileSync(PYTHON, [path.join(import.meta.dirname, 'run-programs.py')], {
    input: JSON.stringify(sources),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { PATH: '/usr/bin:/bin', PYTHONHASHSEED: '0' },
  });
  return JSON.parse(out) as CPythonResult[];
}

/**
 * CPython importing `module` from a package of files (written to a temporary directory that is
 * the first sys.path entry), through run-settings.py: its upper-case names, or what it raised.
 */
export function runCPythonFiles(
  files: Record<string, string>,
  module: string,
  env: Record<string, string> = {},
): CPythonResult {
  const root = mkdtempSync(path.join(tmpdir(), 'ddg-cpython-'));
  try {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    const out = execFileSync(
      PYTHON,
      [
        path.join(import.meta.dirname, 'run-settings.py'),
        root,
        module,
        JSON.stringify({ ...env, PATH: '/usr/bin:/bin' }),
        root,
      ],
      { encoding: 'utf8', cwd: root, env: { PATH: '/usr/bin:/bin', PYTHONHASHSEED: '0' } },
    );
    return JSON.parse(out) as CPythonResult;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function evaluateProgram(source: string): Map<string, PyValue> {
  const snapshot = evaluateSettingsModule({
    module: 'settings',
    pythonPaths: [''],
    env: {},
    files: memoryRepoFiles({ 'settings.py': source }),
  });
  return new Map([...snapshot.settings].map(([name, setting]) => [name, setting.value]));
}

function bytesHex(latin1: string): string {
  return Array.from(latin1, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
}

/**
 * Why the evaluator's value differs from CPython's, or undefined when it agrees (an Unknown
 * anywhere agrees with anything at that place).
 */
export function differs(py: Canon, ev: PyValue): string | undefined {
  // Unknown, or an object the evaluator does not model (an opaque value decides nothing); what
  // an Unknown claims to know must hold.
  if (ev.kind === 'unknown') return ev.facts ? factsDiffer(py, ev.facts) : undefined;
  if (ev.kind === 'opaque') return undefined;
  if (py[0] === 'other') return undefined;
  const mismatch = () => `CPython ${JSON.stringify(py)}, evaluator ${describeValue(ev)}`;
  switch (py[0]) {
    case 'none':
      return ev.kind === 'none' ? undefined : mismatch();
    case 'bool':
      return ev.kind === 'bool' && ev.value === py[1] ? undefined : mismatch();
    case 'int':
      return ev.kind === 'int' && ev.value.toString() === py[1] ? undefined : mismatch();
    case 'float':
      return ev.kind === 'float' && floatRepr(ev.value) === py[1] ? undefined : mismatch();
    case 'str':
      return ev.kind === 'str' && ev.value === py[1] ? undefined : mismatch();
    case 'bytes':
      return ev.kind === 'bytes' && bytesHex(ev.value) === py[1] ? undefined : mismatch();
    case 'list':
    case 'tuple': {
      if (ev.kind !== py[0] || ev.items.length !== py[1].length) return mismatch();
      for (let i = 0; i < py[1].length; i++) {
        const d = differs(py[1][i]!, ev.items[i]!);
        if (d) return `[${i}]: ${d}`;
      }
      return undefined;
    }
    case 'set': {
      if (ev.kind !== 'set' || ev.items.length !== py[1].length) return mismatch();
      // Order-free: each CPython item must match a distinct evaluator item.
      const left = [...ev.items];
      for (const item of py[1]) {
        const i = left.findIndex((e) => differs(item, e) === undefined);
        if (i < 0) return mismatch();
        left.splice(i, 1);
      }
      return undefined;
    }
    case 'dict': {
      if (ev.kind !== 'dict' || ev.entries.length !== py[1].length) return mismatch();
      for (let i = 0; i < py[1].length; i++) {
        const [pk, pv] = py[1][i]!;
        const [ek, evv] = ev.entries[i]!;
        const d = differs(pk, ek) ?? differs(pv, evv);
        if (d) return `entry ${i}: ${d}`;
      }
      return undefined;
    }
  }
}

/** Why CPython's value breaks one of the facts the evaluator claims of an Unknown. */
function factsDiffer(py: Canon, facts: KnownFacts): string | undefined {
  if (py[0] === 'other') return undefined;
  const bad = (what: string) =>
    `Unknown claims ${what}; CPython ${JSON.stringify(py).slice(0, 200)}`;
  if (facts.kind && facts.kind !== py[0]) return bad(`kind ${facts.kind}`);
  if (py[0] === 'str') {
    if (facts.minLength !== undefined && [...py[1]].length < facts.minLength)
      return bad(`length >= ${facts.minLength}`);
    if (facts.strPrefix !== undefined && !py[1].startsWith(facts.strPrefix))
      return bad(`prefix ${JSON.stringify(facts.strPrefix)}`);
    return undefined;
  }
  const items: Canon[] | undefined =
    py[0] === 'list' || py[0] === 'tuple' || py[0] === 'set'
      ? py[1]
      : py[0] === 'dict'
        ? py[1].map(([k]) => k)
        : undefined;
  if (!items)
    return facts.contains || facts.minLength || facts.prefix ? bad('a collection') : undefined;
  if (facts.minLength !== undefined && items.length < facts.minLength)
    return bad(`length >= ${facts.minLength}`);
  for (const item of facts.contains ?? [])
    if (!items.some((c) => differs(c, item) === undefined))
      return bad(`it contains ${describeValue(item)}`);
  for (const [i, item] of (facts.prefix ?? []).entries())
    if (i >= items.length || differs(items[i]!, item) !== undefined) return bad(`prefix item ${i}`);
  return undefined;
}

function describeValue(v: PyValue): string {
  const s = JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'bigint' ? x.toString() : x instanceof Object && 'tag' in x ? '<data>' : x,
  );
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

export interface Disagreement {
  name: string;
  detail: string;
}

/**
 * Every name whose evaluator value is neither CPython's nor Unknown. A module that raises in
 * CPython never gives Django its settings, so nothing is compared for it.
 */
export function compareProgram(
  cpython: CPythonResult,
  evaluated: Map<string, PyValue>,
): Disagreement[] {
  if (cpython.error !== undefined)
    return [{ name: '<program>', detail: `CPython: ${cpython.error}` }];
  if (cpython.raised !== undefined) return [];
  const names = cpython.names ?? {};
  const out: Disagreement[] = [];
  for (const [name, py] of Object.entries(names)) {
    const ev = evaluated.get(name);
    if (ev === undefined) {
      out.push({
        name,
        detail: `CPython binds it (${JSON.stringify(py).slice(0, 100)}); the evaluator does not`,
      });
      continue;
    }
    const d = differs(py, ev);
    if (d) out.push({ name, detail: d });
  }
  for (const [name, ev] of evaluated) {
    if (name in names || ev.kind === 'unknown' || ev.kind === 'opaque') continue;
    out.push({ name, detail: `the evaluator binds it (${describeValue(ev)}); CPython does not` });
  }
  return out;
}

/** The program's top-level statements (a line at indent 0 and the indented lines after it). */
function topLevelChunks(source: string): string[] {
  const chunks: string[] = [];
  for (const line of source.split('\n')) {
    if (line === '') continue;
    if (/^\s/.test(line) || /^(else|elif|except|finally)\b/.test(line)) {
      if (chunks.length) chunks[chunks.length - 1] += `\n${line}`;
      else chunks.push(line);
    } else chunks.push(line);
  }
  return chunks;
}

/**
 * Removes top-level statements (then inner lines) while `stillFails` holds, to give the smallest
 * program that shows a disagreement. `stillFails` is called with a batch of candidates so that
 * CPython runs once per round; it returns the index of a failing candidate or -1.
 */
export function shrinkProgram(
  source: string,
  stillFails: (candidates: string[]) => number,
): string {
  let current = topLevelChunks(source);
  for (let round = 0; round < 50; round++) {
    const candidates = current.map((_, i) => [...current.slice(0, i), ...current.slice(i + 1)]);
    const hit = stillFails(candidates.map((c) => `${c.join('\n')}\n`));
    if (hit < 0) break;
    current = candidates[hit]!;
  }
  // Then single lines inside blocks.
  let lines = current.join('\n').split('\n');
  for (let round = 0; round < 50; round++) {
    const candidates = lines.map((_, i) => [...lines.slice(0, i), ...lines.slice(i + 1)]);
    const hit = stillFails(candidates.map((c) => `${c.join('\n')}\n`));
    if (hit < 0) break;
    lines = candidates[hit]!;
  }
  return `${lines.join('\n')}\n`;
}

export interface ProgramOutcome {
  source: string;
  disagreements: Disagreement[];
}

export interface DifferentialRun {
  /** Programs that disagree. */
  failing: ProgramOutcome[];
  /** Programs CPython could not import (an uncaught exception): not compared. */
  raised: number;
  /** Names compared over all programs. */
  compared: number;
  /** Of those, the ones the evaluator decided (not Unknown anywhere). */
  decided: number;
}

function fullyKnown(v: PyValue): boolean {
  if (v.kind === 'unknown') return false;
  if (v.kind === 'list' || v.kind === 'tuple' || v.kind === 'set') return v.items.every(fullyKnown);
  if (v.kind === 'dict') return v.entries.every(([k, x]) => fullyKnown(k) && fullyKnown(x));
  return true;
}

/** Runs `sources` through CPython (one process) and the evaluator. */
export function runDifferential(sources: readonly string[]): DifferentialRun {
  const results = runCPython(sources);
  const run: DifferentialRun = { failing: [], raised: 0, compared: 0, decided: 0 };
  sources.forEach((source, i) => {
    const result = results[i]!;
    const evaluated = evaluateProgram(source);
    if (result.raised !== undefined) run.raised++;
    for (const name of Object.keys(result.names ?? {})) {
      run.compared++;
      const v = evaluated.get(name);
      if (v && fullyKnown(v)) run.decided++;
    }
    const disagreements = compareProgram(result, evaluated);
    if (disagreements.length) run.failing.push({ source, disagreements });
  });
  return run;
}

/** Shrinks a disagreeing program, keeping a disagreement on some name. */
export function shrinkDisagreement(source: string): string {
  return shrinkProgram(source, (candidates) => {
    let results: CPythonResult[];
    try {
      results = runCPython(candidates);
    } catch {
      return -1;
    }
    return candidates.findIndex((c, i) => {
      const r = results[i]!;
      if (r.error !== undefined || r.raised !== undefined) return false;
      return compareProgram(r, evaluateProgram(c)).length > 0;
    });
  });
}
