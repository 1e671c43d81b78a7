/**
 * `datetime.timedelta(...)`: durations in settings (Simple JWT's token lifetimes, session ages
 * written as `timedelta(days=30).total_seconds()`), modelled by their length in seconds. Anything
 * but int/float arguments is Unknown.
 */
import { unknown, type PyValue } from '../../value';
import { dataOf, floatValue, opaque } from '../ops';
import { argAt } from './args';
import type { LibraryModel } from './model';

/** timedelta's parameters in positional order, with their length in seconds. */
const UNITS: readonly [string, number][] = [
  ['days', 86_400],
  ['seconds', 1],
  ['microseconds', 1e-6],
  ['milliseconds', 1e-3],
  ['minutes', 60],
  ['hours', 3_600],
  ['weeks', 604_800],
];

/** The number an int/float argument holds. */
function numberOf(value: PyValue): number | undefined {
  if (value.kind === 'int') return Number(value.value);
  if (value.kind === 'float') return value.value;
  if (value.kind === 'bool') return value.value ? 1 : 0;
  return undefined;
}

/** The length in seconds of a modelled timedelta, else undefined. */
export function timedeltaSeconds(value: PyValue): number | undefined {
  const data = dataOf(value);
  return data?.tag === 'timedelta' ? data.seconds : undefined;
}

export function timedelta(seconds: number): PyValue {
  return opaque('datetime.timedelta', { tag: 'timedelta', seconds }, `${seconds}s`);
}

export const datetimeModel: LibraryModel = {
  name: 'datetime',
  modules: ['datetime'],
  call(it, path, args) {
    if (path !== 'datetime.timedelta') return undefined;
    let seconds = 0;
    for (let i = 0; i < UNITS.length; i++) {
      const [name, unit] = UNITS[i]!;
      const arg = argAt(args, i, name);
      if (arg === undefined) continue;
      const n = numberOf(arg);
      if (n === undefined)
        return it.derive(unknown(`timedelta(${name}=…) of an unknown value`), arg);
      seconds += n * unit;
    }
    return timedelta(seconds);
  },
  methods: {
    timedelta: (_it, _self, data, name) =>
      data.tag === 'timedelta' && name === 'total_seconds'
        ? floatValue(data.seconds)
        : unknown(`timedelta.${name}() not modelled`),
  },
};
