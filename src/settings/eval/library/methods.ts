/** Methods of str, bytes, list, tuple, dict and set values. */
import type { PyValue } from '../../value';
import { NONE, unknown } from '../../value';
import { pyEquals } from '../../value-ops';
import type { Args, Host } from '../host';
import type { Frame } from '../model';
import {
  bool,
  codePoints,
  dictSet,
  formatValue,
  iterate,
  intValue,
  strValue,
  pyRepr,
  pyStr,
  reprOf,
  strLen,
  truthy,
  typeName,
} from '../ops';
import { encodeUtf8 } from '../strings';
import { argAt } from './args';
import { decodeUtf8, seqOf, sortValues, PY_WHITESPACE, stripChars } from './convert';

export function pySplit(s: string, sep: string | undefined, maxsplit: number): string[] {
  if (sep === undefined) {
    const out: string[] = [];
    let rest = stripChars(s, undefined, true, false);
    while (rest.length > 0) {
      if (maxsplit >= 0 && out.length >= maxsplit) {
        out.push(stripChars(rest, undefined, false, true) === '' ? rest : rest);
        return out.map((x, i) =>
          i === out.length - 1 ? stripChars(x, undefined, false, true) : x,
        );
      }
      let i = 0;
      while (i < rest.length && !PY_WHITESPACE.includes(rest[i]!)) i++;
      out.push(rest.slice(0, i));
      rest = stripChars(rest.slice(i), undefined, true, false);
    }
    return out;
  }
  const parts = s.split(sep);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

export function strArg(args: Args, index: number, name?: string): string | undefined | null {
  const v = argAt(args, index, name);
  if (v === undefined || v.kind === 'none') return undefined;
  return v.kind === 'str' ? v.value : null;
}

export function strMethod(it: Host, s: string, name: string, args: Args): PyValue {
  const a0 = argAt(args, 0);
  if (args.pos.some((a) => a.kind === 'unknown'))
    return args.pos.find((a) => a.kind === 'unknown')!;
  const chars = strArg(args, 0, 'chars');
  const bounded = (r: string): PyValue =>
    r.length > it.limits.maxStringLength
      ? unknown(`string longer than maxStringLength (${it.limits.maxStringLength})`)
      : strValue(r);
  switch (name) {
    case 'lower':
    case 'casefold':
      return strValue(s.toLowerCase());
    case 'upper':
      return strValue(s.toUpperCase());
    case 'title':
      return strValue(
        s
          .toLowerCase()
          .replace(/(^|[^\p{L}])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()),
      );
    case 'capitalize':
      return strValue(s.charAt(0).toUpperCase() + s.slice(1).toLowerCase());
    case 'swapcase':
      return strValue(
        Array.from(s, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
      );
    case 'strip':
    case 'lstrip':
    case 'rstrip':
      if (chars === null) return unknown(`str.${name}() argument not a str`);
      return strValue(stripChars(s, chars, name !== 'rstrip', name !== 'lstrip'));
    case 'split':
    case 'rsplit': {
      const sep = strArg(args, 0, 'sep');
      const ms = argAt(args, 1, 'maxsplit');
      if (sep === null || sep === '') return it.raiseOrUnknown('ValueError', 'empty separator');
      const max = ms?.kind === 'int' ? Number(ms.value) : -1;
      let parts: string[];
      if (name === 'rsplit' && max >= 0) {
        const rev = pySplit(
          Array.from(s).reverse().join(''),
          sep === undefined ? undefined : Array.from(sep).reverse().join(''),
          max,
        );
        parts = rev.map((p) => Array.from(p).reverse().join('')).reverse();
      } else parts = pySplit(s, sep, max);
      if (parts.length > it.limits.maxCollectionSize)
        return unknown(
          `split result larger than maxCollectionSize (${it.limits.maxCollectionSize})`,
        );
      return { kind: 'list', items: parts.map(strValue) };
    }
    case 'splitlines': {
      const keep = argAt(args, 0, 'keepends');
      // Python's line boundaries include \v \f \x1c-\x1e \x85 \u2028 \u2029.
      // eslint-disable-next-line no-control-regex
      const lines = s.split(/(?<=\r\n|\r(?!\n)|\n|\x0b|\x0c|\x1c|\x1d|\x1e|\x85|\u2028|\u2029)/);
      const items = lines
        .filter((l) => l !== '')
        .map((l) =>
          keep && truthy(keep)
            ? l
            : // eslint-disable-next-line no-control-regex
              l.replace(/(\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])$/, ''),
        );
      return { kind: 'list', items: items.map(strValue) };
    }
    case 'replace': {
      const old = strArg(args, 0);
      const rep = strArg(args, 1);
      const count = argAt(args, 2, 'count');
      if (typeof old !== 'string' || typeof rep !== 'string')
        return unknown('str.replace() arguments not str');
      let n = count?.kind === 'int' ? Number(count.value) : -1;
      if (n < 0) {
        if (old === '') return bounded(rep + codePoints(s).join(rep) + (s === '' ? '' : rep));
        return bounded(s.split(old).join(rep));
      }
      let out = '';
      let rest = s;
      while (n-- > 0 && old !== '' && rest.includes(old)) {
        const i = rest.indexOf(old);
        out += rest.slice(0, i) + rep;
        rest = rest.slice(i + old.length);
      }
      return bounded(out + rest);
    }
    case 'startswith':
    case 'endswith': {
      const prefixes = a0?.kind === 'tuple' ? a0.items : a0 ? [a0] : [];
      if (prefixes.some((p) => p.kind !== 'str'))
        return unknown(`str.${name}() argument not a str`);
      return bool(
        prefixes.some((p) =>
          name === 'startswith'
            ? s.startsWith((p as { value: string }).value)
            : s.endsWith((p as { value: string }).value),
        ),
      );
    }
    case 'join': {
      const items = a0 ? iterate(a0) : undefined;
      if (!items) return a0?.kind === 'unknown' ? a0 : unknown('str.join() of a non-iterable');
      if (items.some((i) => i.kind !== 'str')) {
        const u = items.find((i) => i.kind === 'unknown');
        return u ?? it.raiseOrUnknown('TypeError', 'sequence item: expected str instance');
      }
      const joined = bounded(items.map((i) => (i as { value: string }).value).join(s));
      // A join of randomly drawn characters is a generated key (random.py).
      const generator = items.map((i) => it.generated.get(i)).find((g) => g !== undefined);
      if (generator !== undefined && joined.kind === 'str') it.generated.set(joined, generator);
      return joined;
    }
    case 'format':
    case 'format_map':
      return strFormat(s, name === 'format_map' ? { ...args, pos: [], kw: dictToKw(a0) } : args);
    case 'encode':
      return { kind: 'bytes', value: encodeUtf8(s) };
    case 'partition':
    case 'rpartition': {
      if (typeof chars !== 'string' || chars === '') return unknown(`str.${name}() separator`);
      const i = name === 'partition' ? s.indexOf(chars) : s.lastIndexOf(chars);
      const parts =
        i < 0
          ? name === 'partition'
            ? [s, '', '']
            : ['', '', s]
          : [s.slice(0, i), chars, s.slice(i + chars.length)];
      return { kind: 'tuple', items: parts.map(strValue) };
    }
    case 'removeprefix':
      return typeof chars === 'string'
        ? strValue(chars && s.startsWith(chars) ? s.slice(chars.length) : s)
        : unknown('removeprefix');
    case 'removesuffix':
      return typeof chars === 'string'
        ? strValue(chars && s.endsWith(chars) ? s.slice(0, -chars.length) : s)
        : unknown('removesuffix');
    case 'isdigit':
    case 'isdecimal':
    case 'isnumeric':
      return bool(s.length > 0 && /^\p{Nd}+$/u.test(s));
    case 'isalpha':
      return bool(s.length > 0 && /^\p{L}+$/u.test(s));
    case 'isalnum':
      return bool(s.length > 0 && /^[\p{L}\p{Nd}]+$/u.test(s));
    case 'isspace':
      return bool(s.length > 0 && Array.from(s).every((c) => PY_WHITESPACE.includes(c)));
    case 'isupper':
      return bool(s !== s.toLowerCase() && s === s.toUpperCase());
    case 'islower':
      return bool(s !== s.toUpperCase() && s === s.toLowerCase());
    case 'find':
    case 'rfind':
    case 'index':
    case 'rindex':
    case 'count': {
      if (typeof chars !== 'string') return unknown(`str.${name}() argument`);
      if (name === 'count')
        return intValue(chars === '' ? strLen(s) + 1 : s.split(chars).length - 1);
      const i = name.startsWith('r') ? s.lastIndexOf(chars) : s.indexOf(chars);
      if (i < 0 && name.endsWith('index'))
        return it.raiseOrUnknown('ValueError', 'substring not found');
      return intValue(i < 0 ? -1 : strLen(s.slice(0, i)));
    }
    case 'zfill': {
      const w = a0?.kind === 'int' ? Math.min(Number(a0.value), it.limits.maxStringLength) : 0;
      const sign = /^[+-]/.test(s) ? s[0]! : '';
      const body = sign ? s.slice(1) : s;
      return strValue(sign + body.padStart(Math.max(0, w - sign.length), '0'));
    }
    case 'center':
    case 'ljust':
    case 'rjust': {
      const w = a0?.kind === 'int' ? Math.min(Number(a0.value), it.limits.maxStringLength) : 0;
      const fill = strArg(args, 1) ?? ' ';
      if (typeof fill !== 'string') return unknown('fill');
      const pad = Math.max(0, w - strLen(s));
      if (name === 'ljust') return strValue(s + fill.repeat(pad));
      if (name === 'rjust') return strValue(fill.repeat(pad) + s);
      const left = Math.floor(pad / 2) + (pad % 2 && w % 2 ? 1 : 0);
      return strValue(fill.repeat(left) + s + fill.repeat(pad - left));
    }
    case 'expandtabs':
      return strValue(s.replace(/\t/g, '        '));
  }
  return it.raiseOrUnknown('AttributeError', `'str' object has no attribute '${name}'`);
}

export function dictToKw(v: PyValue | undefined): Map<string, PyValue> {
  const out = new Map<string, PyValue>();
  if (v?.kind === 'dict')
    for (const [k, val] of v.entries) if (k.kind === 'str') out.set(k.value, val);
  return out;
}

/** `'...'.format(*args, **kw)`: {} {0} {name} with !r/!s and a format spec. */
export function strFormat(fmt: string, args: Args): PyValue {
  let auto = 0;
  let failed: string | undefined;
  const out = fmt.replace(
    /\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g,
    (m, field: string | undefined, conv: string | undefined, spec: string | undefined) => {
      if (m === '{{') return '{';
      if (m === '}}') return '}';
      const f = field ?? '';
      let value: PyValue | undefined;
      if (f === '') value = args.pos[auto++];
      else if (/^\d+$/.test(f)) value = args.pos[Number(f)];
      else if (/^\w+$/.test(f)) value = args.kw.get(f);
      else {
        failed = `format field {${f}} not modelled`;
        return '';
      }
      if (!value) {
        failed = `format field {${f}} missing`;
        return '';
      }
      if (value.kind === 'unknown') {
        failed = value.reason;
        return '';
      }
      const converted = conv === 'r' ? pyRepr(value) : conv ? pyStr(value) : undefined;
      if (conv && converted === undefined) {
        failed = `format field {${f}} depends on an unknown value`;
        return '';
      }
      const base = converted !== undefined ? strValue(converted) : value;
      const text = formatValue(base, spec ?? '');
      if (text === undefined) failed = `format spec ${spec ?? ''} not modelled`;
      return text ?? '';
    },
  );
  return failed !== undefined ? unknown(failed) : strValue(out);
}

export function listMethod(
  it: Host,
  self: PyValue & { kind: 'list' | 'tuple' },
  name: string,
  args: Args,
  frame: Frame,
): PyValue {
  const a0 = argAt(args, 0);
  const items = self.items;
  const isList = self.kind === 'list';
  const tooBig = () =>
    unknown(`list larger than maxCollectionSize (${it.limits.maxCollectionSize})`);
  switch (name) {
    case 'index':
    case 'count': {
      if (!a0) return unknown(`${name}()`);
      let undecided = false;
      let count = 0;
      for (let i = 0; i < items.length; i++) {
        const eq = pyEquals(items[i]!, a0);
        if (eq === undefined) undecided = true;
        if (eq === true) {
          if (name === 'index' && !undecided) return intValue(i);
          count++;
        }
      }
      if (undecided) return unknown(`${name}() depends on an unknown item`);
      if (name === 'count') return intValue(count);
      return it.raiseOrUnknown('ValueError', `${reprOf(a0)} is not in list`);
    }
    case 'copy':
      return { kind: self.kind, items: [...items] };
  }
  if (!isList)
    return it.raiseOrUnknown('AttributeError', `'tuple' object has no attribute '${name}'`);
  switch (name) {
    case 'append':
      if (items.length >= it.limits.maxCollectionSize) return tooBig();
      items.push(a0 ?? NONE);
      return NONE;
    case 'extend': {
      const more = a0 ? seqOf(it, a0, 'extend') : [];
      if (!Array.isArray(more)) return more; // the caller marks the list Unknown
      if (items.length + more.length > it.limits.maxCollectionSize) return tooBig();
      items.push(...more);
      return NONE;
    }
    case 'insert': {
      const idx = a0;
      const v = argAt(args, 1) ?? NONE;
      if (idx?.kind !== 'int') return unknown('list.insert() index unknown');
      let i = Number(idx.value);
      if (i < 0) i = Math.max(0, items.length + i);
      items.splice(Math.min(i, items.length), 0, v);
      return NONE;
    }
    case 'remove': {
      if (!a0) return unknown('remove()');
      const i = items.findIndex((x) => pyEquals(x, a0) === true);
      if (i < 0)
        return it.raiseOrUnknown('ValueError', `list.remove(${reprOf(a0)}): x not in list`);
      items.splice(i, 1);
      return NONE;
    }
    case 'pop': {
      if (items.length === 0) return it.raiseOrUnknown('IndexError', 'pop from empty list');
      const idx = a0?.kind === 'int' ? Number(a0.value) : -1;
      const i = idx < 0 ? items.length + idx : idx;
      if (i < 0 || i >= items.length)
        return it.raiseOrUnknown('IndexError', 'pop index out of range');
      return items.splice(i, 1)[0]!;
    }
    case 'clear':
      items.length = 0;
      return NONE;
    case 'reverse':
      items.reverse();
      return NONE;
    case 'sort': {
      const rev = args.kw.get('reverse');
      const sorted = sortValues(
        it,
        items,
        args.kw.get('key'),
        rev !== undefined && truthy(rev) === true,
        frame,
      );
      if (Array.isArray(sorted)) items.splice(0, items.length, ...sorted);
      return NONE;
    }
  }
  return it.raiseOrUnknown('AttributeError', `'list' object has no attribute '${name}'`);
}

export function dictMethod(
  it: Host,
  self: PyValue & { kind: 'dict' },
  name: string,
  args: Args,
): PyValue {
  const a0 = argAt(args, 0);
  const find = (k: PyValue) => self.entries.findIndex(([key]) => pyEquals(key, k) === true);
  switch (name) {
    case 'get': {
      if (!a0) return unknown('dict.get()');
      if (a0.kind === 'unknown') return a0;
      const i = find(a0);
      return i >= 0 ? self.entries[i]![1] : (argAt(args, 1, 'default') ?? NONE);
    }
    case 'keys':
      return { kind: 'list', items: self.entries.map(([k]) => k) };
    case 'values':
      return { kind: 'list', items: self.entries.map(([, v]) => v) };
    case 'items':
      return {
        kind: 'list',
        items: self.entries.map(([k, v]) => ({ kind: 'tuple', items: [k, v] })),
      };
    case 'copy':
      return { kind: 'dict', entries: self.entries.map(([k, v]) => [k, v]) };
    case 'clear':
      self.entries.length = 0;
      return NONE;
    case 'update': {
      if (a0?.kind === 'dict') for (const [k, v] of a0.entries) dictSet(self, k, v);
      else if (a0) {
        const pairs = iterate(a0);
        if (!pairs) return unknown('dict.update() argument not modelled');
        for (const p of pairs) {
          const kv = iterate(p);
          if (kv?.length === 2) dictSet(self, kv[0]!, kv[1]!);
        }
      }
      for (const [k, v] of args.kw) dictSet(self, strValue(k), v);
      return NONE;
    }
    case 'setdefault': {
      if (!a0 || a0.kind === 'unknown') return unknown('dict.setdefault() key unknown');
      const i = find(a0);
      if (i >= 0) return self.entries[i]![1];
      const v = argAt(args, 1) ?? NONE;
      self.entries.push([a0, v]);
      return v;
    }
    case 'pop': {
      if (!a0 || a0.kind === 'unknown') return unknown('dict.pop() key unknown');
      const i = find(a0);
      if (i >= 0) return self.entries.splice(i, 1)[0]![1];
      return argAt(args, 1) ?? it.raiseOrUnknown('KeyError', reprOf(a0));
    }
  }
  return it.raiseOrUnknown('AttributeError', `'dict' object has no attribute '${name}'`);
}

export function setMethod(
  it: Host,
  self: PyValue & { kind: 'set' },
  name: string,
  args: Args,
): PyValue {
  const a0 = argAt(args, 0);
  switch (name) {
    case 'add':
      if (a0 && !self.items.some((x) => pyEquals(x, a0) === true)) self.items.push(a0);
      return NONE;
    case 'update':
    case 'union': {
      const target = name === 'union' ? { kind: 'set' as const, items: [...self.items] } : self;
      for (const a of args.pos)
        for (const x of iterate(a) ?? [])
          if (!target.items.some((y) => pyEquals(x, y) === true)) target.items.push(x);
      return name === 'union' ? target : NONE;
    }
    case 'discard':
    case 'remove': {
      const i = a0 ? self.items.findIndex((x) => pyEquals(x, a0) === true) : -1;
      if (i >= 0) self.items.splice(i, 1);
      else if (name === 'remove') return it.raiseOrUnknown('KeyError', a0 ? reprOf(a0) : '');
      return NONE;
    }
    case 'copy':
      return { kind: 'set', items: [...self.items] };
  }
  return unknown(`set.${name}() not modelled`);
}

/** A method of a str, bytes, list, tuple, dict or set value; undefined for other values. */
export function callValueMethod(
  it: Host,
  self: PyValue,
  name: string,
  args: Args,
  frame: Frame,
): PyValue | undefined {
  const all = [self, ...args.pos, ...args.kw.values()];
  const derive = (v: PyValue) => it.derive(v, ...all);
  switch (self.kind) {
    case 'str':
      return derive(strMethod(it, self.value, name, args));
    case 'bytes':
      if (name === 'decode') return derive(strValue(decodeUtf8(self.value)));
      if (name === 'hex')
        return strValue(
          Array.from(self.value, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(''),
        );
      return unknown(`bytes.${name}() not modelled`);
    case 'list':
    case 'tuple':
      return listMethod(it, self, name, args, frame);
    case 'dict':
      return dictMethod(it, self, name, args);
    case 'set':
      return setMethod(it, self, name, args);
    case 'opaque':
    case 'unknown':
      return undefined;
    default:
      return it.raiseOrUnknown(
        'AttributeError',
        `'${typeName(self)}' object has no attribute '${name}'`,
      );
  }
}
