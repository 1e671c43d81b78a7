/**
 * Expressions: names, literals, strings and f-strings, operators, comparisons, displays,
 * comprehensions, subscripts, slices and calls (dispatching to objects and library models).
 */
import { posix } from 'node:path';
import type { SyntaxNode } from '@lezer/common';
import type { KnownFacts, PyValue } from '../value';
import { NONE, unknown } from '../value';
import { commonFacts, factsOf, pyEquals } from '../value-ops';
import { firstKid, lastKid, nextKid } from '../python/parse';
import { pathValue } from './paths';
import type { Frame, Scope } from './model';
import { isBoundReason, PyRaise, Unmodelled } from './model';
import {
  binaryOp,
  bool,
  compare,
  contains,
  dataOf,
  dictSet,
  formatValue,
  isIdentical,
  iterate,
  floatValue,
  intValue,
  strValue,
  normIndex,
  OpError,
  opaque,
  pyRepr,
  pyStr,
  reprOf,
  sliceIndices,
  truthy,
  typeName,
} from './ops';
import { decodeEscapes, splitStringLiteral } from './strings';
import type { Args } from './host';
import { callExternal, callMethod } from './library';
import type { Evaluator } from './evaluator';
import { BUILTIN_NAMES, noArgs } from './objects';
import { comparisonOperator, exprChildren, flattenComparison, hasSliceColon } from './syntax';
import { sameValue } from './branches';

export function binary(ev: Evaluator, op: string, a: PyValue, b: PyValue): PyValue {
  const joined = op === '+' ? concatFacts(ev, a, b) : undefined;
  if (joined) return joined;
  try {
    const result = binaryOp(op, a, b, ev.limits);
    if (result.kind === 'unknown' && a.kind !== 'unknown' && b.kind !== 'unknown')
      boundHit(ev, result.reason);
    return ev.derive(result, a, b);
  } catch (err) {
    if (err instanceof OpError) return ev.raiseOrUnknown(err.excType, err.message);
    throw err;
  }
}

/**
 * `known + Unknown` (or the reverse) for sequences and str: Unknown, with what is certain if it
 * succeeds (the known items are in it, its length, its start).
 */
export function concatFacts(ev: Evaluator, a: PyValue, b: PyValue): PyValue | undefined {
  const u = a.kind === 'unknown' ? a : b.kind === 'unknown' ? b : undefined;
  const known = u === a ? b : a;
  if (!u || u.kind !== 'unknown' || known.kind === 'unknown') return undefined;
  const uf = u.facts ?? {};
  const knownFirst = known === a;
  let facts: KnownFacts | undefined;
  if (known.kind === 'list' || known.kind === 'tuple') {
    const items = known.items.filter((x) => x.kind !== 'unknown');
    facts = {
      kind: known.kind,
      contains: [...items, ...(uf.contains ?? [])],
      minLength: known.items.length + (uf.minLength ?? 0),
    };
    const prefix = knownFirst
      ? items.length === known.items.length
        ? [...items, ...(uf.prefix ?? [])]
        : undefined
      : uf.prefix;
    if (prefix?.length) facts.prefix = prefix;
  } else if (known.kind === 'str') {
    facts = { kind: 'str', minLength: [...known.value].length + (uf.minLength ?? 0) };
    const prefix = knownFirst ? known.value + (uf.strPrefix ?? '') : uf.strPrefix;
    if (prefix) facts.strPrefix = prefix;
  }
  return facts ? ev.derive(unknown(u.reason, u.envVar, facts), a, b) : undefined;
}

// ---------------------------------------------------------------- expressions

