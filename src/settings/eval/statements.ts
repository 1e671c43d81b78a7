/**
 * Statements: assignment and its targets, augmented assignment, del, raise, for/while/with, and the
 * top-level runner that turns a failed statement into Unknown targets.
 */
import type { SyntaxNode } from '@lezer/common';
import type { PyValue } from '../value';
import { NONE, unknown } from '../value';
import { pyEquals } from '../value-ops';
import { firstKid, isStatementNode, lastKid, nextKid } from '../python/parse';
import type { Binding, Completion, Frame, Scope } from './model';
import { BoundExceeded, exceptionMatches, isBoundReason, PyRaise, Unmodelled } from './model';
import {
  binaryOp,
  contains,
  dataOf,
  dictSet,
  iterate,
  strValue,
  normIndex,
  opaque,
  reprOf,
  truthy,
  typeName,
} from './ops';
import { reachableBindings } from './bindings';
import type { Evaluator } from './evaluator';
import { findClassAttr, noArgs } from './objects';
import { hasComma, hasSliceColon, rootName } from './syntax';

/** Runs one top-level statement; any failure makes the names it assigns Unknown. */
export function execTopLevel(ev: Evaluator, node: SyntaxNode, frame: Frame): void {
  ev.file = frame.module.file;
  ev.line = ev.lineOf(node, frame);
  if (ev.stopped !== undefined) {
    markTargetsUnknown(ev, node, frame, ev.stopped);
    return;
  }
  try {
    const completion = execStatement(ev, node, frame);
    if (completion) ev.diag('warning', `'${completion.type}' outside a function or loop; ignored`);
  } catch (err) {
    let reason: string;
    let envVar: string | undefined;
    if (err instanceof Unmodelled) {
      reason = err.reason;
      envVar = err.envVar;
      // Bound hits are warnings (the result is Unknown because of a limit, not the code).
      ev.diag(isBoundReason(reason) ? 'warning' : 'info', `not modelled: ${reason}`);
    } else if (err instanceof PyRaise) {
      reason = `${err.excType} ${err.detail}`;
      envVar = err.envVar;
      ev.diag(
        'warning',
        `settings import would fail: ${reason}`,
        err.line,
        err.file ?? frame.module.file,
      );
    } else if (err instanceof BoundExceeded) {
      reason = err.reason;
      ev.stopped = reason;
      ev.diag('warning', `${reason}; later settings are unknown`);
    } else if (err instanceof RangeError) {
      reason = 'expression too deeply nested to evaluate';
      ev.diag('warning', `${reason} (${err.message})`);
    } else {
      // A bug in the evaluator, not in the project: keep going, but say so.
      reason = `internal evaluator error: ${err instanceof Error ? err.message : String(err)}`;
      ev.diag('error', reason);
    }
    markTargetsUnknown(ev, node, frame, reason, envVar);
    // Names it can bind through the functions it calls; all names only for a short list of
    // constructs (bindings.ts). Anything else leaves Django's defaults decided, as in CPython.
    const reachable = reachableBindings(ev, node, frame);
    const line = ev.lineOf(node, frame);
    for (const name of reachable.globals) bindName(ev, name, unknown(reason, envVar), frame, line);
    if (reachable.anyName !== undefined) ev.markIncomplete(`${reason}; ${reachable.anyName}`);
  }
}

/** Binds every name a statement would assign (or mutate) to Unknown(reason). */
export function markTargetsUnknown(
  ev: Evaluator,
  node: SyntaxNode,
  frame: Frame,
  reason: string,
  envVar?: string,
): void {
  const names = new Set<string>();
  const cursor = node.cursor();
  const end = node.to;
  let visited = 0;
  do {
    if (++visited > 100_000) break;
    const n = cursor.node;
    if (n.from >= end && n.from !== node.from) break;
    if (n.name === 'AssignStatement' || n.name === 'UpdateStatement' || n.name === 'ForStatement') {
      for (let c = firstKid(n); c; c = nextKid(c)) {
        if (c.name === 'AssignOp' || c.name === 'UpdateOp' || c.name === 'in') break;
        const root = rootName(c);
        if (root) names.add(ev.text(root, frame));
      }
    } else if (n.name === 'FunctionDefinition' || n.name === 'ClassDefinition') {
      const nameNode = n.getChild('VariableName');
      if (nameNode) names.add(ev.text(nameNode, frame));
    } else if (n.name === 'CallExpression') {
      const callee = firstKid(n);
      if (callee?.name === 'MemberExpression') {
        const root = rootName(callee);
        if (root) names.add(ev.text(root, frame));
      }
    } else if (n.name === 'ImportStatement') {
      for (let c = firstKid(n); c; c = nextKid(c))
        if (c.name === 'VariableName') names.add(ev.text(c, frame));
    } else if (n.name === 'as') {
      // `with … as name`, `except … as name`.
      const target = nextKid(n);
      if (target?.name === 'VariableName') names.add(ev.text(target, frame));
    }
  } while (cursor.next());
  const line = ev.lineOf(node, frame);
  for (const name of names) {
    if (!/^[A-Za-z_]\w*$/.test(name)) continue;
    // Only the env var of what failed: a previous value's env var is not why it is unknown.
    bindName(ev, name, unknown(reason, envVar), frame, line);
  }
}

