/**
 * The settings interpreter: walks module-level statements in order over PyValue, never running
 * project code. Anything not modelled becomes Unknown with a reason; nothing is guessed.
 *
 * Syntax errors: lezer recovers, so a broken file still has a tree. A statement that directly
 * contains a syntax error is NOT run; the names it would assign become Unknown ("syntax error at
 * file:line"), and the rest of the file is evaluated normally.
 */
import { posix } from 'node:path';
import type { SyntaxNode } from '@lezer/common';
import type {
  Diagnostic,
  EnvRead,
  RecordedCall,
  SettingValue,
  SettingsSnapshot,
} from '../snapshot';
import type { Provenance, PyValue } from '../value';
import { unknown } from '../value';
import type { ParsedModule } from '../python/parse';
import { isStatementNode, parsePython } from '../python/parse';
import type { EvalLimits, EvaluateOptions } from './options';
import { REPO_ROOT } from './paths';
import type {
  Binding,
  Completion,
  Frame,
  EnvEntry,
  EnvOrigin,
  ModuleState,
  ObjectData,
  Param,
} from './model';
import { BoundExceeded, exceptionMatches, PyRaise } from './model';
import { resolveModuleFile } from './modules';
import { dataOf, opaque, strValue } from './ops';
import type { Args } from './host';

import * as statements from './statements';

import * as branches from './branches';

import * as imports from './imports';

import * as objects from './objects';

import * as expressions from './expressions';

import * as exporting from './export';

import { hasOnlyModelledBases } from './objects';

import { exportValue } from './export';

import type { Evaluator } from './evaluator';

/** Python's `str.isupper()`: at least one cased character and no lower-case one. */
export function isSettingName(name: string): boolean {
  return name !== name.toLowerCase() && name === name.toUpperCase();
}

export class Interpreter implements Evaluator {
  readonly diagnostics: Diagnostic[] = [];
  readonly envReads: EnvRead[] = [];
  readonly calls: RecordedCall[] = [];
  readonly filesRead: string[] = [];
  /** The process environment as the settings see it (os.environ, after setdefault etc.). */
  env = new Map<string, EnvEntry>();
  readonly origins = new WeakMap<object, EnvOrigin>();
  readonly literalLocations = new WeakMap<PyValue, { file: string; line: number }>();
  /** Values produced by a generator of random secrets (get_random_secret_key()). */
  readonly generated = new WeakMap<object, string>();
  readonly modules = new Map<string, ModuleState>();
  steps = 0;
  callDepth = 0;
  stopped: string | undefined;
  /** Handler type lists of the enclosing `try` statements, innermost last. */
  readonly catching: string[][] = [];
  private readonly warnedOnce = new Set<string>();
  /** Line of the statement being run (for diagnostics from deep inside expressions). */
  line = 0;
  file = '';

  constructor(
    readonly options: EvaluateOptions,
    readonly limits: EvalLimits,
  ) {
    for (const [k, v] of Object.entries(options.env)) this.env.set(k, { value: v });
  }

  // ---------------------------------------------------------------- diagnostics & signals

  diag(
    severity: Diagnostic['severity'],
    message: string,
    line = this.line,
    file = this.file,
  ): void {
    if (this.diagnostics.length > 500) return;
    this.diagnostics.push({ severity, file, line, message });
  }

  warnOnce(key: string, message: string): void {
    if (this.warnedOnce.has(key)) return;
    this.warnedOnce.add(key);
    this.diag('warning', message);
  }

  /** Whether an enclosing `try` would catch this exception type. */
  isCaught(excType: string): boolean {
    return this.catching.some((handlers) => handlers.some((h) => exceptionMatches(excType, h)));
  }

  /**
   * A Python exception: raised when an enclosing `try` catches it; otherwise reported as "settings
   * import would fail" and evaluation continues with an Unknown in its place.
   */
  /**
   * An exception a library model reports on one value only (a pydantic field that fails
   * validation): raised when an enclosing `try` catches it; otherwise a "settings import would
   * fail" warning and an Unknown in the value's place, so the other fields stay known.
   */
  failedValue(excType: string, detail: string, envVar?: string): PyValue {
    if (this.isCaught(excType)) throw new PyRaise(excType, detail, this.line, envVar, this.file);
    this.diag('warning', `settings import would fail: ${excType} ${detail}`);
    return unknown(`${excType} ${detail}`, envVar);
  }