export function evalExpr(ev: Evaluator, node: SyntaxNode, frame: Frame): PyValue {
  ev.tick();
  switch (node.name) {
    case 'Number': {
      // Cached: scalars are never mutated (withOrigin copies before annotating).
      const literals = (frame.module.literals ??= new Map<number, PyValue>());
      let v = literals.get(node.from);
      if (!v) literals.set(node.from, (v = parseNumber(ev.text(node, frame))));
      return v;
    }
    case 'String': {
      const literals = (frame.module.literals ??= new Map<number, PyValue>());
      let v = literals.get(node.from);
      if (!v) {
        literals.set(node.from, (v = evalStringNode(ev, node, frame)));
        // Where the literal is written: a finding about one item points there (the line that
        // lists an app, not the one that appends another).
        if (!ev.literalLocations.has(v))
          ev.literalLocations.set(v, { file: frame.module.file, line: ev.lineOf(node, frame) });
      }
      return v;
    }
    case 'FormatString':
      return evalStringNode(ev, node, frame);
    case 'ContinuedString': {
      let out: PyValue | undefined;
      for (let c = firstKid(node); c; c = nextKid(c)) {
        const part = evalExpr(ev, c, frame);
        out = out === undefined ? part : binary(ev, '+', out, part);
      }
      return out ?? strValue('');
    }
    case 'Boolean':
      return bool(ev.text(node, frame) === 'True');
    case 'None':
      return NONE;
    case 'Ellipsis':
      return opaque('ellipsis', { tag: 'external', path: 'builtins.Ellipsis' });
    case 'VariableName':
      return lookupName(ev, ev.text(node, frame), frame);
    case 'ParenthesizedExpression': {
      const inner = nextKid(firstKid(node));
      if (!inner || inner.name === ')') return { kind: 'tuple', items: [] };
      return evalExpr(ev, inner, frame);
    }
    case 'TupleExpression':
    case 'ArrayExpression':
    case 'SetExpression': {
      const parts: SyntaxNode[] = [];
      for (let c = firstKid(node); c; c = nextKid(c))
        if (!['(', ')', '[', ']', '{', '}', ','].includes(c.name)) parts.push(c);
      const kind =
        node.name === 'TupleExpression'
          ? 'tuple'
          : node.name === 'ArrayExpression'
            ? 'list'
            : 'set';
      return evalDisplay(ev, kind, parts, frame);
    }
    case 'DictionaryExpression':
      return evalDict(ev, node, frame);
    case 'ArrayComprehensionExpression':
    case 'SetComprehensionExpression':
    case 'DictionaryComprehensionExpression':
    case 'ComprehensionExpression':
      return evalComprehension(ev, node, frame);
    case 'UnaryExpression':
      return evalUnary(ev, node, frame);
    case 'BinaryExpression':
      return evalBinary(ev, node, frame);
    case 'ConditionalExpression': {
      const [thenNode, condNode, elseNode] = exprChildren(node);
      if (!thenNode || !condNode || !elseNode)
        throw new Unmodelled('incomplete conditional expression');
      const cond = evalExpr(ev, condNode, frame);
      const t = truthy(cond);
      if (t === undefined) {
        const a = evalExpr(ev, thenNode, frame);
        const b = evalExpr(ev, elseNode, frame);
        if (sameValue(a, b)) return a;
        const envVar = ev.originOf(cond)?.envVar;
        return unknown(
          `depends on ${ev.snippet(condNode, frame)}${envVar ? ` (env ${envVar})` : ''}`,
          envVar,
          commonFacts([a, b]),
        );
      }
      return ev.derive(evalExpr(ev, t ? thenNode : elseNode, frame), cond);
    }
    case 'MemberExpression':
      return evalMember(ev, node, frame);
    case 'CallExpression':
      return evalCall(ev, node, frame);
    case 'LambdaExpression': {
      const params = node.getChild('ParamList');
      const body = lastKid(node)!;
      return opaque('function', {
        tag: 'function',
        name: '<lambda>',
        params: params ? ev.parseParams(params, frame) : [],
        body,
        isLambda: true,
        closure: frame.scope,
        module: frame.module,
      });
    }
    case 'NamedExpression': {
      const target = firstKid(node)!;
      const valueNode = lastKid(node)!;
      const value = evalExpr(ev, valueNode, frame);
      ev.assignTarget(target, value, frame);
      return value;
    }
    default:
      throw new Unmodelled(`expression ${node.name} (${ev.snippet(node, frame)})`);
  }
}

export function boundedCollection(ev: Evaluator, value: PyValue): PyValue {
  const size =
    value.kind === 'dict' ? value.entries.length : 'items' in value ? value.items.length : 0;
  if (size > ev.limits.maxCollectionSize) {
    const reason = `collection larger than maxCollectionSize (${ev.limits.maxCollectionSize})`;
    boundHit(ev, reason);
    return unknown(reason);
  }
  return value;
}

/** A warning (once per file and line) when a value became Unknown because of a bound. */
export function boundHit(ev: Evaluator, reason: string): void {
  if (isBoundReason(reason))
    ev.warnOnce(`bound:${ev.file}:${ev.line}`, `bound reached: ${reason}; value unknown`);
}

/**
 * A list/tuple/set display with `*x` unpacking. Unpacking an Unknown leaves the length unknown:
 * the result is Unknown, with what is known of it (the other items, the items before it, a
 * lower bound on its length).
 */