// ---------------------------------------------------------------- statements

export function execBody(ev: Evaluator, body: SyntaxNode, frame: Frame): Completion {
  for (let node = firstKid(body); node; node = nextKid(node)) {
    if (!isStatementNode(node.name) && node.name !== 'DecoratedStatement') continue;
    const c = execStatement(ev, node, frame);
    if (c) return c;
  }
  return undefined;
}

export function execStatement(ev: Evaluator, node: SyntaxNode, frame: Frame): Completion {
  ev.tick();
  ev.line = ev.lineOf(node, frame);
  if (frame.module.parsed.brokenStatements.has(node.from) && node.name !== 'StatementGroup') {
    throw new Unmodelled(`syntax error at ${frame.module.file}:${ev.line}`);
  }
  switch (node.name) {
    case 'ExpressionStatement': {
      const expr = firstKid(node);
      if (expr) ev.evalExpr(expr, frame);
      return undefined;
    }
    case 'AssignStatement':
      execAssign(ev, node, frame);
      return undefined;
    case 'UpdateStatement':
      execUpdate(ev, node, frame);
      return undefined;
    case 'DeleteStatement':
      execDelete(ev, node, frame);
      return undefined;
    case 'PassStatement':
      return undefined;
    case 'StatementGroup':
      return execBody(ev, node, frame);
    case 'IfStatement':
      return ev.execIf(node, frame);
    case 'ForStatement':
      return execFor(ev, node, frame);
    case 'WhileStatement':
      return execWhile(ev, node, frame);
    case 'TryStatement':
      return ev.execTry(node, frame);
    case 'WithStatement':
      return execWith(ev, node, frame);
    case 'ImportStatement':
      ev.execImport(node, frame);
      return undefined;
    case 'FunctionDefinition':
      ev.defineFunction(node, frame);
      return undefined;
    case 'DecoratedStatement':
      ev.execDecorated(node, frame);
      return undefined;
    case 'ClassDefinition':
      ev.defineClass(node, frame);
      return undefined;
    case 'ReturnStatement': {
      const last = lastKid(node);
      const expr = last && last.name !== 'return' ? last : undefined;
      const value = expr ? evalTupleOrExpr(ev, node, 1, frame) : NONE;
      return { type: 'return', value };
    }
    case 'BreakStatement':
      return { type: 'break' };
    case 'ContinueStatement':
      return { type: 'continue' };
    case 'RaiseStatement':
      execRaise(ev, node, frame);
      return undefined;
    case 'AssertStatement': {
      const test = nextKid(firstKid(node));
      if (test) {
        const value = ev.evalExpr(test, frame);
        if (truthy(value) === false)
          ev.raiseOrUnknown('AssertionError', `assert ${ev.snippet(test, frame)}`);
      }
      return undefined;
    }
    case 'ScopeStatement': {
      const isGlobal = firstKid(node)?.name === 'global';
      if (frame.scope && isGlobal)
        for (let c = firstKid(node); c; c = nextKid(c))
          if (c.name === 'VariableName') frame.scope.globals.add(ev.text(c, frame));
      return undefined;
    }
    default:
      throw new Unmodelled(`statement ${node.name} (line ${ev.line})`);
  }
}

