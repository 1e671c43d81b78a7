/**
 * Imports: `import`/`from … import`, relative names, repository modules through the confined
 * reader, optional third-party imports, and which modules count as loaded.
 */
import type { SyntaxNode } from '@lezer/common';
import type { PyValue } from '../value';
import { unknown } from '../value';
import { firstKid, nextKid } from '../python/parse';
import type { Frame } from './model';
import { ALWAYS_INSTALLED, findInDir, normalizeDir, resolveModuleFile } from './modules';
import { dataOf, iterate, opaque } from './ops';
import { MODELLED_MODULES, notModelledLibrary } from './library';
import type { Evaluator } from './evaluator';

/** The first import in a try body of a module outside the repository and not modelled. */
export function optionalThirdPartyImport(
  ev: Evaluator,
  body: SyntaxNode,
  frame: Frame,
): string | undefined {
  for (let st = firstKid(body); st; st = nextKid(st)) {
    if (st.name !== 'ImportStatement') continue;
    let c = firstKid(st);
    const isFrom = c?.name === 'from';
    c = nextKid(c);
    if (isFrom && c?.name === '.') continue;
    const parts: string[] = [];
    for (; c && c.name === 'VariableName'; c = nextKid(c)) {
      parts.push(ev.text(c, frame));
      if (nextKid(c)?.name !== '.') break;
      c = nextKid(c);
    }
    const dotted = parts.join('.');
    if (!dotted || ALWAYS_INSTALLED.has(parts[0]!)) continue;
    if (findModuleFile(ev, parts[0]!, frame) !== undefined) continue;
    return dotted;
  }
  return undefined;
}

// ---------------------------------------------------------------- imports

export function execImport(ev: Evaluator, node: SyntaxNode, frame: Frame): void {
  const isFrom = firstKid(node)?.name === 'from';
  if (!isFrom) {
    // import a.b.c [as x], d
    let parts: string[] = [];
    let alias: string | undefined;
    let sawAs = false;
    const flush = () => {
      if (parts.length === 0) return;
      const dotted = parts.join('.');
      const mod = importModule(ev, dotted, frame);
      if (alias !== undefined) ev.bindName(alias, mod, frame, ev.line);
      else ev.bindName(parts[0]!, importModule(ev, parts[0]!, frame), frame, ev.line);
      parts = [];
      alias = undefined;
      sawAs = false;
    };
    for (let c = firstKid(node); c; c = nextKid(c)) {
      if (c.name === 'VariableName') {
        if (sawAs) alias = ev.text(c, frame);
        else parts.push(ev.text(c, frame));
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
    else if (c.name === 'VariableName') parts.push(ev.text(c, frame));
  }
  const names: { name: string; alias: string }[] = [];
  let star = false;
  let sawAs = false;
  for (c = nextKid(c) ?? null; c; c = nextKid(c)) {
    if (c.name === '*') star = true;
    else if (c.name === 'as') sawAs = true;
    else if (c.name === 'VariableName') {
      const n = ev.text(c, frame);
      if (sawAs && names.length) names[names.length - 1]!.alias = n;
      else names.push({ name: n, alias: n });
      sawAs = false;
    }
  }
  const dotted = absoluteName(ev, level, parts.join('.'), frame);
  if (dotted === undefined) {
    ev.raiseOrUnknown('ImportError', 'attempted relative import beyond top-level package');
    return;
  }
  const mod = importModule(ev, dotted, frame, level > 0);
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
        if (frame.scope) frame.scope.vars.set(name, binding);
        else frame.module.namespace.set(name, binding);
      }
    } else if (mod.kind !== 'unknown') {
      ev.diag(
        'info',
        `names from 'from ${dotted} import *' are not modelled (outside the repository)`,
      );
    }
    return;
  }
  for (const { name, alias } of names) {
    let value = ev.getAttr(mod, name, node, frame);
    if (data?.tag === 'module' && !data.state.namespace.has(name)) {
      // `from package import submodule`
      const sub = importModule(ev, `${dotted}.${name}`, frame, true, true);
      if (dataOf(sub)?.tag === 'module') value = sub;
      else
        value = ev.raiseOrUnknown('ImportError', `cannot import name '${name}' from '${dotted}'`);
    }
    ev.bindName(alias, value, frame, ev.line);
  }
}