export function evalDisplay(
  ev: Evaluator,
  kind: 'list' | 'tuple' | 'set',
  parts: SyntaxNode[],
  frame: Frame,
): PyValue {
  const items: PyValue[] = [];
  let unknownStar: PyValue | undefined;
  let prefix: PyValue[] | undefined;
  let extraMin = 0;
  const contains: PyValue[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.name === '*') {
      const next = parts[++i];
      if (!next) break;
      const v = evalExpr(ev, next, frame);
      const inner = iterate(v);
      if (!inner) {
        if (v.kind !== 'unknown')
          return ev.raiseOrUnknown('TypeError', `'${typeName(v)}' object is not iterable`);
        unknownStar ??= v;
        prefix ??= [...items];
        extraMin += v.facts?.minLength ?? 0;
        contains.push(...(v.facts?.contains ?? []));
        continue;
      }
      items.push(...inner);
    } else items.push(evalExpr(ev, p, frame));
    if (items.length > ev.limits.maxCollectionSize) break;
  }
  if (unknownStar?.kind === 'unknown') {
    const known = items.filter((x) => x.kind !== 'unknown');
    return ev.derive(
      unknown(unknownStar.reason, unknownStar.envVar, {
        kind,
        contains: [...known, ...contains],
        minLength: kind === 'set' ? Math.min(1, items.length) : items.length + extraMin,
        ...(kind !== 'set' && prefix?.every((x) => x.kind !== 'unknown') ? { prefix } : {}),
      }),
      unknownStar,
    );
  }
  return boundedCollection(ev, { kind, items: kind === 'set' ? dedupeKnown(items) : items });
}

export function evalDict(ev: Evaluator, node: SyntaxNode, frame: Frame): PyValue {
  const dict: PyValue & { kind: 'dict' } = { kind: 'dict', entries: [] };
  let key: PyValue | undefined;
  let expectValue = false;
  let dstar = false;
  for (let c = firstKid(node); c; c = nextKid(c)) {
    if (c.name === '{' || c.name === '}' || c.name === ',') continue;
    if (c.name === '**') {
      dstar = true;
      continue;
    }
    if (c.name === ':') {
      expectValue = true;
      continue;
    }
    const v = evalExpr(ev, c, frame);
    if (dstar) {
      dstar = false;
      if (v.kind === 'dict') for (const [k, val] of v.entries) dictSet(dict, k, val);
      else
        return ev.derive(
          unknown(v.kind === 'unknown' ? v.reason : `**${typeName(v)} not a mapping`),
          v,
        );
    } else if (expectValue && key) {
      if (key.kind === 'unknown') return ev.derive(unknown(`dict key unknown: ${key.reason}`), key);
      dictSet(dict, key, v);
      key = undefined;
      expectValue = false;
    } else key = v;
    if (dict.entries.length > ev.limits.maxCollectionSize) return boundedCollection(ev, dict);
  }
  return dict;
}

export function evalComprehension(ev: Evaluator, node: SyntaxNode, frame: Frame): PyValue {
  // [elt for targets in iter if cond for ...]; dict: key : value for ...
  const children: SyntaxNode[] = [];
  for (let c = firstKid(node); c; c = nextKid(c))
    if (!['[', ']', '{', '}', '(', ')'].includes(c.name)) children.push(c);
  return evalComprehensionParts(ev, children, node.name, frame);
}

export function evalComprehensionParts(
  ev: Evaluator,
  children: SyntaxNode[],
  nodeName: string,
  frame: Frame,
): PyValue {
  const iterables: PyValue[] = [];
  const forIndex = children.findIndex((c) => c.name === 'for');
  const head = children.slice(0, forIndex);
  const clauses = children.slice(forIndex);
  const isDict = nodeName === 'DictionaryComprehensionExpression';
  const scope: Scope = {
    vars: new Map(),
    globals: new Set(),
    parent: frame.scope,
    module: frame.module,
  };
  const inner: Frame = { module: frame.module, scope };
  const results: PyValue[] = [];
  const entries: [PyValue, PyValue][] = [];
  let count = 0;
  const loop = (i: number): void => {
    if (i >= clauses.length) {
      if (++count > ev.limits.maxLoopIterations)
        throw new Unmodelled(
          `comprehension exceeded maxLoopIterations (${ev.limits.maxLoopIterations})`,
        );
      if (isDict) {
        const k = evalExpr(ev, head[0]!, inner);
        const v = evalExpr(ev, head[2] ?? head[1]!, inner);
        entries.push([k, v]);
      } else results.push(evalExpr(ev, head[0]!, inner));
      return;
    }
    const c = clauses[i]!;
    if (c.name === 'for' || c.name === 'async') {
      if (c.name === 'async') return loop(i + 1);
      let j = i + 1;
      const targets: SyntaxNode[] = [];
      for (; j < clauses.length && clauses[j]!.name !== 'in'; j++) targets.push(clauses[j]!);
      const iterNode = clauses[j + 1];
      if (!iterNode) throw new Unmodelled('incomplete comprehension');
      const iterable = evalExpr(ev, iterNode, i === 0 ? frame : inner);
      iterables.push(iterable);
      const items = ev.iterateOrUnmodelled(iterable, 'comprehension');
      for (const item of [...items]) {
        ev.assignTargetList(targets, item, inner);
        loop(j + 2);
      }
    } else if (c.name === 'if') {
      const cond = clauses[i + 1];
      if (!cond) throw new Unmodelled('incomplete comprehension');
      const condValue = evalExpr(ev, cond, inner);
      const t = truthy(condValue);
      if (t === undefined) {
        iterables.push(condValue);
        throw new Unmodelled(`comprehension condition ${ev.snippet(cond, frame)} is unknown`);
      }
      if (t) loop(i + 2);
    } else loop(i + 1);
  };
  try {
    loop(0);
  } catch (err) {
    if (err instanceof Unmodelled) {
      const u = iterables.find((v) => v.kind === 'unknown');
      return ev.derive(unknown(u?.kind === 'unknown' ? u.reason : err.reason), ...iterables);
    }
    throw err;
  }
  if (isDict) {
    const dict: PyValue & { kind: 'dict' } = { kind: 'dict', entries: [] };
    for (const [k, v] of entries) {
      if (k.kind === 'unknown') return unknown(`dict key unknown: ${k.reason}`);
      dictSet(dict, k, v);
    }
    return ev.derive(boundedCollection(ev, dict), ...iterables);
  }
  const kind =
    nodeName === 'SetComprehensionExpression'
      ? 'set'
      : nodeName === 'ComprehensionExpression'
        ? 'tuple'
        : 'list';
  // A generator expression is modelled as a tuple: consumers only iterate it.
  return ev.derive(
    boundedCollection(ev, { kind, items: kind === 'set' ? dedupeKnown(results) : results }),
    ...iterables,
  );
}

