/**
 * The evaluator's value domain: Python values plus Unknown(reason). Pure data.
 *
 * Lists, dicts and sets are JS objects shared by reference, so `INSTALLED_APPS += [...]` in
 * production.py mutates the list that base.py created, exactly as in Python.
 */

/** Where a value was decided: the assignment or env read that produced it. */
export interface Provenance {
  /** Repository-relative path, `/` separators. */
  file: string;
  /** 1-based. */
  line: number;
  /** The environment variable the value was read from, if any. */
  envVar?: string;
  /** True when the env var was unset and the code's default was used. */
  usedDefault?: boolean;
  /** The default written in the code, as Python source text, when `usedDefault`. */
  defaultText?: string;
  /**
   * Set when the value was generated at import time rather than written in the code, e.g.
   * `django.core.management.utils.get_random_secret_key()`: names the generator. Such a key is
   * strong but changes on every start (sessions and signatures break), and it is not a literal.
   */
  generatedBy?: string;
}

export type PyValue =
  | { kind: 'none' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'bytes'; value: string }
  | { kind: 'list'; items: PyValue[] }
  | { kind: 'tuple'; items: PyValue[] }
  | { kind: 'set'; items: PyValue[] }
  | { kind: 'dict'; entries: [PyValue, PyValue][] }
  /** Anything the evaluator can model but rules do not inspect (functions, modules, objects). */
  | { kind: 'opaque'; typeName: string; detail?: string; data?: unknown }
  /** Never guessed: says why, and which env var (if any) would decide it. */
  | { kind: 'unknown'; reason: string; envVar?: string; facts?: KnownFacts };

/**
 * What is known about an Unknown value, e.g. a list that is one of two branches' lists: both
 * contain SecurityMiddleware, so `SecurityMiddleware in MIDDLEWARE` is decided although the list
 * is not. Each fact holds on every path that reaches the value.
 */
export interface KnownFacts {
  /** The value is certainly of this kind. */
  kind?: 'list' | 'tuple' | 'set' | 'dict' | 'str';
  /** Items certainly in it (dict: keys). */
  contains?: PyValue[];
  /** It has at least this many items (str: characters). */
  minLength?: number;
  /** Its first items (list/tuple). */
  prefix?: PyValue[];
  /** Its first characters (str). */
  strPrefix?: string;
}

export const NONE: PyValue = { kind: 'none' };
export const TRUE: PyValue = { kind: 'bool', value: true };
export const FALSE: PyValue = { kind: 'bool', value: false };

export const str = (value: string): PyValue => ({ kind: 'str', value });
export const int = (value: number | bigint): PyValue => ({ kind: 'int', value: BigInt(value) });
export const list = (items: PyValue[]): PyValue => ({ kind: 'list', items });
export const tuple = (items: PyValue[]): PyValue => ({ kind: 'tuple', items });
export const unknown = (reason: string, envVar?: string, facts?: KnownFacts): PyValue => {
  const value: PyValue & { kind: 'unknown' } = { kind: 'unknown', reason };
  if (envVar !== undefined) value.envVar = envVar;
  if (facts !== undefined && Object.keys(facts).length > 0) value.facts = facts;
  return value;
};