/** Evaluates children after `skip` leading tokens as one expression, or a tuple if comma-separated. */
export function evalTupleOrExpr(
  ev: Evaluator,
  node: SyntaxNode,
  skip: number,
  frame: Frame,
): PyValue {
  const parts: SyntaxNode[] = [];
  let i = 0;
  for (let c = firstKid(node); c; c = nextKid(c), i++)
    if (i >= skip && c.name !== ',') parts.push(c);
  if (parts.length === 1 && !hasComma(node, skip)) return ev.evalExpr(parts[0]!, frame);
  return ev.evalDisplay('tuple', parts, frame);
}

export function execAssign(ev: Evaluator, node: SyntaxNode, frame: Frame): void {
  // Segments separated by AssignOp: targets..., value. A TypeDef follows an annotated target.
  const segments: SyntaxNode[][] = [[]];
  let annotation: SyntaxNode | undefined;
  for (let c = firstKid(node); c; c = nextKid(c)) {
    if (c.name === 'AssignOp') segments.push([]);
    else if (c.name === 'TypeDef') annotation = lastKid(c) ?? undefined;
    else segments[segments.length - 1]!.push(c);
  }
  if (segments.length === 1) {
    // `X: int` with no value: only recorded in class bodies (pydantic fields without default).
    const target = segments[0]![0];
    if (frame.classAnnotations && target && annotation)
      frame.classAnnotations.set(ev.text(target, frame), ev.text(annotation, frame));
    return;
  }
  const valueParts = segments[segments.length - 1]!;
  const value = evalExprList(ev, valueParts, frame);
  for (const targetParts of segments.slice(0, -1)) {
    if (frame.classAnnotations && annotation && targetParts.length === 1)
      frame.classAnnotations.set(ev.text(targetParts[0]!, frame), ev.text(annotation, frame));
    assignTargetList(ev, targetParts, value, frame);
  }
}

/** Value of `a, b, *c` (tuple) or of a single expression. */
export function evalExprList(ev: Evaluator, parts: SyntaxNode[], frame: Frame): PyValue {
  const exprs = parts.filter((p) => p.name !== ',');
  if (exprs.length === 1 && parts.length === 1) return ev.evalExpr(exprs[0]!, frame);
  return ev.evalDisplay(
    'tuple',
    parts.filter((p) => p.name !== ','),
    frame,
  );
}

export function assignTargetList(
  ev: Evaluator,
  parts: SyntaxNode[],
  value: PyValue,
  frame: Frame,
): void {
  const hasCommaSep = parts.some((p) => p.name === ',');
  const targets = parts.filter((p) => p.name !== ',');
  if (targets.length === 1 && !hasCommaSep) {
    assignTarget(ev, targets[0]!, value, frame);
    return;
  }
  unpackInto(ev, targets, value, frame);
}

/** `a, *b, c = value` over the target nodes (a `*` token precedes a starred target). */
export function unpackInto(
  ev: Evaluator,
  targets: SyntaxNode[],
  value: PyValue,
  frame: Frame,
): void {
  const plain: { node: SyntaxNode; starred: boolean }[] = [];
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i]!;
    if (t.name === '*') {
      const next = targets[++i];
      if (next) plain.push({ node: next, starred: true });
    } else plain.push({ node: t, starred: false });
  }
  const items = iterate(value);
  if (!items) {
    const reason = value.kind === 'unknown' ? value.reason : `cannot unpack ${typeName(value)}`;
    for (const t of plain) assignTarget(ev, t.node, ev.derive(unknown(reason), value), frame);
    return;
  }
  const starIndex = plain.findIndex((t) => t.starred);
  if (starIndex === -1 ? items.length !== plain.length : items.length < plain.length - 1) {
    const v = ev.raiseOrUnknown(
      'ValueError',
      `cannot unpack ${items.length} values into ${plain.length} targets`,
    );
    for (const t of plain) assignTarget(ev, t.node, v, frame);
    return;
  }
  plain.forEach((t, i) => {
    if (starIndex === -1 || i < starIndex) assignTarget(ev, t.node, items[i]!, frame);
    else if (i === starIndex)
      assignTarget(
        ev,
        t.node,
        { kind: 'list', items: items.slice(i, items.length - (plain.length - 1 - i)) },
        frame,
      );
    else assignTarget(ev, t.node, items[items.length - (plain.length - i)]!, frame);
  });
}

