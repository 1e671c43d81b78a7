/**
 * Objects: functions, classes, instances, attributes, decorators and calls of repository code.
 */
import { posix } from 'node:path';
import type { SyntaxNode } from '@lezer/common';
import type { Provenance, PyValue } from '../value';
import { NONE, unknown } from '../value';
import { pyEquals } from '../value-ops';
import { firstKid, nextKid } from '../python/parse';
import { pathValue } from './paths';
import type { Frame, ObjectData, Param, Scope } from './model';
import { PyRaise, Unmodelled } from './model';
import { joinValues } from './branches';
import { dataOf, externalPath, strValue, opaque, typeName } from './ops';
import type { Args } from './host';
import { getExternalAttr } from './library';
import { moduleSpecAttribute } from './library/stdlib';
import type { Evaluator } from './evaluator';

// ---------------------------------------------------------------- functions & classes

export function defineFunction(ev: Evaluator, node: SyntaxNode, frame: Frame): void {
  const nameNode = node.getChild('VariableName');
  const body = node.getChild('Body');
  const paramList = node.getChild('ParamList');
  if (!nameNode || !body) throw new Unmodelled('incomplete function definition');
  const name = ev.text(nameNode, frame);
  const params = paramList ? parseParams(ev, paramList, frame) : [];
  const fn = opaque(
    'function',
    {
      tag: 'function',
      name,
      params,
      body,
      isLambda: false,
      closure: frame.scope,
      module: frame.module,
    },
    name,
  );
  ev.bindName(name, fn, frame, ev.line);
}

export function parseParams(ev: Evaluator, list: SyntaxNode, frame: Frame): Param[] {
  const params: Param[] = [];
  let kind: Param['kind'] = 'normal';
  let afterStar = false;
  for (let c = firstKid(list); c; c = nextKid(c)) {
    if (c.name === '*') {
      kind = 'star';
      afterStar = true;
    } else if (c.name === '**') kind = 'starstar';
    else if (c.name === ',') kind = afterStar ? 'kwonly' : 'normal';
    else if (c.name === 'VariableName') params.push({ name: ev.text(c, frame), kind });
    else if (c.name === 'AssignOp') {
      const d = nextKid(c);
      const last = params[params.length - 1];
      if (d && last) {
        last.defaultValue = ev.evalExpr(d, frame);
        c = d;
      }
    }
  }
  return params;
}

export function defineClass(ev: Evaluator, node: SyntaxNode, frame: Frame): void {
  const nameNode = node.getChild('VariableName');
  const body = node.getChild('Body');
  if (!nameNode || !body) throw new Unmodelled('incomplete class definition');
  const name = ev.text(nameNode, frame);
  const bases: PyValue[] = [];
  const argList = node.getChild('ArgList');
  if (argList)
    for (let c = firstKid(argList); c; c = nextKid(c))
      if (
        !['(', ')', ','].includes(c.name) &&
        nextKid(c)?.name !== 'AssignOp' &&
        c.name !== 'AssignOp'
      )
        bases.push(ev.evalExpr(c, frame));
  const attrs = new Map<string, PyValue>();
  const annotations = new Map<string, string>();
  const classCtx: Frame = {
    module: frame.module,
    scope: frame.scope,
    classAttrs: attrs,
    classAnnotations: annotations,
  };
  ev.execBody(body, classCtx);
  const data: ObjectData & { tag: 'class' } = { tag: 'class', name, attrs, bases, annotations };
  for (const value of attrs.values()) {
    const fd = dataOf(value);
    if (fd?.tag === 'function' && fd.ownerClass === undefined) fd.ownerClass = data;
  }
  ev.bindName(name, opaque('class', data, name), frame, ev.line);
}

/**
 * `@decorator` on a def or class: `classmethod`, `staticmethod` and `property` set how the
 * class binds the function; functools' caches and `wraps` leave it as it is; a decorator
 * defined in the repository is called; any other one makes the name Unknown (a decorator may
 * return anything).
 */