export function evalUnary(ev: Evaluator, node: SyntaxNode, frame: Frame): PyValue {
  const op = ev.text(firstKid(node)!, frame);
  const operandNode = lastKid(node)!;
  const v = evalExpr(ev, operandNode, frame);
  if (op === 'not') {
    const t = truthy(v);
    return ev.derive(
      t === undefined ? unknown(v.kind === 'unknown' ? v.reason : 'truth value unknown') : bool(!t),
      v,
    );
  }
  if (v.kind === 'unknown') return v;
  if (op === '-') {
    if (v.kind === 'int') return ev.derive(intValue(-v.value), v);
    if (v.kind === 'bool') return ev.derive(intValue(v.value ? -1 : 0), v);
    if (v.kind === 'float') return ev.derive(floatValue(-v.value), v);
  }
  if (op === '+' && (v.kind === 'int' || v.kind === 'float')) return v;
  if (op === '~' && v.kind === 'int') return ev.derive(intValue(~v.value), v);
  return ev.raiseOrUnknown('TypeError', `bad operand type for unary ${op}: '${typeName(v)}'`);
}

export function evalBinary(ev: Evaluator, node: SyntaxNode, frame: Frame): PyValue {
  const left = firstKid(node)!;
  const opNode = nextKid(left);
  if (!opNode) throw new Unmodelled('incomplete expression');
  const opText = ev.text(opNode, frame);
  if (opNode.name === 'and' || opNode.name === 'or') {
    const a = evalExpr(ev, left, frame);
    const t = truthy(a);
    const right = nextKid(opNode)!;
    if (t === undefined) {
      const b = evalExpr(ev, right, frame);
      const tb = truthy(b);
      // `unknown and False` is False-y but which object is returned is unknown: keep it simple.
      if (opNode.name === 'and' && tb === false && b.kind === 'bool') return b;
      return ev.derive(
        unknown(
          a.kind === 'unknown' ? a.reason : `truth value of ${ev.snippet(left, frame)} unknown`,
        ),
        a,
        b,
      );
    }
    if (opNode.name === 'and' ? !t : t) return a;
    const b = evalExpr(ev, right, frame);
    const origin = ev.origins.get(a);
    if (origin && !ev.origins.has(b) && opNode.name === 'or' && b.kind !== 'unknown')
      return ev.withOrigin(b, {
        envVar: origin.envVar,
        usedDefault: true,
        defaultText: ev.text(right, frame),
      });
    // `known or unknown`: the right side is why it is unknown, not the left side's env var.
    return b.kind === 'unknown' ? b : ev.derive(b, a);
  }
  // Comparison operators (possibly chained: `a < b <= c` parses as nested BinaryExpressions).
  const compareOp = comparisonOperator(node, frame.module.parsed.source);
  if (compareOp) {
    const chain = flattenComparison(node, frame.module.parsed.source);
    let result: PyValue = bool(true);
    let prev = evalExpr(ev, chain.operands[0]!, frame);
    const inputs: PyValue[] = [prev];
    let undecided = false;
    for (let i = 0; i < chain.ops.length; i++) {
      const next = evalExpr(ev, chain.operands[i + 1]!, frame);
      inputs.push(next);
      const r = compareValues(ev, chain.ops[i]!, prev, next);
      if (r === false) {
        result = bool(false);
        undecided = false;
        break;
      }
      if (r === undefined) undecided = true;
      prev = next;
    }
    if (undecided) {
      const u = inputs.find((v) => v.kind === 'unknown');
      return ev.derive(
        unknown(
          u?.kind === 'unknown' ? u.reason : `comparison ${ev.snippet(node, frame)} not decidable`,
        ),
        ...inputs,
      );
    }
    return ev.derive(result, ...inputs);
  }
  const right = nextKid(opNode);
  if (!right) throw new Unmodelled('incomplete expression');
  const a = evalExpr(ev, left, frame);
  const b = evalExpr(ev, right, frame);
  const op = opText.trim();
  if (op === '/' && dataOf(a)?.tag === 'path') {
    const seg = pyStr(b);
    if (seg === undefined)
      return ev.derive(unknown(b.kind === 'unknown' ? b.reason : 'path segment unknown'), b);
    return pathValue(
      posix.join(seg.startsWith('/') ? '/' : (dataOf(a) as { path: string }).path, seg),
    );
  }
  if (op === '@') return unknown('matrix multiplication not modelled');
  return binary(ev, op, a, b);
}

