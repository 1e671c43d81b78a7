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
import type { KnownFacts, Provenance, PyValue } from '../value';
import { NONE, unknown } from '../value';
import { commonFacts, factsOf, pyEquals } from '../value-ops';
import type { ParsedModule } from '../python/parse';
import { firstKid, isStatementNode, lastKid, nextKid, parsePython } from '../python/parse';
import type { EvalLimits, EvaluateOptions } from './options';
import { pathValue, REPO_ROOT } from './paths';
import type {
  Binding,
  Completion,
  Ctx,
  EnvEntry,
  EnvOrigin,
  ModuleState,
  ObjectData,
  Param,
  Scope,
} from './model';
import { BoundExceeded, exceptionMatches, PyRaise, Unmodelled } from './model';
import { findInDir, normalizeDir, resolveModuleFile } from './modules';
import {
  binaryOp,
  bool,
  compare,
  contains,
  dataOf,
  dictSet,
  externalPath,
  formatValue,
  isIdentical,
  iterate,
  mkFloat,
  mkInt,
  mkStr,
  normIndex,
  OpError,
  opaque,
  pyRepr,
  pyStr,
  reprOf,
  sliceIndices,
  truthy,
  typeName,
} from './ops';
import { decodeEscapes, splitStringLiteral } from './strings';
import type { Args, Host } from './host';
import {
  callExternal,
  callMethod,
  getExternalAttr,
  MODELLED_MODULES,
  notModelledLibrary,
} from './library';

/** Python's `str.isupper()`: at least one cased character and no lower-case one. */
export function isSettingName(name: string): boolean {
  return name !== name.toLowerCase() && name === name.toUpperCase();
}

const BUILTIN_NAMES = new Set([
  'int',
  'bool',
  'str',
  'float',
  'len',
  'list',
  'tuple',
  'set',
  'frozenset',
  'dict',
  'sorted',
  'min',
  'max',
  'any',
  'all',
  'isinstance',
  'range',
  'repr',
  'print',
  'abs',
  'sum',
  'enumerate',
  'zip',
  'reversed',
  'bytes',
  'type',
  'open',
  'locals',
  'globals',
  'exec',
  'eval',
  'setattr',
  'getattr',
  'hasattr',
  'callable',
  'format',
  'map',
  'filter',
  'round',
  'hash',
  'id',
  'iter',
  'next',
  'vars',
  'object',
  'super',
  'property',
  'staticmethod',
  'classmethod',
  '__import__',
  'Exception',
  'BaseException',
  'ValueError',
  'KeyError',
  'ImportError',
  'ModuleNotFoundError',
  'TypeError',
  'AttributeError',
  'IndexError',
  'LookupError',
  'RuntimeError',
  'OSError',
  'FileNotFoundError',
  'NameError',
  'AssertionError',
  'NotImplementedError',
  'ZeroDivisionError',
  'ord',
  'chr',
  'divmod',
  'pow',
  'slice',
]);

export class Interpreter implements Host {
  readonly diagnostics: Diagnostic[] = [];
  readonly envReads: EnvRead[] = [];
  readonly calls: RecordedCall[] = [];
  readonly filesRead: string[] = [];
  /** The process environment as the settings see it (os.environ, after setdefault etc.). */
  env = new Map<string, EnvEntry>();
  readonly origins = new WeakMap<object, EnvOrigin>();
  /** Values produced by a generator of random secrets (get_random_secret_key()). */
  readonly generated = new WeakMap<object, string>();
  private readonly modules = new Map<string, ModuleState>();
  private steps = 0;
  private callDepth = 0;
  private stopped: string | undefined;
  /** Handler type lists of the enclosing `try` statements, innermost last. */
  private readonly catching: string[][] = [];
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

  private tick(): void {
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
    return this.withOrigin(mkStr(entry.value), { envVar: name, usedDefault: false });
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

  private toSettingValue(binding: Binding): SettingValue {
    const prov: Provenance = { file: binding.prov.file, line: binding.prov.line };
    const origin = this.originOf(binding.value);
    if (origin) {
      prov.envVar = origin.envVar;
      if (origin.usedDefault) prov.usedDefault = true;
      if (origin.defaultText !== undefined) prov.defaultText = origin.defaultText;
    }
    const gen = this.generated.get(binding.value);
    if (gen !== undefined) prov.generatedBy = gen;
    return { value: exportValue(binding.value, 0), provenance: prov };
  }

  /** Loads (once) and runs a repository module; returns its state (partial while circular). */
  loadModule(name: string, file: string): ModuleState | undefined {
    const cached = this.modules.get(file);
    if (cached) return cached;
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
    const savedFile = this.file;
    const savedLine = this.line;
    this.filesRead.push(file);
    const parsed = parsePython(source, file);
    this.diagnostics.push(...parsed.diagnostics);
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
    const prov = { file, line: 1 };
    state.namespace.set('__file__', { value: mkStr(`${REPO_ROOT}/${file}`), prov });
    state.namespace.set('__name__', { value: mkStr(name), prov });
    if (isPackage)
      state.namespace.set('__path__', {
        value: { kind: 'list', items: [mkStr(`${REPO_ROOT}/${posix.dirname(file)}`)] },
        prov,
      });
    state.namespace.set('__package__', {
      value: mkStr(isPackage ? name : name.split('.').slice(0, -1).join('.')),
      prov,
    });
    this.modules.set(file, state);
    this.file = file;
    try {
      this.execModule(state);
    } finally {
      state.done = true;
      this.file = savedFile;
      this.line = savedLine;
    }
    return state;
  }

  private execModule(state: ModuleState): void {
    const ctx: Ctx = { module: state, scope: undefined };
    for (const node of state.parsed.statements) {
      if (!isStatementNode(node.name) && node.name !== 'DecoratedStatement') continue;
      this.execTopLevel(node, ctx);
    }
  }

  /**
   * django-split-settings `include(...)`: runs another file's statements in the caller's module
   * namespace (its `__file__` stays the caller's). Provenance names the included file.
   */
  includeFile(file: string, ctx: Ctx): void {
    const caller = ctx.module;
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

  /** Runs one top-level statement; any failure makes the names it assigns Unknown. */
  private execTopLevel(node: SyntaxNode, ctx: Ctx): void {
    this.file = ctx.module.file;
    this.line = this.lineOf(node, ctx);
    if (this.stopped !== undefined) {
      this.markTargetsUnknown(node, ctx, this.stopped);
      return;
    }
    try {
      const completion = this.execStatement(node, ctx);
      if (completion)
        this.diag('warning', `'${completion.type}' outside a function or loop; ignored`);
    } catch (err) {
      let reason: string;
      let envVar: string | undefined;
      if (err instanceof Unmodelled) {
        reason = err.reason;
        envVar = err.envVar;
        // Bound hits are warnings (the result is Unknown because of a limit, not the code).
        this.diag(isBoundReason(reason) ? 'warning' : 'info', `not modelled: ${reason}`);
      } else if (err instanceof PyRaise) {
        reason = `${err.excType} ${err.detail}`;
        envVar = err.envVar;
        this.diag(
          'warning',
          `settings import would fail: ${reason}`,
          err.line,
          err.file ?? ctx.module.file,
        );
      } else if (err instanceof BoundExceeded) {
        reason = err.reason;
        this.stopped = reason;
        this.diag('warning', `${reason}; later settings are unknown`);
      } else if (err instanceof RangeError) {
        reason = 'expression too deeply nested to evaluate';
        this.diag('warning', `${reason} (${err.message})`);
      } else {
        // A bug in the evaluator, not in the project: keep going, but say so.
        reason = `internal evaluator error: ${err instanceof Error ? err.message : String(err)}`;
        this.diag('error', reason);
      }
      this.markTargetsUnknown(node, ctx, reason, envVar);
      if (this.mayChangeUnseenNames(node, ctx)) this.markIncomplete(reason);
    }
  }

  /** Binds every name a statement would assign (or mutate) to Unknown(reason). */
  private markTargetsUnknown(node: SyntaxNode, ctx: Ctx, reason: string, envVar?: string): void {
    const names = new Set<string>();
    const cursor = node.cursor();
    const end = node.to;
    let visited = 0;
    do {
      if (++visited > 100_000) break;
      const n = cursor.node;
      if (n.from >= end && n.from !== node.from) break;
      if (
        n.name === 'AssignStatement' ||
        n.name === 'UpdateStatement' ||
        n.name === 'ForStatement'
      ) {
        for (let c = firstKid(n); c; c = nextKid(c)) {
          if (c.name === 'AssignOp' || c.name === 'UpdateOp' || c.name === 'in') break;
          const root = rootName(c);
          if (root) names.add(this.text(root, ctx));
        }
      } else if (n.name === 'FunctionDefinition' || n.name === 'ClassDefinition') {
        const nameNode = n.getChild('VariableName');
        if (nameNode) names.add(this.text(nameNode, ctx));
      } else if (n.name === 'CallExpression') {
        const callee = firstKid(n);
        if (callee?.name === 'MemberExpression') {
          const root = rootName(callee);
          if (root) names.add(this.text(root, ctx));
        }
      } else if (n.name === 'ImportStatement') {
        for (let c = firstKid(n); c; c = nextKid(c))
          if (c.name === 'VariableName') names.add(this.text(c, ctx));
      }
    } while (cursor.next());
    const line = this.lineOf(node, ctx);
    for (const name of names) {
      if (!/^[A-Za-z_]\w*$/.test(name)) continue;
      // Only the env var of what failed: a previous value's env var is not why it is unknown.
      this.bindName(name, unknown(reason, envVar), ctx, line);
    }
  }

  // ---------------------------------------------------------------- helpers on nodes

  text(node: SyntaxNode, ctx: Ctx): string {
    return ctx.module.parsed.source.slice(node.from, node.to);
  }

  lineOf(node: SyntaxNode, ctx: Ctx): number {
    return ctx.module.parsed.lineAt(node.from);
  }

  /** Source text of a node, shortened for messages. */
  snippet(node: SyntaxNode, ctx: Ctx): string {
    const t = this.text(node, ctx).replace(/\s+/g, ' ');
    return t.length > 60 ? `${t.slice(0, 57)}...` : t;
  }

  // ---------------------------------------------------------------- statements

  execBody(body: SyntaxNode, ctx: Ctx): Completion {
    for (let node = firstKid(body); node; node = nextKid(node)) {
      if (!isStatementNode(node.name) && node.name !== 'DecoratedStatement') continue;
      const c = this.execStatement(node, ctx);
      if (c) return c;
    }
    return undefined;
  }

  execStatement(node: SyntaxNode, ctx: Ctx): Completion {
    this.tick();
    this.line = this.lineOf(node, ctx);
    if (ctx.module.parsed.brokenStatements.has(node.from) && node.name !== 'StatementGroup') {
      throw new Unmodelled(`syntax error at ${ctx.module.file}:${this.line}`);
    }
    switch (node.name) {
      case 'ExpressionStatement': {
        const expr = firstKid(node);
        if (expr) this.evalExpr(expr, ctx);
        return undefined;
      }
      case 'AssignStatement':
        this.execAssign(node, ctx);
        return undefined;
      case 'UpdateStatement':
        this.execUpdate(node, ctx);
        return undefined;
      case 'DeleteStatement':
        this.execDelete(node, ctx);
        return undefined;
      case 'PassStatement':
        return undefined;
      case 'StatementGroup':
        return this.execBody(node, ctx);
      case 'IfStatement':
        return this.execIf(node, ctx);
      case 'ForStatement':
        return this.execFor(node, ctx);
      case 'WhileStatement':
        return this.execWhile(node, ctx);
      case 'TryStatement':
        return this.execTry(node, ctx);
      case 'WithStatement':
        return this.execWith(node, ctx);
      case 'ImportStatement':
        this.execImport(node, ctx);
        return undefined;
      case 'FunctionDefinition':
        this.defineFunction(node, ctx);
        return undefined;
      case 'DecoratedStatement':
        this.execDecorated(node, ctx);
        return undefined;
      case 'ClassDefinition':
        this.defineClass(node, ctx);
        return undefined;
      case 'ReturnStatement': {
        const last = lastKid(node);
        const expr = last && last.name !== 'return' ? last : undefined;
        const value = expr ? this.evalTupleOrExpr(node, 1, ctx) : NONE;
        return { type: 'return', value };
      }
      case 'BreakStatement':
        return { type: 'break' };
      case 'ContinueStatement':
        return { type: 'continue' };
      case 'RaiseStatement':
        this.execRaise(node, ctx);
        return undefined;
      case 'AssertStatement': {
        const test = nextKid(firstKid(node));
        if (test) {
          const value = this.evalExpr(test, ctx);
          if (truthy(value) === false)
            this.raiseOrUnknown('AssertionError', `assert ${this.snippet(test, ctx)}`);
        }
        return undefined;
      }
      case 'ScopeStatement': {
        const isGlobal = firstKid(node)?.name === 'global';
        if (ctx.scope && isGlobal)
          for (let c = firstKid(node); c; c = nextKid(c))
            if (c.name === 'VariableName') ctx.scope.globals.add(this.text(c, ctx));
        return undefined;
      }
      default:
        throw new Unmodelled(`statement ${node.name} (line ${this.line})`);
    }
  }

  /** Evaluates children after `skip` leading tokens as one expression, or a tuple if comma-separated. */
  private evalTupleOrExpr(node: SyntaxNode, skip: number, ctx: Ctx): PyValue {
    const parts: SyntaxNode[] = [];
    let i = 0;
    for (let c = firstKid(node); c; c = nextKid(c), i++)
      if (i >= skip && c.name !== ',') parts.push(c);
    if (parts.length === 1 && !hasComma(node, skip)) return this.evalExpr(parts[0]!, ctx);
    return this.evalDisplay('tuple', parts, ctx);
  }

  private execAssign(node: SyntaxNode, ctx: Ctx): void {
    // Segments separated by AssignOp: targets..., value. A TypeDef follows an annotated target.
    const segments: SyntaxNode[][] = [[]];
    let annotation: SyntaxNode | undefined;
    for (let c = firstKid(node); c; c = nextKid(c)) {
      if (c.name === 'AssignOp') segments.push([]);
      else if (c.name === 'TypeDef') annotation = lastKid(c) ?? undefined;
      else segments[segments.length - 1]!.push(c);
    }
    if (segments.length === 1) {
      // `X: int` with no value: only recorded in class bodies (pydantic fields without default).
      const target = segments[0]![0];
      if (ctx.classAnnotations && target && annotation)
        ctx.classAnnotations.set(this.text(target, ctx), this.text(annotation, ctx));
      return;
    }
    const valueParts = segments[segments.length - 1]!;
    const value = this.evalExprList(valueParts, ctx);
    for (const targetParts of segments.slice(0, -1)) {
      if (ctx.classAnnotations && annotation && targetParts.length === 1)
        ctx.classAnnotations.set(this.text(targetParts[0]!, ctx), this.text(annotation, ctx));
      this.assignTargetList(targetParts, value, ctx);
    }
  }

  /** Value of `a, b, *c` (tuple) or of a single expression. */
  private evalExprList(parts: SyntaxNode[], ctx: Ctx): PyValue {
    const exprs = parts.filter((p) => p.name !== ',');
    if (exprs.length === 1 && parts.length === 1) return this.evalExpr(exprs[0]!, ctx);
    return this.evalDisplay(
      'tuple',
      parts.filter((p) => p.name !== ','),
      ctx,
    );
  }

  private assignTargetList(parts: SyntaxNode[], value: PyValue, ctx: Ctx): void {
    const hasCommaSep = parts.some((p) => p.name === ',');
    const targets = parts.filter((p) => p.name !== ',');
    if (targets.length === 1 && !hasCommaSep) {
      this.assignTarget(targets[0]!, value, ctx);
      return;
    }
    this.unpackInto(targets, value, ctx);
  }

  /** `a, *b, c = value` over the target nodes (a `*` token precedes a starred target). */
  private unpackInto(targets: SyntaxNode[], value: PyValue, ctx: Ctx): void {
    const plain: { node: SyntaxNode; starred: boolean }[] = [];
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i]!;
      if (t.name === '*') {
        const next = targets[++i];
        if (next) plain.push({ node: next, starred: true });
      } else plain.push({ node: t, starred: false });
    }
    const items = iterate(value);
    if (!items) {
      const reason = value.kind === 'unknown' ? value.reason : `cannot unpack ${typeName(value)}`;
      for (const t of plain) this.assignTarget(t.node, this.derive(unknown(reason), value), ctx);
      return;
    }
    const starIndex = plain.findIndex((t) => t.starred);
    if (starIndex === -1 ? items.length !== plain.length : items.length < plain.length - 1) {
      const v = this.raiseOrUnknown(
        'ValueError',
        `cannot unpack ${items.length} values into ${plain.length} targets`,
      );
      for (const t of plain) this.assignTarget(t.node, v, ctx);
      return;
    }
    plain.forEach((t, i) => {
      if (starIndex === -1 || i < starIndex) this.assignTarget(t.node, items[i]!, ctx);
      else if (i === starIndex)
        this.assignTarget(
          t.node,
          { kind: 'list', items: items.slice(i, items.length - (plain.length - 1 - i)) },
          ctx,
        );
      else this.assignTarget(t.node, items[items.length - (plain.length - i)]!, ctx);
    });
  }