export function execDecorated(ev: Evaluator, node: SyntaxNode, frame: Frame): void {
  const def = node.getChild('FunctionDefinition') ?? node.getChild('ClassDefinition');
  if (!def) return;
  const decorators = node.getChildren('Decorator').map((d) => evalDecorator(ev, d, frame));
  ev.execStatement(def, frame);
  const nameNode = def.getChild('VariableName');
  if (!nameNode) return;
  const name = ev.text(nameNode, frame);
  let value = ev.lookupBinding(name, frame)?.value ?? unknown(`${name} not defined`);
  for (const { decorator, text } of decorators.reverse()) {
    const path = externalPath(decorator);
    const fd = dataOf(value);
    if (
      fd?.tag === 'function' &&
      (path === 'builtins.classmethod' ||
        path === 'builtins.staticmethod' ||
        path === 'builtins.property')
    ) {
      value = opaque('function', {
        ...fd,
        binding: path.slice('builtins.'.length) as 'classmethod' | 'staticmethod' | 'property',
      });
    } else if (path !== undefined && IDENTITY_DECORATORS.has(path)) {
      continue;
    } else if (dataOf(decorator)?.tag === 'function' || dataOf(decorator)?.tag === 'bound') {
      value = ev.callValue(decorator, { ...noArgs(frame), pos: [value] }, undefined, frame);
    } else {
      value = unknown(`${name} decorated by @${text} (not modelled)`);
    }
  }
  ev.bindName(name, value, frame, ev.line);
}

export function evalDecorator(
  ev: Evaluator,
  node: SyntaxNode,
  frame: Frame,
): { decorator: PyValue; text: string } {
  let value: PyValue | undefined;
  let text = '';
  for (let c = firstKid(node); c; c = nextKid(c)) {
    if (c.name === 'VariableName') {
      const n = ev.text(c, frame);
      value =
        value === undefined
          ? (ev.lookupBinding(n, frame)?.value ??
            (BUILTIN_NAMES.has(n)
              ? opaque('builtin', { tag: 'external', path: `builtins.${n}` }, n)
              : unknown(`decorator ${n} not defined`)))
          : getAttr(ev, value, n, c, frame);
      text += text === '' ? n : `.${n}`;
    } else if (c.name === 'ArgList' && value !== undefined) {
      const args = ev.evalArgs(c, frame);
      const path = externalPath(value);
      // `@functools.lru_cache(maxsize=None)`, `@functools.wraps(f)`: the call returns the
      // same kind of decorator.
      if (path === undefined || !IDENTITY_DECORATORS.has(path))
        value = ev.callValue(value, args, c, frame);
      text += '(...)';
    }
  }
  return { decorator: value ?? unknown('empty decorator'), text };
}

// ---------------------------------------------------------------- attributes as data

/**
 * `getattr(obj, name)` without raising: the value, Unknown when it cannot be known, or
 * undefined when the object certainly has no such attribute.
 */
export function findAttribute(ev: Evaluator, obj: PyValue, name: string): PyValue | undefined {
  const d = dataOf(obj);
  if (d?.tag === 'module') return d.state.namespace.get(name)?.value;
  if (d?.tag === 'class' || d?.tag === 'instance') {
    if (d.tag === 'instance' && d.attrs.has(name)) return d.attrs.get(name)!;
    const cls = d.tag === 'class' ? d : d.cls;
    const v = findClassAttr(cls, name);
    if (v && d.tag === 'class' && isEnumClass(d)) {
      const member = enumMember(ev, d, name);
      if (member) return member;
    }
    if (v) return bindClassAttr(ev, v, obj, d.tag === 'class' ? obj : classValueOf(ev, d));
    if (!hasOnlyModelledBases(cls)) return unknown(`attribute ${name} of ${cls.name}`);
    if (OBJECT_ATTRIBUTES.includes(name) || CLASS_ATTRIBUTES.includes(name))
      return opaque('attribute', { tag: 'external', path: `builtins.object.${name}` });
    return undefined;
  }
  return unknown(`attribute ${name} of ${typeName(obj)}`);
}

