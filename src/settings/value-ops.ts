import type { KnownFacts, PyValue } from './value';

/**
 * Python semantics over PyValue that both the evaluator and the rules need.
 * `undefined` from any of these means "depends on an Unknown": never guess.
 */

/** Python truthiness (`bool(v)`), or undefined for Unknown. */
export function truthiness(value: PyValue): boolean | undefined {
  switch (value.kind) {
    case 'none':
      return false;
    case 'bool':
      return value.value;
    case 'int':
      return value.value !== 0n;
    case 'float':
      return value.value !== 0;
    case 'str':
    case 'bytes':
      return value.value.length > 0;
    case 'list':
    case 'tuple':
    case 'set':
      return value.items.length > 0;
    case 'dict':
      return value.entries.length > 0;
    case 'opaque':
      return true;
    case 'unknown':
      return (value.facts?.minLength ?? 0) > 0 ? true : undefined;
  }
}

/**
 * `needle in value` decided from an Unknown's known facts: true when it is certainly contained,
 * else undefined (facts never say what is absent).
 */
export function knownToContain(value: PyValue, needle: PyValue): boolean | undefined {
  if (value.kind !== 'unknown' || !value.facts?.contains) return undefined;
  return value.facts.contains.some((item) => pyEquals(item, needle) === true) ? true : undefined;
}

/** The facts that hold for a known value (its kind, items, length, prefix). */
export function factsOf(value: PyValue): KnownFacts | undefined {
  switch (value.kind) {
    case 'list':
    case 'tuple':
    case 'set':
      return {
        kind: value.kind,
        contains: value.items.filter((i) => i.kind !== 'unknown'),
        minLength: value.items.length,
        ...(value.kind !== 'set' ? { prefix: knownPrefix(value.items) } : {}),
      };
    case 'dict':
      return {
        kind: 'dict',
        contains: value.entries.map(([k]) => k).filter((k) => k.kind !== 'unknown'),
        minLength: value.entries.length,
      };
    case 'str':
      return { kind: 'str', minLength: [...value.value].length, strPrefix: value.value };
    case 'unknown':
      return value.facts;
    default:
      return undefined;
  }
}

function knownPrefix(items: PyValue[]): PyValue[] {
  const i = items.findIndex((x) => x.kind === 'unknown');
  return i < 0 ? items : items.slice(0, i);
}

/** The facts true of every one of `values` (for a value that is one of them). */
export function commonFacts(values: PyValue[]): KnownFacts | undefined {
  const all = values.map(factsOf);
  if (all.length === 0 || all.some((f) => f === undefined)) return undefined;
  const facts = all as KnownFacts[];
  const out: KnownFacts = {};
  const first = facts[0]!;
  if (first.kind && facts.every((f) => f.kind === first.kind)) out.kind = first.kind;
  if (facts.every((f) => f.contains)) {
    const common = first.contains!.filter((item) =>
      facts.every((f) => f.contains!.some((x) => pyEquals(x, item) === true)),
    );
    if (common.length) out.contains = common;
  }
  const min = Math.min(...facts.map((f) => f.minLength ?? 0));
  if (min > 0) out.minLength = min;
  if (facts.every((f) => f.prefix)) {
    const prefix: PyValue[] = [];
    for (let i = 0; facts.every((f) => i < f.prefix!.length); i++) {
      const item = first.prefix![i]!;
      if (!facts.every((f) => pyEquals(f.prefix![i]!, item) === true)) break;
      prefix.push(item);
    }
    if (prefix.length) out.prefix = prefix;
  }
  if (facts.every((f) => f.strPrefix !== undefined)) {
    let p = first.strPrefix!;
    for (const f of facts) while (!f.strPrefix!.startsWith(p)) p = p.slice(0, -1);
    if (p) out.strPrefix = p;
  }
  return Object.keys(out).length ? out : undefined;
}

/** `value is True`: only the bool True itself (1 and "True" are not). */
export function isTrueExact(value: PyValue): boolean | undefined {
  if (value.kind === 'unknown') return undefined;
  return value.kind === 'bool' && value.value;
}

