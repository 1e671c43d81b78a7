/** Python builtins: int(), len(), sorted(), isinstance(), getattr()/setattr(), dir(), super(), ... */
import type { SyntaxNode } from '@lezer/common';
import type { PyValue } from '../../value';
import { NONE, unknown } from '../../value';
import type { Args, Host } from '../host';
import type { LibraryModel } from './model';
import { fspath, repoRelative } from './files';
import type { Frame } from '../model';
import {
  bool,
  dataOf,
  dedupe,
  dictSet,
  externalPath,
  formatValue,
  iterate,
  floatValue,
  intValue,
  strValue,
  opaque,
  pyRepr,
  reprOf,
  strLen,
  truthy,
  typeName,
} from '../ops';
import { encodeUtf8 } from '../strings';
import { noArgs, argAt } from './args';
import {
  TYPE_OF_KIND,
  toIntValue,
  toFloatValue,
  toStrValue,
  seqOf,
  sortValues,
  isSubclass,
  mapKnown,
  decodeUtf8,
} from './convert';

function callBuiltin(
  it: Host,
  name: string,
  args: Args,
  node: SyntaxNode | undefined,
  frame: Frame,
): PyValue {
  const a0 = argAt(args, 0);
  const all = [...args.pos, ...args.kw.values()];
  const derive = (v: PyValue) => it.derive(v, ...all);
  switch (name) {
    case 'int':
      return derive(a0 ? toIntValue(it, a0, argAt(args, 1, 'base')) : intValue(0));
    case 'float':
      return derive(a0 ? toFloatValue(it, a0) : floatValue(0));
    case 'str':
      if (a0?.kind === 'bytes' && args.pos.length > 1)
        return derive(strValue(decodeUtf8(a0.value)));
      return derive(a0 ? toStrValue(it, a0) : strValue(''));
    case 'bool': {
      if (!a0) return bool(false);
      const t = truthy(a0);
      return derive(t === undefined ? a0 : bool(t));
    }
    case 'repr':
      return derive(a0 ? mapKnown(pyRepr(a0), strValue, a0) : unknown('repr() needs an argument'));
    case 'len': {
      if (!a0) return it.raiseOrUnknown('TypeError', 'len() takes exactly one argument');
      if (a0.kind === 'str') return derive(intValue(strLen(a0.value)));
      if (a0.kind === 'bytes') return derive(intValue(a0.value.length));
      if (a0.kind === 'dict') return derive(intValue(a0.entries.length));
      if ('items' in a0) return derive(intValue(a0.items.length));
      return derive(a0.kind === 'unknown' ? a0 : unknown(`len(${typeName(a0)}) not modelled`));
    }
    case 'list':
    case 'tuple':
    case 'set':
    case 'frozenset':
    case 'sorted':
    case 'reversed': {
      const items = seqOf(it, a0, name);
      if (!Array.isArray(items)) return derive(items);
      if (name === 'sorted') {
        const rev = args.kw.get('reverse');
        const sorted = sortValues(
          it,
          items,
          args.kw.get('key'),
          rev !== undefined && truthy(rev) === true,
          frame,
        );
        return derive(Array.isArray(sorted) ? { kind: 'list', items: sorted } : sorted);
      }
      if (name === 'reversed') return derive({ kind: 'tuple', items: [...items].reverse() });
      const kind = name === 'frozenset' ? 'set' : name;
      return derive({
        kind,
        items: kind === 'set' ? dedupe(items) : [...items],
      });
    }
    case 'dict': {
      const out: PyValue & { kind: 'dict' } = { kind: 'dict', entries: [] };
      if (a0) {
        if (a0.kind === 'dict')
          out.entries.push(...a0.entries.map(([k, v]) => [k, v] as [PyValue, PyValue]));
        else {
          const items = seqOf(it, a0, 'dict');
          if (!Array.isArray(items)) return derive(items);
          for (const pair of items) {
            const kv = iterate(pair);
            if (!kv || kv.length !== 2) return unknown('dict() of non-pairs');
            dictSet(out, kv[0]!, kv[1]!);
          }
        }
      }
      for (const [k, v] of args.kw) dictSet(out, strValue(k), v);
      return derive(out);
    }
    case 'min':
    case 'max': {
      const items = args.pos.length > 1 ? args.pos : seqOf(it, a0, name);
      if (!Array.isArray(items)) return derive(items);
      if (items.length === 0)
        return (
          args.kw.get('default') ??
          it.raiseOrUnknown('ValueError', `${name}() arg is an empty sequence`)
        );
      const sorted = sortValues(it, items, args.kw.get('key'), false, frame);
      if (!Array.isArray(sorted)) return derive(sorted);
      return derive(name === 'min' ? sorted[0]! : sorted[sorted.length - 1]!);
    }
    case 'sum': {
      const items = seqOf(it, a0, 'sum');
      if (!Array.isArray(items)) return derive(items);
      let acc: PyValue = argAt(args, 1, 'start') ?? intValue(0);
      for (const item of items) acc = it.binary('+', acc, item);
      return derive(acc);
    }
    case 'any':
    case 'all': {
      const items = seqOf(it, a0, name);
      if (!Array.isArray(items)) return derive(items);
      let undecided = false;
      for (const item of items) {
        const t = truthy(item);
        if (t === undefined) undecided = true;
        else if (name === 'any' ? t : !t) return derive(bool(name === 'any'));
      }
      return derive(
        undecided ? unknown(`${name}() depends on an unknown item`) : bool(name === 'all'),
      );
    }
    case 'abs': {
      if (a0?.kind === 'int') return derive(intValue(a0.value < 0n ? -a0.value : a0.value));
      if (a0?.kind === 'float') return derive(floatValue(Math.abs(a0.value)));
      return derive(unknown('abs() not modelled'));
    }
    case 'round': {
      const nd = argAt(args, 1, 'ndigits');
      if (a0?.kind === 'int' && (!nd || nd.kind === 'none')) return a0;
      if (a0?.kind === 'float' && Number.isFinite(a0.value)) {
        // Round half to even on the exact binary value, as CPython does (round(0.5) == 0).
        if (!nd || nd.kind === 'none') {
          const text = formatValue(a0, '.0f');
          return text === undefined ? derive(unknown('round()')) : derive(intValue(BigInt(text)));
        }
        if (nd.kind === 'int' && nd.value >= 0n && nd.value <= 20n) {
          const text = formatValue(a0, `.${nd.value}f`);
          return text === undefined ? derive(unknown('round()')) : derive(floatValue(Number(text)));
        }
      }
      return derive(unknown('round() not modelled'));
    }
    case 'divmod': {
      const b = argAt(args, 1);
      if (!a0 || !b) return derive(unknown('divmod() arguments missing'));
      return derive({
        kind: 'tuple',
        items: [it.binary('//', a0, b), it.binary('%', a0, b)],
      });
    }
    case 'pow': {
      const b = argAt(args, 1);
      if (!a0 || !b || args.pos.length > 2) return derive(unknown('pow() not modelled'));
      return it.binary('**', a0, b);
    }
    case 'super': {
      if (args.pos.length) return unknown('super() with arguments not modelled');
      for (let s = frame.scope; s; s = s.parent)
        if (s.method)
          return opaque('super', { tag: 'super', cls: s.method.cls, self: s.method.self });
      return it.raiseOrUnknown('RuntimeError', 'super(): no arguments');
    }
    case 'isinstance': {
      const v = a0;
      const t = argAt(args, 1);
      if (!v || !t) return unknown('isinstance() arguments missing');
      if (v.kind === 'unknown') return v;
      const types = t.kind === 'tuple' ? t.items : [t];
      let undecided = false;
      const vd = dataOf(v);
      for (const ty of types) {
        const p = externalPath(ty);
        const td = dataOf(ty);
        // Objects of the repository's own classes: a class check walks the bases; a builtin
        // type other than object never matches a class with only modelled bases.
        if (vd?.tag === 'instance' || vd?.tag === 'function' || vd?.tag === 'bound') {
          const cls = vd.tag === 'instance' ? vd.cls : undefined;
          if (td?.tag === 'class' && cls) {
            if (isSubclass(cls, td)) return bool(true);
            if (!it.hasOnlyModelledBases(cls)) undecided = true;
          } else if (p === 'builtins.object') return bool(true);
          else if (p?.startsWith('builtins.') && (!cls || it.hasOnlyModelledBases(cls))) continue;
          else undecided = true;
          continue;
        }
        if (!p?.startsWith('builtins.')) {
          undecided = true;
          continue;
        }
        const tn = p.slice('builtins.'.length);
        const k = TYPE_OF_KIND[v.kind];
        if (k === undefined) {
          undecided = true;
          continue;
        }
        if (
          k === tn ||
          (tn === 'int' && v.kind === 'bool') ||
          tn === 'object' ||
          (tn === 'frozenset' && v.kind === 'set')
        )
          return bool(true);
      }
      return undecided ? unknown('isinstance() with a type that is not modelled') : bool(false);
    }
    case 'range': {
      const nums = args.pos.map((a) =>
        a.kind === 'int' ? a.value : a.kind === 'bool' ? (a.value ? 1n : 0n) : undefined,
      );
      if (nums.some((n) => n === undefined) || nums.length === 0)
        return derive(unknown('range() of unknown bounds'));
      const [start, stop, step] =
        nums.length === 1 ? [0n, nums[0]!, 1n] : [nums[0]!, nums[1]!, nums[2] ?? 1n];
      if (step === 0n) return it.raiseOrUnknown('ValueError', 'range() arg 3 must not be zero');
      const count =
        step > 0n ? (stop - start + step - 1n) / step : (start - stop - step - 1n) / -step;
      if (count > BigInt(it.limits.maxCollectionSize))
        return unknown(`range larger than maxCollectionSize (${it.limits.maxCollectionSize})`);
      const items: PyValue[] = [];
      for (let i = start; step > 0n ? i < stop : i > stop; i += step) items.push(intValue(i));
      return { kind: 'list', items };
    }
    case 'enumerate': {
      const items = seqOf(it, a0, 'enumerate');
      if (!Array.isArray(items)) return items;
      const s = argAt(args, 1, 'start');
      const start = s?.kind === 'int' ? s.value : 0n;
      return {
        kind: 'list',
        items: items.map((v, i) => ({ kind: 'tuple', items: [intValue(start + BigInt(i)), v] })),
      };
    }
    case 'zip': {
      const seqs = args.pos.map((a) => seqOf(it, a, 'zip'));
      const bad = seqs.find((s) => !Array.isArray(s));
      if (bad) return bad as PyValue;
      const arrays = seqs as PyValue[][];
      const n = arrays.length ? Math.min(...arrays.map((a) => a.length)) : 0;
      return {
        kind: 'list',
        items: Array.from({ length: n }, (_, i) => ({
          kind: 'tuple',
          items: arrays.map((a) => a[i]!),
        })),
      };
    }
    case 'map':
    case 'filter': {
      const fn = a0;
      const items = seqOf(it, argAt(args, 1), name);
      if (!fn || !Array.isArray(items))
        return Array.isArray(items) ? unknown(`${name}() arguments`) : items;
      const out: PyValue[] = [];
      for (const item of items) {
        const r =
          fn.kind === 'none'
            ? item
            : it.callValue(fn, { ...noArgs(), pos: [item] }, undefined, frame);
        if (name === 'map') out.push(r);
        else {
          const t = truthy(r);
          if (t === undefined) return unknown('filter() predicate depends on an unknown value');
          if (t) out.push(item);
        }
      }
      return { kind: 'list', items: out };
    }
    case 'print':
      return NONE;
    case 'format':
      return derive(
        a0
          ? (() => {
              const spec = argAt(args, 1);
              const s = formatValue(a0, spec?.kind === 'str' ? spec.value : '');
              return s === undefined ? unknown('format() not modelled') : strValue(s);
            })()
          : unknown('format()'),
      );
    case 'type':
      return a0 && a0.kind !== 'unknown'
        ? opaque('type', {
            tag: 'external',
            path: `builtins.${TYPE_OF_KIND[a0.kind] ?? typeName(a0)}`,
          })
        : unknown('type()');
    case 'callable':
      return a0?.kind === 'opaque' ? bool(true) : a0?.kind === 'unknown' ? a0 : bool(false);
    case 'hasattr':
    case 'getattr': {
      const attr = argAt(args, 1);
      if (!a0 || attr?.kind !== 'str') return unknown(`${name}() not modelled`);
      const found = it.findAttribute(a0, attr.value);
      if (found === undefined) {
        if (name === 'hasattr') return bool(false);
        return (
          argAt(args, 2) ??
          it.raiseOrUnknown(
            'AttributeError',
            `'${typeName(a0)}' object has no attribute ${reprOf(attr)}`,
          )
        );
      }
      if (found.kind === 'unknown' && found.reason.startsWith('attribute '))
        return unknown(`${name}(${typeName(a0)}, ${reprOf(attr)}) not modelled`);
      return name === 'hasattr' ? bool(true) : found;
    }
    case 'dir': {
      const names = a0 ? it.attributeNames(a0) : undefined;
      return names ? { kind: 'list', items: names.map(strValue) } : unknown('dir() not modelled');
    }
    case 'ord':
      return a0?.kind === 'str' && strLen(a0.value) === 1
        ? intValue(a0.value.codePointAt(0)!)
        : unknown('ord()');
    case 'chr':
      return a0?.kind === 'int' && a0.value >= 0n && a0.value <= 0x10ffffn
        ? strValue(String.fromCodePoint(Number(a0.value)))
        : unknown('chr()');
    case 'bytes':
      if (a0?.kind === 'str') return derive({ kind: 'bytes', value: encodeUtf8(a0.value) });
      return derive(a0 ? unknown('bytes() not modelled') : { kind: 'bytes', value: '' });
    case 'open': {
      // A file read when the settings are imported: labelled as such, never "third-party".
      const p = a0 ? fspath(a0) : undefined;
      const rel = p !== undefined ? repoRelative(p) : undefined;
      if (p === undefined) return derive(unknown('open() of a file whose path is not known'));
      if (rel !== undefined && it.options.files.exists(rel) && !it.options.files.isDirectory(rel))
        return unknown(`contents of ${rel} (a file read at runtime)`);
      return unknown(`contents of ${p} (a file read at runtime; not in the repository)`);
    }
    case 'locals':
    case 'globals':
    case 'vars':
      return opaque('namespace', {
        tag: 'namespace',
        which: name === 'locals' ? 'locals' : 'globals',
      });
    case 'setattr': {
      const attr = argAt(args, 1);
      const value = argAt(args, 2);
      if (a0 && attr?.kind === 'str' && value && it.setAttribute(a0, attr.value, value))
        return NONE;
      const what = node
        ? args.source.slice(node.from, node.to).replace(/\s+/g, ' ').slice(0, 60)
        : 'setattr(...)';
      it.markIncomplete(`${what} not modelled`);
      return unknown('setattr() not modelled');
    }
    case '__import__': {
      // __import__(name, globals, locals, fromlist, level): the top package, or the module
      // itself with a non-empty fromlist (importlib's rules for level 0).
      const target = argAt(args, 0, 'name');
      const fromlist = argAt(args, 3, 'fromlist');
      const level = argAt(args, 4, 'level');
      if (
        target?.kind === 'str' &&
        /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(target.value) &&
        (level === undefined || (level.kind === 'int' && level.value === 0n))
      ) {
        const module = it.importModule(target.value, frame);
        if ((fromlist !== undefined && truthy(fromlist) === true) || !target.value.includes('.'))
          return module;
        return it.importModule(target.value.split('.')[0]!, frame);
      }
      return dynamicCall(it, name, args, node);
    }
    case 'exec':
    case 'eval':
      return dynamicCall(it, name, args, node);
  }
  if (/^[A-Z]\w*(Error|Exception)$/.test(name) || name === 'Exception' || name === 'BaseException')
    return opaque(name, { tag: 'external', path: `builtins.${name}` });
  return unknown(`builtin ${name}() not modelled`);
}

/** Python builtins (`builtins.len`, `builtins.int`, ...). */
export const builtinsModel: LibraryModel = {
  name: 'builtins',
  modules: ['builtins'],
  call(it, path, args, node, frame) {
    return path.startsWith('builtins.')
      ? callBuiltin(it, path.slice('builtins.'.length), args, node, frame)
      : undefined;
  },
};

/** `exec`/`eval`/`__import__` of something not known: may bind any name (the settings are incomplete). */
function dynamicCall(it: Host, name: string, args: Args, node: SyntaxNode | undefined): PyValue {
  const what = node
    ? args.source.slice(node.from, node.to).replace(/\s+/g, ' ').slice(0, 60)
    : `${name}(...)`;
  it.warnOnce(
    `dyn:${it.file}:${it.line}`,
    `settings after line ${it.line} may be changed by ${what}; not modelled`,
  );
  it.markIncomplete(`${what} not modelled`);
  return unknown(`${name}() not modelled`);
}
