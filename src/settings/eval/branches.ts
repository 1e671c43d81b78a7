/**
 * Branches: `if` chains and `try` statements whose outcome is undecidable run every path on a copy
 * of the namespace and env, then merge (runBranches).
 */
import type { SyntaxNode } from '@lezer/common';
import type { PyValue } from '../value';
import { unknown } from '../value';
import { commonFacts, pyEquals } from '../value-ops';
import { firstKid, nextKid } from '../python/parse';
import type { Binding, Completion, Frame, EnvEntry } from './model';
import { exceptionMatches, PyRaise, Unmodelled } from './model';
import { dataOf, opaque, truthy } from './ops';
import type { Evaluator } from './evaluator';

// ---------------------------------------------------------------- control flow

export function execIf(ev: Evaluator, node: SyntaxNode, frame: Frame): Completion {
  const clauses: { cond: SyntaxNode | undefined; body: SyntaxNode }[] = [];
  let pendingCond: SyntaxNode | undefined;
  let sawElse = false;
  for (let c = firstKid(node); c; c = nextKid(c)) {
    if (c.name === 'if' || c.name === 'elif') continue;
    if (c.name === 'else') {
      sawElse = true;
      continue;
    }
    if (c.name === 'Body') {
      clauses.push({ cond: sawElse ? undefined : pendingCond, body: c });
      pendingCond = undefined;
    } else pendingCond = c;
  }
  return execIfChain(ev, clauses, 0, frame);
}

export function execIfChain(
  ev: Evaluator,
  clauses: { cond: SyntaxNode | undefined; body: SyntaxNode }[],
  index: number,
  frame: Frame,
): Completion {
  const clause = clauses[index];
  if (!clause) return undefined;
  if (!clause.cond) return ev.execBody(clause.body, frame);
  const value = ev.evalExpr(clause.cond, frame);
  const t = truthy(value);
  if (t === true) return ev.execBody(clause.body, frame);
  if (t === false) return execIfChain(ev, clauses, index + 1, frame);
  const envVar = ev.originOf(value)?.envVar;
  const reason = `depends on ${ev.snippet(clause.cond, frame)}${envVar ? ` (env ${envVar})` : ''}`;
  return runBranches(
    ev,
    [() => ev.execBody(clause.body, frame), () => execIfChain(ev, clauses, index + 1, frame)],
    reason,
    envVar,
    frame,
  );
}

/**
 * Runs alternative branches on copies of the current namespace and env, then merges: names the
 * branches agree on keep their value; names they disagree on become Unknown(reason).
 */