  assignTarget(target: SyntaxNode, value: PyValue, ctx: Ctx): void {
    const line = this.line;
    switch (target.name) {
      case 'VariableName':
        this.bindName(this.text(target, ctx), value, ctx, line);
        return;
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'ParenthesizedExpression': {
        const inner: SyntaxNode[] = [];
        for (let c = firstKid(target); c; c = nextKid(c))
          if (!['(', ')', '[', ']', ','].includes(c.name)) inner.push(c);
        if (target.name === 'ParenthesizedExpression' && inner.length === 1) {
          this.assignTarget(inner[0]!, value, ctx);
          return;
        }
        this.unpackInto(inner, value, ctx);
        return;
      }
      case 'MemberExpression': {
        const objNode = firstKid(target)!;
        const obj = this.evalExpr(objNode, ctx);
        const isSubscript = nextKid(objNode)?.name === '[';
        if (isSubscript) {
          const keyNode = nextKid(nextKid(objNode))!;
          if (hasSliceColon(target)) {
            this.touchRoot(target, ctx, unknown(`slice assignment at line ${line} not modelled`));
            return;
          }
          const key = this.evalSubscriptKey(target, keyNode, ctx);
          this.setItem(obj, key, value, target, ctx);
        } else {
          const attr = target.getChild('PropertyName');
          if (attr) this.setAttr(obj, this.text(attr, ctx), value, target, ctx);
        }
        this.touchRoot(target, ctx);
        return;
      }
      default:
        throw new Unmodelled(`assignment to ${target.name}`);
    }
  }

  private setItem(obj: PyValue, key: PyValue, value: PyValue, target: SyntaxNode, ctx: Ctx): void {
    const data = dataOf(obj);
    if (obj.kind === 'dict') {
      if (key.kind === 'unknown') {
        this.touchRoot(
          target,
          ctx,
          unknown(`key of subscript assignment is unknown: ${key.reason}`, key.envVar),
        );
        return;
      }
      if (
        obj.entries.length >= this.limits.maxCollectionSize &&
        !obj.entries.some(([k]) => pyEquals(k, key) === true)
      ) {
        this.touchRoot(
          target,
          ctx,
          unknown(`dict larger than maxCollectionSize (${this.limits.maxCollectionSize})`),
        );
        return;
      }
      dictSet(obj, key, value);
    } else if (obj.kind === 'list') {
      if (key.kind !== 'int' && key.kind !== 'bool') {
        this.touchRoot(target, ctx, this.derive(unknown('list index is not a known int'), key));
        return;
      }
      const i = normIndex(key.kind === 'int' ? key.value : key.value ? 1n : 0n, obj.items.length);
      if (i === undefined) {
        this.raiseOrUnknown('IndexError', 'list assignment index out of range');
        return;
      }
      obj.items[i] = value;
    } else if (data?.tag === 'environ') {
      const name = key.kind === 'str' ? key.value : undefined;
      if (name === undefined) return;
      const text = value.kind === 'str' ? value.value : undefined;
      this.env.set(
        name,
        text === undefined
          ? { unknown: `set at ${this.file}:${this.line} from a non-str value` }
          : { value: text },
      );
    } else if (data?.tag === 'namespace') {
      if (key.kind === 'str')
        this.bindName(key.value, value, { module: ctx.module, scope: undefined }, this.line);
    } else if (obj.kind === 'unknown') {
      this.touchRoot(target, ctx, obj);
    } else {
      this.touchRoot(target, ctx, unknown(`item assignment on ${typeName(obj)} not modelled`));
    }
  }

  private setAttr(obj: PyValue, name: string, value: PyValue, target: SyntaxNode, ctx: Ctx): void {
    const data = dataOf(obj);
    if (data?.tag === 'module') {
      data.state.namespace.set(name, { value, prov: { file: this.file, line: this.line } });
    } else if (data?.tag === 'instance') {
      data.attrs.set(name, value);
    } else if (data?.tag === 'class') {
      data.attrs.set(name, value);
    } else if (data?.tag === 'external') {
      // Patching a third-party object (`sentry_sdk.utils.MAX_STRING_LENGTH = …`) cannot change
      // the settings module; the object itself is not modelled.
    } else {
      const root = rootName(target);
      this.warnOnce(
        `setattr:${this.file}:${this.line}`,
        `settings after line ${this.line} may be changed by ${this.snippet(target, ctx)} = ...; not modelled`,
      );
      this.markIncomplete(`${this.snippet(target, ctx)} = ... not modelled`);
      if (root) this.touchRoot(target, ctx);
    }
  }

  /**
   * Updates the provenance of the root name of a mutated expression (`DATABASES['default'][...]
   * = ...` decides DATABASES here), optionally replacing its value (Unknown after an unmodelled
   * mutation).
   */
  touchRoot(node: SyntaxNode, ctx: Ctx, replacement?: PyValue): void {
    const root = rootName(node);
    if (!root) return;
    const name = this.text(root, ctx);
    const vars = this.varsFor(name, ctx);
    const binding = vars.get(name);
    if (!binding && !replacement) return;
    vars.set(name, {
      value: replacement ?? binding!.value,
      prov: { file: ctx.module.file, line: this.line },
    });
  }

  private varsFor(name: string, ctx: Ctx): Map<string, Binding> {
    if (ctx.scope && !ctx.scope.globals.has(name)) {
      for (let s: Scope | undefined = ctx.scope; s; s = s.parent)
        if (s.vars.has(name)) return s.vars;
      return ctx.scope.vars;
    }
    return ctx.module.namespace;
  }

  bindName(name: string, value: PyValue, ctx: Ctx, line: number): void {
    if (ctx.classAttrs) {
      ctx.classAttrs.set(name, value);
      return;
    }
    const prov = { file: ctx.module.file, line };
    if (ctx.scope && !ctx.scope.globals.has(name)) ctx.scope.vars.set(name, { value, prov });
    else ctx.module.namespace.set(name, { value, prov });
  }

  lookupBinding(name: string, ctx: Ctx): Binding | undefined {
    if (ctx.classAttrs?.has(name))
      return { value: ctx.classAttrs.get(name)!, prov: { file: ctx.module.file, line: this.line } };
    if (ctx.scope && !ctx.scope.globals.has(name))
      for (let s: Scope | undefined = ctx.scope; s; s = s.parent) {
        const b = s.vars.get(name);
        if (b) return b;
      }
    return ctx.module.namespace.get(name);
  }

  private execUpdate(node: SyntaxNode, ctx: Ctx): void {
    const target = firstKid(node)!;
    const opNode = node.getChild('UpdateOp')!;
    const op = this.text(opNode, ctx).slice(0, -1);
    const valueNode = nextKid(opNode);
    if (!valueNode) throw new Unmodelled('incomplete augmented assignment');
    const current = this.evalExpr(target, ctx);
    const operand = this.evalTupleOrExpr(node, 2, ctx);
    // In-place ops mutate the shared object (list += extends the list base.py created).
    if (op === '+' && current.kind === 'list') {
      const items = iterate(operand);
      if (!items) {
        if (operand.kind !== 'unknown')
          this.raiseOrUnknown('TypeError', `'${typeName(operand)}' object is not iterable`);
        this.assignTarget(target, this.concatFacts(current, operand) ?? operand, ctx);
        return;
      }
      if (current.items.length + items.length > this.limits.maxCollectionSize) {
        this.assignTarget(
          target,
          unknown(`collection larger than maxCollectionSize (${this.limits.maxCollectionSize})`),
          ctx,
        );
        return;
      }
      current.items.push(...items);
      this.touchRoot(target, ctx);
      return;
    }
    if (op === '|' && current.kind === 'dict' && operand.kind === 'dict') {
      for (const [k, v] of operand.entries) dictSet(current, k, v);
      this.touchRoot(target, ctx);
      return;
    }
    if (op === '|' && current.kind === 'set' && operand.kind === 'set') {
      for (const item of operand.items)
        if (contains(current, item) !== true) current.items.push(item);
      this.touchRoot(target, ctx);
      return;
    }
    if (
      op === '*' &&
      current.kind === 'list' &&
      (operand.kind === 'int' || operand.kind === 'bool')
    ) {
      const result = binaryOp('*', current, operand, this.limits);
      if (result.kind === 'list') current.items.splice(0, current.items.length, ...result.items);
      else this.assignTarget(target, result, ctx);
      this.touchRoot(target, ctx);
      return;
    }
    const result = this.binary(op, current, operand);
    this.assignTarget(target, result, ctx);
  }

  binary(op: string, a: PyValue, b: PyValue): PyValue {
    const joined = op === '+' ? this.concatFacts(a, b) : undefined;
    if (joined) return joined;
    try {
      const result = binaryOp(op, a, b, this.limits);
      if (result.kind === 'unknown' && a.kind !== 'unknown' && b.kind !== 'unknown')
        this.boundHit(result.reason);
      return this.derive(result, a, b);
    } catch (err) {
      if (err instanceof OpError) return this.raiseOrUnknown(err.excType, err.message);
      throw err;
    }
  }

  /**
   * `known + Unknown` (or the reverse) for sequences and str: Unknown, with what is certain if it
   * succeeds (the known items are in it, its length, its start).
   */
  private concatFacts(a: PyValue, b: PyValue): PyValue | undefined {
    const u = a.kind === 'unknown' ? a : b.kind === 'unknown' ? b : undefined;
    const known = u === a ? b : a;
    if (!u || u.kind !== 'unknown' || known.kind === 'unknown') return undefined;
    const uf = u.facts ?? {};
    const knownFirst = known === a;
    let facts: KnownFacts | undefined;
    if (known.kind === 'list' || known.kind === 'tuple') {
      const items = known.items.filter((x) => x.kind !== 'unknown');
      facts = {
        kind: known.kind,
        contains: [...items, ...(uf.contains ?? [])],
        minLength: known.items.length + (uf.minLength ?? 0),
      };
      const prefix = knownFirst
        ? items.length === known.items.length
          ? [...items, ...(uf.prefix ?? [])]
          : undefined
        : uf.prefix;
      if (prefix?.length) facts.prefix = prefix;
    } else if (known.kind === 'str') {
      facts = { kind: 'str', minLength: [...known.value].length + (uf.minLength ?? 0) };
      const prefix = knownFirst ? known.value + (uf.strPrefix ?? '') : uf.strPrefix;
      if (prefix) facts.strPrefix = prefix;
    }
    return facts ? this.derive(unknown(u.reason, u.envVar, facts), a, b) : undefined;
  }

  private execDelete(node: SyntaxNode, ctx: Ctx): void {
    for (let c = firstKid(node); c; c = nextKid(c)) {
      if (c.name === 'VariableName') {
        const name = this.text(c, ctx);
        if (ctx.scope && !ctx.scope.globals.has(name)) ctx.scope.vars.delete(name);
        else ctx.module.namespace.delete(name);
      } else if (c.name === 'MemberExpression') {
        const objNode = firstKid(c)!;
        const obj = this.evalExpr(objNode, ctx);
        if (nextKid(objNode)?.name === '[' && !hasSliceColon(c)) {
          const key = this.evalSubscriptKey(c, nextKid(nextKid(objNode))!, ctx);
          if (obj.kind === 'dict' && key.kind !== 'unknown') {
            const i = obj.entries.findIndex(([k]) => pyEquals(k, key) === true);
            if (i >= 0) obj.entries.splice(i, 1);
            else this.raiseOrUnknown('KeyError', reprOf(key));
          } else if (obj.kind === 'list' && key.kind === 'int') {
            const i = normIndex(key.value, obj.items.length);
            if (i !== undefined) obj.items.splice(i, 1);
          } else if (dataOf(obj)?.tag === 'environ' && key.kind === 'str') {
            this.env.delete(key.value);
          } else {
            this.touchRoot(c, ctx, unknown(`del ${this.snippet(c, ctx)} not modelled`));
            continue;
          }
          this.touchRoot(c, ctx);
        } else {
          this.touchRoot(c, ctx, unknown(`del ${this.snippet(c, ctx)} not modelled`));
        }
      }
    }
  }