export function absoluteName(
  ev: Evaluator,
  level: number,
  rel: string,
  frame: Frame,
): string | undefined {
  if (level === 0) return rel;
  let pkg = frame.module.isPackage
    ? frame.module.name
    : frame.module.name.split('.').slice(0, -1).join('.');
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
export function importModule(
  ev: Evaluator,
  dotted: string,
  frame: Frame,
  mustBeLocal = false,
  quiet = false,
): PyValue {
  const file = findModuleFile(ev, dotted, frame);
  if (file !== undefined) {
    // Python imports parent packages first.
    const parts = dotted.split('.');
    for (let i = 1; i < parts.length; i++) {
      const parentFile = findModuleFile(ev, parts.slice(0, i).join('.'), frame);
      if (parentFile !== undefined && parentFile.endsWith('__init__.py'))
        ev.loadModule(parts.slice(0, i).join('.'), parentFile);
    }
    const state = ev.loadModule(dotted, file);
    ev.file = frame.module.file;
    if (!state) return unknown(`module ${dotted} could not be read`);
    return opaque('module', { tag: 'module', state }, dotted);
  }
  const top = dotted.split('.')[0]!;
  const topIsLocal =
    findModuleFile(ev, top, frame) !== undefined ||
    ev.options.pythonPaths.some((p) =>
      ev.options.files.isDirectory(normalizeDir(p) === '' ? top : `${normalizeDir(p)}/${top}`),
    );
  if (mustBeLocal || topIsLocal) {
    if (quiet) return unknown(`module ${dotted} not found`);
    return ev.raiseOrUnknown('ModuleNotFoundError', `No module named '${dotted}'`);
  }
  const library = notModelledLibrary(top);
  if (library) {
    ev.warnOnce(`library:${library.name}`, library.note);
    if (library.maySetSettings) ev.markIncomplete(`${library.name} is not modelled`);
  } else if (!STDLIB_OR_MODELLED.has(top))
    ev.diag('info', `import ${dotted}: outside the repository; treated as opaque`);
  return opaque('module', { tag: 'external', path: dotted }, dotted);
}

export function findModuleFile(ev: Evaluator, dotted: string, _ctx: Frame): string | undefined {
  return resolveModuleFile(dotted, ev.options.pythonPaths, ev.options.files);
}

/** The module object named `name` as `sys.modules[name]` gives it, if the settings loaded it. */
export function loadedModule(ev: Evaluator, name: string): PyValue | undefined {
  for (const state of ev.modules.values())
    if (state.name === name) return opaque('module', { tag: 'module', state }, name);
  return undefined;
}

/** `name in sys.modules` in the production process (see productionArgv). */
export function isModuleLoaded(ev: Evaluator, name: string): boolean | undefined {
  if (loadedModule(ev, name)) return true;
  const top = name.split('.')[0]!;
  if (TEST_TOOL_MODULES.has(top)) return false;
  if (name === 'django' || name === 'django.conf' || PROCESS_MODULES.has(name)) return true;
  return undefined;
}

export function findDirFile(ev: Evaluator, pathWithoutExt: string): string | undefined {
  return findInDir(pathWithoutExt, ev.options.files);
}

/** Test runners and tools that a production server process never imports. */
const TEST_TOOL_MODULES = new Set(['pytest', '_pytest', 'pytest_django', 'nose', 'nose2']);

/** Modules a Django server process has imported by the time it reads the settings. */
const PROCESS_MODULES = new Set(['os', 'sys', 'os.path', 'importlib', 'logging', 're']);

/** Modules the evaluator knows: the always-installed ones plus the libraries it models. */
const STDLIB_OR_MODELLED = new Set([...ALWAYS_INSTALLED, ...MODELLED_MODULES]);