export function assignTarget(
  ev: Evaluator,
  target: SyntaxNode,
  value: PyValue,
  frame: Frame,
): void {
  const line = ev.line;
  switch (target.name) {
    case 'VariableName':
      bindName(ev, ev.text(target, frame), value, frame, line);
      return;
    case 'TupleExpression':
    case 'ArrayExpression':
    case 'ParenthesizedExpression': {
      const inner: SyntaxNode[] = [];
      for (let c = firstKid(target); c; c = nextKid(c))
        if (!['(', ')', '[', ']', ','].includes(c.name)) inner.push(c);
      if (target.name === 'ParenthesizedExpression' && inner.length === 1) {
        assignTarget(ev, inner[0]!, value, frame);
        return;
      }
      unpackInto(ev, inner, value, frame);
      return;
    }
    case 'MemberExpression': {
      const objNode = firstKid(target)!;
      const obj = ev.evalExpr(objNode, frame);
      const isSubscript = nextKid(objNode)?.name === '[';
      if (isSubscript) {
        const keyNode = nextKid(nextKid(objNode))!;
        if (hasSliceColon(target)) {
          touchRoot(ev, target, frame, unknown(`slice assignment at line ${line} not modelled`));
          return;
        }
        const key = ev.evalSubscriptKey(target, keyNode, frame);
        setItem(ev, obj, key, value, target, frame);
      } else {
        const attr = target.getChild('PropertyName');
        if (attr) setAttr(ev, obj, ev.text(attr, frame), value, target, frame);
      }
      touchRoot(ev, target, frame);
      return;
    }
    default:
      throw new Unmodelled(`assignment to ${target.name}`);
  }
}

export function setItem(
  ev: Evaluator,
  obj: PyValue,
  key: PyValue,
  value: PyValue,
  target: SyntaxNode,
  frame: Frame,
): void {
  const data = dataOf(obj);
  if (obj.kind === 'dict') {
    if (key.kind === 'unknown') {
      touchRoot(
        ev,
        target,
        frame,
        unknown(`key of subscript assignment is unknown: ${key.reason}`, key.envVar),
      );
      return;
    }
    if (
      obj.entries.length >= ev.limits.maxCollectionSize &&
      !obj.entries.some(([k]) => pyEquals(k, key) === true)
    ) {
      touchRoot(
        ev,
        target,
        frame,
        unknown(`dict larger than maxCollectionSize (${ev.limits.maxCollectionSize})`),
      );
      return;
    }
    dictSet(obj, key, value);
  } else if (obj.kind === 'list') {
    if (key.kind !== 'int' && key.kind !== 'bool') {
      touchRoot(ev, target, frame, ev.derive(unknown('list index is not a known int'), key));
      return;
    }
    const i = normIndex(key.kind === 'int' ? key.value : key.value ? 1n : 0n, obj.items.length);
    if (i === undefined) {
      ev.raiseOrUnknown('IndexError', 'list assignment index out of range');
      return;
    }
    obj.items[i] = value;
  } else if (data?.tag === 'environ') {
    const name = key.kind === 'str' ? key.value : undefined;
    if (name === undefined) return;
    const text = value.kind === 'str' ? value.value : undefined;
    ev.env.set(
      name,
      text === undefined
        ? { unknown: `set at ${ev.file}:${ev.line} from a non-str value` }
        : { value: text },
    );
  } else if (data?.tag === 'namespace') {
    if (key.kind === 'str')
      bindName(ev, key.value, value, { module: frame.module, scope: undefined }, ev.line);
  } else if (obj.kind === 'unknown') {
    touchRoot(ev, target, frame, obj);
  } else {
    touchRoot(ev, target, frame, unknown(`item assignment on ${typeName(obj)} not modelled`));
  }
}

export function setAttr(
  ev: Evaluator,
  obj: PyValue,
  name: string,
  value: PyValue,
  target: SyntaxNode,
  frame: Frame,
): void {
  const data = dataOf(obj);
  if (data?.tag === 'module') {
    data.state.namespace.set(name, { value, provenance: { file: ev.file, line: ev.line } });
  } else if (data?.tag === 'instance') {
    data.attrs.set(name, value);
  } else if (data?.tag === 'class') {
    data.attrs.set(name, value);
  } else if (data?.tag === 'external') {
    // Patching a third-party object (`sentry_sdk.utils.MAX_STRING_LENGTH = …`) cannot change
    // the settings module; the object itself is not modelled.
  } else {
    const root = rootName(target);
    ev.warnOnce(
      `setattr:${ev.file}:${ev.line}`,
      `settings after line ${ev.line} may be changed by ${ev.snippet(target, frame)} = ...; not modelled`,
    );
    ev.markIncomplete(`${ev.snippet(target, frame)} = ... not modelled`);
    if (root) touchRoot(ev, target, frame);
  }
}