/** `dir(obj)` for modules and classes of the repository, or undefined when not known. */
export function attributeNames(ev: Evaluator, obj: PyValue): string[] | undefined {
  const d = dataOf(obj);
  if (d?.tag === 'module') return [...d.state.namespace.keys()].sort();
  if (d?.tag !== 'class' && d?.tag !== 'instance') return undefined;
  const cls = d.tag === 'class' ? d : d.cls;
  if (!hasOnlyModelledBases(cls)) return undefined;
  const names = new Set([...OBJECT_ATTRIBUTES, ...CLASS_ATTRIBUTES]);
  const walk = (c: ObjectData & { tag: 'class' }, depth: number): void => {
    if (depth > 20) return;
    for (const k of c.attrs.keys()) names.add(k);
    for (const b of c.bases) {
      const bd = dataOf(b);
      if (bd?.tag === 'class') walk(bd, depth + 1);
    }
  };
  walk(cls, 0);
  if (d.tag === 'instance') for (const k of d.attrs.keys()) names.add(k);
  // CPython sorts dir() by code point.
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `setattr(obj, name, value)` on a module, class or instance; false when not modelled. */
export function setAttribute(ev: Evaluator, obj: PyValue, name: string, value: PyValue): boolean {
  const d = dataOf(obj);
  if (d?.tag === 'module') {
    d.state.namespace.set(name, { value, provenance: { file: ev.file, line: ev.line } });
    return true;
  }
  if (d?.tag === 'instance' || d?.tag === 'class') {
    d.attrs.set(name, value);
    return true;
  }
  return false;
}

/** A plain class of the repository called: an instance, `__init__` run on it. */
export function instantiateClass(
  ev: Evaluator,
  _clsValue: PyValue,
  cls: ObjectData & { tag: 'class' },
  args: Args,
  _ctx: Frame,
): PyValue {
  const attrs = new Map<string, PyValue>();
  const instance = opaque(cls.name, { tag: 'instance', cls, attrs });
  const init = findClassAttr(cls, '__init__');
  const initData = init ? dataOf(init) : undefined;
  if (initData?.tag === 'function') {
    const result = callFunction(ev, initData, args, instance);
    if (result.kind !== 'none' && result.kind !== 'unknown')
      return ev.raiseOrUnknown(
        'TypeError',
        `__init__() should return None, not '${typeName(result)}'`,
      );
  } else if (init !== undefined || !hasOnlyModelledBases(cls)) {
    return unknown(`instance of ${cls.name} (its __init__ is not modelled)`);
  } else if (args.pos.length || args.kw.size) {
    return ev.raiseOrUnknown('TypeError', `${cls.name}() takes no arguments`);
  }
  return instance;
}

/** Calls a function defined in the settings. */
export function callFunction(
  ev: Evaluator,
  fn: ObjectData & { tag: 'function' },
  args: Args,
  boundSelf?: PyValue,
): PyValue {
  if (ev.callDepth >= ev.limits.maxCallDepth) {
    ev.warnOnce(
      `depth:${ev.file}:${ev.line}`,
      `call of ${fn.name}() exceeded maxCallDepth (${ev.limits.maxCallDepth}); result unknown`,
    );
    return unknown(`call of ${fn.name}() exceeded maxCallDepth (${ev.limits.maxCallDepth})`);
  }
  const scope: Scope = {
    vars: new Map(),
    globals: new Set(),
    parent: fn.closure,
    module: fn.module,
  };
  const provenance = { file: fn.module.file, line: ev.line };
  const pos = boundSelf ? [boundSelf, ...args.pos] : [...args.pos];
  if (fn.ownerClass && pos.length) scope.method = { cls: fn.ownerClass, self: pos[0]! };
  const kw = new Map(args.kw);
  let i = 0;
  for (const p of fn.params) {
    if (p.kind === 'star') {
      scope.vars.set(p.name, { value: { kind: 'tuple', items: pos.slice(i) }, provenance });
      i = pos.length;
    } else if (p.kind === 'starstar') {
      scope.vars.set(p.name, {
        value: { kind: 'dict', entries: [...kw].map(([k, v]) => [strValue(k), v]) },
        provenance,
      });
      kw.clear();
    } else if (p.kind === 'normal' && i < pos.length) {
      scope.vars.set(p.name, { value: pos[i++]!, provenance });
    } else if (kw.has(p.name)) {
      scope.vars.set(p.name, { value: kw.get(p.name)!, provenance });
      kw.delete(p.name);
    } else if (p.defaultValue !== undefined) {
      scope.vars.set(p.name, { value: p.defaultValue, provenance });
    } else {
      return ev.raiseOrUnknown('TypeError', `${fn.name}() missing argument '${p.name}'`);
    }
  }
  const frame: Frame = { module: fn.module, scope };
  const savedFile = ev.file;
  const savedLine = ev.line;
  ev.callDepth++;
  try {
    ev.file = fn.module.file;
    if (fn.isLambda) return ev.evalExpr(fn.body, frame);
    let value: PyValue;
    try {
      const completion = ev.execBody(fn.body, frame);
      value = completion?.type === 'return' ? completion.value : NONE;
    } catch (err) {
      // Paths that returned earlier (scope.pendingReturns) did not raise: as runBranches does,
      // the raising path is left out unless a handler would catch it.
      const pending = scope.pendingReturns;
      if (!(err instanceof PyRaise) || !pending?.length) throw err;
      if (ev.isCaught(err.excType))
        throw new Unmodelled(`${err.excType} raised on one path of an undecidable condition`);
      ev.diag(
        'info',
        `settings import would fail when ${pending[0]!.reason.replace(/^depends on /, '')} takes the path that raises ${err.excType} ${err.detail} (${err.file ?? ev.file}:${err.line}); that path is left out`,
      );
      return joinValues(
        pending.map((p) => p.value),
        pending[0]!.reason,
        pending[0]!.envVar,
      );
    }
    const pending = scope.pendingReturns;
    if (!pending?.length) return value;
    return joinValues(
      [...pending.map((p) => p.value), value],
      pending[0]!.reason,
      pending[0]!.envVar,
    );
  } finally {
    ev.callDepth--;
    ev.file = savedFile;
    ev.line = savedLine;
  }
}

export function getAttr(
  ev: Evaluator,
  obj: PyValue,
  name: string,
  _node: SyntaxNode,
  frame: Frame,
): PyValue {
  if (obj.kind === 'unknown') return obj;
  const d = dataOf(obj);
  if (d?.tag === 'module') {
    const b = d.state.namespace.get(name);
    if (b) return b.value;
    const sub = ev.importModule(`${d.state.name}.${name}`, frame, true, true);
    if (dataOf(sub)?.tag === 'module') return sub;
    return ev.raiseOrUnknown(
      'AttributeError',
      `module '${d.state.name}' has no attribute '${name}'`,
    );
  }
  if (d?.tag === 'external') return getExternalAttr(ev, d.path, name);
  if (d?.tag === 'class' || d?.tag === 'instance') {
    if (d.tag === 'instance' && d.attrs.has(name)) return d.attrs.get(name)!;
    const cls = d.tag === 'class' ? d : d.cls;
    const v = findClassAttr(cls, name);
    if (v && d.tag === 'class' && isEnumClass(d)) {
      const member = enumMember(ev, d, name);
      if (member) return member;
    }
    if (v) return bindClassAttr(ev, v, obj, d.tag === 'class' ? obj : classValueOf(ev, d));
    if (name === '__name__') return strValue(cls.name);
    if (name === '__class__' && d.tag === 'instance') return classValueOf(ev, d);
    if (d.tag === 'instance')
      return unknown(`attribute ${name} of ${cls.name} instance not modelled`);
    if (!hasOnlyModelledBases(cls)) return unknown(`attribute ${cls.name}.${name} not modelled`);
    return ev.raiseOrUnknown(
      'AttributeError',
      `type object '${cls.name}' has no attribute '${name}'`,
    );
  }
  if (d?.tag === 'super') {
    for (const base of d.cls.bases) {
      const bd = dataOf(base);
      if (bd?.tag !== 'class') continue;
      const v = findClassAttr(bd, name);
      if (v) {
        const sd = dataOf(d.self);
        return bindClassAttr(ev, v, d.self, sd?.tag === 'instance' ? classValueOf(ev, sd) : d.self);
      }
    }
    return unknown(`super().${name} not modelled`);
  }
  if (d?.tag === 'modulespec') return moduleSpecAttribute(d, name);
  if (d?.tag === 'path') {
    const p = d.path;
    switch (name) {
      case 'parent':
        return pathValue(posix.dirname(p));
      case 'name':
        return strValue(posix.basename(p));
      case 'stem':
        return strValue(posix.basename(p, posix.extname(p)));
      case 'suffix':
        return strValue(posix.extname(p));
      case 'parents': {
        const items: PyValue[] = [];
        for (let cur = posix.dirname(p); ; cur = posix.dirname(cur)) {
          items.push(pathValue(cur));
          if (cur === '/' || cur === '.' || items.length > 100) break;
        }
        return { kind: 'tuple', items };
      }
      case 'parts':
        return {
          kind: 'tuple',
          items: (p.startsWith('/') ? ['/', ...p.split('/').filter(Boolean)] : p.split('/')).map(
            strValue,
          ),
        };
    }
  }
  return opaque('method', { tag: 'method', self: obj, name }, name);
}

/**
 * A class attribute read through `owner` (an instance or the class itself), as Python's
 * descriptors bind it: a plain function is bound to an instance, a classmethod to the class,
 * a staticmethod to nothing; a property is called.
 */
export function bindClassAttr(
  ev: Evaluator,
  value: PyValue,
  owner: PyValue,
  cls: PyValue,
): PyValue {
  const fd = dataOf(value);
  if (fd?.tag !== 'function') return value;
  const isInstance = dataOf(owner)?.tag === 'instance';
  switch (fd.binding) {
    case 'classmethod':
      return opaque('method', { tag: 'bound', fn: fd, self: cls });
    case 'staticmethod':
      return value;
    case 'property':
      return isInstance ? callFunction(ev, fd, { ...noArgs(), pos: [] }, owner) : value;
    default:
      return isInstance ? opaque('method', { tag: 'bound', fn: fd, self: owner }) : value;
  }
}

/** A stable provenance object per class attribute (branch merging compares them). */
export function classAttrProv(
  ev: Evaluator,
  attrs: Map<string, PyValue>,
  name: string,
  frame: Frame,
): Provenance {
  let provs = ev.classProvs.get(attrs);
  if (!provs) ev.classProvs.set(attrs, (provs = new Map<string, Provenance>()));
  let provenance = provs.get(name);
  if (!provenance) provs.set(name, (provenance = { file: frame.module.file, line: ev.line }));
  return provenance;
}

/** `Color.RED` of `class Color(Enum)`: one member object per name, with .name and .value. */
export function enumMember(
  ev: Evaluator,
  cls: ObjectData & { tag: 'class' },
  name: string,
): PyValue | undefined {
  const raw = cls.attrs.get(name);
  if (!raw || name.startsWith('_') || dataOf(raw)?.tag === 'function') return undefined;
  let cache = ev.enumMemberCache.get(cls);
  if (!cache) ev.enumMemberCache.set(cls, (cache = new Map<string, PyValue>()));
  let member = cache.get(name);
  if (!member) {
    const attrs = new Map<string, PyValue>([
      ['name', strValue(name)],
      ['value', raw],
    ]);
    cache.set(name, (member = opaque(cls.name, { tag: 'instance', cls, attrs }, name)));
  }
  return member;
}

/** Iterating an Enum class: its members in definition order. */
export function enumMembers(ev: Evaluator, value: PyValue): PyValue[] | undefined {
  const d = dataOf(value);
  if (d?.tag !== 'class' || !isEnumClass(d)) return undefined;
  const out: PyValue[] = [];
  const seen: PyValue[] = [];
  for (const name of d.attrs.keys()) {
    const member = enumMember(ev, d, name);
    // An alias (a second name for a value) is not iterated, as in Python.
    const raw = d.attrs.get(name)!;
    if (!member || seen.some((v) => pyEquals(v, raw) === true)) continue;
    seen.push(raw);
    out.push(member);
  }
  return out;
}

/** The class value of an instance (one object per class, so `is` holds). */
export function classValueOf(ev: Evaluator, d: ObjectData & { tag: 'instance' }): PyValue {
  let v = ev.classValues.get(d.cls);
  if (!v) ev.classValues.set(d.cls, (v = opaque('class', d.cls, d.cls.name)));
  return v;
}

/** `dir(object())` in CPython 3.11. */
const OBJECT_ATTRIBUTES = [
  '__class__',
  '__delattr__',
  '__dir__',
  '__doc__',
  '__eq__',
  '__format__',
  '__ge__',
  '__getattribute__',
  '__getstate__',
  '__gt__',
  '__hash__',
  '__init__',
  '__init_subclass__',
  '__le__',
  '__lt__',
  '__ne__',
  '__new__',
  '__reduce__',
  '__reduce_ex__',
  '__repr__',
  '__setattr__',
  '__sizeof__',
  '__str__',
  '__subclasshook__',
];

/** What a class statement adds to dir() of its class. */
const CLASS_ATTRIBUTES = ['__dict__', '__module__', '__weakref__'];

/** Decorators that return the function they decorate (as far as its value is concerned). */
const IDENTITY_DECORATORS = new Set([
  'functools.lru_cache',
  'functools.cache',
  'functools.wraps',
  'functools.total_ordering',
  'typing.final',
  'typing.overload',
  'typing_extensions.final',
]);

/** `class X(Enum)` (or IntEnum, StrEnum, Flag, through repository classes too). */
function isEnumClass(cls: ObjectData & { tag: 'class' }, depth = 0): boolean {
  if (depth > 20) return false;
  return cls.bases.some((b) => {
    const d = dataOf(b);
    if (d?.tag === 'class') return isEnumClass(d, depth + 1);
    return d?.tag === 'external' && /^enum\.(Enum|IntEnum|StrEnum|Flag|IntFlag)$/.test(d.path);
  });
}

/** Whether every base is a class of the repository or `object` (so attributes are all known). */
export function hasOnlyModelledBases(cls: ObjectData & { tag: 'class' }, depth = 0): boolean {
  if (depth > 20) return false;
  return cls.bases.every((b) => {
    const d = dataOf(b);
    if (d?.tag === 'class') return hasOnlyModelledBases(d, depth + 1);
    return d?.tag === 'external' && d.path === 'builtins.object';
  });
}

export const noArgs = (frame?: Frame): Args => ({
  pos: [],
  kw: new Map(),
  posNodes: [],
  kwNodes: new Map(),
  source: frame?.module.parsed.source ?? '',
});

export function findClassAttr(
  cls: ObjectData & { tag: 'class' },
  name: string,
  depth = 0,
): PyValue | undefined {
  if (cls.attrs.has(name)) return cls.attrs.get(name);
  if (depth > 20) return undefined;
  for (const base of cls.bases) {
    const bd = dataOf(base);
    if (bd?.tag === 'class') {
      const v = findClassAttr(bd, name, depth + 1);
      if (v) return v;
    }
  }
  return undefined;
}

export const BUILTIN_NAMES = new Set([
  'int',
  'bool',
  'str',
  'float',
  'len',
  'list',
  'tuple',
  'set',
  'frozenset',
  'dict',
  'sorted',
  'min',
  'max',
  'any',
  'all',
  'isinstance',
  'range',
  'repr',
  'print',
  'abs',
  'sum',
  'enumerate',
  'zip',
  'reversed',
  'bytes',
  'type',
  'open',
  'locals',
  'globals',
  'exec',
  'eval',
  'setattr',
  'getattr',
  'hasattr',
  'callable',
  'format',
  'map',
  'filter',
  'round',
  'hash',
  'id',
  'iter',
  'next',
  'vars',
  'object',
  'super',
  'property',
  'staticmethod',
  'classmethod',
  '__import__',
  'Exception',
  'BaseException',
  'ValueError',
  'KeyError',
  'ImportError',
  'ModuleNotFoundError',
  'TypeError',
  'AttributeError',
  'IndexError',
  'LookupError',
  'RuntimeError',
  'OSError',
  'FileNotFoundError',
  'NameError',
  'AssertionError',
  'NotImplementedError',
  'ZeroDivisionError',
  'ord',
  'chr',
  'divmod',
  'dir',
  'pow',
  'slice',
]);
