/**
 * Binding analysis: which module-level names a statement can bind, so that a statement that fails
 * makes only those undecided. Its own targets (assignment, augmented, `for`, `with … as`, `except
 * … as`, imports, `def`/`class`) are collected by the statement runner; this module adds the
 * names bound through the repository functions the statement calls (their `global`
 * declarations), and says when a statement can bind *any* name: `exec`/`eval`, `setattr`,
 * `globals()` (and `vars()`/`locals()` at module level), `sys.modules[...]`, a `__dict__` update,
 * a star import, or a settings library that injects names (django-split-settings). Only then is
 * the evaluation incomplete (Django's defaults undecided).
 */
import type { SyntaxNode } from '@lezer/common';
import { firstKid, lastKid, nextKid } from '../python/parse';
import type { PyValue } from '../value';
import type { Evaluator } from './evaluator';
import type { Frame, ModuleState, ObjectData } from './model';
import { dataOf } from './ops';
import { rootName } from './syntax';

/** What a statement can bind beyond its own targets. */
export interface ReachableBindings {
  /** Module names bound by `global` declarations of functions it calls (same module). */
  globals: Set<string>;
  /** Why it may bind names it does not show (undefined: it cannot). */
  anyName: string | undefined;
}

/** Builtins that can bind any module name, wherever they are called. */
const ANY_NAME_BUILTINS = new Set(['setattr', 'exec', 'eval', 'globals']);
/** Builtins that reach the module namespace only when called at module level. */
const MODULE_LEVEL_NAMESPACE = new Set(['vars', 'locals']);
/** How deep calls are followed (functions calling functions). */
const MAX_CALL_DEPTH = 8;
/** Syntax nodes visited per analysis, so a huge helper cannot stall it. */
const MAX_NODES = 50_000;

export function reachableBindings(
  ev: Evaluator,
  node: SyntaxNode,
  frame: Frame,
): ReachableBindings {
  const walk = new BindingWalk(ev, frame.module);
  walk.visit(node, frame.module, frame.scope === undefined, 0);
  return { globals: walk.globals, anyName: walk.anyName };
}

class BindingWalk {
  readonly globals = new Set<string>();
  anyName: string | undefined;
  private readonly seen = new Set<SyntaxNode>();
  private nodes = 0;

  constructor(
    private readonly ev: Evaluator,
    /** The module whose names are being decided. */
    private readonly target: ModuleState,
  ) {}

  /** Walks `node` (code of `module`); `moduleLevel` when it runs in the module's namespace. */
  visit(node: SyntaxNode, module: ModuleState, moduleLevel: boolean, depth: number): void {
    const text = (n: SyntaxNode) => module.parsed.source.slice(n.from, n.to);
    const cursor = node.cursor();
    do {
      if (this.anyName !== undefined) return;
      if (++this.nodes > MAX_NODES) {
        this.anyName = 'statement too large to analyse';
        return;
      }
      const n = cursor.node;
      if (n.from >= node.to && n.from !== node.from) break;
      switch (n.name) {
        case 'ImportStatement':
          if (isStarImport(n)) this.anyName = `${squash(text(n))} (a star import)`;
          break;
        case 'ScopeStatement':
          if (firstKid(n)?.name === 'global' && module === this.target)
            for (let c = firstKid(n); c; c = nextKid(c))
              if (c.name === 'VariableName') this.globals.add(text(c));
          break;
        case 'MemberExpression': {
          const property = lastKid(n);
          if (property && text(property) === '__dict__' && isMutated(n))
            this.anyName = `${squash(text(n))} (a __dict__ change)`;
          else if (/^sys\s*\.\s*modules\b/.test(text(n)) && isMutated(n))
            this.anyName = `${squash(text(n))} (sys.modules)`;
          break;
        }
        case 'CallExpression':
          this.visitCall(n, module, moduleLevel, depth, text);
          break;
      }
    } while (cursor.next());
  }

