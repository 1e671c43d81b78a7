/** Internal data shapes of the interpreter: bindings, scopes, modelled objects, signals. */
import type { SyntaxNode } from '@lezer/common';
import type { Provenance, PyValue } from '../value';
import type { ParsedModule } from '../python/parse';

export interface Binding {
  value: PyValue;
  provenance: Provenance;
}

export interface ModuleState {
  name: string;
  /** Repository-relative file. */
  file: string;
  /** Repository-relative directory (package dir for `__init__.py`). */
  dir: string;
  isPackage: boolean;
  parsed: ParsedModule;
  namespace: Map<string, Binding>;
  done: boolean;
  /** Number and plain string literal values by node offset (loops re-evaluate them). */
  literals?: Map<number, PyValue>;
}

/** A function scope (module-level code uses scope undefined and writes the module namespace). */
export interface Scope {
  vars: Map<string, Binding>;
  globals: Set<string>;
  parent: Scope | undefined;
  module: ModuleState;
  /** In a method: its class and first argument, for zero-argument `super()`. */
  method?: { cls: ObjectData & { tag: 'class' }; self: PyValue };
  /**
   * Values returned on the paths of undecidable branches that returned while other paths went
   * on (runBranches): the call's result is joined with them (callFunction).
   */
  pendingReturns?: { value: PyValue; reason: string; envVar: string | undefined }[];
}

/** Where a statement runs: its module, function scope, and class body if any. */
export interface Frame {
  module: ModuleState;
  scope: Scope | undefined;
  /** Class body being executed, if any: names bind there. */
  classAttrs?: Map<string, PyValue>;
  classAnnotations?: Map<string, string>;
}

/** A variable of the process environment as the settings see it. */
export type EnvEntry = { value: string } | { unknown: string };

export interface Param {
  name: string;
  kind: 'normal' | 'star' | 'starstar' | 'kwonly';
  defaultValue?: PyValue;
}

/** Modelled objects live in `{kind:'opaque', data}`; `data.tag` says which. */
export type ObjectData =
  | { tag: 'module'; state: ModuleState }
  /**
   * `importlib.util.spec_from_file_location(name, path)` of a repository file (`file` relative to
   * the repository), and its `loader` (library/stdlib.ts).
   */
  | { tag: 'modulespec'; name: string; file: string }
  | { tag: 'sourceloader'; name: string; file: string }
  /** Something outside the repository (or a stdlib name), identified by dotted path. */
  | { tag: 'external'; path: string }
  /** `datetime.timedelta(...)`: its length in seconds (library/datetime.ts). */
  | { tag: 'timedelta'; seconds: number }
  | {
      tag: 'function';
      name: string;
      params: Param[];
      body: SyntaxNode;
      isLambda: boolean;
      closure: Scope | undefined;
      module: ModuleState;
      /** How a class body's decorator binds it: `@classmethod`, `@staticmethod`, `@property`. */
      binding?: 'classmethod' | 'staticmethod' | 'property';
      /** The class whose body defined it (for zero-argument `super()`). */
      ownerClass?: ObjectData & { tag: 'class' };
    }
  | { tag: 'method'; self: PyValue; name: string }
  /** A function bound to its first argument (`obj.method`, `Cls.classmethod`). */
  | { tag: 'bound'; fn: ObjectData & { tag: 'function' }; self: PyValue }
  /** `configparser.ConfigParser()`: sections read so far (lower-cased option names). */
  | {
      tag: 'configparser';
      sections: Map<string, Map<string, string>>;
      defaults: Map<string, string>;
    }
  /** `contextlib.suppress(*types)`: a with-statement that swallows those exceptions. */
  | { tag: 'suppress'; types: string[] }
  /** `super()` inside a method of `cls`, bound to `self`. */
  | { tag: 'super'; cls: ObjectData & { tag: 'class' }; self: PyValue }
  | { tag: 'environ' }
  | { tag: 'path'; path: string }
  | {
      tag: 'djenv';
      scheme: Map<string, { cast?: PyValue; defaultValue?: PyValue }>;
      prefix: string;
    }
  | {
      tag: 'decouple';
      repository: Map<string, string> | 'auto';
      dir: string;
      caseInsensitive: boolean;
    }
  | { tag: 'decouple-repo'; values: Map<string, string>; caseInsensitive: boolean }
  | {
      tag: 'csv';
      cast: PyValue | undefined;
      delimiter: string;
      strip: string;
      postProcess: PyValue | undefined;
    }
  | { tag: 'choices'; flat: PyValue[]; cast: PyValue | undefined }
  | {
      tag: 'class';
      name: string;
      attrs: Map<string, PyValue>;
      bases: PyValue[];
      annotations: Map<string, string>;
    }
  | { tag: 'instance'; cls: ObjectData & { tag: 'class' }; attrs: Map<string, PyValue> }
  | { tag: 'namespace'; which: 'locals' | 'globals' }
  /** django-split-settings `optional('file.py')`: included only if it exists. */
  | { tag: 'optional'; pattern: PyValue };

/** Where an env-derived value came from (kept beside values in a WeakMap). */
export interface EnvOrigin {
  envVar: string;
  usedDefault: boolean;
  defaultText?: string;
}

/** A Python exception raised while evaluating, that an enclosing `try` may catch. */
export class PyRaise extends Error {
  constructor(
    readonly excType: string,
    readonly detail: string,
    readonly line: number,
    /** The env variable whose value made it raise, if any. */
    readonly envVar?: string,
    /** The file the exception was raised in (the statement reporting it may be elsewhere). */
    readonly file?: string,
  ) {
    super(`${excType}: ${detail}`);
  }
}

/** Something the evaluator does not model; the enclosing top-level statement's targets go Unknown. */
export class Unmodelled extends Error {
  constructor(
    readonly reason: string,
    /** The env var the unmodelled value depends on, if known. */
    readonly envVar?: string,
  ) {
    super(reason);
  }
}

/** A global bound (steps) was hit: evaluation stops. */
export class BoundExceeded extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export type Completion =
  undefined | { type: 'return'; value: PyValue } | { type: 'break' } | { type: 'continue' };

/** Python's exception hierarchy, as far as settings code catches it. */
const EXCEPTION_PARENTS: Record<string, string> = {
  ModuleNotFoundError: 'ImportError',
  ImportError: 'Exception',
  KeyError: 'LookupError',
  IndexError: 'LookupError',
  LookupError: 'Exception',
  ValueError: 'Exception',
  TypeError: 'Exception',
  AttributeError: 'Exception',
  ZeroDivisionError: 'ArithmeticError',
  ArithmeticError: 'Exception',
  ImproperlyConfigured: 'Exception',
  UndefinedValueError: 'Exception',
  AssertionError: 'Exception',
  RuntimeError: 'Exception',
  NameError: 'Exception',
  OSError: 'Exception',
  FileNotFoundError: 'OSError',
  Exception: 'BaseException',
};

export function exceptionMatches(raised: string, handler: string): boolean {
  for (let t: string | undefined = raised; t !== undefined; t = EXCEPTION_PARENTS[t])
    if (t === handler) return true;
  return handler === 'BaseException';
}

/** Reasons produced by the evaluation limits (EvalLimits) or by too-large arithmetic. */
export function isBoundReason(reason: string): boolean {
  return /\bmax[A-Z]\w+ \(\d+\)|too large to evaluate/.test(reason);
}
