/** Python's conversions and iteration helpers shared by the models: int(), float(), str(), sorted(), json.loads, str.strip's whitespace. */
import type { PyValue } from '../../value';
import { NONE, unknown } from '../../value';
import type { Host } from '../host';
import type { Frame, ObjectData } from '../model';
import {
  bool,
  dataOf,
  iterate,
  iterateUnordered,
  floatValue,
  intValue,
  strValue,
  OpError,
  order,
  pyStr,
  reprOf,
  typeName,
} from '../ops';
import { noArgs } from './args';

export const TYPE_OF_KIND: Record<string, string> = {
  none: 'NoneType',
  bool: 'bool',
  int: 'int',
  float: 'float',
  str: 'str',
  bytes: 'bytes',
  list: 'list',
  tuple: 'tuple',
  set: 'set',
  dict: 'dict',
};

/** `int("…")` per Python: whitespace, sign and underscores allowed. */
export function parseIntText(text: string, base = 10): bigint | undefined {
  const t = text.trim();
  if (base === 10) {
    if (!/^[+-]?\d+(?:_\d+)*$/.test(t)) return undefined;
    return BigInt(t.replace(/_/g, ''));
  }
  const m = /^([+-]?)(?:0[xob])?([0-9a-z_]+)$/i.exec(t);
  if (!m) return undefined;
  const digits = m[2]!.replace(/_/g, '').toLowerCase();
  let n = 0n;
  for (const ch of digits) {
    const d = parseInt(ch, 36);
    if (Number.isNaN(d) || d >= base) return undefined;
    n = n * BigInt(base) + BigInt(d);
  }
  return m[1] === '-' ? -n : n;
}

export function toIntValue(it: Host, v: PyValue, base?: PyValue): PyValue {
  switch (v.kind) {
    case 'int':
      return v;
    case 'bool':
      return intValue(v.value ? 1 : 0);
    case 'float':
      if (!Number.isFinite(v.value))
        return it.raiseOrUnknown('ValueError', 'cannot convert float to integer');
      return intValue(BigInt(Math.trunc(v.value)));
    case 'str':
    case 'bytes': {
      const b = base?.kind === 'int' ? Number(base.value) : 10;
      const n = parseIntText(v.value, b);
      if (n === undefined)
        return it.raiseOrUnknown(
          'ValueError',
          `invalid literal for int() with base ${b}: ${reprOf(v)}`,
          it.originOf(v)?.envVar,
        );
      return intValue(n);
    }
    case 'unknown':
      return v;
    default:
      return it.raiseOrUnknown(
        'TypeError',
        `int() argument must be a string or a number, not '${typeName(v)}'`,
      );
  }
}

export function toFloatValue(it: Host, v: PyValue): PyValue {
  switch (v.kind) {
    case 'float':
      return v;
    case 'int':
      return floatValue(Number(v.value));
    case 'bool':
      return floatValue(v.value ? 1 : 0);
    case 'str': {
      const t = v.value.trim().replace(/_/g, '').toLowerCase();
      if (/^[+-]?(inf|infinity)$/.test(t))
        return floatValue(t.startsWith('-') ? -Infinity : Infinity);
      if (/^[+-]?nan$/.test(t)) return floatValue(NaN);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t))
        return it.raiseOrUnknown(
          'ValueError',
          `could not convert string to float: ${reprOf(v)}`,
          it.originOf(v)?.envVar,
        );
      return floatValue(Number(t));
    }
    case 'unknown':
      return v;
    default:
      return it.raiseOrUnknown(
        'TypeError',
        `float() argument must be a string or a number, not '${typeName(v)}'`,
      );
  }
}

export function toStrValue(it: Host, v: PyValue): PyValue {
  const s = pyStr(v);
  if (s !== undefined) return strValue(s);
  if (v.kind === 'unknown') return v;
  return unknown(`str() of ${typeName(v)} not modelled`);
}