export function compareValues(
  ev: Evaluator,
  op: string,
  a: PyValue,
  b: PyValue,
): boolean | undefined {
  try {
    switch (op) {
      case 'in':
      case 'not in': {
        let r: boolean | undefined;
        const d = dataOf(b);
        if (d?.tag === 'environ') {
          if (a.kind !== 'str') return undefined;
          const e = ev.env.get(a.value);
          ev.recordEnvRead(a.value, undefined, e !== undefined);
          r = e === undefined ? false : 'unknown' in e ? undefined : true;
        } else if (d?.tag === 'external' && d.path === 'sys.modules') {
          r = a.kind === 'str' ? ev.isModuleLoaded(a.value) : undefined;
        } else r = contains(b, a);
        return r === undefined ? undefined : op === 'in' ? r : !r;
      }
      case 'is':
      case 'is not': {
        const r = isIdentical(a, b);
        return r === undefined ? undefined : op === 'is' ? r : !r;
      }
      default:
        return compare(op, a, b);
    }
  } catch (err) {
    if (err instanceof OpError) {
      ev.raiseOrUnknown(err.excType, err.message);
      return undefined;
    }
    throw err;
  }
}

export function evalMember(ev: Evaluator, node: SyntaxNode, frame: Frame): PyValue {
  const objNode = firstKid(node)!;
  const sep = nextKid(objNode);
  const obj = evalExpr(ev, objNode, frame);
  if (sep?.name === '[') {
    const keyNode = nextKid(sep);
    if (!keyNode) throw new Unmodelled('incomplete subscript');
    if (hasSliceColon(node)) return ev.derive(evalSlice(ev, obj, node, frame), obj);
    const key = evalSubscriptKey(ev, node, keyNode, frame);
    return ev.derive(getItem(ev, obj, key), obj, key);
  }
  const prop = node.getChild('PropertyName');
  if (!prop) throw new Unmodelled('incomplete attribute access');
  return ev.getAttr(obj, ev.text(prop, frame), node, frame);
}

export function evalSubscriptKey(
  ev: Evaluator,
  _node: SyntaxNode,
  keyNode: SyntaxNode,
  frame: Frame,
): PyValue {
  const parts: SyntaxNode[] = [];
  for (let c: SyntaxNode | null = keyNode; c && c.name !== ']'; c = nextKid(c)) parts.push(c);
  return ev.evalExprList(parts, frame);
}

export function evalSlice(ev: Evaluator, obj: PyValue, node: SyntaxNode, frame: Frame): PyValue {
  const bounds: PyValue[] = [NONE, NONE, NONE];
  let slot = 0;
  for (let c = nextKid(nextKid(firstKid(node))); c && c.name !== ']'; c = nextKid(c)) {
    if (c.name === ':') slot++;
    else if (slot < 3) bounds[slot] = evalExpr(ev, c, frame);
  }
  const seq =
    obj.kind === 'str' || obj.kind === 'bytes'
      ? obj.value.split('')
      : 'items' in obj && obj.kind !== 'set'
        ? obj.items
        : undefined;
  if (!seq) return obj.kind === 'unknown' ? obj : unknown(`slicing ${typeName(obj)} not modelled`);
  const idx = sliceIndices(seq.length, bounds[0]!, bounds[1]!, bounds[2]!);
  if (!idx) return unknown('slice bounds unknown');
  if (obj.kind === 'str' || obj.kind === 'bytes')
    return { kind: obj.kind, value: idx.map((i) => obj.value[i]).join('') };
  if (obj.kind === 'list' || obj.kind === 'tuple')
    return { kind: obj.kind, items: idx.map((i) => obj.items[i]!) };
  return unknown('slice not modelled');
}