  raiseOrUnknown(excType: string, detail: string, envVar?: string): never {
    // Uncaught, it still ends the statement as in CPython (nothing after it in that statement
    // runs); execTopLevel reports "settings import would fail" and makes its targets Unknown.
    throw new PyRaise(excType, detail, this.line, envVar, this.file);
  }

  tick(): void {
    if (++this.steps > this.limits.maxSteps) {
      throw new BoundExceeded(`evaluation exceeded maxSteps (${this.limits.maxSteps})`);
    }
    if ((this.steps & 0xfff) === 0) this.checkTime();
  }

  private readonly startedAt = Date.now();
  /** Characters parsed so far in this evaluation (EvalLimits.maxSourceChars). */
  private parsedChars = 0;

  private checkTime(): void {
    if (Date.now() - this.startedAt > this.limits.maxMillis)
      throw new BoundExceeded(`evaluation exceeded maxMillis (${this.limits.maxMillis})`);
  }

  /**
   * Whether `file` (of `length` characters) may still be parsed within the evaluation's total
   * budget; if not, says so once and marks the evaluation incomplete.
   */
  private withinSourceBudget(file: string, length: number): boolean {
    if (this.parsedChars + length > this.limits.maxSourceChars || this.stopped !== undefined) {
      this.diag(
        'warning',
        `${file} not evaluated: the settings and their imports exceed the evaluation budget of maxSourceChars (${this.limits.maxSourceChars}) characters; its settings are unknown`,
        1,
        file,
      );
      this.markIncomplete(`${file} not evaluated (evaluation budget)`);
      return false;
    }
    if (Date.now() - this.startedAt > this.limits.maxMillis) {
      this.diag(
        'warning',
        `${file} not evaluated: the evaluation exceeded maxMillis (${this.limits.maxMillis}); its settings are unknown`,
        1,
        file,
      );
      this.markIncomplete(`${file} not evaluated (evaluation budget)`);
      return false;
    }
    this.parsedChars += length;
    return true;
  }

  // ---------------------------------------------------------------- provenance helpers

  withOrigin(value: PyValue, origin: EnvOrigin | undefined): PyValue {
    if (!origin) return value;
    if (this.origins.has(value)) return value;
    const target = isScalar(value) ? { ...value } : value;
    this.origins.set(target, origin);
    const gen = this.generated.get(value);
    if (gen !== undefined) this.generated.set(target, gen);
    return target;
  }

  originOf(value: PyValue): EnvOrigin | undefined {
    return (
      this.origins.get(value) ??
      (value.kind === 'unknown' && value.envVar
        ? { envVar: value.envVar, usedDefault: false }
        : undefined)
    );
  }