/** Consumers for which the iteration order of a set does not matter. */
export const ORDER_FREE = new Set([
  'sorted',
  'set',
  'frozenset',
  'any',
  'all',
  'min',
  'max',
  'len',
]);

export function seqOf(it: Host, v: PyValue | undefined, what: string): PyValue[] | PyValue {
  if (!v) return [];
  if (v.kind === 'unknown') return v;
  const d = dataOf(v);
  if (d?.tag === 'environ') return [...it.env.keys()].map(strValue);
  const members = it.enumMembers(v);
  if (members) return members;
  const items = ORDER_FREE.has(what) ? iterateUnordered(v) : iterate(v);
  if (!items)
    return unknown(
      v.kind === 'set'
        ? `${what}() of a set depends on its iteration order`
        : `${what}(${typeName(v)}) not modelled`,
    );
  return items;
}

export function sortValues(
  it: Host,
  items: PyValue[],
  key: PyValue | undefined,
  reverse: boolean,
  frame: Frame,
): PyValue[] | PyValue {
  let keyed: { k: PyValue; v: PyValue }[];
  if (key && key.kind !== 'none')
    keyed = items.map((v) => ({
      k: it.callValue(key, { ...noArgs(), pos: [v] }, undefined, frame),
      v,
    }));
  else keyed = items.map((v) => ({ k: v, v }));
  if (keyed.some((x) => x.k.kind === 'unknown'))
    return unknown('sort key depends on an unknown value');
  try {
    const sorted = [...keyed].sort((a, b) => order(a.k, b.k) ?? 0);
    if (reverse) sorted.reverse();
    return sorted.map((x) => x.v);
  } catch (err) {
    if (err instanceof OpError) return it.raiseOrUnknown(err.excType, err.message);
    throw err;
  }
}

export function isSubclass(
  cls: ObjectData & { tag: 'class' },
  of: ObjectData & { tag: 'class' },
  depth = 0,
): boolean {
  if (cls === of) return true;
  if (depth > 20) return false;
  return cls.bases.some((b) => {
    const d = dataOf(b);
    return d?.tag === 'class' && isSubclass(d, of, depth + 1);
  });
}

/** `make(text)` for a known text, else an Unknown that names what it depends on. */
export function mapKnown(
  text: string | undefined,
  make: (t: string) => PyValue,
  from: PyValue,
): PyValue {
  if (text !== undefined) return make(text);
  return from.kind === 'unknown' ? from : unknown('depends on an unknown value inside it');
}

export function decodeUtf8(latin1: string): string {
  const bytes = Uint8Array.from(latin1, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export const PY_WHITESPACE =
  ' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

export function stripChars(
  s: string,
  chars: string | undefined,
  left: boolean,
  right: boolean,
): string {
  const set = chars ?? PY_WHITESPACE;
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.includes(s[a]!)) a++;
  if (right) while (b > a && set.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

export function jsonToPy(it: Host, text: string, input: PyValue): PyValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return it.raiseOrUnknown('ValueError', 'json.loads: invalid JSON', it.originOf(input)?.envVar);
  }
  const convert = (v: unknown, depth: number): PyValue => {
    if (depth > 100) return unknown('JSON nested too deeply');
    if (v === null) return NONE;
    if (typeof v === 'boolean') return bool(v);
    if (typeof v === 'number')
      return Number.isInteger(v) && !/[.eE]/.test(String(v)) ? intValue(BigInt(v)) : floatValue(v);
    if (typeof v === 'string') return strValue(v);
    if (Array.isArray(v)) return { kind: 'list', items: v.map((x) => convert(x, depth + 1)) };
    if (typeof v === 'object')
      return {
        kind: 'dict',
        entries: Object.entries(v as Record<string, unknown>).map(([k, x]) => [
          strValue(k),
          convert(x, depth + 1),
        ]),
      };
    return unknown('JSON value');
  };
  return it.derive(convert(parsed, 0), input);
}