export function getItem(ev: Evaluator, obj: PyValue, key: PyValue): PyValue {
  if (obj.kind === 'unknown') return obj;
  const d = dataOf(obj);
  if (d?.tag === 'environ') {
    if (key.kind !== 'str') return unknown('os.environ key unknown');
    const e = ev.env.get(key.value);
    ev.recordEnvRead(key.value, undefined, e !== undefined);
    if (e) return ev.envValue(key.value, e);
    if (ev.isCaught('KeyError')) throw new PyRaise('KeyError', `'${key.value}'`, ev.line);
    ev.diag('warning', `settings import would fail: KeyError '${key.value}'`);
    return unknown(`environment variable ${key.value} is required (unset: KeyError)`, key.value);
  }
  if (key.kind === 'unknown') return key;
  if (obj.kind === 'dict') {
    let undecided = false;
    for (const [k, v] of obj.entries) {
      const eq = pyEquals(k, key);
      if (eq === true) return v;
      if (eq === undefined) undecided = true;
    }
    if (undecided) return unknown(`dict key lookup ${reprOf(key)} undecidable`);
    return ev.raiseOrUnknown('KeyError', reprOf(key));
  }
  if (obj.kind === 'list' || obj.kind === 'tuple' || obj.kind === 'str' || obj.kind === 'bytes') {
    if (key.kind !== 'int' && key.kind !== 'bool')
      return ev.raiseOrUnknown('TypeError', `indices must be integers, not ${typeName(key)}`);
    const k = key.kind === 'int' ? key.value : key.value ? 1n : 0n;
    if (obj.kind === 'str') {
      const cps = obj.value.length < 100_000 ? Array.from(obj.value) : obj.value.split('');
      const i = normIndex(k, cps.length);
      return i === undefined
        ? ev.raiseOrUnknown('IndexError', 'string index out of range')
        : strValue(cps[i]!);
    }
    if (obj.kind === 'bytes') {
      const i = normIndex(k, obj.value.length);
      return i === undefined
        ? ev.raiseOrUnknown('IndexError', 'index out of range')
        : intValue(obj.value.charCodeAt(i));
    }
    const i = normIndex(k, obj.items.length);
    return i === undefined
      ? ev.raiseOrUnknown('IndexError', `${obj.kind} index out of range`)
      : obj.items[i]!;
  }
  if (d?.tag === 'path' && key.kind === 'int') return unknown('path indexing not modelled');
  if (d?.tag === 'configparser')
    return callMethod(
      ev,
      obj,
      '__getitem__',
      { ...noArgs(), pos: [key] },
      {
        module: ev.modules.values().next().value!,
        scope: undefined,
      },
    );
  if (d?.tag === 'external' && d.path === 'sys.modules' && key.kind === 'str') {
    const loaded = ev.loadedModule(key.value);
    if (loaded) return loaded;
    if (ev.isModuleLoaded(key.value) === false) return ev.raiseOrUnknown('KeyError', reprOf(key));
    return unknown(`sys.modules[${reprOf(key)}]`);
  }
  if (d?.tag === 'external') return unknown(`${d.path}[...] (outside the repository)`);
  if (d?.tag === 'namespace' && key.kind === 'str') {
    const b = ev.modules.get(ev.file)?.namespace.get(key.value);
    return b ? b.value : ev.raiseOrUnknown('KeyError', reprOf(key));
  }
  return unknown(`subscript of ${typeName(obj)} not modelled`);
}

export function lookupName(ev: Evaluator, name: string, frame: Frame): PyValue {
  const b = ev.lookupBinding(name, frame);
  if (b) return b.value;
  if (BUILTIN_NAMES.has(name))
    return opaque('builtin', { tag: 'external', path: `builtins.${name}` }, name);
  if (name === '__builtins__') return opaque('module', { tag: 'external', path: 'builtins' });
  return ev.raiseOrUnknown('NameError', `name '${name}' is not defined`);
}