  /** Attaches the first env origin (and generated mark) among inputs to a derived result. */
  derive(result: PyValue, ...inputs: PyValue[]): PyValue {
    if (this.origins.has(result)) return result;
    let out = result;
    for (const input of inputs) {
      const origin = this.origins.get(input);
      if (origin) {
        out = this.withOrigin(out, origin);
        break;
      }
    }
    if (result.kind === 'unknown' && result.envVar === undefined) {
      const envVar = inputs.map((i) => this.originOf(i)?.envVar).find((e) => e !== undefined);
      if (envVar !== undefined) out = this.withOrigin({ ...result, envVar }, this.origins.get(out));
    }
    for (const input of inputs) {
      const gen = this.generated.get(input);
      if (gen !== undefined && out.kind === 'str') {
        if (out === result && isScalar(out)) out = { ...out };
        this.generated.set(out, gen);
        const origin = this.origins.get(result);
        if (origin) this.origins.set(out, origin);
        break;
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- env

  envLookup(name: string): EnvEntry | undefined {
    return this.env.get(name);
  }

  /**
   * Records an env read. `isSet` follows the EnvRead contract: whether the production environment
   * given to the run sets it (not a value the settings themselves put in os.environ or read from
   * a committed .env file; those show up in the value's provenance instead).
   */
  recordEnvRead(name: string, defaultText: string | undefined, _setNow: boolean): void {
    const isSet = Object.prototype.hasOwnProperty.call(this.options.env, name);
    const read: EnvRead = { name, file: this.file, line: this.line, isSet };
    if (defaultText !== undefined) read.defaultText = defaultText;
    if (this.envReads.length < 10_000) this.envReads.push(read);
  }

  /** A str read from env (or Unknown when a merged branch made it undecidable). */
  envValue(name: string, entry: EnvEntry): PyValue {
    if ('unknown' in entry) return unknown(entry.unknown, name);
    return this.withOrigin(strValue(entry.value), { envVar: name, usedDefault: false });
  }

  /** A code default used because the env var is unset. */
  envDefault(name: string, value: PyValue, defaultText: string | undefined): PyValue {
    const origin: EnvOrigin = { envVar: name, usedDefault: true };
    if (defaultText !== undefined) origin.defaultText = defaultText;
    if (value.kind === 'unknown') return { ...value, envVar: value.envVar ?? name };
    return this.withOrigin(isScalar(value) ? value : value, origin);
  }

  // ---------------------------------------------------------------- modules

  run(): SettingsSnapshot {
    const { module, pythonPaths, files } = this.options;
    const file = resolveModuleFile(module, pythonPaths, files);
    const snapshot: SettingsSnapshot = {
      module,
      file: file ?? '',
      settings: new Map(),
      envReads: this.envReads,
      diagnostics: this.diagnostics,
      filesRead: this.filesRead,
      calls: this.calls,
      literalLocations: this.literalLocations,
    };
    if (file === undefined) {
      this.diag(
        'error',
        `settings module ${module} not found in the repository`,
        1,
        module.split('.').join('/') + '.py',
      );
      return snapshot;
    }
    const state = this.loadModule(module, file);
    if (this.incomplete.length) snapshot.incomplete = this.incomplete;
    if (!state) return snapshot;
    for (const [name, binding] of state.namespace) {
      if (!isSettingName(name)) continue;
      snapshot.settings.set(name, this.toSettingValue(binding));
    }
    return snapshot;
  }

  /** Loads (once) and runs a repository module; returns its state (partial while circular). */
  loadModule(name: string, file: string): ModuleState | undefined {
    const cached = this.modules.get(file);
    if (cached) return cached;
    const parsed = this.parseModuleFile(file);
    if (!parsed) return undefined;
    const state = newModuleState(name, file, parsed);
    this.modules.set(file, state);
    this.runModuleState(state);
    return state;
  }

  /**
   * A repository file read through the confined reader and parsed, within the evaluation's
   * budget; undefined (with a warning) when it cannot be read or is too large.
   */
  private parseModuleFile(file: string): ParsedModule | undefined {
    const source = this.options.files.read(file);
    if (source === undefined) {
      this.diag(
        'warning',
        `cannot read ${file} (binary or unreadable); treated as unknown`,
        1,
        file,
      );
      return undefined;
    }
    if (source.length > MAX_SOURCE_CHARS) {
      // No settings module is this large; parsing it could take seconds.
      this.diag(
        'warning',
        `${file} is ${source.length} characters, over the ${MAX_SOURCE_CHARS} limit; not evaluated (its settings are unknown)`,
        1,
        file,
      );
      return undefined;
    }
    if (!this.withinSourceBudget(file, source.length)) return undefined;
    this.filesRead.push(file);
    const parsed = parsePython(source, file);
    this.diagnostics.push(...parsed.diagnostics);
    return parsed;
  }

  /** Runs a module's statements in its namespace, with `file`/`line` restored after. */
  private runModuleState(state: ModuleState): void {
    const savedFile = this.file;
    const savedLine = this.line;
    this.file = state.file;
    state.done = false;
    try {
      this.execModule(state);
    } finally {
      state.done = true;
      this.file = savedFile;
      this.line = savedLine;
    }
  }

  /**
   * `importlib.util.module_from_spec(spec)` for a repository file: a new module object, not run
   * and not in `sys.modules` (the caller may put it there).
   */
  newModule(name: string, file: string): PyValue {
    const state = newModuleState(name, file, parsePython('', file));
    this.notYetExecuted.add(state);
    return opaque('module', { tag: 'module', state }, name);
  }

  /**
   * `spec.loader.exec_module(module)`: runs the repository file in the module's namespace (each
   * call runs it again, as CPython does). A file that does not exist raises FileNotFoundError; one
   * that cannot be read leaves the module's names unknown (the evaluation is incomplete).
   */
  execModuleFile(module: PyValue, file: string): void {
    const d = dataOf(module);
    if (d?.tag !== 'module') {
      this.markIncomplete(`exec_module() of an object that is not a module`);
      return;
    }
    if (!this.options.files.exists(file) || this.options.files.isDirectory(file))
      this.raiseOrUnknown(
        this.options.files.isDirectory(file) ? 'IsADirectoryError' : 'FileNotFoundError',
        `[Errno 2] No such file or directory: '${REPO_ROOT}/${file}'`,
      );
    // A module runs here once, fresh from module_from_spec: running a file again over functions
    // defined from another parse is not modelled.
    if (!this.notYetExecuted.has(d.state)) {
      this.markIncomplete(`exec_module() of ${file} on a module already run`);
      return;
    }
    this.notYetExecuted.delete(d.state);
    const parsed = this.parseModuleFile(file);
    if (!parsed) {
      this.markIncomplete(`exec_module() of ${file} not evaluated`);
      return;
    }
    d.state.parsed = parsed;
    this.runModuleState(d.state);
  }

  /** Modules made by module_from_spec whose file has not run yet. */
  private readonly notYetExecuted = new WeakSet<ModuleState>();

  private execModule(state: ModuleState): void {
    const frame: Frame = { module: state, scope: undefined };
    for (const node of state.parsed.statements) {
      if (!isStatementNode(node.name) && node.name !== 'DecoratedStatement') continue;
      this.execTopLevel(node, frame);
    }
  }

  /**
   * django-split-settings `include(...)`: runs another file's statements in the caller's module
   * namespace (its `__file__` stays the caller's). Provenance names the included file.
   */
  includeFile(file: string, frame: Frame): void {
    const caller = frame.module;
    if (this.including.has(file)) {
      this.diag('warning', `include() of ${file} from itself; skipped`);
      return;
    }
    const source = this.options.files.read(file);
    if (source === undefined || source.length > MAX_SOURCE_CHARS) {
      this.diag('warning', `include(): cannot read ${file}; its settings are unknown`);
      this.markIncomplete(`include() of ${file} not evaluated`);
      return;
    }
    if (!this.withinSourceBudget(file, source.length)) return;
    this.filesRead.push(file);
    const parsed = parsePython(source, file);
    this.diagnostics.push(...parsed.diagnostics);
    const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
    const view: ModuleState = {
      ...caller,
      file,
      dir,
      parsed,
      literals: new Map<number, PyValue>(),
    };
    const savedFile = this.file;
    const savedLine = this.line;
    this.including.add(file);
    try {
      this.file = file;
      this.execModule(view);
    } finally {
      this.including.delete(file);
      this.file = savedFile;
      this.line = savedLine;
    }
  }

  private readonly including = new Set<string>();

  // ---------------------------------------------------------------- helpers on nodes

  text(node: SyntaxNode, frame: Frame): string {
    return frame.module.parsed.source.slice(node.from, node.to);
  }

  lineOf(node: SyntaxNode, frame: Frame): number {
    return frame.module.parsed.lineAt(node.from);
  }

  /** Source text of a node, shortened for messages. */
  snippet(node: SyntaxNode, frame: Frame): string {
    const t = this.text(node, frame).replace(/\s+/g, ' ');
    return t.length > 60 ? `${t.slice(0, 57)}...` : t;
  }

  insideOptionalImport = false;

  /** The value `contextlib.nullcontext(v)` enters with. */
  readonly nullContexts = new WeakMap<PyValue, PyValue>();

  /**
   * The production process model: settings are imported by a WSGI/ASGI server, not by
   * `manage.py` or a test runner. `DJANGO_DEPLOY_GUARD_ARGV` in the env profile (space
   * separated) replaces the default `gunicorn wsgi:application`.
   */
  productionArgv(): PyValue {
    const given = this.options.env.DJANGO_DEPLOY_GUARD_ARGV;
    const argv = given !== undefined ? given.split(/\s+/).filter(Boolean) : PRODUCTION_ARGV;
    return { kind: 'list', items: argv.map(strValue) };
  }

  /**
   * Records that a statement's effect on the settings is not known (it failed, or it may set
   * names the evaluator cannot see): settings the module does not set are then not Django's
   * defaults as a fact (createCheckContext makes them undecided).
   */
  markIncomplete(reason: string): void {
    if (this.incomplete.length < 50)
      this.incomplete.push({ file: this.file, line: this.line, reason });
  }

  readonly incomplete: { file: string; line: number; reason: string }[] = [];

  hasOnlyModelledBases(cls: ObjectData & { tag: 'class' }): boolean {
    return hasOnlyModelledBases(cls);
  }

  readonly classValues = new WeakMap<object, PyValue>();

  readonly classProvs = new WeakMap<Map<string, PyValue>, Map<string, Provenance>>();

  readonly enumMemberCache = new WeakMap<object, Map<string, PyValue>>();

  /** Records a call to a non-modelled callee (for hardening rules such as sentry's send_default_pii). */
  recordCall(callee: string, args: Args): void {
    if (this.calls.length > 1000) return;
    const keywords = new Map<string, PyValue>();
    for (const [k, v] of args.kw) keywords.set(k, exportValue(v, 0));
    this.calls.push({ callee, file: this.file, line: this.line, keywords });
  }

  /** The module state of the file currently being evaluated. */
  currentModule(frame: Frame): ModuleState {
    return frame.module;
  }

  // ---------------------------------------------------------------- seams

  toSettingValue(binding: Binding): SettingValue {
    return exporting.toSettingValue(this, binding);
  }

  execTopLevel(node: SyntaxNode, frame: Frame): void {
    return statements.execTopLevel(this, node, frame);
  }

  execBody(body: SyntaxNode, frame: Frame): Completion {
    return statements.execBody(this, body, frame);
  }

  execStatement(node: SyntaxNode, frame: Frame): Completion {
    return statements.execStatement(this, node, frame);
  }

  evalExprList(parts: SyntaxNode[], frame: Frame): PyValue {
    return statements.evalExprList(this, parts, frame);
  }

  assignTargetList(parts: SyntaxNode[], value: PyValue, frame: Frame): void {
    return statements.assignTargetList(this, parts, value, frame);
  }

  assignTarget(target: SyntaxNode, value: PyValue, frame: Frame): void {
    return statements.assignTarget(this, target, value, frame);
  }

  touchRoot(node: SyntaxNode, frame: Frame, replacement?: PyValue): void {
    return statements.touchRoot(this, node, frame, replacement);
  }

  bindName(name: string, value: PyValue, frame: Frame, line: number): void {
    return statements.bindName(this, name, value, frame, line);
  }

  lookupBinding(name: string, frame: Frame): Binding | undefined {
    return statements.lookupBinding(this, name, frame);
  }

  binary(op: string, a: PyValue, b: PyValue): PyValue {
    return expressions.binary(this, op, a, b);
  }

  concatFacts(a: PyValue, b: PyValue): PyValue | undefined {
    return expressions.concatFacts(this, a, b);
  }

  execIf(node: SyntaxNode, frame: Frame): Completion {
    return branches.execIf(this, node, frame);
  }

  iterateOrUnmodelled(value: PyValue, what: string): PyValue[] {
    return statements.iterateOrUnmodelled(this, value, what);
  }

  execTry(node: SyntaxNode, frame: Frame): Completion {
    return branches.execTry(this, node, frame);
  }

  optionalThirdPartyImport(body: SyntaxNode, frame: Frame): string | undefined {
    return imports.optionalThirdPartyImport(this, body, frame);
  }

  execImport(node: SyntaxNode, frame: Frame): void {
    return imports.execImport(this, node, frame);
  }

  importModule(dotted: string, frame: Frame, mustBeLocal = false, quiet = false): PyValue {
    return imports.importModule(this, dotted, frame, mustBeLocal, quiet);
  }

  defineFunction(node: SyntaxNode, frame: Frame): void {
    return objects.defineFunction(this, node, frame);
  }

  parseParams(list: SyntaxNode, frame: Frame): Param[] {
    return objects.parseParams(this, list, frame);
  }

  defineClass(node: SyntaxNode, frame: Frame): void {
    return objects.defineClass(this, node, frame);
  }

  execDecorated(node: SyntaxNode, frame: Frame): void {
    return objects.execDecorated(this, node, frame);
  }

  findAttribute(obj: PyValue, name: string): PyValue | undefined {
    return objects.findAttribute(this, obj, name);
  }

  attributeNames(obj: PyValue): string[] | undefined {
    return objects.attributeNames(this, obj);
  }

  setAttribute(obj: PyValue, name: string, value: PyValue): boolean {
    return objects.setAttribute(this, obj, name, value);
  }

  loadedModule(name: string): PyValue | undefined {
    return imports.loadedModule(this, name);
  }

  isModuleLoaded(name: string): boolean | undefined {
    return imports.isModuleLoaded(this, name);
  }

  instantiateClass(
    _clsValue: PyValue,
    cls: ObjectData & { tag: 'class' },
    args: Args,
    _ctx: Frame,
  ): PyValue {
    return objects.instantiateClass(this, _clsValue, cls, args, _ctx);
  }

  callFunction(fn: ObjectData & { tag: 'function' }, args: Args, boundSelf?: PyValue): PyValue {
    return objects.callFunction(this, fn, args, boundSelf);
  }

  evalExpr(node: SyntaxNode, frame: Frame): PyValue {
    return expressions.evalExpr(this, node, frame);
  }

  evalDisplay(kind: 'list' | 'tuple' | 'set', parts: SyntaxNode[], frame: Frame): PyValue {
    return expressions.evalDisplay(this, kind, parts, frame);
  }

  evalSubscriptKey(_node: SyntaxNode, keyNode: SyntaxNode, frame: Frame): PyValue {
    return expressions.evalSubscriptKey(this, _node, keyNode, frame);
  }

  getAttr(obj: PyValue, name: string, _node: SyntaxNode, frame: Frame): PyValue {
    return objects.getAttr(this, obj, name, _node, frame);
  }

  classAttrProv(attrs: Map<string, PyValue>, name: string, frame: Frame): Provenance {
    return objects.classAttrProv(this, attrs, name, frame);
  }

  enumMembers(value: PyValue): PyValue[] | undefined {
    return objects.enumMembers(this, value);
  }

  evalArgs(argList: SyntaxNode, frame: Frame): Args {
    return expressions.evalArgs(this, argList, frame);
  }

  callValue(callee: PyValue, args: Args, node: SyntaxNode | undefined, frame: Frame): PyValue {
    return expressions.callValue(this, callee, args, node, frame);
  }
}

/** `sys.argv` of the production process model (Interpreter.productionArgv). */
const PRODUCTION_ARGV = ['gunicorn', 'wsgi:application'];

/** Largest Python file evaluated (lezer parses roughly 2–6 MB/s). */
const MAX_SOURCE_CHARS = 2_000_000;

/** A module's state before its statements run: the dunder names CPython sets. */
function newModuleState(name: string, file: string, parsed: ParsedModule): ModuleState {
  const isPackage = file.endsWith('/__init__.py') || file === '__init__.py';
  const state: ModuleState = {
    name,
    file,
    dir: posix.dirname(file) === '.' ? '' : posix.dirname(file),
    isPackage,
    parsed,
    namespace: new Map(),
    done: false,
  };
  const provenance = { file, line: 1 };
  state.namespace.set('__file__', { value: strValue(`${REPO_ROOT}/${file}`), provenance });
  state.namespace.set('__name__', { value: strValue(name), provenance });
  if (isPackage)
    state.namespace.set('__path__', {
      value: { kind: 'list', items: [strValue(`${REPO_ROOT}/${posix.dirname(file)}`)] },
      provenance,
    });
  state.namespace.set('__package__', {
    value: strValue(isPackage ? name : name.split('.').slice(0, -1).join('.')),
    provenance,
  });
  return state;
}

function isScalar(v: PyValue): boolean {
  return v.kind !== 'list' && v.kind !== 'dict' && v.kind !== 'set' && v.kind !== 'opaque';
}

export function runEvaluation(options: EvaluateOptions, limits: EvalLimits): SettingsSnapshot {
  const interpreter = new Interpreter(options, limits);
  try {
    return interpreter.run();
  } catch (err) {
    // Never throw on project input: a failure here is an evaluator bug; report it as a diagnostic.
    const snapshot: SettingsSnapshot = {
      module: options.module,
      file: resolveModuleFile(options.module, options.pythonPaths, options.files) ?? '',
      settings: new Map(),
      envReads: interpreter.envReads,
      diagnostics: interpreter.diagnostics,
      filesRead: interpreter.filesRead,
      calls: interpreter.calls,
    };
    snapshot.diagnostics.push({
      severity: 'error',
      file: snapshot.file,
      line: 1,
      message: `settings evaluation failed: ${err instanceof Error ? err.message : String(err)}`,
    });
    return snapshot;
  }
}

export { exportValue, unknown };

export type { ParsedModule };