export function runBranches(
  ev: Evaluator,
  branches: (() => Completion)[],
  reason: string,
  envVar: string | undefined,
  frame: Frame,
): Completion {
  // In a class body the names live in the class's attribute map: branch over a binding view of
  // it and write the merge back.
  const classAttrs = frame.classAttrs;
  const vars: Map<string, Binding> = classAttrs
    ? new Map(
        [...classAttrs].map(([k, v]) => [
          k,
          { value: v, provenance: ev.classAttrProv(classAttrs, k, frame) },
        ]),
      )
    : frame.scope
      ? frame.scope.vars
      : frame.module.namespace;
  const original = new Map(vars);
  const envBefore = new Map(ev.env);
  const results: {
    vars: Map<string, Binding>;
    env: Map<string, EnvEntry>;
    completion: Completion;
  }[] = [];
  const line = ev.line;
  const raisedInBranch: PyRaise[] = [];
  for (const branch of branches) {
    const memo = new Map<PyValue, PyValue>();
    vars.clear();
    for (const [k, b] of original)
      vars.set(k, { value: cloneValue(b.value, memo, 0), provenance: b.provenance });
    // Copying counts as work: an unknown `if` inside a long loop must still hit maxSteps.
    ev.steps += memo.size + original.size;
    ev.tick();
    ev.env = new Map(envBefore);
    const start = new Map(vars);
    if (classAttrs) {
      classAttrs.clear();
      for (const [k, b] of vars) classAttrs.set(k, b.value);
    }
    let completion: Completion;
    try {
      completion = branch();
      if (classAttrs) {
        vars.clear();
        for (const [k, v] of classAttrs) {
          const before = start.get(k);
          vars.set(
            k,
            before && before.value === v
              ? before
              : { value: v, provenance: { file: frame.module.file, line: ev.line } },
          );
        }
      }
    } catch (err) {
      // A branch that raises uncaught is a path on which the settings do not import at all:
      // only the other branches describe a running deployment. Inside a `try` that catches it,
      // the paths diverge in a way a merge cannot describe.
      if (!(err instanceof PyRaise)) throw err;
      if (ev.isCaught(err.excType))
        throw new Unmodelled(`${err.excType} raised on one path of an undecidable condition`);
      raisedInBranch.push(err);
      continue;
    }
    results.push({ vars: new Map(vars), env: ev.env, completion });
  }
  ev.line = line;
  if (results.length === 0) throw raisedInBranch[0]!;
  for (const err of raisedInBranch)
    ev.diag(
      'info',
      `settings import would fail when ${reason.replace(/^depends on /, '')} takes the path that raises ${err.excType} ${err.detail} (${err.file ?? ev.file}:${err.line}); that path is left out`,
    );
  // In a function, a path that returned is over: the names after the branches are those of the
  // paths that went on, and what the others returned is joined into the call's result.
  const completions = results.map((r) => r.completion);
  const returnsWhileOthersGoOn =
    frame.scope !== undefined &&
    !classAttrs &&
    completions.some((c) => c?.type === 'return') &&
    completions.some((c) => c === undefined) &&
    completions.every((c) => c === undefined || c.type === 'return');
  const goingOn = returnsWhileOthersGoOn ? results.filter((r) => !r.completion) : results;
  vars.clear();
  const names = new Set<string>();
  for (const r of goingOn) for (const k of r.vars.keys()) names.add(k);
  for (const name of names) {
    const bindings = goingOn.map((r) => r.vars.get(name));
    const first = bindings[0];
    const orig = original.get(name);
    const agree =
      first !== undefined &&
      bindings.every((b) => b !== undefined && sameValue(b.value, first.value));
    if (agree) {
      // Unchanged in every branch: keep the original object so sharing with other modules holds.
      const unchanged =
        orig &&
        bindings.every((b) => b!.provenance === orig.provenance) &&
        sameValue(orig.value, first.value);
      vars.set(name, unchanged ? orig : first);
    } else {
      const changed = bindings.find((b) => b && b.provenance !== orig?.provenance) ?? first ?? orig;
      // The condition's env var is what decides it; a branch value's env var is not.
      const knownEnv = envVar;
      const values = bindings.map((b) => b?.value);
      const facts = values.every((v) => v !== undefined) ? commonFacts(values) : undefined;
      vars.set(name, {
        value: unknown(reason, knownEnv, facts),
        provenance: changed?.provenance ?? { file: frame.module.file, line },
      });
    }
  }
  if (classAttrs) {
    classAttrs.clear();
    for (const [k, b] of vars) classAttrs.set(k, b.value);
  }
  // The environment is the process's: what a path that returned did to it stays.
  const envKeys = new Set<string>();
  for (const r of results) for (const k of r.env.keys()) envKeys.add(k);
  ev.env = new Map();
  for (const k of envKeys) {
    const entries = results.map((r) => r.env.get(k));
    const e0 = entries[0];
    const same = entries.every(
      (e) => e !== undefined && e0 !== undefined && JSON.stringify(e) === JSON.stringify(e0),
    );
    if (same) ev.env.set(k, e0!);
    else ev.env.set(k, { unknown: reason });
  }
  if (completions.every((c) => c === undefined)) return undefined;
  if (frame.scope) {
    if (returnsWhileOthersGoOn) {
      const pending = (frame.scope.pendingReturns ??= []);
      for (const c of completions)
        if (c?.type === 'return') pending.push({ value: c.value, reason, envVar });
      return undefined;
    }
    if (completions.every((c) => c?.type === 'return'))
      return {
        type: 'return',
        value: joinValues(
          completions.map((c) => (c as { value: PyValue }).value),
          reason,
          envVar,
        ),
      };
    return { type: 'return', value: unknown(reason, envVar) };
  }
  throw new Unmodelled(`control flow ${reason}`);
}

/**
 * One value for what different paths produced: the value itself when they agree, a tuple of
 * joined items when all are tuples of one length (a tuple is immutable, so its agreeing items
 * keep their identity), else Unknown with the facts every path shares (kind, items it certainly
 * contains, common prefix).
 */
export function joinValues(values: PyValue[], reason: string, envVar: string | undefined): PyValue {
  const first = values[0]!;
  if (values.every((v) => sameValue(v, first))) return first;
  if (
    first.kind === 'tuple' &&
    values.every((v) => v.kind === 'tuple' && v.items.length === first.items.length)
  )
    return {
      kind: 'tuple',
      items: first.items.map((_, i) =>
        joinValues(
          values.map((v) => (v as PyValue & { kind: 'tuple' }).items[i]!),
          reason,
          envVar,
        ),
      ),
    };
  return unknown(reason, envVar, commonFacts(values));
}