  private execRaise(node: SyntaxNode, ctx: Ctx): void {
    const expr = nextKid(firstKid(node));
    let excType = 'Exception';
    let detail = expr ? this.snippet(expr, ctx) : '(re-raise)';
    if (expr) {
      const callee = expr.name === 'CallExpression' ? firstKid(expr)! : expr;
      const t = this.text(callee, ctx).split('.').pop()!;
      if (/^\w+$/.test(t)) excType = t;
      if (expr.name === 'CallExpression') {
        const arg = nextKid(firstKid(expr.getChild('ArgList')));
        if (arg && arg.name !== ')') {
          const v = this.evalExpr(arg, ctx);
          if (v.kind === 'str') detail = v.value;
        }
      }
    }
    throw new PyRaise(excType, detail, this.line, undefined, this.file);
  }

  // ---------------------------------------------------------------- control flow

  private execIf(node: SyntaxNode, ctx: Ctx): Completion {
    const clauses: { cond: SyntaxNode | undefined; body: SyntaxNode }[] = [];
    let pendingCond: SyntaxNode | undefined;
    let sawElse = false;
    for (let c = firstKid(node); c; c = nextKid(c)) {
      if (c.name === 'if' || c.name === 'elif') continue;
      if (c.name === 'else') {
        sawElse = true;
        continue;
      }
      if (c.name === 'Body') {
        clauses.push({ cond: sawElse ? undefined : pendingCond, body: c });
        pendingCond = undefined;
      } else pendingCond = c;
    }
    return this.execIfChain(clauses, 0, ctx);
  }

  private execIfChain(
    clauses: { cond: SyntaxNode | undefined; body: SyntaxNode }[],
    index: number,
    ctx: Ctx,
  ): Completion {
    const clause = clauses[index];
    if (!clause) return undefined;
    if (!clause.cond) return this.execBody(clause.body, ctx);
    const value = this.evalExpr(clause.cond, ctx);
    const t = truthy(value);
    if (t === true) return this.execBody(clause.body, ctx);
    if (t === false) return this.execIfChain(clauses, index + 1, ctx);
    const envVar = this.originOf(value)?.envVar;
    const reason = `depends on ${this.snippet(clause.cond, ctx)}${envVar ? ` (env ${envVar})` : ''}`;
    return this.runBranches(
      [() => this.execBody(clause.body, ctx), () => this.execIfChain(clauses, index + 1, ctx)],
      reason,
      envVar,
      ctx,
    );
  }

  /**
   * Runs alternative branches on copies of the current namespace and env, then merges: names the
   * branches agree on keep their value; names they disagree on become Unknown(reason).
   */
  runBranches(
    branches: (() => Completion)[],
    reason: string,
    envVar: string | undefined,
    ctx: Ctx,
  ): Completion {
    // In a class body the names live in the class's attribute map: branch over a binding view of
    // it and write the merge back.
    const classAttrs = ctx.classAttrs;
    const vars: Map<string, Binding> = classAttrs
      ? new Map(
          [...classAttrs].map(([k, v]) => [
            k,
            { value: v, prov: this.classAttrProv(classAttrs, k, ctx) },
          ]),
        )
      : ctx.scope
        ? ctx.scope.vars
        : ctx.module.namespace;
    const original = new Map(vars);
    const envBefore = new Map(this.env);
    const results: {
      vars: Map<string, Binding>;
      env: Map<string, EnvEntry>;
      completion: Completion;
    }[] = [];
    const line = this.line;
    const raisedInBranch: PyRaise[] = [];
    for (const branch of branches) {
      const memo = new Map<PyValue, PyValue>();
      vars.clear();
      for (const [k, b] of original)
        vars.set(k, { value: cloneValue(b.value, memo, 0), prov: b.prov });
      // Copying counts as work: an unknown `if` inside a long loop must still hit maxSteps.
      this.steps += memo.size + original.size;
      this.tick();
      this.env = new Map(envBefore);
      const start = new Map(vars);
      if (classAttrs) {
        classAttrs.clear();
        for (const [k, b] of vars) classAttrs.set(k, b.value);
      }
      let completion: Completion;
      try {
        completion = branch();
        if (classAttrs) {
          vars.clear();
          for (const [k, v] of classAttrs) {
            const before = start.get(k);
            vars.set(
              k,
              before && before.value === v
                ? before
                : { value: v, prov: { file: ctx.module.file, line: this.line } },
            );
          }
        }
      } catch (err) {
        // A branch that raises uncaught is a path on which the settings do not import at all:
        // only the other branches describe a running deployment. Inside a `try` that catches it,
        // the paths diverge in a way a merge cannot describe.
        if (!(err instanceof PyRaise)) throw err;
        if (this.isCaught(err.excType))
          throw new Unmodelled(`${err.excType} raised on one path of an undecidable condition`);
        raisedInBranch.push(err);
        continue;
      }
      results.push({ vars: new Map(vars), env: this.env, completion });
    }
    this.line = line;
    if (results.length === 0) throw raisedInBranch[0]!;
    for (const err of raisedInBranch)
      this.diag(
        'info',
        `settings import would fail when ${reason.replace(/^depends on /, '')} takes the path that raises ${err.excType} ${err.detail} (${err.file ?? this.file}:${err.line}); that path is left out`,
      );
    vars.clear();
    const names = new Set<string>();
    for (const r of results) for (const k of r.vars.keys()) names.add(k);
    for (const name of names) {
      const bindings = results.map((r) => r.vars.get(name));
      const first = bindings[0];
      const orig = original.get(name);
      const agree =
        first !== undefined &&
        bindings.every((b) => b !== undefined && sameValue(b.value, first.value));
      if (agree) {
        // Unchanged in every branch: keep the original object so sharing with other modules holds.
        const unchanged =
          orig &&
          bindings.every((b) => b!.prov === orig.prov) &&
          sameValue(orig.value, first.value);
        vars.set(name, unchanged ? orig : first);
      } else {
        const changed = bindings.find((b) => b && b.prov !== orig?.prov) ?? first ?? orig;
        // The condition's env var is what decides it; a branch value's env var is not.
        const knownEnv = envVar;
        const values = bindings.map((b) => b?.value);
        const facts = values.every((v) => v !== undefined) ? commonFacts(values) : undefined;
        vars.set(name, {
          value: unknown(reason, knownEnv, facts),
          prov: changed?.prov ?? { file: ctx.module.file, line },
        });
      }
    }
    if (classAttrs) {
      classAttrs.clear();
      for (const [k, b] of vars) classAttrs.set(k, b.value);
    }
    const envKeys = new Set<string>();
    for (const r of results) for (const k of r.env.keys()) envKeys.add(k);
    this.env = new Map();
    for (const k of envKeys) {
      const entries = results.map((r) => r.env.get(k));
      const e0 = entries[0];
      const same = entries.every(
        (e) => e !== undefined && e0 !== undefined && JSON.stringify(e) === JSON.stringify(e0),
      );
      if (same) this.env.set(k, e0!);
      else this.env.set(k, { unknown: reason });
    }
    const completions = results.map((r) => r.completion);
    if (completions.every((c) => c === undefined)) return undefined;
    if (ctx.scope) {
      const c0 = completions[0];
      if (
        c0?.type === 'return' &&
        completions.every((c) => c?.type === 'return' && sameValue(c.value, c0.value))
      )
        return c0;
      return { type: 'return', value: unknown(reason, envVar) };
    }
    throw new Unmodelled(`control flow ${reason}`);
  }

  private execFor(node: SyntaxNode, ctx: Ctx): Completion {
    const targets: SyntaxNode[] = [];
    let c = nextKid(firstKid(node)) ?? null;
    for (; c && c.name !== 'in'; c = nextKid(c)) targets.push(c);
    const iterNodes: SyntaxNode[] = [];
    for (c = nextKid(c) ?? null; c && c.name !== 'Body'; c = nextKid(c)) iterNodes.push(c);
    const body = c;
    const elseBody = nextKid(body)?.name === 'else' ? nextKid(nextKid(body)) : null;
    if (!body) throw new Unmodelled('incomplete for statement');
    const iterable = this.evalExprList(iterNodes, ctx);
    const items = this.iterateOrUnmodelled(iterable, 'for loop');
    let count = 0;
    for (const item of [...items]) {
      if (++count > this.limits.maxLoopIterations)
        throw new Unmodelled(`loop exceeded maxLoopIterations (${this.limits.maxLoopIterations})`);
      this.assignTargetList(targets, item, ctx);
      const completion = this.execBody(body, ctx);
      if (completion?.type === 'break') return undefined;
      if (completion?.type === 'return') return completion;
    }
    if (elseBody) return this.execBody(elseBody, ctx);
    return undefined;
  }

  iterateOrUnmodelled(value: PyValue, what: string): PyValue[] {
    const items = iterate(value);
    if (items) return items;
    const d = dataOf(value);
    if (d?.tag === 'environ') return [...this.env.keys()].map(mkStr);
    const members = this.enumMembers(value);
    if (members) return members;
    throw new Unmodelled(
      value.kind === 'unknown'
        ? `${what} over an unknown value (${value.reason})`
        : `${what} over ${typeName(value)}`,
      this.originOf(value)?.envVar,
    );
  }

  private execWhile(node: SyntaxNode, ctx: Ctx): Completion {
    const cond = nextKid(firstKid(node));
    const body = node.getChild('Body');
    if (!cond || !body) throw new Unmodelled('incomplete while statement');
    let count = 0;
    for (;;) {
      const t = truthy(this.evalExpr(cond, ctx));
      if (t === undefined)
        throw new Unmodelled(`while condition ${this.snippet(cond, ctx)} is unknown`);
      if (!t) break;
      if (++count > this.limits.maxLoopIterations)
        throw new Unmodelled(`loop exceeded maxLoopIterations (${this.limits.maxLoopIterations})`);
      const completion = this.execBody(body, ctx);
      if (completion?.type === 'break') return undefined;
      if (completion?.type === 'return') return completion;
    }
    const elseNode = nextKid(body)?.name === 'else' ? nextKid(nextKid(body)) : null;
    return elseNode ? this.execBody(elseNode, ctx) : undefined;
  }

  private execTry(node: SyntaxNode, ctx: Ctx): Completion {
    let body: SyntaxNode | undefined;
    const handlers: { types: string[]; name?: SyntaxNode; body: SyntaxNode }[] = [];
    let elseBody: SyntaxNode | undefined;
    let finallyBody: SyntaxNode | undefined;
    let mode: 'try' | 'except' | 'else' | 'finally' = 'try';
    let types: string[] = [];
    let asName: SyntaxNode | undefined;
    let sawAs = false;
    for (let c = firstKid(node); c; c = nextKid(c)) {
      if (c.name === 'try') mode = 'try';
      else if (c.name === 'except') {
        mode = 'except';
        types = [];
        asName = undefined;
        sawAs = false;
      } else if (c.name === 'else') mode = 'else';
      else if (c.name === 'finally') mode = 'finally';
      else if (c.name === 'as') sawAs = true;
      else if (c.name === 'Body') {
        if (mode === 'try') body = c;
        else if (mode === 'except')
          handlers.push({
            types: types.length ? types : ['BaseException'],
            ...(asName ? { name: asName } : {}),
            body: c,
          });
        else if (mode === 'else') elseBody = c;
        else finallyBody = c;
      } else if (mode === 'except') {
        if (sawAs) asName = c;
        else if (c.name !== '*')
          types = this.text(c, ctx)
            .replace(/[()\s]/g, '')
            .split(',')
            .map((t) => t.split('.').pop()!);
      }
    }
    let completion: Completion;
    // `try: import debug_toolbar ... except ImportError:` — whether a third-party package is
    // installed in production is not known statically: run both paths and merge.
    const optional = body ? this.optionalThirdPartyImport(body, ctx) : undefined;
    const importHandler = handlers.find((h) =>
      h.types.some((t) => exceptionMatches('ImportError', t)),
    );
    if (optional && importHandler && !this.insideOptionalImport) {
      this.insideOptionalImport = true;
      let result: Completion;
      try {
        result = this.runBranches(
          [() => this.execTry(node, ctx), () => this.execBody(importHandler.body, ctx)],
          `depends on whether ${optional} is installed`,
          undefined,
          ctx,
        );
      } finally {
        this.insideOptionalImport = false;
      }
      return result;
    }
    this.catching.push(handlers.flatMap((h) => h.types));
    let raised: PyRaise | undefined;
    try {
      completion = body ? this.execBody(body, ctx) : undefined;
    } catch (err) {
      if (!(err instanceof PyRaise)) throw err;
      raised = err;
    } finally {
      this.catching.pop();
    }
    if (raised) {
      const handler = handlers.find((h) =>
        h.types.some((t) => exceptionMatches(raised.excType, t)),
      );
      if (!handler) throw raised;
      if (handler.name)
        this.assignTarget(
          handler.name,
          opaque(raised.excType, { tag: 'external', path: `builtins.${raised.excType}` }),
          ctx,
        );
      completion = this.execBody(handler.body, ctx);
    } else if (elseBody && !completion) {
      completion = this.execBody(elseBody, ctx);
    }
    if (finallyBody) {
      const fc = this.execBody(finallyBody, ctx);
      if (fc) return fc;
    }
    return completion;
  }

  private insideOptionalImport = false;