/**
 * Updates the provenance of the root name of a mutated expression (`DATABASES['default'][...]
 * = ...` decides DATABASES here), optionally replacing its value (Unknown after an unmodelled
 * mutation).
 */
export function touchRoot(
  ev: Evaluator,
  node: SyntaxNode,
  frame: Frame,
  replacement?: PyValue,
): void {
  const root = rootName(node);
  if (!root) return;
  const name = ev.text(root, frame);
  const vars = varsFor(ev, name, frame);
  const binding = vars.get(name);
  if (!binding && !replacement) return;
  vars.set(name, {
    value: replacement ?? binding!.value,
    provenance: { file: frame.module.file, line: ev.line },
  });
}

export function varsFor(ev: Evaluator, name: string, frame: Frame): Map<string, Binding> {
  if (frame.scope && !frame.scope.globals.has(name)) {
    for (let s: Scope | undefined = frame.scope; s; s = s.parent)
      if (s.vars.has(name)) return s.vars;
    return frame.scope.vars;
  }
  return frame.module.namespace;
}

export function bindName(
  ev: Evaluator,
  name: string,
  value: PyValue,
  frame: Frame,
  line: number,
): void {
  if (frame.classAttrs) {
    frame.classAttrs.set(name, value);
    return;
  }
  const provenance = { file: frame.module.file, line };
  if (frame.scope && !frame.scope.globals.has(name))
    frame.scope.vars.set(name, { value, provenance });
  else frame.module.namespace.set(name, { value, provenance });
}

export function lookupBinding(ev: Evaluator, name: string, frame: Frame): Binding | undefined {
  if (frame.classAttrs?.has(name))
    return {
      value: frame.classAttrs.get(name)!,
      provenance: { file: frame.module.file, line: ev.line },
    };
  if (frame.scope && !frame.scope.globals.has(name))
    for (let s: Scope | undefined = frame.scope; s; s = s.parent) {
      const b = s.vars.get(name);
      if (b) return b;
    }
  return frame.module.namespace.get(name);
}

export function execUpdate(ev: Evaluator, node: SyntaxNode, frame: Frame): void {
  const target = firstKid(node)!;
  const opNode = node.getChild('UpdateOp')!;
  const op = ev.text(opNode, frame).slice(0, -1);
  const valueNode = nextKid(opNode);
  if (!valueNode) throw new Unmodelled('incomplete augmented assignment');
  const current = ev.evalExpr(target, frame);
  const operand = evalTupleOrExpr(ev, node, 2, frame);
  // In-place ops mutate the shared object (list += extends the list base.py created).
  if (op === '+' && current.kind === 'list') {
    const items = iterate(operand);
    if (!items) {
      if (operand.kind !== 'unknown')
        ev.raiseOrUnknown('TypeError', `'${typeName(operand)}' object is not iterable`);
      assignTarget(ev, target, ev.concatFacts(current, operand) ?? operand, frame);
      return;
    }
    if (current.items.length + items.length > ev.limits.maxCollectionSize) {
      assignTarget(
        ev,
        target,
        unknown(`collection larger than maxCollectionSize (${ev.limits.maxCollectionSize})`),
        frame,
      );
      return;
    }
    current.items.push(...items);
    touchRoot(ev, target, frame);
    return;
  }
  if (op === '|' && current.kind === 'dict' && operand.kind === 'dict') {
    for (const [k, v] of operand.entries) dictSet(current, k, v);
    touchRoot(ev, target, frame);
    return;
  }
  if (op === '|' && current.kind === 'set' && operand.kind === 'set') {
    for (const item of operand.items)
      if (contains(current, item) !== true) current.items.push(item);
    touchRoot(ev, target, frame);
    return;
  }
  if (
    op === '*' &&
    current.kind === 'list' &&
    (operand.kind === 'int' || operand.kind === 'bool')
  ) {
    const result = binaryOp('*', current, operand, ev.limits);
    if (result.kind === 'list') current.items.splice(0, current.items.length, ...result.items);
    else assignTarget(ev, target, result, frame);
    touchRoot(ev, target, frame);
    return;
  }
  const result = ev.binary(op, current, operand);
  assignTarget(ev, target, result, frame);
}