export function execTry(ev: Evaluator, node: SyntaxNode, frame: Frame): Completion {
  let body: SyntaxNode | undefined;
  const handlers: { types: string[]; name?: SyntaxNode; body: SyntaxNode }[] = [];
  let elseBody: SyntaxNode | undefined;
  let finallyBody: SyntaxNode | undefined;
  let mode: 'try' | 'except' | 'else' | 'finally' = 'try';
  let types: string[] = [];
  let asName: SyntaxNode | undefined;
  let sawAs = false;
  for (let c = firstKid(node); c; c = nextKid(c)) {
    if (c.name === 'try') mode = 'try';
    else if (c.name === 'except') {
      mode = 'except';
      types = [];
      asName = undefined;
      sawAs = false;
    } else if (c.name === 'else') mode = 'else';
    else if (c.name === 'finally') mode = 'finally';
    else if (c.name === 'as') sawAs = true;
    else if (c.name === 'Body') {
      if (mode === 'try') body = c;
      else if (mode === 'except')
        handlers.push({
          types: types.length ? types : ['BaseException'],
          ...(asName ? { name: asName } : {}),
          body: c,
        });
      else if (mode === 'else') elseBody = c;
      else finallyBody = c;
    } else if (mode === 'except') {
      if (sawAs) asName = c;
      else if (c.name !== '*')
        types = ev
          .text(c, frame)
          .replace(/[()\s]/g, '')
          .split(',')
          .map((t) => t.split('.').pop()!);
    }
  }
  let completion: Completion;
  // `try: import debug_toolbar ... except ImportError:` — whether a third-party package is
  // installed in production is not known statically: run both paths and merge.
  const optional = body ? ev.optionalThirdPartyImport(body, frame) : undefined;
  const importHandler = handlers.find((h) =>
    h.types.some((t) => exceptionMatches('ImportError', t)),
  );
  if (optional && importHandler && !ev.insideOptionalImport) {
    ev.insideOptionalImport = true;
    let result: Completion;
    try {
      result = runBranches(
        ev,
        [() => execTry(ev, node, frame), () => ev.execBody(importHandler.body, frame)],
        `depends on whether ${optional} is installed`,
        undefined,
        frame,
      );
    } finally {
      ev.insideOptionalImport = false;
    }
    return result;
  }
  ev.catching.push(handlers.flatMap((h) => h.types));
  let raised: PyRaise | undefined;
  try {
    completion = body ? ev.execBody(body, frame) : undefined;
  } catch (err) {
    if (!(err instanceof PyRaise)) throw err;
    raised = err;
  } finally {
    ev.catching.pop();
  }
  if (raised) {
    const handler = handlers.find((h) => h.types.some((t) => exceptionMatches(raised.excType, t)));
    if (!handler) throw raised;
    if (handler.name)
      ev.assignTarget(
        handler.name,
        opaque(raised.excType, { tag: 'external', path: `builtins.${raised.excType}` }),
        frame,
      );
    completion = ev.execBody(handler.body, frame);
  } else if (elseBody && !completion) {
    completion = ev.execBody(elseBody, frame);
  }
  if (finallyBody) {
    const fc = ev.execBody(finallyBody, frame);
    if (fc) return fc;
  }
  return completion;
}

/** Same value for merging branches: identical object, equal known values, or same opaque object. */
export function sameValue(a: PyValue, b: PyValue): boolean {
  if (a === b) return true;
  if (a.kind === 'opaque' && b.kind === 'opaque') {
    const da = dataOf(a);
    const db = dataOf(b);
    if (da?.tag === 'path' && db?.tag === 'path') return da.path === db.path;
    if (da?.tag === 'external' && db?.tag === 'external') return da.path === db.path;
    return da === db;
  }
  if (a.kind === 'unknown' && b.kind === 'unknown')
    return a.reason === b.reason && a.envVar === b.envVar;
  if (a.kind !== b.kind) return false;
  if ((a.kind === 'list' || a.kind === 'tuple' || a.kind === 'set') && 'items' in b) {
    return a.items.length === b.items.length && a.items.every((x, i) => sameValue(x, b.items[i]!));
  }
  if (a.kind === 'dict' && b.kind === 'dict') {
    return (
      a.entries.length === b.entries.length &&
      a.entries.every(
        ([k, v], i) => sameValue(k, b.entries[i]![0]) && sameValue(v, b.entries[i]![1]),
      )
    );
  }
  return pyEquals(a, b) === true;
}

/** Deep copy of mutable containers (sharing preserved through `memo`). */
function cloneValue(v: PyValue, memo: Map<PyValue, PyValue>, depth: number): PyValue {
  if (v.kind !== 'list' && v.kind !== 'dict' && v.kind !== 'set' && v.kind !== 'tuple') return v;
  if (depth > 100) return v;
  const seen = memo.get(v);
  if (seen) return seen;
  if (v.kind === 'dict') {
    const out: PyValue & { kind: 'dict' } = { kind: 'dict', entries: [] };
    memo.set(v, out);
    for (const [k, val] of v.entries) out.entries.push([k, cloneValue(val, memo, depth + 1)]);
    return out;
  }
  const out = { kind: v.kind, items: [] as PyValue[] } as PyValue & { items: PyValue[] };
  memo.set(v, out);
  for (const item of v.items) out.items.push(cloneValue(item, memo, depth + 1));
  return out;
}
