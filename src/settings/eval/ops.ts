/**
 * Python value operations the interpreter needs beyond src/settings/value-ops.ts: str(),
 * arithmetic, comparison, iteration, indexing. `undefined` results mean "not modelled".
 */
import { pyEquals, pyRepr as reprForMessages, truthiness } from '../value-ops';
import type { PyValue } from '../value';
import { FALSE, NONE, TRUE, unknown } from '../value';
import type { ObjectData } from './model';
import { floatReprAbs, formatNumber, padFormatted, parseFormatSpec } from './strings';

export const bool = (b: boolean): PyValue =>
  b ? { kind: 'bool', value: true } : { kind: 'bool', value: false };
export const strValue = (value: string): PyValue => ({ kind: 'str', value });
export const intValue = (value: bigint | number): PyValue => ({
  kind: 'int',
  value: BigInt(value),
});
export const floatValue = (value: number): PyValue => ({ kind: 'float', value });
export const opaque = (typeName: string, data: ObjectData, detail?: string): PyValue =>
  detail === undefined
    ? { kind: 'opaque', typeName, data }
    : { kind: 'opaque', typeName, data, detail };

export function dataOf(value: PyValue): ObjectData | undefined {
  return value.kind === 'opaque' ? (value.data as ObjectData | undefined) : undefined;
}

export function externalPath(value: PyValue): string | undefined {
  const d = dataOf(value);
  return d?.tag === 'external' ? d.path : undefined;
}

/** Python type name, for messages and `type(x).__name__`. */
export function typeName(value: PyValue): string {
  switch (value.kind) {
    case 'none':
      return 'NoneType';
    case 'opaque':
      return value.typeName;
    default:
      return value.kind;
  }
}

/** Code points, so that len() and indexing match Python for non-BMP text. */
export function codePoints(text: string): string[] {
  return /[\ud800-\udfff]/.test(text) ? Array.from(text) : text.split('');
}

export function strLen(text: string): number {
  return /[\ud800-\udfff]/.test(text) ? Array.from(text).length : text.length;
}

/** Python `str(value)`; undefined when it depends on Unknown. */
export function pyStr(value: PyValue): string | undefined {
  switch (value.kind) {
    case 'str':
      return value.value;
    case 'unknown':
      return undefined;
    case 'float':
      return floatRepr(value.value);
    case 'opaque': {
      const d = dataOf(value);
      if (d?.tag === 'path') return d.path;
      return undefined;
    }
    case 'list':
    case 'tuple':
    case 'set':
    case 'dict':
      return containsUnknown(value, 0) ? undefined : reprOf(value);
    default:
      return reprOf(value);
  }
}

/** Python `repr(value)`, or undefined when it depends on an Unknown (also one nested inside). */
export function pyRepr(value: PyValue): string | undefined {
  return containsUnknown(value, 0) ? undefined : reprOf(value);
}

/** repr() with Python's float formatting (for messages: an Unknown shows as `<unknown: …>`). */
export function reprOf(value: PyValue): string {
  switch (value.kind) {
    case 'float':
      return floatRepr(value.value);
    case 'list':
      return `[${value.items.map(reprOf).join(', ')}]`;
    case 'tuple':
      return value.items.length === 1
        ? `(${reprOf(value.items[0]!)},)`
        : `(${value.items.map(reprOf).join(', ')})`;
    case 'set':
      return value.items.length === 0 ? 'set()' : `{${value.items.map(reprOf).join(', ')}}`;
    case 'dict':
      return `{${value.entries.map(([k, v]) => `${reprOf(k)}: ${reprOf(v)}`).join(', ')}}`;
    case 'opaque': {
      const d = dataOf(value);
      if (d?.tag === 'path') return `PosixPath('${d.path}')`;
      return reprForMessages(value);
    }
    default:
      return reprForMessages(value);
  }
}

/** Python `repr(float)`. */
export function floatRepr(n: number): string {
  const negative = n < 0 || Object.is(n, -0);
  return (negative && !Number.isNaN(n) ? '-' : '') + floatReprAbs(n);
}

function containsUnknown(value: PyValue, depth: number): boolean {
  if (depth > 50) return true;
  switch (value.kind) {
    case 'unknown':
      return true;
    case 'list':
    case 'tuple':
    case 'set':
      return value.items.some((v) => containsUnknown(v, depth + 1));
    case 'dict':
      return value.entries.some(
        ([k, v]) => containsUnknown(k, depth + 1) || containsUnknown(v, depth + 1),
      );
    default:
      return false;
  }
}