export function execDelete(ev: Evaluator, node: SyntaxNode, frame: Frame): void {
  for (let c = firstKid(node); c; c = nextKid(c)) {
    if (c.name === 'VariableName') {
      const name = ev.text(c, frame);
      if (frame.scope && !frame.scope.globals.has(name)) frame.scope.vars.delete(name);
      else frame.module.namespace.delete(name);
    } else if (c.name === 'MemberExpression') {
      const objNode = firstKid(c)!;
      const obj = ev.evalExpr(objNode, frame);
      if (nextKid(objNode)?.name === '[' && !hasSliceColon(c)) {
        const key = ev.evalSubscriptKey(c, nextKid(nextKid(objNode))!, frame);
        if (obj.kind === 'dict' && key.kind !== 'unknown') {
          const i = obj.entries.findIndex(([k]) => pyEquals(k, key) === true);
          if (i >= 0) obj.entries.splice(i, 1);
          else ev.raiseOrUnknown('KeyError', reprOf(key));
        } else if (obj.kind === 'list' && key.kind === 'int') {
          const i = normIndex(key.value, obj.items.length);
          if (i !== undefined) obj.items.splice(i, 1);
        } else if (dataOf(obj)?.tag === 'environ' && key.kind === 'str') {
          ev.env.delete(key.value);
        } else {
          touchRoot(ev, c, frame, unknown(`del ${ev.snippet(c, frame)} not modelled`));
          continue;
        }
        touchRoot(ev, c, frame);
      } else {
        touchRoot(ev, c, frame, unknown(`del ${ev.snippet(c, frame)} not modelled`));
      }
    }
  }
}

export function execRaise(ev: Evaluator, node: SyntaxNode, frame: Frame): void {
  const expr = nextKid(firstKid(node));
  let excType = 'Exception';
  let detail = expr ? ev.snippet(expr, frame) : '(re-raise)';
  if (expr) {
    const callee = expr.name === 'CallExpression' ? firstKid(expr)! : expr;
    const t = ev.text(callee, frame).split('.').pop()!;
    if (/^\w+$/.test(t)) excType = t;
    if (expr.name === 'CallExpression') {
      const arg = nextKid(firstKid(expr.getChild('ArgList')));
      if (arg && arg.name !== ')') {
        const v = ev.evalExpr(arg, frame);
        if (v.kind === 'str') detail = v.value;
      }
    }
  }
  throw new PyRaise(excType, detail, ev.line, undefined, ev.file);
}

export function execFor(ev: Evaluator, node: SyntaxNode, frame: Frame): Completion {
  const targets: SyntaxNode[] = [];
  let c = nextKid(firstKid(node)) ?? null;
  for (; c && c.name !== 'in'; c = nextKid(c)) targets.push(c);
  const iterNodes: SyntaxNode[] = [];
  for (c = nextKid(c) ?? null; c && c.name !== 'Body'; c = nextKid(c)) iterNodes.push(c);
  const body = c;
  const elseBody = nextKid(body)?.name === 'else' ? nextKid(nextKid(body)) : null;
  if (!body) throw new Unmodelled('incomplete for statement');
  const iterable = evalExprList(ev, iterNodes, frame);
  const items = iterateOrUnmodelled(ev, iterable, 'for loop');
  let count = 0;
  for (const item of [...items]) {
    if (++count > ev.limits.maxLoopIterations)
      throw new Unmodelled(`loop exceeded maxLoopIterations (${ev.limits.maxLoopIterations})`);
    assignTargetList(ev, targets, item, frame);
    const completion = execBody(ev, body, frame);
    if (completion?.type === 'break') return undefined;
    if (completion?.type === 'return') return completion;
  }
  if (elseBody) return execBody(ev, elseBody, frame);
  return undefined;
}

export function iterateOrUnmodelled(ev: Evaluator, value: PyValue, what: string): PyValue[] {
  const items = iterate(value);
  if (items) return items;
  const d = dataOf(value);
  if (d?.tag === 'environ') return [...ev.env.keys()].map(strValue);
  const members = ev.enumMembers(value);
  if (members) return members;
  throw new Unmodelled(
    value.kind === 'unknown'
      ? `${what} over an unknown value (${value.reason})`
      : `${what} over ${typeName(value)}`,
    ev.originOf(value)?.envVar,
  );
}