export function evalStringNode(ev: Evaluator, node: SyntaxNode, frame: Frame): PyValue {
  const text = ev.text(node, frame);
  const parts = splitStringLiteral(text);
  if (!parts) throw new Unmodelled(`malformed string literal at line ${ev.line}`);
  const isRaw = parts.prefix.includes('r');
  const isBytes = parts.prefix.includes('b');
  if (node.name !== 'FormatString') {
    const value = isRaw ? parts.body : decodeEscapes(parts.body, isBytes);
    if (value.length > ev.limits.maxStringLength)
      return unknown(`string longer than maxStringLength (${ev.limits.maxStringLength})`);
    return isBytes ? { kind: 'bytes', value } : strValue(value);
  }
  // f-string: literal segments between FormatReplacement children.
  const bodyStart = node.from + parts.prefix.length + parts.quote.length;
  const bodyEnd = node.to - parts.quote.length;
  const source = frame.module.parsed.source;
  let out = '';
  let pos = bodyStart;
  const literal = (s: string) => {
    const unescaped = s.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    return isRaw ? unescaped : decodeEscapes(unescaped, false);
  };
  const inputs: PyValue[] = [];
  for (let c = firstKid(node); c; c = nextKid(c)) {
    if (c.name !== 'FormatReplacement') continue;
    out += literal(source.slice(pos, c.from));
    pos = c.to;
    const piece = evalFormatReplacement(ev, c, frame, inputs);
    if (piece === undefined) {
      const u = inputs.find((v) => v.kind === 'unknown');
      return ev.derive(
        unknown(
          u?.kind === 'unknown' ? u.reason : `f-string ${ev.snippet(node, frame)} not modelled`,
        ),
        ...inputs,
      );
    }
    out += piece;
    if (out.length > ev.limits.maxStringLength)
      return unknown(`string longer than maxStringLength (${ev.limits.maxStringLength})`);
  }
  out += literal(source.slice(pos, Math.max(pos, bodyEnd)));
  return ev.derive(strValue(out), ...inputs);
}

export function evalFormatReplacement(
  ev: Evaluator,
  node: SyntaxNode,
  frame: Frame,
  inputs: PyValue[],
): string | undefined {
  let exprNode: SyntaxNode | undefined;
  let conversion = '';
  let spec = '';
  let selfDoc = false;
  for (let c = firstKid(node); c; c = nextKid(c)) {
    if (c.name === '{' || c.name === '}') continue;
    if (c.name === 'FormatConversion') conversion = ev.text(c, frame).slice(1);
    else if (c.name === 'FormatSelfDoc') selfDoc = true;
    else if (c.name === 'FormatSpec') {
      if (c.getChild('FormatReplacement')) {
        let s = '';
        let p = c.from + 1;
        for (let r = firstKid(c); r; r = nextKid(r)) {
          if (r.name !== 'FormatReplacement') continue;
          s += frame.module.parsed.source.slice(p, r.from);
          const inner = evalFormatReplacement(ev, r, frame, inputs);
          if (inner === undefined) return undefined;
          s += inner;
          p = r.to;
        }
        spec = s + frame.module.parsed.source.slice(p, c.to);
      } else spec = ev.text(c, frame).slice(1);
    } else if (!exprNode) exprNode = c;
  }
  if (!exprNode) return undefined;
  const value = evalExpr(ev, exprNode, frame);
  inputs.push(value);
  let text: string | undefined;
  if (conversion === 'r') text = pyRepr(value);
  else if (conversion === 's' || conversion === 'a') text = pyStr(value);
  if (text !== undefined) text = formatValue(strValue(text), spec);
  else if (conversion === '') text = formatValue(value, spec);
  if (text === undefined) return undefined;
  return selfDoc ? `${ev.text(exprNode, frame)}=${text}` : text;
}

// ---------------------------------------------------------------- calls

export function evalCall(ev: Evaluator, node: SyntaxNode, frame: Frame): PyValue {
  const calleeNode = firstKid(node)!;
  const argList = node.getChild('ArgList');
  const args: Args = argList
    ? evalArgs(ev, argList, frame)
    : {
        pos: [],
        kw: new Map(),
        posNodes: [],
        kwNodes: new Map(),
        source: frame.module.parsed.source,
      };
  let callee: PyValue;
  let self: PyValue | undefined;
  let methodName: string | undefined;
  if (
    calleeNode.name === 'MemberExpression' &&
    calleeNode.getChild('PropertyName') &&
    nextKid(firstKid(calleeNode))?.name === '.'
  ) {
    self = evalExpr(ev, firstKid(calleeNode)!, frame);
    methodName = ev.text(calleeNode.getChild('PropertyName')!, frame);
    callee = ev.getAttr(self, methodName, calleeNode, frame);
  } else {
    callee = evalExpr(ev, calleeNode, frame);
  }
  const result = callValue(ev, callee, args, node, frame);
  // Mutating methods decide the root name's value here (MIDDLEWARE.insert(0, ...)).
  if (
    methodName &&
    self &&
    MUTATORS.has(methodName) &&
    (self.kind === 'list' || self.kind === 'dict' || self.kind === 'set')
  ) {
    // `DATABASES['default'].update(dj_database_url.config())`: what was merged in is unknown,
    // so the whole setting is (an Unknown item from append/insert stays a precise item).
    const unknownArg = [...args.pos, ...args.kw.values()].find((v) => v.kind === 'unknown');
    if (unknownArg?.kind === 'unknown' && ['update', 'extend'].includes(methodName)) {
      const reason = `${ev.snippet(node, frame)} merges an unknown value: ${unknownArg.reason}`;
      // What was there stays in it (a dict keeps its keys, a list its items).
      const before = firstKid(calleeNode)?.name === 'VariableName' ? factsOf(self) : undefined;
      const facts: KnownFacts | undefined = before && {
        ...(before.kind ? { kind: before.kind } : {}),
        contains: [...(before.contains ?? []), ...(unknownArg.facts?.contains ?? [])],
        ...(self.kind === 'list'
          ? {
              minLength: (before.minLength ?? 0) + (unknownArg.facts?.minLength ?? 0),
              prefix: before.prefix ?? [],
            }
          : before.minLength
            ? { minLength: before.minLength }
            : {}),
      };
      ev.touchRoot(calleeNode, frame, ev.derive(unknown(reason, undefined, facts), unknownArg));
    } else ev.touchRoot(calleeNode, frame);
  }
  return result;
}