  /** The first import in a try body of a module outside the repository and not modelled. */
  private optionalThirdPartyImport(body: SyntaxNode, ctx: Ctx): string | undefined {
    for (let st = firstKid(body); st; st = nextKid(st)) {
      if (st.name !== 'ImportStatement') continue;
      let c = firstKid(st);
      const isFrom = c?.name === 'from';
      c = nextKid(c);
      if (isFrom && c?.name === '.') continue;
      const parts: string[] = [];
      for (; c && c.name === 'VariableName'; c = nextKid(c)) {
        parts.push(this.text(c, ctx));
        if (nextKid(c)?.name !== '.') break;
        c = nextKid(c);
      }
      const dotted = parts.join('.');
      if (!dotted || ALWAYS_INSTALLED.has(parts[0]!)) continue;
      if (this.findModuleFile(parts[0]!, ctx) !== undefined) continue;
      return dotted;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- imports

  private execImport(node: SyntaxNode, ctx: Ctx): void {
    const isFrom = firstKid(node)?.name === 'from';
    if (!isFrom) {
      // import a.b.c [as x], d
      let parts: string[] = [];
      let alias: string | undefined;
      let sawAs = false;
      const flush = () => {
        if (parts.length === 0) return;
        const dotted = parts.join('.');
        const mod = this.importModule(dotted, ctx);
        if (alias !== undefined) this.bindName(alias, mod, ctx, this.line);
        else this.bindName(parts[0]!, this.importModule(parts[0]!, ctx), ctx, this.line);
        parts = [];
        alias = undefined;
        sawAs = false;
      };
      for (let c = firstKid(node); c; c = nextKid(c)) {
        if (c.name === 'VariableName') {
          if (sawAs) alias = this.text(c, ctx);
          else parts.push(this.text(c, ctx));
        } else if (c.name === 'as') sawAs = true;
        else if (c.name === ',') flush();
      }
      flush();
      return;
    }
    // from [.]*a.b import x [as y], * ...
    let level = 0;
    const parts: string[] = [];
    let c = nextKid(firstKid(node));
    for (; c && c.name !== 'import'; c = nextKid(c)) {
      // Leading dots are the relative level; dots between names separate the dotted path.
      if (c.name === '.' && parts.length === 0) level++;
      else if (c.name === 'Ellipsis' && parts.length === 0) level += 3;
      else if (c.name === 'VariableName') parts.push(this.text(c, ctx));
    }
    const names: { name: string; alias: string }[] = [];
    let star = false;
    let sawAs = false;
    for (c = nextKid(c) ?? null; c; c = nextKid(c)) {
      if (c.name === '*') star = true;
      else if (c.name === 'as') sawAs = true;
      else if (c.name === 'VariableName') {
        const n = this.text(c, ctx);
        if (sawAs && names.length) names[names.length - 1]!.alias = n;
        else names.push({ name: n, alias: n });
        sawAs = false;
      }
    }
    const dotted = this.absoluteName(level, parts.join('.'), ctx);
    if (dotted === undefined) {
      this.raiseOrUnknown('ImportError', 'attempted relative import beyond top-level package');
      return;
    }
    const mod = this.importModule(dotted, ctx, level > 0);
    const data = dataOf(mod);
    if (star) {
      if (data?.tag === 'module') {
        const ns = data.state.namespace;
        const all = ns.get('__all__')?.value;
        const allNames = all
          ? iterate(all)
              ?.filter((v) => v.kind === 'str')
              .map((v) => (v as { value: string }).value)
          : undefined;
        for (const [name, binding] of ns) {
          if (allNames ? !allNames.includes(name) : name.startsWith('_')) continue;
          // Copy the binding: same object (shared lists), provenance of where base decided it.
          if (ctx.scope) ctx.scope.vars.set(name, binding);
          else ctx.module.namespace.set(name, binding);
        }
      } else if (mod.kind !== 'unknown') {
        this.diag(
          'info',
          `names from 'from ${dotted} import *' are not modelled (outside the repository)`,
        );
      }
      return;
    }
    for (const { name, alias } of names) {
      let value = this.getAttr(mod, name, node, ctx);
      if (data?.tag === 'module' && !data.state.namespace.has(name)) {
        // `from package import submodule`
        const sub = this.importModule(`${dotted}.${name}`, ctx, true, true);
        if (dataOf(sub)?.tag === 'module') value = sub;
        else
          value = this.raiseOrUnknown(
            'ImportError',
            `cannot import name '${name}' from '${dotted}'`,
          );
      }
      this.bindName(alias, value, ctx, this.line);
    }
  }

  private absoluteName(level: number, rel: string, ctx: Ctx): string | undefined {
    if (level === 0) return rel;
    let pkg = ctx.module.isPackage
      ? ctx.module.name
      : ctx.module.name.split('.').slice(0, -1).join('.');
    for (let i = 1; i < level; i++) {
      if (pkg === '') return undefined;
      pkg = pkg.split('.').slice(0, -1).join('.');
    }
    if (pkg === '' && rel === '') return undefined;
    return pkg === '' ? rel : rel === '' ? pkg : `${pkg}.${rel}`;
  }

  /**
   * A module value: a repository module (evaluated once) or an external (opaque) one. A module
   * that should be in the repository but is missing raises ImportError (catchable).
   */
  importModule(dotted: string, ctx: Ctx, mustBeLocal = false, quiet = false): PyValue {
    const file = this.findModuleFile(dotted, ctx);
    if (file !== undefined) {
      // Python imports parent packages first.
      const parts = dotted.split('.');
      for (let i = 1; i < parts.length; i++) {
        const parentFile = this.findModuleFile(parts.slice(0, i).join('.'), ctx);
        if (parentFile !== undefined && parentFile.endsWith('__init__.py'))
          this.loadModule(parts.slice(0, i).join('.'), parentFile);
      }
      const state = this.loadModule(dotted, file);
      this.file = ctx.module.file;
      if (!state) return unknown(`module ${dotted} could not be read`);
      return opaque('module', { tag: 'module', state }, dotted);
    }
    const top = dotted.split('.')[0]!;
    const topIsLocal =
      this.findModuleFile(top, ctx) !== undefined ||
      this.options.pythonPaths.some((p) =>
        this.options.files.isDirectory(normalizeDir(p) === '' ? top : `${normalizeDir(p)}/${top}`),
      );
    if (mustBeLocal || topIsLocal) {
      if (quiet) return unknown(`module ${dotted} not found`);
      return this.raiseOrUnknown('ModuleNotFoundError', `No module named '${dotted}'`);
    }
    const library = notModelledLibrary(top);
    if (library) {
      this.warnOnce(`library:${library.name}`, library.note);
      if (library.maySetSettings) this.markIncomplete(`${library.name} is not modelled`);
    } else if (!STDLIB_OR_MODELLED.has(top))
      this.diag('info', `import ${dotted}: outside the repository; treated as opaque`);
    return opaque('module', { tag: 'external', path: dotted }, dotted);
  }

  private findModuleFile(dotted: string, _ctx: Ctx): string | undefined {
    return resolveModuleFile(dotted, this.options.pythonPaths, this.options.files);
  }

  // ---------------------------------------------------------------- functions & classes

  private defineFunction(node: SyntaxNode, ctx: Ctx): void {
    const nameNode = node.getChild('VariableName');
    const body = node.getChild('Body');
    const paramList = node.getChild('ParamList');
    if (!nameNode || !body) throw new Unmodelled('incomplete function definition');
    const name = this.text(nameNode, ctx);
    const params = paramList ? this.parseParams(paramList, ctx) : [];
    const fn = opaque(
      'function',
      {
        tag: 'function',
        name,
        params,
        body,
        isLambda: false,
        closure: ctx.scope,
        module: ctx.module,
      },
      name,
    );
    this.bindName(name, fn, ctx, this.line);
  }

  parseParams(list: SyntaxNode, ctx: Ctx): Param[] {
    const params: Param[] = [];
    let kind: Param['kind'] = 'normal';
    let afterStar = false;
    for (let c = firstKid(list); c; c = nextKid(c)) {
      if (c.name === '*') {
        kind = 'star';
        afterStar = true;
      } else if (c.name === '**') kind = 'starstar';
      else if (c.name === ',') kind = afterStar ? 'kwonly' : 'normal';
      else if (c.name === 'VariableName') params.push({ name: this.text(c, ctx), kind });
      else if (c.name === 'AssignOp') {
        const d = nextKid(c);
        const last = params[params.length - 1];
        if (d && last) {
          last.defaultValue = this.evalExpr(d, ctx);
          c = d;
        }
      }
    }
    return params;
  }

  private defineClass(node: SyntaxNode, ctx: Ctx): void {
    const nameNode = node.getChild('VariableName');
    const body = node.getChild('Body');
    if (!nameNode || !body) throw new Unmodelled('incomplete class definition');
    const name = this.text(nameNode, ctx);
    const bases: PyValue[] = [];
    const argList = node.getChild('ArgList');
    if (argList)
      for (let c = firstKid(argList); c; c = nextKid(c))
        if (
          !['(', ')', ','].includes(c.name) &&
          nextKid(c)?.name !== 'AssignOp' &&
          c.name !== 'AssignOp'
        )
          bases.push(this.evalExpr(c, ctx));
    const attrs = new Map<string, PyValue>();
    const annotations = new Map<string, string>();
    const classCtx: Ctx = {
      module: ctx.module,
      scope: ctx.scope,
      classAttrs: attrs,
      classAnnotations: annotations,
    };
    this.execBody(body, classCtx);
    const data: ObjectData & { tag: 'class' } = { tag: 'class', name, attrs, bases, annotations };
    for (const value of attrs.values()) {
      const fd = dataOf(value);
      if (fd?.tag === 'function' && fd.ownerClass === undefined) fd.ownerClass = data;
    }
    this.bindName(name, opaque('class', data, name), ctx, this.line);
  }

  /**
   * `@decorator` on a def or class: `classmethod`, `staticmethod` and `property` set how the
   * class binds the function; functools' caches and `wraps` leave it as it is; a decorator
   * defined in the repository is called; any other one makes the name Unknown (a decorator may
   * return anything).
   */
  private execDecorated(node: SyntaxNode, ctx: Ctx): void {
    const def = node.getChild('FunctionDefinition') ?? node.getChild('ClassDefinition');
    if (!def) return;
    const decorators = node.getChildren('Decorator').map((d) => this.evalDecorator(d, ctx));
    this.execStatement(def, ctx);
    const nameNode = def.getChild('VariableName');
    if (!nameNode) return;
    const name = this.text(nameNode, ctx);
    let value = this.lookupBinding(name, ctx)?.value ?? unknown(`${name} not defined`);
    for (const { decorator, text } of decorators.reverse()) {
      const path = externalPath(decorator);
      const fd = dataOf(value);
      if (
        fd?.tag === 'function' &&
        (path === 'builtins.classmethod' ||
          path === 'builtins.staticmethod' ||
          path === 'builtins.property')
      ) {
        value = opaque('function', {
          ...fd,
          binding: path.slice('builtins.'.length) as 'classmethod' | 'staticmethod' | 'property',
        });
      } else if (path !== undefined && IDENTITY_DECORATORS.has(path)) {
        continue;
      } else if (dataOf(decorator)?.tag === 'function' || dataOf(decorator)?.tag === 'bound') {
        value = this.callValue(decorator, { ...noArgs(ctx), pos: [value] }, undefined, ctx);
      } else {
        value = unknown(`${name} decorated by @${text} (not modelled)`);
      }
    }
    this.bindName(name, value, ctx, this.line);
  }

  private evalDecorator(node: SyntaxNode, ctx: Ctx): { decorator: PyValue; text: string } {
    let value: PyValue | undefined;
    let text = '';
    for (let c = firstKid(node); c; c = nextKid(c)) {
      if (c.name === 'VariableName') {
        const n = this.text(c, ctx);
        value =
          value === undefined
            ? (this.lookupBinding(n, ctx)?.value ??
              (BUILTIN_NAMES.has(n)
                ? opaque('builtin', { tag: 'external', path: `builtins.${n}` }, n)
                : unknown(`decorator ${n} not defined`)))
            : this.getAttr(value, n, c, ctx);
        text += text === '' ? n : `.${n}`;
      } else if (c.name === 'ArgList' && value !== undefined) {
        const args = this.evalArgs(c, ctx);
        const path = externalPath(value);
        // `@functools.lru_cache(maxsize=None)`, `@functools.wraps(f)`: the call returns the
        // same kind of decorator.
        if (path === undefined || !IDENTITY_DECORATORS.has(path))
          value = this.callValue(value, args, c, ctx);
        text += '(...)';
      }
    }
    return { decorator: value ?? unknown('empty decorator'), text };
  }

  /**
   * `with a() as x, b():` — a class from the repository runs its `__enter__`/`__exit__`
   * (a true `__exit__` swallows the exception); `contextlib.suppress(E)` swallows E;
   * `contextlib.nullcontext(v)` gives v; any other manager gives an Unknown target.
   */
  private execWith(node: SyntaxNode, ctx: Ctx): Completion {
    const items: { expr: SyntaxNode; target?: SyntaxNode }[] = [];
    let sawAs = false;
    for (let c = firstKid(node); c && c.name !== 'Body'; c = nextKid(c)) {
      if (c.name === 'with' || c.name === ',' || c.name === 'async') continue;
      if (c.name === 'as') sawAs = true;
      else if (sawAs && items.length) {
        items[items.length - 1]!.target = c;
        sawAs = false;
      } else items.push({ expr: c });
    }
    const body = node.getChild('Body');
    const enter = (i: number): Completion => {
      if (i >= items.length) return body ? this.execBody(body, ctx) : undefined;
      const item = items[i]!;
      const manager = this.evalExpr(item.expr, ctx);
      const d = dataOf(manager);
      const cls = d?.tag === 'instance' ? d.cls : undefined;
      const enterFn = cls ? findClassAttr(cls, '__enter__') : undefined;
      const exitFn = cls ? findClassAttr(cls, '__exit__') : undefined;
      if (enterFn && exitFn) {
        const entered = this.callValue(
          this.getAttr(manager, '__enter__', item.expr, ctx),
          noArgs(ctx),
          undefined,
          ctx,
        );
        if (item.target) this.assignTarget(item.target, entered, ctx);
        let completion: Completion;
        try {
          completion = enter(i + 1);
        } catch (err) {
          if (!(err instanceof PyRaise)) throw err;
          const exc = opaque(err.excType, { tag: 'external', path: `builtins.${err.excType}` });
          const swallowed = this.callValue(
            this.getAttr(manager, '__exit__', item.expr, ctx),
            { ...noArgs(ctx), pos: [exc, exc, NONE] },
            undefined,
            ctx,
          );
          const t = truthy(swallowed);
          if (t === undefined)
            throw new Unmodelled(`whether ${this.snippet(item.expr, ctx)} swallows ${err.excType}`);
          if (t) return undefined;
          throw err;
        }
        this.callValue(
          this.getAttr(manager, '__exit__', item.expr, ctx),
          { ...noArgs(ctx), pos: [NONE, NONE, NONE] },
          undefined,
          ctx,
        );
        return completion;
      }
      if (d?.tag === 'suppress') {
        if (item.target) this.assignTarget(item.target, NONE, ctx);
        this.catching.push(d.types);
        try {
          return enter(i + 1);
        } catch (err) {
          if (err instanceof PyRaise && d.types.some((t) => exceptionMatches(err.excType, t)))
            return undefined;
          throw err;
        } finally {
          this.catching.pop();
        }
      }
      if (item.target) {
        const value =
          d?.tag === 'external' && d.path.startsWith('contextlib.nullcontext:')
            ? (this.nullContexts.get(manager) ?? NONE)
            : unknown(`value of the context manager ${this.snippet(item.expr, ctx)}`);
        this.assignTarget(item.target, value, ctx);
      }
      return enter(i + 1);
    };
    return enter(0);
  }

  /** The value `contextlib.nullcontext(v)` enters with. */
  readonly nullContexts = new WeakMap<PyValue, PyValue>();

  // ---------------------------------------------------------------- attributes as data

  /**
   * `getattr(obj, name)` without raising: the value, Unknown when it cannot be known, or
   * undefined when the object certainly has no such attribute.
   */
  findAttribute(obj: PyValue, name: string): PyValue | undefined {
    const d = dataOf(obj);
    if (d?.tag === 'module') return d.state.namespace.get(name)?.value;
    if (d?.tag === 'class' || d?.tag === 'instance') {
      if (d.tag === 'instance' && d.attrs.has(name)) return d.attrs.get(name)!;
      const cls = d.tag === 'class' ? d : d.cls;
      const v = findClassAttr(cls, name);
      if (v && d.tag === 'class' && isEnumClass(d)) {
        const member = this.enumMember(d, name);
        if (member) return member;
      }
      if (v) return this.bindClassAttr(v, obj, d.tag === 'class' ? obj : this.classValueOf(d));
      if (!hasOnlyModelledBases(cls)) return unknown(`attribute ${name} of ${cls.name}`);
      if (OBJECT_ATTRIBUTES.includes(name) || CLASS_ATTRIBUTES.includes(name))
        return opaque('attribute', { tag: 'external', path: `builtins.object.${name}` });
      return undefined;
    }
    return unknown(`attribute ${name} of ${typeName(obj)}`);
  }

  /** `dir(obj)` for modules and classes of the repository, or undefined when not known. */
  attributeNames(obj: PyValue): string[] | undefined {
    const d = dataOf(obj);
    if (d?.tag === 'module') return [...d.state.namespace.keys()].sort();
    if (d?.tag !== 'class' && d?.tag !== 'instance') return undefined;
    const cls = d.tag === 'class' ? d : d.cls;
    if (!hasOnlyModelledBases(cls)) return undefined;
    const names = new Set([...OBJECT_ATTRIBUTES, ...CLASS_ATTRIBUTES]);
    const walk = (c: ObjectData & { tag: 'class' }, depth: number): void => {
      if (depth > 20) return;
      for (const k of c.attrs.keys()) names.add(k);
      for (const b of c.bases) {
        const bd = dataOf(b);
        if (bd?.tag === 'class') walk(bd, depth + 1);
      }
    };
    walk(cls, 0);
    if (d.tag === 'instance') for (const k of d.attrs.keys()) names.add(k);
    // CPython sorts dir() by code point.
    return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** `setattr(obj, name, value)` on a module, class or instance; false when not modelled. */
  setAttribute(obj: PyValue, name: string, value: PyValue): boolean {
    const d = dataOf(obj);
    if (d?.tag === 'module') {
      d.state.namespace.set(name, { value, prov: { file: this.file, line: this.line } });
      return true;
    }
    if (d?.tag === 'instance' || d?.tag === 'class') {
      d.attrs.set(name, value);
      return true;
    }
    return false;
  }

  /** The module object named `name` as `sys.modules[name]` gives it, if the settings loaded it. */
  loadedModule(name: string): PyValue | undefined {
    for (const state of this.modules.values())
      if (state.name === name) return opaque('module', { tag: 'module', state }, name);
    return undefined;
  }

  /**
   * The production process model: settings are imported by a WSGI/ASGI server, not by
   * `manage.py` or a test runner. `DJANGO_DEPLOY_GUARD_ARGV` in the env profile (space
   * separated) replaces the default `gunicorn wsgi:application`.
   */
  productionArgv(): PyValue {
    const given = this.options.env.DJANGO_DEPLOY_GUARD_ARGV;
    const argv = given !== undefined ? given.split(/\s+/).filter(Boolean) : PRODUCTION_ARGV;
    return { kind: 'list', items: argv.map(mkStr) };
  }

  /** `name in sys.modules` in the production process (see productionArgv). */
  isModuleLoaded(name: string): boolean | undefined {
    if (this.loadedModule(name)) return true;
    const top = name.split('.')[0]!;
    if (TEST_TOOL_MODULES.has(top)) return false;
    if (name === 'django' || name === 'django.conf' || PROCESS_MODULES.has(name)) return true;
    return undefined;
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

  /**
   * Whether a failed statement may have changed names it does not show: it calls code of the
   * repository (a function, method or class, which may use `global` or `setattr`), a dynamic
   * builtin, django-split-settings' include, or imports.
   */
  private mayChangeUnseenNames(node: SyntaxNode, ctx: Ctx): boolean {
    const cursor = node.cursor();
    let visited = 0;
    do {
      if (++visited > 10_000) return true;
      const n = cursor.node;
      if (n.from >= node.to && n.from !== node.from) break;
      if (n.name === 'ImportStatement') return true;
      if (n.name !== 'CallExpression') continue;
      const callee = firstKid(n);
      const root = callee ? rootName(callee) : undefined;
      if (!root) continue;
      const name = this.text(root, ctx);
      const bound = this.lookupBinding(name, ctx)?.value;
      const d = bound ? dataOf(bound) : undefined;
      if (!bound && DYNAMIC_BUILTINS.has(name)) return true;
      if (d && ['function', 'bound', 'class', 'instance', 'module'].includes(d.tag)) return true;
      if (d?.tag === 'external' && d.path.startsWith('split_settings')) return true;
    } while (cursor.next());
    return false;
  }

  /** A plain class of the repository called: an instance, `__init__` run on it. */
  instantiateClass(
    _clsValue: PyValue,
    cls: ObjectData & { tag: 'class' },
    args: Args,
    _ctx: Ctx,
  ): PyValue {
    const attrs = new Map<string, PyValue>();
    const instance = opaque(cls.name, { tag: 'instance', cls, attrs });
    const init = findClassAttr(cls, '__init__');
    const initData = init ? dataOf(init) : undefined;
    if (initData?.tag === 'function') {
      const result = this.callFunction(initData, args, instance);
      if (result.kind !== 'none' && result.kind !== 'unknown')
        return this.raiseOrUnknown(
          'TypeError',
          `__init__() should return None, not '${typeName(result)}'`,
        );
    } else if (init !== undefined || !hasOnlyModelledBases(cls)) {
      return unknown(`instance of ${cls.name} (its __init__ is not modelled)`);
    } else if (args.pos.length || args.kw.size) {
      return this.raiseOrUnknown('TypeError', `${cls.name}() takes no arguments`);
    }
    return instance;
  }

  /** Calls a function defined in the settings. */
  callFunction(fn: ObjectData & { tag: 'function' }, args: Args, boundSelf?: PyValue): PyValue {
    if (this.callDepth >= this.limits.maxCallDepth) {
      this.warnOnce(
        `depth:${this.file}:${this.line}`,
        `call of ${fn.name}() exceeded maxCallDepth (${this.limits.maxCallDepth}); result unknown`,
      );
      return unknown(`call of ${fn.name}() exceeded maxCallDepth (${this.limits.maxCallDepth})`);
    }
    const scope: Scope = {
      vars: new Map(),
      globals: new Set(),
      parent: fn.closure,
      module: fn.module,
    };
    const prov = { file: fn.module.file, line: this.line };
    const pos = boundSelf ? [boundSelf, ...args.pos] : [...args.pos];
    if (fn.ownerClass && pos.length) scope.method = { cls: fn.ownerClass, self: pos[0]! };
    const kw = new Map(args.kw);
    let i = 0;
    for (const p of fn.params) {
      if (p.kind === 'star') {
        scope.vars.set(p.name, { value: { kind: 'tuple', items: pos.slice(i) }, prov });
        i = pos.length;
      } else if (p.kind === 'starstar') {
        scope.vars.set(p.name, {
          value: { kind: 'dict', entries: [...kw].map(([k, v]) => [mkStr(k), v]) },
          prov,
        });
        kw.clear();
      } else if (p.kind === 'normal' && i < pos.length) {
        scope.vars.set(p.name, { value: pos[i++]!, prov });
      } else if (kw.has(p.name)) {
        scope.vars.set(p.name, { value: kw.get(p.name)!, prov });
        kw.delete(p.name);
      } else if (p.defaultValue !== undefined) {
        scope.vars.set(p.name, { value: p.defaultValue, prov });
      } else {
        return this.raiseOrUnknown('TypeError', `${fn.name}() missing argument '${p.name}'`);
      }
    }
    const ctx: Ctx = { module: fn.module, scope };
    const savedFile = this.file;
    const savedLine = this.line;
    this.callDepth++;
    try {
      this.file = fn.module.file;
      if (fn.isLambda) return this.evalExpr(fn.body, ctx);
      const completion = this.execBody(fn.body, ctx);
      return completion?.type === 'return' ? completion.value : NONE;
    } finally {
      this.callDepth--;
      this.file = savedFile;
      this.line = savedLine;
    }
  }

  // ---------------------------------------------------------------- expressions

  evalExpr(node: SyntaxNode, ctx: Ctx): PyValue {
    this.tick();
    switch (node.name) {
      case 'Number': {
        // Cached: scalars are never mutated (withOrigin copies before annotating).
        const literals = (ctx.module.literals ??= new Map<number, PyValue>());
        let v = literals.get(node.from);
        if (!v) literals.set(node.from, (v = parseNumber(this.text(node, ctx))));
        return v;
      }
      case 'String': {
        const literals = (ctx.module.literals ??= new Map<number, PyValue>());
        let v = literals.get(node.from);
        if (!v) literals.set(node.from, (v = this.evalStringNode(node, ctx)));
        return v;
      }
      case 'FormatString':
        return this.evalStringNode(node, ctx);
      case 'ContinuedString': {
        let out: PyValue | undefined;
        for (let c = firstKid(node); c; c = nextKid(c)) {
          const part = this.evalExpr(c, ctx);
          out = out === undefined ? part : this.binary('+', out, part);
        }
        return out ?? mkStr('');
      }
      case 'Boolean':
        return bool(this.text(node, ctx) === 'True');
      case 'None':
        return NONE;
      case 'Ellipsis':
        return opaque('ellipsis', { tag: 'external', path: 'builtins.Ellipsis' });
      case 'VariableName':
        return this.lookupName(this.text(node, ctx), ctx);
      case 'ParenthesizedExpression': {
        const inner = nextKid(firstKid(node));
        if (!inner || inner.name === ')') return { kind: 'tuple', items: [] };
        return this.evalExpr(inner, ctx);
      }
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'SetExpression': {
        const parts: SyntaxNode[] = [];
        for (let c = firstKid(node); c; c = nextKid(c))
          if (!['(', ')', '[', ']', '{', '}', ','].includes(c.name)) parts.push(c);
        const kind =
          node.name === 'TupleExpression'
            ? 'tuple'
            : node.name === 'ArrayExpression'
              ? 'list'
              : 'set';
        return this.evalDisplay(kind, parts, ctx);
      }
      case 'DictionaryExpression':
        return this.evalDict(node, ctx);
      case 'ArrayComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'DictionaryComprehensionExpression':
      case 'ComprehensionExpression':
        return this.evalComprehension(node, ctx);
      case 'UnaryExpression':
        return this.evalUnary(node, ctx);
      case 'BinaryExpression':
        return this.evalBinary(node, ctx);
      case 'ConditionalExpression': {
        const [thenNode, condNode, elseNode] = exprChildren(node);
        if (!thenNode || !condNode || !elseNode)
          throw new Unmodelled('incomplete conditional expression');
        const cond = this.evalExpr(condNode, ctx);
        const t = truthy(cond);
        if (t === undefined) {
          const a = this.evalExpr(thenNode, ctx);
          const b = this.evalExpr(elseNode, ctx);
          if (sameValue(a, b)) return a;
          const envVar = this.originOf(cond)?.envVar;
          return unknown(
            `depends on ${this.snippet(condNode, ctx)}${envVar ? ` (env ${envVar})` : ''}`,
            envVar,
            commonFacts([a, b]),
          );
        }
        return this.derive(this.evalExpr(t ? thenNode : elseNode, ctx), cond);
      }
      case 'MemberExpression':
        return this.evalMember(node, ctx);
      case 'CallExpression':
        return this.evalCall(node, ctx);
      case 'LambdaExpression': {
        const params = node.getChild('ParamList');
        const body = lastKid(node)!;
        return opaque('function', {
          tag: 'function',
          name: '<lambda>',
          params: params ? this.parseParams(params, ctx) : [],
          body,
          isLambda: true,
          closure: ctx.scope,
          module: ctx.module,
        });
      }
      case 'NamedExpression': {
        const target = firstKid(node)!;
        const valueNode = lastKid(node)!;
        const value = this.evalExpr(valueNode, ctx);
        this.assignTarget(target, value, ctx);
        return value;
      }
      default:
        throw new Unmodelled(`expression ${node.name} (${this.snippet(node, ctx)})`);
    }
  }

  boundedCollection(value: PyValue): PyValue {
    const size =
      value.kind === 'dict' ? value.entries.length : 'items' in value ? value.items.length : 0;
    if (size > this.limits.maxCollectionSize) {
      const reason = `collection larger than maxCollectionSize (${this.limits.maxCollectionSize})`;
      this.boundHit(reason);
      return unknown(reason);
    }
    return value;
  }

  /** A warning (once per file and line) when a value became Unknown because of a bound. */
  boundHit(reason: string): void {
    if (isBoundReason(reason))
      this.warnOnce(`bound:${this.file}:${this.line}`, `bound reached: ${reason}; value unknown`);
  }

  /**
   * A list/tuple/set display with `*x` unpacking. Unpacking an Unknown leaves the length unknown:
   * the result is Unknown, with what is known of it (the other items, the items before it, a
   * lower bound on its length).
   */
  evalDisplay(kind: 'list' | 'tuple' | 'set', parts: SyntaxNode[], ctx: Ctx): PyValue {
    const items: PyValue[] = [];
    let unknownStar: PyValue | undefined;
    let prefix: PyValue[] | undefined;
    let extraMin = 0;
    const contains: PyValue[] = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (p.name === '*') {
        const next = parts[++i];
        if (!next) break;
        const v = this.evalExpr(next, ctx);
        const inner = iterate(v);
        if (!inner) {
          if (v.kind !== 'unknown')
            return this.raiseOrUnknown('TypeError', `'${typeName(v)}' object is not iterable`);
          unknownStar ??= v;
          prefix ??= [...items];
          extraMin += v.facts?.minLength ?? 0;
          contains.push(...(v.facts?.contains ?? []));
          continue;
        }
        items.push(...inner);
      } else items.push(this.evalExpr(p, ctx));
      if (items.length > this.limits.maxCollectionSize) break;
    }
    if (unknownStar?.kind === 'unknown') {
      const known = items.filter((x) => x.kind !== 'unknown');
      return this.derive(
        unknown(unknownStar.reason, unknownStar.envVar, {
          kind,
          contains: [...known, ...contains],
          minLength: kind === 'set' ? Math.min(1, items.length) : items.length + extraMin,
          ...(kind !== 'set' && prefix?.every((x) => x.kind !== 'unknown') ? { prefix } : {}),
        }),
        unknownStar,
      );
    }
    return this.boundedCollection({ kind, items: kind === 'set' ? dedupeKnown(items) : items });
  }

  private evalDict(node: SyntaxNode, ctx: Ctx): PyValue {
    const dict: PyValue & { kind: 'dict' } = { kind: 'dict', entries: [] };
    let key: PyValue | undefined;
    let expectValue = false;
    let dstar = false;
    for (let c = firstKid(node); c; c = nextKid(c)) {
      if (c.name === '{' || c.name === '}' || c.name === ',') continue;
      if (c.name === '**') {
        dstar = true;
        continue;
      }
      if (c.name === ':') {
        expectValue = true;
        continue;
      }
      const v = this.evalExpr(c, ctx);
      if (dstar) {
        dstar = false;
        if (v.kind === 'dict') for (const [k, val] of v.entries) dictSet(dict, k, val);
        else
          return this.derive(
            unknown(v.kind === 'unknown' ? v.reason : `**${typeName(v)} not a mapping`),
            v,
          );
      } else if (expectValue && key) {
        if (key.kind === 'unknown')
          return this.derive(unknown(`dict key unknown: ${key.reason}`), key);
        dictSet(dict, key, v);
        key = undefined;
        expectValue = false;
      } else key = v;
      if (dict.entries.length > this.limits.maxCollectionSize) return this.boundedCollection(dict);
    }
    return dict;
  }

  private evalComprehension(node: SyntaxNode, ctx: Ctx): PyValue {
    // [elt for targets in iter if cond for ...]; dict: key : value for ...
    const children: SyntaxNode[] = [];
    for (let c = firstKid(node); c; c = nextKid(c))
      if (!['[', ']', '{', '}', '(', ')'].includes(c.name)) children.push(c);
    return this.evalComprehensionParts(children, node.name, ctx);
  }

  evalComprehensionParts(children: SyntaxNode[], nodeName: string, ctx: Ctx): PyValue {
    const iterables: PyValue[] = [];
    const forIndex = children.findIndex((c) => c.name === 'for');
    const head = children.slice(0, forIndex);
    const clauses = children.slice(forIndex);
    const isDict = nodeName === 'DictionaryComprehensionExpression';
    const scope: Scope = {
      vars: new Map(),
      globals: new Set(),
      parent: ctx.scope,
      module: ctx.module,
    };
    const inner: Ctx = { module: ctx.module, scope };
    const results: PyValue[] = [];
    const entries: [PyValue, PyValue][] = [];
    let count = 0;
    const loop = (i: number): void => {
      if (i >= clauses.length) {
        if (++count > this.limits.maxLoopIterations)
          throw new Unmodelled(
            `comprehension exceeded maxLoopIterations (${this.limits.maxLoopIterations})`,
          );
        if (isDict) {
          const k = this.evalExpr(head[0]!, inner);
          const v = this.evalExpr(head[2] ?? head[1]!, inner);
          entries.push([k, v]);
        } else results.push(this.evalExpr(head[0]!, inner));
        return;
      }
      const c = clauses[i]!;
      if (c.name === 'for' || c.name === 'async') {
        if (c.name === 'async') return loop(i + 1);
        let j = i + 1;
        const targets: SyntaxNode[] = [];
        for (; j < clauses.length && clauses[j]!.name !== 'in'; j++) targets.push(clauses[j]!);
        const iterNode = clauses[j + 1];
        if (!iterNode) throw new Unmodelled('incomplete comprehension');
        const iterable = this.evalExpr(iterNode, i === 0 ? ctx : inner);
        iterables.push(iterable);
        const items = this.iterateOrUnmodelled(iterable, 'comprehension');
        for (const item of [...items]) {
          this.assignTargetList(targets, item, inner);
          loop(j + 2);
        }
      } else if (c.name === 'if') {
        const cond = clauses[i + 1];
        if (!cond) throw new Unmodelled('incomplete comprehension');
        const condValue = this.evalExpr(cond, inner);
        const t = truthy(condValue);
        if (t === undefined) {
          iterables.push(condValue);
          throw new Unmodelled(`comprehension condition ${this.snippet(cond, ctx)} is unknown`);
        }
        if (t) loop(i + 2);
      } else loop(i + 1);
    };
    try {
      loop(0);
    } catch (err) {
      if (err instanceof Unmodelled) {
        const u = iterables.find((v) => v.kind === 'unknown');
        return this.derive(unknown(u?.kind === 'unknown' ? u.reason : err.reason), ...iterables);
      }
      throw err;
    }
    if (isDict) {
      const dict: PyValue & { kind: 'dict' } = { kind: 'dict', entries: [] };
      for (const [k, v] of entries) {
        if (k.kind === 'unknown') return unknown(`dict key unknown: ${k.reason}`);
        dictSet(dict, k, v);
      }
      return this.derive(this.boundedCollection(dict), ...iterables);
    }
    const kind =
      nodeName === 'SetComprehensionExpression'
        ? 'set'
        : nodeName === 'ComprehensionExpression'
          ? 'tuple'
          : 'list';
    // A generator expression is modelled as a tuple: consumers only iterate it.
    return this.derive(
      this.boundedCollection({ kind, items: kind === 'set' ? dedupeKnown(results) : results }),
      ...iterables,
    );
  }

  private evalUnary(node: SyntaxNode, ctx: Ctx): PyValue {
    const op = this.text(firstKid(node)!, ctx);
    const operandNode = lastKid(node)!;
    const v = this.evalExpr(operandNode, ctx);
    if (op === 'not') {
      const t = truthy(v);
      return this.derive(
        t === undefined
          ? unknown(v.kind === 'unknown' ? v.reason : 'truth value unknown')
          : bool(!t),
        v,
      );
    }
    if (v.kind === 'unknown') return v;
    if (op === '-') {
      if (v.kind === 'int') return this.derive(mkInt(-v.value), v);
      if (v.kind === 'bool') return this.derive(mkInt(v.value ? -1 : 0), v);
      if (v.kind === 'float') return this.derive(mkFloat(-v.value), v);
    }
    if (op === '+' && (v.kind === 'int' || v.kind === 'float')) return v;
    if (op === '~' && v.kind === 'int') return this.derive(mkInt(~v.value), v);
    return this.raiseOrUnknown('TypeError', `bad operand type for unary ${op}: '${typeName(v)}'`);
  }

  private evalBinary(node: SyntaxNode, ctx: Ctx): PyValue {
    const left = firstKid(node)!;
    const opNode = nextKid(left);
    if (!opNode) throw new Unmodelled('incomplete expression');
    const opText = this.text(opNode, ctx);
    if (opNode.name === 'and' || opNode.name === 'or') {
      const a = this.evalExpr(left, ctx);
      const t = truthy(a);
      const right = nextKid(opNode)!;
      if (t === undefined) {
        const b = this.evalExpr(right, ctx);
        const tb = truthy(b);
        // `unknown and False` is False-y but which object is returned is unknown: keep it simple.
        if (opNode.name === 'and' && tb === false && b.kind === 'bool') return b;
        return this.derive(
          unknown(
            a.kind === 'unknown' ? a.reason : `truth value of ${this.snippet(left, ctx)} unknown`,
          ),
          a,
          b,
        );
      }
      if (opNode.name === 'and' ? !t : t) return a;
      const b = this.evalExpr(right, ctx);
      const origin = this.origins.get(a);
      if (origin && !this.origins.has(b) && opNode.name === 'or' && b.kind !== 'unknown')
        return this.withOrigin(b, {
          envVar: origin.envVar,
          usedDefault: true,
          defaultText: this.text(right, ctx),
        });
      // `known or unknown`: the right side is why it is unknown, not the left side's env var.
      return b.kind === 'unknown' ? b : this.derive(b, a);
    }
    // Comparison operators (possibly chained: `a < b <= c` parses as nested BinaryExpressions).
    const compareOp = comparisonOperator(node, ctx.module.parsed.source);
    if (compareOp) {
      const chain = flattenComparison(node, ctx.module.parsed.source);
      let result: PyValue = bool(true);
      let prev = this.evalExpr(chain.operands[0]!, ctx);
      const inputs: PyValue[] = [prev];
      let undecided = false;
      for (let i = 0; i < chain.ops.length; i++) {
        const next = this.evalExpr(chain.operands[i + 1]!, ctx);
        inputs.push(next);
        const r = this.compareValues(chain.ops[i]!, prev, next);
        if (r === false) {
          result = bool(false);
          undecided = false;
          break;
        }
        if (r === undefined) undecided = true;
        prev = next;
      }
      if (undecided) {
        const u = inputs.find((v) => v.kind === 'unknown');
        return this.derive(
          unknown(
            u?.kind === 'unknown'
              ? u.reason
              : `comparison ${this.snippet(node, ctx)} not decidable`,
          ),
          ...inputs,
        );
      }
      return this.derive(result, ...inputs);
    }
    const right = nextKid(opNode);
    if (!right) throw new Unmodelled('incomplete expression');
    const a = this.evalExpr(left, ctx);
    const b = this.evalExpr(right, ctx);
    const op = opText.trim();
    if (op === '/' && dataOf(a)?.tag === 'path') {
      const seg = pyStr(b);
      if (seg === undefined)
        return this.derive(unknown(b.kind === 'unknown' ? b.reason : 'path segment unknown'), b);
      return pathValue(
        posix.join(seg.startsWith('/') ? '/' : (dataOf(a) as { path: string }).path, seg),
      );
    }
    if (op === '@') return unknown('matrix multiplication not modelled');
    return this.binary(op, a, b);
  }

  compareValues(op: string, a: PyValue, b: PyValue): boolean | undefined {
    try {
      switch (op) {
        case 'in':
        case 'not in': {
          let r: boolean | undefined;
          const d = dataOf(b);
          if (d?.tag === 'environ') {
            if (a.kind !== 'str') return undefined;
            const e = this.env.get(a.value);
            this.recordEnvRead(a.value, undefined, e !== undefined);
            r = e === undefined ? false : 'unknown' in e ? undefined : true;
          } else if (d?.tag === 'external' && d.path === 'sys.modules') {
            r = a.kind === 'str' ? this.isModuleLoaded(a.value) : undefined;
          } else r = contains(b, a);
          return r === undefined ? undefined : op === 'in' ? r : !r;
        }
        case 'is':
        case 'is not': {
          const r = isIdentical(a, b);
          return r === undefined ? undefined : op === 'is' ? r : !r;
        }
        default:
          return compare(op, a, b);
      }
    } catch (err) {
      if (err instanceof OpError) {
        this.raiseOrUnknown(err.excType, err.message);
        return undefined;
      }
      throw err;
    }
  }

  private evalMember(node: SyntaxNode, ctx: Ctx): PyValue {
    const objNode = firstKid(node)!;
    const sep = nextKid(objNode);
    const obj = this.evalExpr(objNode, ctx);
    if (sep?.name === '[') {
      const keyNode = nextKid(sep);
      if (!keyNode) throw new Unmodelled('incomplete subscript');
      if (hasSliceColon(node)) return this.derive(this.evalSlice(obj, node, ctx), obj);
      const key = this.evalSubscriptKey(node, keyNode, ctx);
      return this.derive(this.getItem(obj, key), obj, key);
    }
    const prop = node.getChild('PropertyName');
    if (!prop) throw new Unmodelled('incomplete attribute access');
    return this.getAttr(obj, this.text(prop, ctx), node, ctx);
  }

  private evalSubscriptKey(_node: SyntaxNode, keyNode: SyntaxNode, ctx: Ctx): PyValue {
    const parts: SyntaxNode[] = [];
    for (let c: SyntaxNode | null = keyNode; c && c.name !== ']'; c = nextKid(c)) parts.push(c);
    return this.evalExprList(parts, ctx);
  }

  private evalSlice(obj: PyValue, node: SyntaxNode, ctx: Ctx): PyValue {
    const bounds: PyValue[] = [NONE, NONE, NONE];
    let slot = 0;
    for (let c = nextKid(nextKid(firstKid(node))); c && c.name !== ']'; c = nextKid(c)) {
      if (c.name === ':') slot++;
      else if (slot < 3) bounds[slot] = this.evalExpr(c, ctx);
    }
    const seq =
      obj.kind === 'str' || obj.kind === 'bytes'
        ? obj.value.split('')
        : 'items' in obj && obj.kind !== 'set'
          ? obj.items
          : undefined;
    if (!seq)
      return obj.kind === 'unknown' ? obj : unknown(`slicing ${typeName(obj)} not modelled`);
    const idx = sliceIndices(seq.length, bounds[0]!, bounds[1]!, bounds[2]!);
    if (!idx) return unknown('slice bounds unknown');
    if (obj.kind === 'str' || obj.kind === 'bytes')
      return { kind: obj.kind, value: idx.map((i) => obj.value[i]).join('') };
    if (obj.kind === 'list' || obj.kind === 'tuple')
      return { kind: obj.kind, items: idx.map((i) => obj.items[i]!) };
    return unknown('slice not modelled');
  }

  getItem(obj: PyValue, key: PyValue): PyValue {
    if (obj.kind === 'unknown') return obj;
    const d = dataOf(obj);
    if (d?.tag === 'environ') {
      if (key.kind !== 'str') return unknown('os.environ key unknown');
      const e = this.env.get(key.value);
      this.recordEnvRead(key.value, undefined, e !== undefined);
      if (e) return this.envValue(key.value, e);
      if (this.isCaught('KeyError')) throw new PyRaise('KeyError', `'${key.value}'`, this.line);
      this.diag('warning', `settings import would fail: KeyError '${key.value}'`);
      return unknown(`environment variable ${key.value} is required (unset: KeyError)`, key.value);
    }
    if (key.kind === 'unknown') return key;
    if (obj.kind === 'dict') {
      let undecided = false;
      for (const [k, v] of obj.entries) {
        const eq = pyEquals(k, key);
        if (eq === true) return v;
        if (eq === undefined) undecided = true;
      }
      if (undecided) return unknown(`dict key lookup ${reprOf(key)} undecidable`);
      return this.raiseOrUnknown('KeyError', reprOf(key));
    }
    if (obj.kind === 'list' || obj.kind === 'tuple' || obj.kind === 'str' || obj.kind === 'bytes') {
      if (key.kind !== 'int' && key.kind !== 'bool')
        return this.raiseOrUnknown('TypeError', `indices must be integers, not ${typeName(key)}`);
      const k = key.kind === 'int' ? key.value : key.value ? 1n : 0n;
      if (obj.kind === 'str') {
        const cps = obj.value.length < 100_000 ? Array.from(obj.value) : obj.value.split('');
        const i = normIndex(k, cps.length);
        return i === undefined
          ? this.raiseOrUnknown('IndexError', 'string index out of range')
          : mkStr(cps[i]!);
      }
      if (obj.kind === 'bytes') {
        const i = normIndex(k, obj.value.length);
        return i === undefined
          ? this.raiseOrUnknown('IndexError', 'index out of range')
          : mkInt(obj.value.charCodeAt(i));
      }
      const i = normIndex(k, obj.items.length);
      return i === undefined
        ? this.raiseOrUnknown('IndexError', `${obj.kind} index out of range`)
        : obj.items[i]!;
    }
    if (d?.tag === 'path' && key.kind === 'int') return unknown('path indexing not modelled');
    if (d?.tag === 'configparser')
      return callMethod(
        this,
        obj,
        '__getitem__',
        { ...noArgs(), pos: [key] },
        {
          module: this.modules.values().next().value!,
          scope: undefined,
        },
      );
    if (d?.tag === 'external' && d.path === 'sys.modules' && key.kind === 'str') {
      const loaded = this.loadedModule(key.value);
      if (loaded) return loaded;
      if (this.isModuleLoaded(key.value) === false)
        return this.raiseOrUnknown('KeyError', reprOf(key));
      return unknown(`sys.modules[${reprOf(key)}]`);
    }
    if (d?.tag === 'external') return unknown(`${d.path}[...] (outside the repository)`);
    if (d?.tag === 'namespace' && key.kind === 'str') {
      const b = this.modules.get(this.file)?.namespace.get(key.value);
      return b ? b.value : this.raiseOrUnknown('KeyError', reprOf(key));
    }
    return unknown(`subscript of ${typeName(obj)} not modelled`);
  }

  getAttr(obj: PyValue, name: string, _node: SyntaxNode, ctx: Ctx): PyValue {
    if (obj.kind === 'unknown') return obj;
    const d = dataOf(obj);
    if (d?.tag === 'module') {
      const b = d.state.namespace.get(name);
      if (b) return b.value;
      const sub = this.importModule(`${d.state.name}.${name}`, ctx, true, true);
      if (dataOf(sub)?.tag === 'module') return sub;
      return this.raiseOrUnknown(
        'AttributeError',
        `module '${d.state.name}' has no attribute '${name}'`,
      );
    }
    if (d?.tag === 'external') return getExternalAttr(this, d.path, name);
    if (d?.tag === 'class' || d?.tag === 'instance') {
      if (d.tag === 'instance' && d.attrs.has(name)) return d.attrs.get(name)!;
      const cls = d.tag === 'class' ? d : d.cls;
      const v = findClassAttr(cls, name);
      if (v && d.tag === 'class' && isEnumClass(d)) {
        const member = this.enumMember(d, name);
        if (member) return member;
      }
      if (v) return this.bindClassAttr(v, obj, d.tag === 'class' ? obj : this.classValueOf(d));
      if (name === '__name__') return mkStr(cls.name);
      if (name === '__class__' && d.tag === 'instance') return this.classValueOf(d);
      if (d.tag === 'instance')
        return unknown(`attribute ${name} of ${cls.name} instance not modelled`);
      if (!hasOnlyModelledBases(cls)) return unknown(`attribute ${cls.name}.${name} not modelled`);
      return this.raiseOrUnknown(
        'AttributeError',
        `type object '${cls.name}' has no attribute '${name}'`,
      );
    }
    if (d?.tag === 'super') {
      for (const base of d.cls.bases) {
        const bd = dataOf(base);
        if (bd?.tag !== 'class') continue;
        const v = findClassAttr(bd, name);
        if (v) {
          const sd = dataOf(d.self);
          return this.bindClassAttr(
            v,
            d.self,
            sd?.tag === 'instance' ? this.classValueOf(sd) : d.self,
          );
        }
      }
      return unknown(`super().${name} not modelled`);
    }
    if (d?.tag === 'path') {
      const p = d.path;
      switch (name) {
        case 'parent':
          return pathValue(posix.dirname(p));
        case 'name':
          return mkStr(posix.basename(p));
        case 'stem':
          return mkStr(posix.basename(p, posix.extname(p)));
        case 'suffix':
          return mkStr(posix.extname(p));
        case 'parents': {
          const items: PyValue[] = [];
          for (let cur = posix.dirname(p); ; cur = posix.dirname(cur)) {
            items.push(pathValue(cur));
            if (cur === '/' || cur === '.' || items.length > 100) break;
          }
          return { kind: 'tuple', items };
        }
        case 'parts':
          return {
            kind: 'tuple',
            items: (p.startsWith('/') ? ['/', ...p.split('/').filter(Boolean)] : p.split('/')).map(
              mkStr,
            ),
          };
      }
    }
    return opaque('method', { tag: 'method', self: obj, name }, name);
  }

  /**
   * A class attribute read through `owner` (an instance or the class itself), as Python's
   * descriptors bind it: a plain function is bound to an instance, a classmethod to the class,
   * a staticmethod to nothing; a property is called.
   */
  private bindClassAttr(value: PyValue, owner: PyValue, cls: PyValue): PyValue {
    const fd = dataOf(value);
    if (fd?.tag !== 'function') return value;
    const isInstance = dataOf(owner)?.tag === 'instance';
    switch (fd.binding) {
      case 'classmethod':
        return opaque('method', { tag: 'bound', fn: fd, self: cls });
      case 'staticmethod':
        return value;
      case 'property':
        return isInstance ? this.callFunction(fd, { ...noArgs(), pos: [] }, owner) : value;
      default:
        return isInstance ? opaque('method', { tag: 'bound', fn: fd, self: owner }) : value;
    }
  }

  private readonly classValues = new WeakMap<object, PyValue>();

  private readonly classProvs = new WeakMap<Map<string, PyValue>, Map<string, Provenance>>();

  /** A stable provenance object per class attribute (branch merging compares them). */
  private classAttrProv(attrs: Map<string, PyValue>, name: string, ctx: Ctx): Provenance {
    let provs = this.classProvs.get(attrs);
    if (!provs) this.classProvs.set(attrs, (provs = new Map<string, Provenance>()));
    let prov = provs.get(name);
    if (!prov) provs.set(name, (prov = { file: ctx.module.file, line: this.line }));
    return prov;
  }

  private readonly enumMemberCache = new WeakMap<object, Map<string, PyValue>>();

  /** `Color.RED` of `class Color(Enum)`: one member object per name, with .name and .value. */
  private enumMember(cls: ObjectData & { tag: 'class' }, name: string): PyValue | undefined {
    const raw = cls.attrs.get(name);
    if (!raw || name.startsWith('_') || dataOf(raw)?.tag === 'function') return undefined;
    let cache = this.enumMemberCache.get(cls);
    if (!cache) this.enumMemberCache.set(cls, (cache = new Map<string, PyValue>()));
    let member = cache.get(name);
    if (!member) {
      const attrs = new Map<string, PyValue>([
        ['name', mkStr(name)],
        ['value', raw],
      ]);
      cache.set(name, (member = opaque(cls.name, { tag: 'instance', cls, attrs }, name)));
    }
    return member;
  }

  /** Iterating an Enum class: its members in definition order. */
  enumMembers(value: PyValue): PyValue[] | undefined {
    const d = dataOf(value);
    if (d?.tag !== 'class' || !isEnumClass(d)) return undefined;
    const out: PyValue[] = [];
    const seen: PyValue[] = [];
    for (const name of d.attrs.keys()) {
      const member = this.enumMember(d, name);
      // An alias (a second name for a value) is not iterated, as in Python.
      const raw = d.attrs.get(name)!;
      if (!member || seen.some((v) => pyEquals(v, raw) === true)) continue;
      seen.push(raw);
      out.push(member);
    }
    return out;
  }

  /** The class value of an instance (one object per class, so `is` holds). */
  private classValueOf(d: ObjectData & { tag: 'instance' }): PyValue {
    let v = this.classValues.get(d.cls);
    if (!v) this.classValues.set(d.cls, (v = opaque('class', d.cls, d.cls.name)));
    return v;
  }

  lookupName(name: string, ctx: Ctx): PyValue {
    const b = this.lookupBinding(name, ctx);
    if (b) return b.value;
    if (BUILTIN_NAMES.has(name))
      return opaque('builtin', { tag: 'external', path: `builtins.${name}` }, name);
    if (name === '__builtins__') return opaque('module', { tag: 'external', path: 'builtins' });
    return this.raiseOrUnknown('NameError', `name '${name}' is not defined`);
  }

  private evalStringNode(node: SyntaxNode, ctx: Ctx): PyValue {
    const text = this.text(node, ctx);
    const parts = splitStringLiteral(text);
    if (!parts) throw new Unmodelled(`malformed string literal at line ${this.line}`);
    const isRaw = parts.prefix.includes('r');
    const isBytes = parts.prefix.includes('b');
    if (node.name !== 'FormatString') {
      const value = isRaw ? parts.body : decodeEscapes(parts.body, isBytes);
      if (value.length > this.limits.maxStringLength)
        return unknown(`string longer than maxStringLength (${this.limits.maxStringLength})`);
      return isBytes ? { kind: 'bytes', value } : mkStr(value);
    }
    // f-string: literal segments between FormatReplacement children.
    const bodyStart = node.from + parts.prefix.length + parts.quote.length;
    const bodyEnd = node.to - parts.quote.length;
    const source = ctx.module.parsed.source;
    let out = '';
    let pos = bodyStart;
    const literal = (s: string) => {
      const unescaped = s.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      return isRaw ? unescaped : decodeEscapes(unescaped, false);
    };
    const inputs: PyValue[] = [];
    for (let c = firstKid(node); c; c = nextKid(c)) {
      if (c.name !== 'FormatReplacement') continue;
      out += literal(source.slice(pos, c.from));
      pos = c.to;
      const piece = this.evalFormatReplacement(c, ctx, inputs);
      if (piece === undefined) {
        const u = inputs.find((v) => v.kind === 'unknown');
        return this.derive(
          unknown(
            u?.kind === 'unknown' ? u.reason : `f-string ${this.snippet(node, ctx)} not modelled`,
          ),
          ...inputs,
        );
      }
      out += piece;
      if (out.length > this.limits.maxStringLength)
        return unknown(`string longer than maxStringLength (${this.limits.maxStringLength})`);
    }
    out += literal(source.slice(pos, Math.max(pos, bodyEnd)));
    return this.derive(mkStr(out), ...inputs);
  }

  private evalFormatReplacement(node: SyntaxNode, ctx: Ctx, inputs: PyValue[]): string | undefined {
    let exprNode: SyntaxNode | undefined;
    let conversion = '';
    let spec = '';
    let selfDoc = false;
    for (let c = firstKid(node); c; c = nextKid(c)) {
      if (c.name === '{' || c.name === '}') continue;
      if (c.name === 'FormatConversion') conversion = this.text(c, ctx).slice(1);
      else if (c.name === 'FormatSelfDoc') selfDoc = true;
      else if (c.name === 'FormatSpec') {
        if (c.getChild('FormatReplacement')) {
          let s = '';
          let p = c.from + 1;
          for (let r = firstKid(c); r; r = nextKid(r)) {
            if (r.name !== 'FormatReplacement') continue;
            s += ctx.module.parsed.source.slice(p, r.from);
            const inner = this.evalFormatReplacement(r, ctx, inputs);
            if (inner === undefined) return undefined;
            s += inner;
            p = r.to;
          }
          spec = s + ctx.module.parsed.source.slice(p, c.to);
        } else spec = this.text(c, ctx).slice(1);
      } else if (!exprNode) exprNode = c;
    }
    if (!exprNode) return undefined;
    const value = this.evalExpr(exprNode, ctx);
    inputs.push(value);
    let text: string | undefined;
    if (conversion === 'r') text = pyRepr(value);
    else if (conversion === 's' || conversion === 'a') text = pyStr(value);
    if (text !== undefined) text = formatValue(mkStr(text), spec);
    else if (conversion === '') text = formatValue(value, spec);
    if (text === undefined) return undefined;
    return selfDoc ? `${this.text(exprNode, ctx)}=${text}` : text;
  }

  // ---------------------------------------------------------------- calls

  private evalCall(node: SyntaxNode, ctx: Ctx): PyValue {
    const calleeNode = firstKid(node)!;
    const argList = node.getChild('ArgList');
    const args: Args = argList
      ? this.evalArgs(argList, ctx)
      : {
          pos: [],
          kw: new Map(),
          posNodes: [],
          kwNodes: new Map(),
          source: ctx.module.parsed.source,
        };
    let callee: PyValue;
    let self: PyValue | undefined;
    let methodName: string | undefined;
    if (
      calleeNode.name === 'MemberExpression' &&
      calleeNode.getChild('PropertyName') &&
      nextKid(firstKid(calleeNode))?.name === '.'
    ) {
      self = this.evalExpr(firstKid(calleeNode)!, ctx);
      methodName = this.text(calleeNode.getChild('PropertyName')!, ctx);
      callee = this.getAttr(self, methodName, calleeNode, ctx);
    } else {
      callee = this.evalExpr(calleeNode, ctx);
    }
    const result = this.callValue(callee, args, node, ctx);
    // Mutating methods decide the root name's value here (MIDDLEWARE.insert(0, ...)).
    if (
      methodName &&
      self &&
      MUTATORS.has(methodName) &&
      (self.kind === 'list' || self.kind === 'dict' || self.kind === 'set')
    ) {
      // `DATABASES['default'].update(dj_database_url.config())`: what was merged in is unknown,
      // so the whole setting is (an Unknown item from append/insert stays a precise item).
      const unknownArg = [...args.pos, ...args.kw.values()].find((v) => v.kind === 'unknown');
      if (unknownArg?.kind === 'unknown' && ['update', 'extend'].includes(methodName)) {
        const reason = `${this.snippet(node, ctx)} merges an unknown value: ${unknownArg.reason}`;
        // What was there stays in it (a dict keeps its keys, a list its items).
        const before = firstKid(calleeNode)?.name === 'VariableName' ? factsOf(self) : undefined;
        const facts: KnownFacts | undefined = before && {
          ...(before.kind ? { kind: before.kind } : {}),
          contains: [...(before.contains ?? []), ...(unknownArg.facts?.contains ?? [])],
          ...(self.kind === 'list'
            ? {
                minLength: (before.minLength ?? 0) + (unknownArg.facts?.minLength ?? 0),
                prefix: before.prefix ?? [],
              }
            : before.minLength
              ? { minLength: before.minLength }
              : {}),
        };
        this.touchRoot(calleeNode, ctx, this.derive(unknown(reason, undefined, facts), unknownArg));
      } else this.touchRoot(calleeNode, ctx);
    }
    return result;
  }

  evalArgs(argList: SyntaxNode, ctx: Ctx): Args {
    const args: Args = {
      pos: [],
      kw: new Map(),
      posNodes: [],
      kwNodes: new Map(),
      source: ctx.module.parsed.source,
    };
    let mode: '' | '*' | '**' = '';
    if (argList.getChild('for')) {
      // f(x for x in y): the sole argument is a generator expression.
      const parts: SyntaxNode[] = [];
      for (let g = firstKid(argList); g; g = nextKid(g))
        if (g.name !== '(' && g.name !== ')') parts.push(g);
      args.pos.push(this.evalComprehensionParts(parts, 'ComprehensionExpression', ctx));
      return args;
    }
    for (let c = firstKid(argList); c; c = nextKid(c)) {
      if (c.name === '(' || c.name === ')' || c.name === ',') continue;
      if (c.name === '*' || c.name === '**') {
        mode = c.name;
        continue;
      }
      if (c.name === 'VariableName' && nextKid(c)?.name === 'AssignOp') {
        const valueNode = nextKid(nextKid(c));
        if (!valueNode) break;
        const name = this.text(c, ctx);
        args.kw.set(name, this.evalExpr(valueNode, ctx));
        args.kwNodes.set(name, valueNode);
        c = valueNode;
        continue;
      }

      const v = this.evalExpr(c, ctx);
      if (mode === '*') {
        const items = iterate(v);
        if (!items)
          args.pos.push(
            this.derive(unknown(v.kind === 'unknown' ? v.reason : '*args not iterable'), v),
          );
        else args.pos.push(...items);
      } else if (mode === '**') {
        if (v.kind === 'dict') {
          for (const [k, val] of v.entries) if (k.kind === 'str') args.kw.set(k.value, val);
        } else {
          args.kw.set('**', unknown(v.kind === 'unknown' ? v.reason : '**kwargs not a mapping'));
        }
      } else {
        args.pos.push(v);
        args.posNodes[args.pos.length - 1] = c;
      }
      mode = '';
    }
    return args;
  }

  callValue(callee: PyValue, args: Args, node: SyntaxNode | undefined, ctx: Ctx): PyValue {
    if (callee.kind === 'unknown') return callee;
    const d = dataOf(callee);
    if (!d) return this.raiseOrUnknown('TypeError', `'${typeName(callee)}' object is not callable`);
    switch (d.tag) {
      case 'function':
        if (d.binding === 'property')
          return this.raiseOrUnknown('TypeError', "'property' object is not callable");
        return this.callFunction(d, args);
      case 'bound':
        return this.callFunction(d.fn, args, d.self);
      case 'method':
        return callMethod(this, d.self, d.name, args, ctx);
      case 'external':
        return callExternal(this, d.path, args, node, ctx);
      default:
        return callMethod(this, callee, '__call__', args, ctx);
    }
  }

  /** Records a call to a non-modelled callee (for hardening rules such as sentry's send_default_pii). */
  recordCall(callee: string, args: Args): void {
    if (this.calls.length > 1000) return;
    const keywords = new Map<string, PyValue>();
    for (const [k, v] of args.kw) keywords.set(k, exportValue(v, 0));
    this.calls.push({ callee, file: this.file, line: this.line, keywords });
  }

  /** The module state of the file currently being evaluated. */
  currentModule(ctx: Ctx): ModuleState {
    return ctx.module;
  }

  findDirFile(pathWithoutExt: string): string | undefined {
    return findInDir(pathWithoutExt, this.options.files);
  }
}

/** Builtins that can change module names a statement does not show. */
const DYNAMIC_BUILTINS = new Set([
  'setattr',
  'exec',
  'eval',
  'globals',
  'locals',
  'vars',
  '__import__',
]);

/** `sys.argv` of the production process model (Interpreter.productionArgv). */
const PRODUCTION_ARGV = ['gunicorn', 'wsgi:application'];

/** Test runners and tools that a production server process never imports. */
const TEST_TOOL_MODULES = new Set(['pytest', '_pytest', 'pytest_django', 'nose', 'nose2']);

/** Modules a Django server process has imported by the time it reads the settings. */
const PROCESS_MODULES = new Set(['os', 'sys', 'os.path', 'importlib', 'logging', 're']);

/** `dir(object())` in CPython 3.11. */
const OBJECT_ATTRIBUTES = [
  '__class__',
  '__delattr__',
  '__dir__',
  '__doc__',
  '__eq__',
  '__format__',
  '__ge__',
  '__getattribute__',
  '__getstate__',
  '__gt__',
  '__hash__',
  '__init__',
  '__init_subclass__',
  '__le__',
  '__lt__',
  '__ne__',
  '__new__',
  '__reduce__',
  '__reduce_ex__',
  '__repr__',
  '__setattr__',
  '__sizeof__',
  '__str__',
  '__subclasshook__',
];

/** What a class statement adds to dir() of its class. */
const CLASS_ATTRIBUTES = ['__dict__', '__module__', '__weakref__'];

/** Decorators that return the function they decorate (as far as its value is concerned). */
const IDENTITY_DECORATORS = new Set([
  'functools.lru_cache',
  'functools.cache',
  'functools.wraps',
  'functools.total_ordering',
  'typing.final',
  'typing.overload',
  'typing_extensions.final',
]);

/** `class X(Enum)` (or IntEnum, StrEnum, Flag, through repository classes too). */
function isEnumClass(cls: ObjectData & { tag: 'class' }, depth = 0): boolean {
  if (depth > 20) return false;
  return cls.bases.some((b) => {
    const d = dataOf(b);
    if (d?.tag === 'class') return isEnumClass(d, depth + 1);
    return d?.tag === 'external' && /^enum\.(Enum|IntEnum|StrEnum|Flag|IntFlag)$/.test(d.path);
  });
}

/** Whether every base is a class of the repository or `object` (so attributes are all known). */
export function hasOnlyModelledBases(cls: ObjectData & { tag: 'class' }, depth = 0): boolean {
  if (depth > 20) return false;
  return cls.bases.every((b) => {
    const d = dataOf(b);
    if (d?.tag === 'class') return hasOnlyModelledBases(d, depth + 1);
    return d?.tag === 'external' && d.path === 'builtins.object';
  });
}

const noArgs = (ctx?: Ctx): Args => ({
  pos: [],
  kw: new Map(),
  posNodes: [],
  kwNodes: new Map(),
  source: ctx?.module.parsed.source ?? '',
});

const MUTATORS = new Set([
  'append',
  'extend',
  'insert',
  'remove',
  'pop',
  'clear',
  'sort',
  'reverse',
  'update',
  'setdefault',
  'add',
  'discard',
  'popitem',
]);

/** Largest Python file evaluated (lezer parses roughly 2–6 MB/s). */
const MAX_SOURCE_CHARS = 2_000_000;

/** Reasons produced by the evaluation limits (EvalLimits) or by too-large arithmetic. */
function isBoundReason(reason: string): boolean {
  return /\bmax[A-Z]\w+ \(\d+\)|too large to evaluate/.test(reason);
}

/** Modules every Django deployment can import: the standard library and Django itself. */
const ALWAYS_INSTALLED = new Set([
  'os',
  'sys',
  'pathlib',
  'json',
  'ast',
  'django',
  'typing',
  're',
  'logging',
  'datetime',
  'socket',
  'urllib',
  'warnings',
  'secrets',
  'string',
  'random',
  'collections',
  'functools',
  'itertools',
  'base64',
  'platform',
  'enum',
  'dataclasses',
  '__future__',
  'importlib',
  'tempfile',
  'uuid',
  'hashlib',
  'copy',
  'glob',
  'shutil',
  'subprocess',
  'io',
  'math',
  'time',
  'contextlib',
  'inspect',
  'types',
  'textwrap',
  'configparser',
]);

/** Modules the evaluator knows: the always-installed ones plus the libraries it models. */
const STDLIB_OR_MODELLED = new Set([...ALWAYS_INSTALLED, ...MODELLED_MODULES]);

function isScalar(v: PyValue): boolean {
  return v.kind !== 'list' && v.kind !== 'dict' && v.kind !== 'set' && v.kind !== 'opaque';
}

function hasComma(node: SyntaxNode, skip: number): boolean {
  let i = 0;
  for (let c = firstKid(node); c; c = nextKid(c), i++) if (i >= skip && c.name === ',') return true;
  return false;
}

function hasSliceColon(member: SyntaxNode): boolean {
  for (let c = firstKid(member); c; c = nextKid(c)) if (c.name === ':') return true;
  return false;
}

function exprChildren(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = firstKid(node); c; c = nextKid(c))
    if (c.name !== 'if' && c.name !== 'else') out.push(c);
  return out;
}

/** The root VariableName of `a.b[c].d(...)`-style target chains. */
function rootName(node: SyntaxNode): SyntaxNode | undefined {
  let n: SyntaxNode | null = node;
  while (n && (n.name === 'MemberExpression' || n.name === 'CallExpression')) n = firstKid(n);
  return n?.name === 'VariableName' ? n : undefined;
}

const COMPARE_TOKENS = new Set(['CompareOp', 'in', 'not', 'is']);

/** The comparison operator text of a BinaryExpression, or undefined if it is not a comparison. */
function comparisonOperator(node: SyntaxNode, source: string): string | undefined {
  const op = nextKid(firstKid(node));
  if (!op || !COMPARE_TOKENS.has(op.name)) return undefined;
  if (op.name === 'CompareOp') return source.slice(op.from, op.to);
  if (op.name === 'in') return 'in';
  if (op.name === 'not') return 'not in';
  const next = nextKid(op);
  return next?.name === 'not' ? 'is not' : 'is';
}

/** `a < b <= c` (left-nested BinaryExpressions without parentheses) as operands and ops. */
function flattenComparison(
  node: SyntaxNode,
  source: string,
): { operands: SyntaxNode[]; ops: string[] } {
  const op = comparisonOperator(node, source)!;
  const left = firstKid(node)!;
  const right = lastKid(node)!;
  if (left.name === 'BinaryExpression' && comparisonOperator(left, source)) {
    const inner = flattenComparison(left, source);
    return { operands: [...inner.operands, right], ops: [...inner.ops, op] };
  }
  return { operands: [left, right], ops: [op] };
}

function parseNumber(text: string): PyValue {
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return unknown('complex numbers not modelled');
  if (/^0[xX][0-9a-fA-F]+$/.test(t) || /^0[oO][0-7]+$/.test(t) || /^0[bB][01]+$/.test(t))
    return mkInt(BigInt(t.toLowerCase()));
  if (/^\d+$/.test(t)) return mkInt(BigInt(t));
  const f = Number(t);
  return Number.isNaN(f) ? unknown(`number ${text} not understood`) : mkFloat(f);
}

function dedupeKnown(items: PyValue[]): PyValue[] {
  const out: PyValue[] = [];
  for (const item of items) if (!out.some((o) => pyEquals(o, item) === true)) out.push(item);
  return out;
}

function findClassAttr(
  cls: ObjectData & { tag: 'class' },
  name: string,
  depth = 0,
): PyValue | undefined {
  if (cls.attrs.has(name)) return cls.attrs.get(name);
  if (depth > 20) return undefined;
  for (const base of cls.bases) {
    const bd = dataOf(base);
    if (bd?.tag === 'class') {
      const v = findClassAttr(bd, name, depth + 1);
      if (v) return v;
    }
  }
  return undefined;
}

/** Same value for merging branches: identical object, equal known values, or same opaque object. */
export function sameValue(a: PyValue, b: PyValue): boolean {
  if (a === b) return true;
  if (a.kind === 'opaque' && b.kind === 'opaque') {
    const da = dataOf(a);
    const db = dataOf(b);
    if (da?.tag === 'path' && db?.tag === 'path') return da.path === db.path;
    if (da?.tag === 'external' && db?.tag === 'external') return da.path === db.path;
    return da === db;
  }
  if (a.kind === 'unknown' && b.kind === 'unknown')
    return a.reason === b.reason && a.envVar === b.envVar;
  if (a.kind !== b.kind) return false;
  if ((a.kind === 'list' || a.kind === 'tuple' || a.kind === 'set') && 'items' in b) {
    return a.items.length === b.items.length && a.items.every((x, i) => sameValue(x, b.items[i]!));
  }
  if (a.kind === 'dict' && b.kind === 'dict') {
    return (
      a.entries.length === b.entries.length &&
      a.entries.every(
        ([k, v], i) => sameValue(k, b.entries[i]![0]) && sameValue(v, b.entries[i]![1]),
      )
    );
  }
  return pyEquals(a, b) === true;
}

/** Deep copy of mutable containers (sharing preserved through `memo`). */
function cloneValue(v: PyValue, memo: Map<PyValue, PyValue>, depth: number): PyValue {
  if (v.kind !== 'list' && v.kind !== 'dict' && v.kind !== 'set' && v.kind !== 'tuple') return v;
  if (depth > 100) return v;
  const seen = memo.get(v);
  if (seen) return seen;
  if (v.kind === 'dict') {
    const out: PyValue & { kind: 'dict' } = { kind: 'dict', entries: [] };
    memo.set(v, out);
    for (const [k, val] of v.entries) out.entries.push([k, cloneValue(val, memo, depth + 1)]);
    return out;
  }
  const out = { kind: v.kind, items: [] as PyValue[] } as PyValue & { items: PyValue[] };
  memo.set(v, out);
  for (const item of v.items) out.items.push(cloneValue(item, memo, depth + 1));
  return out;
}

/** Converts internal values for the snapshot: Path objects become str (as os.fspath would). */
function exportValue(v: PyValue, depth: number, ancestors = new Set<PyValue>()): PyValue {
  // Rules recurse over values (repr, ==): never hand them a cycle (`L.append(L)`) or a
  // pathological depth.
  if (ancestors.has(v)) return unknown('value contains itself (self-referencing container)');
  if (depth > MAX_EXPORT_DEPTH)
    return unknown(`value nested deeper than ${MAX_EXPORT_DEPTH} levels`);
  switch (v.kind) {
    case 'opaque': {
      const d = dataOf(v);
      if (d?.tag === 'path') return mkStr(d.path);
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