export function execWhile(ev: Evaluator, node: SyntaxNode, frame: Frame): Completion {
  const cond = nextKid(firstKid(node));
  const body = node.getChild('Body');
  if (!cond || !body) throw new Unmodelled('incomplete while statement');
  let count = 0;
  for (;;) {
    const t = truthy(ev.evalExpr(cond, frame));
    if (t === undefined)
      throw new Unmodelled(`while condition ${ev.snippet(cond, frame)} is unknown`);
    if (!t) break;
    if (++count > ev.limits.maxLoopIterations)
      throw new Unmodelled(`loop exceeded maxLoopIterations (${ev.limits.maxLoopIterations})`);
    const completion = execBody(ev, body, frame);
    if (completion?.type === 'break') return undefined;
    if (completion?.type === 'return') return completion;
  }
  const elseNode = nextKid(body)?.name === 'else' ? nextKid(nextKid(body)) : null;
  return elseNode ? execBody(ev, elseNode, frame) : undefined;
}

/**
 * `with a() as x, b():` — a class from the repository runs its `__enter__`/`__exit__`
 * (a true `__exit__` swallows the exception); `contextlib.suppress(E)` swallows E;
 * `contextlib.nullcontext(v)` gives v; any other manager gives an Unknown target.
 */
export function execWith(ev: Evaluator, node: SyntaxNode, frame: Frame): Completion {
  const items: { expr: SyntaxNode; target?: SyntaxNode }[] = [];
  let sawAs = false;
  for (let c = firstKid(node); c && c.name !== 'Body'; c = nextKid(c)) {
    if (c.name === 'with' || c.name === ',' || c.name === 'async') continue;
    if (c.name === 'as') sawAs = true;
    else if (sawAs && items.length) {
      items[items.length - 1]!.target = c;
      sawAs = false;
    } else items.push({ expr: c });
  }
  const body = node.getChild('Body');
  const enter = (i: number): Completion => {
    if (i >= items.length) return body ? execBody(ev, body, frame) : undefined;
    const item = items[i]!;
    const manager = ev.evalExpr(item.expr, frame);
    const d = dataOf(manager);
    const cls = d?.tag === 'instance' ? d.cls : undefined;
    const enterFn = cls ? findClassAttr(cls, '__enter__') : undefined;
    const exitFn = cls ? findClassAttr(cls, '__exit__') : undefined;
    if (enterFn && exitFn) {
      const entered = ev.callValue(
        ev.getAttr(manager, '__enter__', item.expr, frame),
        noArgs(frame),
        undefined,
        frame,
      );
      if (item.target) assignTarget(ev, item.target, entered, frame);
      let completion: Completion;
      try {
        completion = enter(i + 1);
      } catch (err) {
        if (!(err instanceof PyRaise)) throw err;
        const exc = opaque(err.excType, { tag: 'external', path: `builtins.${err.excType}` });
        const swallowed = ev.callValue(
          ev.getAttr(manager, '__exit__', item.expr, frame),
          { ...noArgs(frame), pos: [exc, exc, NONE] },
          undefined,
          frame,
        );
        const t = truthy(swallowed);
        if (t === undefined)
          throw new Unmodelled(`whether ${ev.snippet(item.expr, frame)} swallows ${err.excType}`);
        if (t) return undefined;
        throw err;
      }
      ev.callValue(
        ev.getAttr(manager, '__exit__', item.expr, frame),
        { ...noArgs(frame), pos: [NONE, NONE, NONE] },
        undefined,
        frame,
      );
      return completion;
    }
    if (d?.tag === 'suppress') {
      if (item.target) assignTarget(ev, item.target, NONE, frame);
      ev.catching.push(d.types);
      try {
        return enter(i + 1);
      } catch (err) {
        if (err instanceof PyRaise && d.types.some((t) => exceptionMatches(err.excType, t)))
          return undefined;
        throw err;
      } finally {
        ev.catching.pop();
      }
    }
    if (item.target) {
      const value =
        d?.tag === 'external' && d.path.startsWith('contextlib.nullcontext:')
          ? (ev.nullContexts.get(manager) ?? NONE)
          : unknown(`value of the context manager ${ev.snippet(item.expr, frame)}`);
      assignTarget(ev, item.target, value, frame);
    }
    return enter(i + 1);
  };
  return enter(0);
}