export function evalArgs(ev: Evaluator, argList: SyntaxNode, frame: Frame): Args {
  const args: Args = {
    pos: [],
    kw: new Map(),
    posNodes: [],
    kwNodes: new Map(),
    source: frame.module.parsed.source,
  };
  let mode: '' | '*' | '**' = '';
  if (argList.getChild('for')) {
    // f(x for x in y): the sole argument is a generator expression.
    const parts: SyntaxNode[] = [];
    for (let g = firstKid(argList); g; g = nextKid(g))
      if (g.name !== '(' && g.name !== ')') parts.push(g);
    args.pos.push(evalComprehensionParts(ev, parts, 'ComprehensionExpression', frame));
    return args;
  }
  for (let c = firstKid(argList); c; c = nextKid(c)) {
    if (c.name === '(' || c.name === ')' || c.name === ',') continue;
    if (c.name === '*' || c.name === '**') {
      mode = c.name;
      continue;
    }
    if (c.name === 'VariableName' && nextKid(c)?.name === 'AssignOp') {
      const valueNode = nextKid(nextKid(c));
      if (!valueNode) break;
      const name = ev.text(c, frame);
      args.kw.set(name, evalExpr(ev, valueNode, frame));
      args.kwNodes.set(name, valueNode);
      c = valueNode;
      continue;
    }

    const v = evalExpr(ev, c, frame);
    if (mode === '*') {
      const items = iterate(v);
      if (!items)
        args.pos.push(
          ev.derive(unknown(v.kind === 'unknown' ? v.reason : '*args not iterable'), v),
        );
      else args.pos.push(...items);
    } else if (mode === '**') {
      if (v.kind === 'dict') {
        for (const [k, val] of v.entries) if (k.kind === 'str') args.kw.set(k.value, val);
      } else {
        args.kw.set('**', unknown(v.kind === 'unknown' ? v.reason : '**kwargs not a mapping'));
      }
    } else {
      args.pos.push(v);
      args.posNodes[args.pos.length - 1] = c;
    }
    mode = '';
  }
  return args;
}

export function callValue(
  ev: Evaluator,
  callee: PyValue,
  args: Args,
  node: SyntaxNode | undefined,
  frame: Frame,
): PyValue {
  if (callee.kind === 'unknown') return callee;
  const d = dataOf(callee);
  if (!d) return ev.raiseOrUnknown('TypeError', `'${typeName(callee)}' object is not callable`);
  switch (d.tag) {
    case 'function':
      if (d.binding === 'property')
        return ev.raiseOrUnknown('TypeError', "'property' object is not callable");
      return ev.callFunction(d, args);
    case 'bound':
      return ev.callFunction(d.fn, args, d.self);
    case 'method':
      return callMethod(ev, d.self, d.name, args, frame);
    case 'external':
      return callExternal(ev, d.path, args, node, frame);
    default:
      return callMethod(ev, callee, '__call__', args, frame);
  }
}

const MUTATORS = new Set([
  'append',
  'extend',
  'insert',
  'remove',
  'pop',
  'clear',
  'sort',
  'reverse',
  'update',
  'setdefault',
  'add',
  'discard',
  'popitem',
]);

function parseNumber(text: string): PyValue {
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return unknown('complex numbers not modelled');
  if (/^0[xX][0-9a-fA-F]+$/.test(t) || /^0[oO][0-7]+$/.test(t) || /^0[bB][01]+$/.test(t))
    return intValue(BigInt(t.toLowerCase()));
  if (/^\d+$/.test(t)) return intValue(BigInt(t));
  const f = Number(t);
  return Number.isNaN(f) ? unknown(`number ${text} not understood`) : floatValue(f);
}

function dedupeKnown(items: PyValue[]): PyValue[] {
  const out: PyValue[] = [];
  for (const item of items) if (!out.some((o) => pyEquals(o, item) === true)) out.push(item);
  return out;
}