  private visitCall(
    call: SyntaxNode,
    module: ModuleState,
    moduleLevel: boolean,
    depth: number,
    text: (n: SyntaxNode) => string,
  ): void {
    const callee = firstKid(call);
    const root = callee ? rootName(callee) : undefined;
    if (!callee || !root) return;
    const name = text(root);
    const bound = module.namespace.get(name)?.value;
    if (!bound) {
      if (ANY_NAME_BUILTINS.has(name) || (moduleLevel && MODULE_LEVEL_NAMESPACE.has(name)))
        this.anyName = `${squash(text(call))} (${name}() can bind any name)`;
      return;
    }
    const data = dataOf(bound);
    if (data?.tag === 'external' && data.path.startsWith('split_settings')) {
      this.anyName = `${squash(text(call))} (django-split-settings include)`;
      return;
    }
    // The value called: the root itself, or one attribute of it (`Setup.do_settings`, `mod.f`).
    let called: PyValue | undefined = bound;
    if (callee.name === 'MemberExpression' && callee !== root) {
      const property = lastKid(callee);
      const object = firstKid(callee);
      called =
        property && object === root ? this.ev.findAttribute(bound, text(property)) : undefined;
      if (called === undefined) called = bound;
    }
    this.visitCallable(called, depth, squash(text(call)));
  }

  /** Follows a called repository function (or class, instance, bound method) into its body. */
  private visitCallable(value: PyValue, depth: number, what: string): void {
    const data = dataOf(value);
    if (!data) return;
    if (depth >= MAX_CALL_DEPTH) {
      if (['function', 'bound', 'class', 'instance'].includes(data.tag))
        this.anyName = `${what} (calls nested deeper than ${MAX_CALL_DEPTH})`;
      return;
    }
    const fn = functionOf(data);
    if (fn) {
      this.visitFunction(fn, depth + 1);
      return;
    }
    const cls = data.tag === 'class' ? data : data.tag === 'instance' ? data.cls : undefined;
    if (cls) for (const f of classFunctions(cls)) this.visitFunction(f, depth + 1);
  }

  private visitFunction(fn: ObjectData & { tag: 'function' }, depth: number): void {
    if (this.seen.has(fn.body)) return;
    this.seen.add(fn.body);
    this.visit(fn.body, fn.module, false, depth);
  }
}

function functionOf(data: ObjectData): (ObjectData & { tag: 'function' }) | undefined {
  if (data.tag === 'function') return data;
  if (data.tag === 'bound') return data.fn;
  return undefined;
}

/** Every function of a class and its repository bases (methods, class and static methods). */
function classFunctions(
  cls: ObjectData & { tag: 'class' },
  depth = 0,
): (ObjectData & { tag: 'function' })[] {
  if (depth > 20) return [];
  const out: (ObjectData & { tag: 'function' })[] = [];
  for (const v of cls.attrs.values()) {
    const d = dataOf(v);
    const fn = d ? functionOf(d) : undefined;
    if (fn) out.push(fn);
  }
  for (const base of cls.bases) {
    const d = dataOf(base);
    if (d?.tag === 'class') out.push(...classFunctions(d, depth + 1));
  }
  return out;
}

function isStarImport(node: SyntaxNode): boolean {
  for (let c = firstKid(node); c; c = nextKid(c)) if (c.name === '*') return true;
  return false;
}

/** Whether an expression is written to: assigned, deleted, or has a mutating method called. */
function isMutated(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.name === 'MemberExpression') {
    // `x.__dict__.update(...)`, `sys.modules[name]...`: the outer expression decides.
    return isMutated(parent);
  }
  if (parent.name === 'AssignStatement' || parent.name === 'UpdateStatement')
    return firstKid(parent) === node || nextKid(node)?.name === 'AssignOp';
  if (parent.name === 'CallExpression') return true;
  return parent.name === 'DeleteStatement';
}

function squash(text: string): string {
  const t = text.replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}