/**
 * Items when iterating a value (str → chars, dict → keys); undefined when not modelled. A set of
 * two or more items has no order the evaluator knows (CPython's depends on hashes, and for str
 * on PYTHONHASHSEED): order-free consumers use `iterateUnordered`.
 */
export function iterate(value: PyValue): PyValue[] | undefined {
  if (value.kind === 'set' && value.items.length > 1) return undefined;
  return iterateUnordered(value);
}

/** The items of a value where their order does not matter (`sorted`, `set`, `any`, `in`, …). */
export function iterateUnordered(value: PyValue): PyValue[] | undefined {
  switch (value.kind) {
    case 'list':
    case 'tuple':
    case 'set':
      return value.items;
    case 'dict':
      return value.entries.map(([k]) => k);
    case 'str':
      return codePoints(value.value).map(strValue);
    case 'bytes':
      return value.value.split('').map((c) => intValue(c.charCodeAt(0)));
    default:
      return undefined;
  }
}

export function firstUnknown(...values: PyValue[]): PyValue | undefined {
  return values.find((v) => v.kind === 'unknown');
}

/** Number view of int/float/bool, for arithmetic. */
function numeric(v: PyValue): { int: bigint } | { float: number } | undefined {
  if (v.kind === 'int') return { int: v.value };
  if (v.kind === 'bool') return { int: v.value ? 1n : 0n };
  if (v.kind === 'float') return { float: v.value };
  return undefined;
}

const asFloat = (n: { int: bigint } | { float: number }): number =>
  'int' in n ? Number(n.int) : n.float;

export interface Bounds {
  maxCollectionSize: number;
  maxStringLength: number;
}

export class OpError extends Error {
  constructor(
    readonly excType: string,
    message: string,
  ) {
    super(message);
  }
}

/** Integers beyond this many bits are Unknown ("too large"): repeated squaring must not hang. */
const MAX_INT_BITS = 100_000;