export function isUnknown(value: PyValue): value is Extract<PyValue, { kind: 'unknown' }> {
  return value.kind === 'unknown';
}

/** Python `==` for the value kinds settings use; undefined when Unknown is involved. */
export function pyEquals(a: PyValue, b: PyValue): boolean | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  const num = (v: PyValue): number | bigint | undefined =>
    v.kind === 'int'
      ? v.value
      : v.kind === 'float'
        ? v.value
        : v.kind === 'bool'
          ? v.value
            ? 1n
            : 0n
          : undefined;
  const na = num(a);
  const nb = num(b);
  if (na !== undefined && nb !== undefined) {
    return na == nb;
  }
  if (a.kind !== b.kind) {
    return false;
  }
  switch (a.kind) {
    case 'none':
      return true;
    case 'str':
    case 'bytes':
      return a.value === (b as typeof a).value;
    case 'list':
    case 'tuple': {
      const bi = (b as typeof a).items;
      if (a.items.length !== bi.length) return false;
      let all: boolean | undefined = true;
      for (let i = 0; i < a.items.length; i++) {
        const eq = pyEquals(a.items[i]!, bi[i]!);
        if (eq === false) return false;
        if (eq === undefined) all = undefined;
      }
      return all;
    }
    case 'set': {
      const bi = (b as typeof a).items;
      if (a.items.length !== bi.length) return false;
      let all: boolean | undefined = true;
      for (const item of a.items) {
        const found = containsValue(bi, item);
        if (found === false) return false;
        if (found === undefined) all = undefined;
      }
      return all;
    }
    case 'dict': {
      const be = (b as typeof a).entries;
      if (a.entries.length !== be.length) return false;
      let all: boolean | undefined = true;
      for (const [k, v] of a.entries) {
        const other = dictGet(b, k);
        if (other === undefined) return false;
        const eq = pyEquals(v, other);
        if (eq === false) return false;
        if (eq === undefined) all = undefined;
      }
      return all;
    }
    default:
      return undefined;
  }
}

/** `needle in items` (list/tuple/set membership); undefined when it depends on an Unknown. */
export function containsValue(items: readonly PyValue[], needle: PyValue): boolean | undefined {
  let undecided = false;
  for (const item of items) {
    const eq = pyEquals(item, needle);
    if (eq === true) return true;
    if (eq === undefined) undecided = true;
  }
  return undecided ? undefined : false;
}

/** `d[key]` for a dict value, or undefined when absent or not a dict. */
export function dictGet(dict: PyValue, key: PyValue): PyValue | undefined {
  if (dict.kind !== 'dict') return undefined;
  for (const [k, v] of dict.entries) if (pyEquals(k, key) === true) return v;
  return undefined;
}

/** The string items of a list/tuple/set (`undefined` if the value is not a sequence of known str). */
export function stringItems(value: PyValue): string[] | undefined {
  if (value.kind !== 'list' && value.kind !== 'tuple' && value.kind !== 'set') return undefined;
  const out: string[] = [];
  for (const item of value.items) {
    if (item.kind !== 'str') return undefined;
    out.push(item.value);
  }
  return out;
}

function quotePy(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of text) {
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

/** Python `repr()`, for messages ("Django's default is 'DENY'"). */
export function pyRepr(value: PyValue): string {
  switch (value.kind) {
    case 'none':
      return 'None';
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'int':
      return value.value.toString();
    case 'float':
      return Number.isInteger(value.value) ? `${value.value}.0` : String(value.value);
    case 'str':
      return quotePy(value.value);
    case 'bytes':
      return `b${quotePy(value.value)}`;
    case 'list':
      return `[${value.items.map(pyRepr).join(', ')}]`;
    case 'tuple':
      return value.items.length === 1
        ? `(${pyRepr(value.items[0]!)},)`
        : `(${value.items.map(pyRepr).join(', ')})`;
    case 'set':
      return value.items.length === 0 ? 'set()' : `{${value.items.map(pyRepr).join(', ')}}`;
    case 'dict':
      return `{${value.entries.map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
    case 'opaque':
      return `<${value.typeName}>`;
    case 'unknown':
      return `<unknown: ${value.reason}>`;
  }
}
