/**
 * What the library models (library/) may ask of the interpreter: a small interface, so that
 * models never import the interpreter (no import cycle) and the interpreter reaches the models
 * only through the registry (library/index.ts).
 */
import type { SyntaxNode } from '@lezer/common';
import type { Diagnostic } from '../snapshot';
import type { PyValue } from '../value';
import type { Frame, EnvEntry, EnvOrigin, ObjectData } from './model';
import type { EvalLimits, EvaluateOptions } from './options';

/** The arguments of a call, with their source nodes (for defaults quoted in messages). */
export interface Args {
  pos: PyValue[];
  kw: Map<string, PyValue>;
  posNodes: (SyntaxNode | undefined)[];
  kwNodes: Map<string, SyntaxNode>;
  source: string;
}

export interface Host {
  readonly options: EvaluateOptions;
  readonly limits: EvalLimits;
  /** The process environment as the settings see it (os.environ after their own changes). */
  env: Map<string, EnvEntry>;
  readonly filesRead: string[];
  /** Values produced by a generator of random secrets, with the generator's name. */
  readonly generated: WeakMap<object, string>;
  /** The value `contextlib.nullcontext(v)` enters with. */
  readonly nullContexts: WeakMap<PyValue, PyValue>;
  /** File and line of the statement being run. */
  file: string;
  line: number;

  diag(severity: Diagnostic['severity'], message: string, line?: number, file?: string): void;
  warnOnce(key: string, message: string): void;
  /** Raises a Python exception (caught by an enclosing `try`, else ends the statement). */
  raiseOrUnknown(excType: string, detail: string, envVar?: string): never;
  /** An exception reported on one value only (the others stay known). */
  failedValue(excType: string, detail: string, envVar?: string): PyValue;
  isCaught(excType: string): boolean;
  markIncomplete(reason: string): void;

  derive(result: PyValue, ...inputs: PyValue[]): PyValue;
  withOrigin(value: PyValue, origin: EnvOrigin | undefined): PyValue;
  originOf(value: PyValue): EnvOrigin | undefined;
  recordEnvRead(name: string, defaultText: string | undefined, setNow: boolean): void;
  envValue(name: string, entry: EnvEntry): PyValue;
  envDefault(name: string, value: PyValue, defaultText: string | undefined): PyValue;
  recordCall(callee: string, args: Args): void;

  binary(op: string, a: PyValue, b: PyValue): PyValue;
  callValue(callee: PyValue, args: Args, node: SyntaxNode | undefined, frame: Frame): PyValue;
  evalExpr(node: SyntaxNode, frame: Frame): PyValue;
  includeFile(file: string, frame: Frame): void;
  /**
   * `import dotted` as the import statement does it (parents first, repository modules run once
   * through the confined reader, others opaque); a repository module not found raises.
   */
  importModule(dotted: string, frame: Frame): PyValue;
  /** `importlib.util.module_from_spec` of a repository file: a module not run yet. */
  newModule(name: string, file: string): PyValue;
  /** `spec.loader.exec_module(module)`: runs the repository file in the module (may raise). */
  execModuleFile(module: PyValue, file: string): void;

  findAttribute(obj: PyValue, name: string): PyValue | undefined;
  attributeNames(obj: PyValue): string[] | undefined;
  setAttribute(obj: PyValue, name: string, value: PyValue): boolean;
  hasOnlyModelledBases(cls: ObjectData & { tag: 'class' }): boolean;
  instantiateClass(
    clsValue: PyValue,
    cls: ObjectData & { tag: 'class' },
    args: Args,
    frame: Frame,
  ): PyValue;
  productionArgv(): PyValue;
  /** The members of an Enum class, in order; undefined for anything else. */
  enumMembers(value: PyValue): PyValue[] | undefined;
}