function bitLength(n: bigint): number {
  return (n < 0n ? -n : n).toString(16).length * 4;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function floorMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

/** Binary arithmetic; throws OpError for Python errors, returns Unknown when not modelled. */
export function binaryOp(op: string, a: PyValue, b: PyValue, bounds: Bounds): PyValue {
  const u = firstUnknown(a, b);
  if (u) return u;
  const na = numeric(a);
  const nb = numeric(b);
  if (na && nb) {
    if ('int' in na && 'int' in nb) {
      const x = na.int;
      const y = nb.int;
      switch (op) {
        case '+':
          return intValue(x + y);
        case '-':
          return intValue(x - y);
        case '*':
          if (bitLength(x) + bitLength(y) > MAX_INT_BITS)
            return unknown(`integer product too large to evaluate`);
          return intValue(x * y);
        case '//':
          if (y === 0n) throw new OpError('ZeroDivisionError', 'integer division by zero');
          return intValue(floorDiv(x, y));
        case '%':
          if (y === 0n) throw new OpError('ZeroDivisionError', 'integer modulo by zero');
          return intValue(floorMod(x, y));
        case '/':
          if (y === 0n) throw new OpError('ZeroDivisionError', 'division by zero');
          return floatValue(Number(x) / Number(y));
        case '**':
          if (y < 0n) return floatValue(Number(x) ** Number(y));
          if ((x > 1n || x < -1n) && (y > 100_000n || bitLength(x) * Number(y) > MAX_INT_BITS))
            return unknown(`integer power ** ${y} is too large to evaluate`);
          return intValue(x ** y);
        case '&':
          return intValue(x & y);
        case '|':
          return intValue(x | y);
        case '^':
          return intValue(x ^ y);
        case '<<':
          if (y < 0n) throw new OpError('ValueError', 'negative shift count');
          if (y > 4096n || bitLength(x) + Number(y) > MAX_INT_BITS)
            return unknown('shift too large to evaluate');
          return intValue(x << y);
        case '>>':
          if (y < 0n) throw new OpError('ValueError', 'negative shift count');
          return intValue(x >> y);
      }
    } else {
      const x = asFloat(na);
      const y = asFloat(nb);
      switch (op) {
        case '+':
          return floatValue(x + y);
        case '-':
          return floatValue(x - y);
        case '*':
          return floatValue(x * y);
        case '/':
          if (y === 0) throw new OpError('ZeroDivisionError', 'float division by zero');
          return floatValue(x / y);
        case '//':
          if (y === 0) throw new OpError('ZeroDivisionError', 'float floor division by zero');
          return floatValue(Math.floor(x / y));
        case '%':
          if (y === 0) throw new OpError('ZeroDivisionError', 'float modulo');
          return floatValue(x - y * Math.floor(x / y));
        case '**':
          return floatValue(x ** y);
      }
    }
    return unknown(`operator ${op} on numbers not modelled`);
  }
  if (op === '+') {
    if ((a.kind === 'str' && b.kind === 'str') || (a.kind === 'bytes' && b.kind === 'bytes')) {
      if (a.value.length + b.value.length > bounds.maxStringLength)
        return unknown(`string longer than maxStringLength (${bounds.maxStringLength})`);
      return { kind: a.kind, value: a.value + b.value };
    }
    if ((a.kind === 'list' && b.kind === 'list') || (a.kind === 'tuple' && b.kind === 'tuple')) {
      if (a.items.length + b.items.length > bounds.maxCollectionSize)
        return unknown(`collection larger than maxCollectionSize (${bounds.maxCollectionSize})`);
      return { kind: a.kind, items: [...a.items, ...b.items] };
    }
  }
  if (op === '*') {
    const [seq, n] = numeric(a) ? [b, numeric(a)] : [a, numeric(b)];
    if (n && 'int' in n) {
      const count: bigint = n.int < 0n ? 0n : n.int;
      if (seq.kind === 'str' || seq.kind === 'bytes') {
        if (BigInt(seq.value.length) * count > BigInt(bounds.maxStringLength))
          return unknown(`string longer than maxStringLength (${bounds.maxStringLength})`);
        return { kind: seq.kind, value: seq.value.repeat(Number(count)) };
      }
      if (seq.kind === 'list' || seq.kind === 'tuple') {
        if (BigInt(seq.items.length) * count > BigInt(bounds.maxCollectionSize))
          return unknown(`collection larger than maxCollectionSize (${bounds.maxCollectionSize})`);
        const items: PyValue[] = [];
        for (let i = 0n; i < count; i++) items.push(...seq.items);
        return { kind: seq.kind, items };
      }
    }
  }
  if (op === '|' && a.kind === 'dict' && b.kind === 'dict') {
    const out: PyValue = { kind: 'dict', entries: a.entries.map(([k, v]) => [k, v]) };
    for (const [k, v] of b.entries) dictSet(out, k, v);
    return out;
  }
  if (
    (op === '|' || op === '&' || op === '-' || op === '^') &&
    a.kind === 'set' &&
    b.kind === 'set'
  ) {
    const inB = (x: PyValue) => b.items.some((y) => pyEquals(x, y) === true);
    const inA = (x: PyValue) => a.items.some((y) => pyEquals(x, y) === true);
    if (op === '|') return { kind: 'set', items: dedupe([...a.items, ...b.items]) };
    if (op === '&') return { kind: 'set', items: a.items.filter(inB) };
    if (op === '-') return { kind: 'set', items: a.items.filter((x) => !inB(x)) };
    return {
      kind: 'set',
      items: [...a.items.filter((x) => !inB(x)), ...b.items.filter((x) => !inA(x))],
    };
  }
  if (op === '%' && (a.kind === 'str' || a.kind === 'bytes')) {
    const formatted = percentFormat(a.value, b);
    if (formatted === undefined) return unknown('%-formatting not modelled for these arguments');
    return { kind: a.kind, value: formatted };
  }
  if (op === '|' && isTypeObject(a) && isTypeObject(b))
    return opaque('UnionType', { tag: 'external', path: 'types.UnionType' });
  // An object the evaluator does not model may define the operator.
  if (a.kind === 'opaque' || b.kind === 'opaque')
    return unknown(`${typeName(a)} ${op} ${typeName(b)} not modelled`);
  throw new OpError(
    'TypeError',
    `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`,
  );
}

/** `int`, `str | None`'s parts: a builtin type, a class, None or a union (PEP 604 `X | Y`). */
function isTypeObject(v: PyValue): boolean {
  if (v.kind === 'none') return true;
  const d = dataOf(v);
  if (d?.tag === 'class') return true;
  return (
    d?.tag === 'external' &&
    (d.path === 'types.UnionType' ||
      /^builtins\.[a-z]\w*$/.test(d.path) ||
      d.path.startsWith('typing.'))
  );
}

export function dedupe(items: PyValue[]): PyValue[] {
  const out: PyValue[] = [];
  for (const item of items) if (!out.some((o) => pyEquals(o, item) === true)) out.push(item);
  return out;
}

export function dictSet(dict: PyValue & { kind: 'dict' }, key: PyValue, value: PyValue): void {
  const entry = dict.entries.find(([k]) => pyEquals(k, key) === true);
  if (entry) entry[1] = value;
  else dict.entries.push([key, value]);
}

/** `fmt % args` for %s %r %d %i %f %x %% and %(name)s. */
export function percentFormat(fmt: string, args: PyValue): string | undefined {
  const positional = args.kind === 'tuple' ? args.items : [args];
  let index = 0;
  let failed = false;
  const out = fmt.replace(
    /%(?:\(([^)]*)\))?([-+ 0#]*)(\d+)?(?:\.(\d+))?([sridfxXeEgGc%])/g,
    (
      _m,
      key: string | undefined,
      flags: string,
      width: string | undefined,
      prec: string | undefined,
      conv: string,
    ) => {
      if (conv === '%') return '%';
      let value: PyValue | undefined;
      if (key !== undefined) {
        value =
          args.kind === 'dict'
            ? args.entries.find(([k]) => k.kind === 'str' && k.value === key)?.[1]
            : undefined;
      } else {
        value = positional[index++];
      }
      if (value === undefined || value.kind === 'unknown') {
        failed = true;
        return '';
      }
      let text: string | undefined;
      if (conv === 's') text = pyStr(value);
      else if (conv === 'r') text = pyRepr(value);
      else {
        const spec = parseFormatSpec(
          `${flags.includes('-') ? '<' : ''}${flags.includes('+') ? '+' : ''}${flags.includes('0') ? '0' : ''}${width ?? ''}${prec !== undefined ? `.${prec}` : ''}${conv === 'i' || conv === 'd' ? 'd' : conv}`,
        );
        const n = numeric(value);
        if (!spec || !n) text = undefined;
        else if (conv === 'd' || conv === 'i' || conv === 'x' || conv === 'X')
          text = formatNumber('int' in n ? n.int : BigInt(Math.trunc(n.float)), spec, true);
        else text = formatNumber('int' in n ? Number(n.int) : n.float, spec, false);
        return text ?? ((failed = true), '');
      }
      if (text === undefined) {
        failed = true;
        return '';
      }
      const w = width ? Math.min(parseInt(width, 10), 10_000) : 0;
      return flags.includes('-') ? text.padEnd(w) : text.padStart(w);
    },
  );
  if (failed) return undefined;
  // CPython: arguments left over are an error, unless the argument is a mapping (list, dict and
  // bytes count: they have __getitem__) used by `%(name)s` or not at all.
  const isMapping =
    args.kind === 'dict' || args.kind === 'list' || args.kind === 'bytes' || args.kind === 'opaque';
  if (index < positional.length && !(args.kind !== 'tuple' && isMapping))
    throw new OpError('TypeError', 'not all arguments converted during string formatting');
  return out;
}

/** `format(value, spec)`; undefined when outside the modelled subset. */
export function formatValue(value: PyValue, specText: string): string | undefined {
  if (value.kind === 'unknown') return undefined;
  const spec = parseFormatSpec(specText);
  if (!spec) return undefined;
  if (value.kind === 'int' || value.kind === 'bool') {
    if (specText === '') return pyStr(value);
    const v = value.kind === 'bool' ? (value.value ? 1n : 0n) : value.value;
    if ('fFeE%g'.includes(spec.type) && spec.type !== '')
      return formatNumber(Number(v), spec, false);
    return formatNumber(v, spec, true);
  }
  if (value.kind === 'float')
    return specText === '' ? floatRepr(value.value) : formatNumber(value.value, spec, false);
  const text = pyStr(value);
  if (text === undefined || (spec.type !== '' && spec.type !== 's')) return undefined;
  const cut =
    spec.precision !== undefined ? codePoints(text).slice(0, spec.precision).join('') : text;
  return padFormatted(cut, spec, '<');
}

/** Python comparison operators except `in`/`is`; undefined when it depends on Unknown. */
export function compare(op: string, a: PyValue, b: PyValue): boolean | undefined {
  if (op === '==') return pyEquals(a, b);
  if (op === '!=') {
    const eq = pyEquals(a, b);
    return eq === undefined ? undefined : !eq;
  }
  const c = order(a, b);
  if (c === undefined) return undefined;
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
  return undefined;
}

/** Ordering of two values (-1/0/1); throws TypeError for unorderable known types. */
export function order(a: PyValue, b: PyValue): number | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  const na = numeric(a);
  const nb = numeric(b);
  if (na && nb) {
    if ('int' in na && 'int' in nb) return na.int < nb.int ? -1 : na.int > nb.int ? 1 : 0;
    const x = asFloat(na);
    const y = asFloat(nb);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if ((a.kind === 'str' && b.kind === 'str') || (a.kind === 'bytes' && b.kind === 'bytes')) {
    const x = a.value;
    const y = b.value;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if ((a.kind === 'list' && b.kind === 'list') || (a.kind === 'tuple' && b.kind === 'tuple')) {
    const n = Math.min(a.items.length, b.items.length);
    for (let i = 0; i < n; i++) {
      const eq = pyEquals(a.items[i]!, b.items[i]!);
      if (eq === undefined) return undefined;
      if (!eq) return order(a.items[i]!, b.items[i]!);
    }
    return a.items.length - b.items.length;
  }
  // An object the evaluator does not model may define its own ordering.
  if (a.kind === 'opaque' || b.kind === 'opaque') return undefined;
  throw new OpError('TypeError', `'<' not supported between '${typeName(a)}' and '${typeName(b)}'`);
}

/** `needle in container`; undefined when it depends on Unknown or is not modelled. */
export function contains(container: PyValue, needle: PyValue): boolean | undefined {
  switch (container.kind) {
    case 'str':
    case 'bytes':
      if (needle.kind !== container.kind) return needle.kind === 'unknown' ? undefined : undefined;
      return container.value.includes(needle.value);
    case 'list':
    case 'tuple':
    case 'set': {
      let undecided = false;
      for (const item of container.items) {
        const eq = pyEquals(item, needle);
        if (eq === true) return true;
        if (eq === undefined) undecided = true;
      }
      return undecided ? undefined : false;
    }
    case 'dict': {
      let undecided = false;
      for (const [k] of container.entries) {
        const eq = pyEquals(k, needle);
        if (eq === true) return true;
        if (eq === undefined) undecided = true;
      }
      return undecided ? undefined : false;
    }
    default:
      return undefined;
  }
}

/** `a is b` for the values where identity is decidable. */
export function isIdentical(a: PyValue, b: PyValue): boolean | undefined {
  if (a === b) return true;
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind;
  if (a.kind === 'bool' && b.kind === 'bool') return a.value === b.value;
  if (a.kind === 'bool' || b.kind === 'bool') return false;
  if (a.kind === 'opaque' && b.kind === 'opaque') {
    const da = dataOf(a);
    const db = dataOf(b);
    if (da?.tag === 'external' && db?.tag === 'external') return da.path === db.path;
    return da === db;
  }
  if (a.kind !== b.kind) return false;
  if (a.kind === 'list' || a.kind === 'dict' || a.kind === 'set') return false;
  return undefined;
}

export function truthy(value: PyValue): boolean | undefined {
  return truthiness(value);
}

/** Normalises a possibly negative Python index. */
export function normIndex(i: bigint, length: number): number | undefined {
  const n = Number(i < 0n ? BigInt(length) + i : i);
  return n >= 0 && n < length ? n : undefined;
}

/** Python slice indices for `seq[start:stop:step]`. */
export function sliceIndices(
  length: number,
  start: PyValue,
  stop: PyValue,
  step: PyValue,
): number[] | undefined {
  const toNum = (v: PyValue): number | null | undefined =>
    v.kind === 'none'
      ? null
      : v.kind === 'int'
        ? Number(v.value)
        : v.kind === 'bool'
          ? Number(v.value)
          : undefined;
  const st = toNum(step) ?? 1;
  const s0 = toNum(start);
  const e0 = toNum(stop);
  if (s0 === undefined || e0 === undefined || st === 0) return undefined;
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
  const out: number[] = [];
  if (st > 0) {
    const s = s0 === null ? 0 : clamp(s0 < 0 ? s0 + length : s0, 0, length);
    const e = e0 === null ? length : clamp(e0 < 0 ? e0 + length : e0, 0, length);
    for (let i = s; i < e; i += st) out.push(i);
  } else {
    const s = s0 === null ? length - 1 : clamp(s0 < 0 ? s0 + length : s0, -1, length - 1);
    const e = e0 === null ? -1 : clamp(e0 < 0 ? e0 + length : e0, -1, length - 1);
    for (let i = s; i > e; i += st) out.push(i);
  }
  return out;
}

export { NONE, TRUE, FALSE };
