/**
 * Export: the snapshot's view of a binding (value copied, provenance with its env origin).
 */
import type { SettingValue } from '../snapshot';
import type { Provenance, PyValue } from '../value';
import { unknown } from '../value';
import type { Binding } from './model';
import { dataOf, strValue } from './ops';
import type { Evaluator } from './evaluator';

export function toSettingValue(ev: Evaluator, binding: Binding): SettingValue {
  const provenance: Provenance = { file: binding.provenance.file, line: binding.provenance.line };
  const origin = ev.originOf(binding.value);
  if (origin) {
    provenance.envVar = origin.envVar;
    if (origin.usedDefault) provenance.usedDefault = true;
    if (origin.defaultText !== undefined) provenance.defaultText = origin.defaultText;
  }
  const gen = ev.generated.get(binding.value);
  if (gen !== undefined) provenance.generatedBy = gen;
  return { value: exportValue(binding.value, 0), provenance };
}

/** Converts internal values for the snapshot: Path objects become str (as os.fspath would). */
export function exportValue(v: PyValue, depth: number, ancestors = new Set<PyValue>()): PyValue {
  // Rules recurse over values (repr, ==): never hand them a cycle (`L.append(L)`) or a
  // pathological depth.
  if (ancestors.has(v)) return unknown('value contains itself (self-referencing container)');
  if (depth > MAX_EXPORT_DEPTH)
    return unknown(`value nested deeper than ${MAX_EXPORT_DEPTH} levels`);
  switch (v.kind) {
    case 'opaque': {
      const d = dataOf(v);
      if (d?.tag === 'path') return strValue(d.path);
      return v;
    }
    case 'list':
    case 'tuple':
    case 'set': {
      ancestors.add(v);
      const items = v.items.map((i) => exportValue(i, depth + 1, ancestors));
      ancestors.delete(v);
      return items.every((x, i) => x === v.items[i]) ? v : { kind: v.kind, items };
    }
    case 'dict': {
      ancestors.add(v);
      const entries = v.entries.map(
        ([k, val]) => [k, exportValue(val, depth + 1, ancestors)] as [PyValue, PyValue],
      );
      ancestors.delete(v);
      return entries.every(([, x], i) => x === v.entries[i]![1]) ? v : { kind: 'dict', entries };
    }
    default:
      return v;
  }
}

const MAX_EXPORT_DEPTH = 100;
