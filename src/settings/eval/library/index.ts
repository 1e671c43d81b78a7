/**
 * The registry of library models: one module per library, listed once here. The interpreter
 * reaches them only through callExternal / getExternalAttr / callMethod; adding a library is a
 * module and a line in LIBRARY_MODELS. The set of modelled modules derives from this list.
 */
import type { SyntaxNode } from '@lezer/common';
import type { PyValue } from '../../value';
import { NONE, unknown } from '../../value';
import type { Args, Host } from '../host';
import type { Frame } from '../model';
import { dataOf, opaque } from '../ops';
import { ALWAYS_INSTALLED } from '../modules';
import { argAt } from './args';
import { builtinsModel } from './builtins';
import { configparserModel } from './configparser';
import { decoupleModel } from './decouple';
import { djangoModel } from './django';
import { djangoEnvironModel } from './django-environ';
import { callValueMethod } from './methods';
import type { LibraryModel } from './model';
import { djangoConfigurationsModel, dynaconfModel, environsModel } from './not-modelled';
import { osModel } from './os';
import { pathlibModel } from './pathlib';
import { pydanticSettingsModel } from './pydantic-settings';
import { pythonDotenvModel } from './python-dotenv';
import { randomModel } from './random';
import { splitSettingsModel } from './split-settings';
import { stdlibModel } from './stdlib';

export const LIBRARY_MODELS = [
  builtinsModel,
  osModel,
  pathlibModel,
  stdlibModel,
  randomModel,
  configparserModel,
  djangoModel,
  djangoEnvironModel,
  decoupleModel,
  pydanticSettingsModel,
  pythonDotenvModel,
  splitSettingsModel,
  djangoConfigurationsModel,
  dynaconfModel,
  environsModel,
] satisfies readonly LibraryModel[];

/** Top-level modules some model answers for (their imports are not "third-party"). */
export const MODELLED_MODULES: ReadonlySet<string> = new Set(
  LIBRARY_MODELS.flatMap((m) => m.modules),
);

const byModule = new Map<string, LibraryModel[]>();
for (const model of LIBRARY_MODELS)
  for (const module of model.modules)
    byModule.set(module, [...(byModule.get(module) ?? []), model]);

const modelsFor = (path: string): LibraryModel[] => byModule.get(path.split('.')[0]!) ?? [];

/** The note for a settings library that is known but not modelled, if `module` is one. */
export function notModelledLibrary(
  module: string,
): { name: string; note: string; maySetSettings: boolean } | undefined {
  const model = modelsFor(module).find((m) => m.notModelled);
  return model?.notModelled && { name: model.name, ...model.notModelled };
}

/** A call of an external (non-repository) callable, by dotted path. */
export function callExternal(
  it: Host,
  path: string,
  args: Args,
  node: SyntaxNode | undefined,
  frame: Frame,
): PyValue {
  for (const model of modelsFor(path)) {
    const result = model.call?.(it, path, args, node, frame);
    if (result !== undefined) return result;
  }
  // Not modelled: never guessed. Remember it for hardening rules (sentry_sdk.init(...)); the
  // Unknown still names the env var its arguments came from.
  it.recordCall(path, args);
  return it.derive(unknown(`${callKind(path)} ${path}()`), ...args.pos, ...args.kw.values());
}

/** An attribute of an external module or object: modelled, else an opaque external value. */
export function getExternalAttr(it: Host, path: string, name: string): PyValue {
  for (const model of modelsFor(path)) {
    const result = model.attribute?.(it, path, name);
    if (result !== undefined) return result;
  }
  const full = `${path}.${name}`;
  return opaque('external', { tag: 'external', path: full }, full);
}

/** A method call on a value: builtin types, then the model that owns the object's tag. */
export function callMethod(
  it: Host,
  self: PyValue,
  name: string,
  args: Args,
  frame: Frame,
): PyValue {
  if (self.kind === 'unknown') return self;
  const onValue = callValueMethod(it, self, name, args, frame);
  if (onValue !== undefined) return onValue;
  if (self.kind !== 'opaque') return unknown(`${self.kind}.${name}() not modelled`);
  const d = dataOf(self);
  if (!d) return unknown(`${self.typeName}.${name}() not modelled`);
  for (const model of LIBRARY_MODELS) {
    const method = model.methods?.[d.tag];
    if (method) return method(it, self, d, name, args, frame);
  }
  switch (d.tag) {
    case 'namespace': {
      // `globals().update(d)` (or `vars()`/`locals()` at module level) with known str keys binds
      // exactly those names; anything else may bind any name.
      const moduleNamespace = d.which === 'globals' || (!frame.scope && !frame.classAttrs);
      const updates = name === 'update' && moduleNamespace ? namespaceUpdates(args) : undefined;
      if (updates) {
        const module = opaque('module', { tag: 'module', state: frame.module });
        for (const [key, value] of updates) it.setAttribute(module, key, value);
        return NONE;
      }
      if (name === 'update' || name === '__setitem__') {
        it.warnOnce(
          `ns:${it.file}:${it.line}`,
          `settings after line ${it.line} may be changed by ${d.which}().${name}(...); not modelled`,
        );
        it.markIncomplete(`${d.which}().${name}(...) not modelled`);
        return NONE;
      }
      if (name === 'get') {
        const k = argAt(args, 0);
        if (k?.kind === 'str')
          return frame.module.namespace.get(k.value)?.value ?? argAt(args, 1) ?? NONE;
      }
      return unknown(`${d.which}().${name}() not modelled`);
    }
    case 'external':
      return callExternal(it, `${d.path}.${name}`, args, undefined, frame);
    case 'module':
      return unknown(`module method ${name}() not modelled`);
    default:
      return unknown(`${self.typeName}.${name}() not modelled`);
  }
}

/** The (name, value) pairs of `ns.update(mapping, **kw)` when every key is a known str. */
function namespaceUpdates(args: Args): [string, PyValue][] | undefined {
  const out: [string, PyValue][] = [];
  if (args.pos.length > 1) return undefined;
  const mapping = args.pos[0];
  if (mapping) {
    if (mapping.kind !== 'dict') return undefined;
    for (const [k, v] of mapping.entries) {
      if (k.kind !== 'str') return undefined;
      out.push([k.value, v]);
    }
  }
  for (const [k, v] of args.kw) out.push([k, v]);
  return out;
}

/** How a message names a call it does not model: Django's, the standard library's, or another. */
function callKind(path: string): string {
  const top = path.split('.')[0]!;
  if (top === 'django') return 'Django call';
  return ALWAYS_INSTALLED.has(top) ? 'standard-library call' : 'third-party call';
}
