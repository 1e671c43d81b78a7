/**
 * What the evaluator's seams (statements, branches, imports, expressions, objects, export) may ask
 * of one another and of the interpreter's state. The interpreter implements it; the seam modules
 * import only this type, never the interpreter or each other's stateful functions, so
 * src/settings/eval stays free of import cycles (the library models see the narrower Host).
 */
import type { SyntaxNode } from '@lezer/common';
import type { Provenance, PyValue } from '../value';
import type { Args, Host } from './host';
import type {
  Binding,
  Completion,
  Frame,
  EnvOrigin,
  ModuleState,
  ObjectData,
  Param,
} from './model';

export interface Evaluator extends Host {
  execBody(body: SyntaxNode, frame: Frame): Completion;
  execStatement(node: SyntaxNode, frame: Frame): Completion;
  evalExprList(parts: SyntaxNode[], frame: Frame): PyValue;
  assignTargetList(parts: SyntaxNode[], value: PyValue, frame: Frame): void;
  assignTarget(target: SyntaxNode, value: PyValue, frame: Frame): void;
  touchRoot(node: SyntaxNode, frame: Frame, replacement?: PyValue): void;
  bindName(name: string, value: PyValue, frame: Frame, line: number): void;
  lookupBinding(name: string, frame: Frame): Binding | undefined;
  concatFacts(a: PyValue, b: PyValue): PyValue | undefined;
  execIf(node: SyntaxNode, frame: Frame): Completion;
  iterateOrUnmodelled(value: PyValue, what: string): PyValue[];
  execTry(node: SyntaxNode, frame: Frame): Completion;
  optionalThirdPartyImport(body: SyntaxNode, frame: Frame): string | undefined;
  execImport(node: SyntaxNode, frame: Frame): void;
  importModule(dotted: string, frame: Frame, mustBeLocal?: boolean, quiet?: boolean): PyValue;
  defineFunction(node: SyntaxNode, frame: Frame): void;
  parseParams(list: SyntaxNode, frame: Frame): Param[];
  defineClass(node: SyntaxNode, frame: Frame): void;
  execDecorated(node: SyntaxNode, frame: Frame): void;
  loadedModule(name: string): PyValue | undefined;
  isModuleLoaded(name: string): boolean | undefined;
  callFunction(fn: ObjectData & { tag: 'function' }, args: Args, boundSelf?: PyValue): PyValue;
  evalDisplay(kind: 'list' | 'tuple' | 'set', parts: SyntaxNode[], frame: Frame): PyValue;
  evalSubscriptKey(_node: SyntaxNode, keyNode: SyntaxNode, frame: Frame): PyValue;
  getAttr(obj: PyValue, name: string, _node: SyntaxNode, frame: Frame): PyValue;
  classAttrProv(attrs: Map<string, PyValue>, name: string, frame: Frame): Provenance;
  evalArgs(argList: SyntaxNode, frame: Frame): Args;
  callDepth: number;
  readonly catching: string[][];
  readonly classProvs: WeakMap<Map<string, PyValue>, Map<string, Provenance>>;
  readonly classValues: WeakMap<object, PyValue>;
  readonly enumMemberCache: WeakMap<object, Map<string, PyValue>>;
  insideOptionalImport: boolean;
  lineOf(node: SyntaxNode, frame: Frame): number;
  loadModule(name: string, file: string): ModuleState | undefined;
  readonly modules: Map<string, ModuleState>;
  readonly origins: WeakMap<object, EnvOrigin>;
  /** Where each str literal's value was written (SettingsSnapshot.literalLocations). */
  readonly literalLocations: WeakMap<PyValue, { file: string; line: number }>;
  snippet(node: SyntaxNode, frame: Frame): string;
  steps: number;
  stopped: string | undefined;
  text(node: SyntaxNode, frame: Frame): string;
  tick(): void;
}
