/** json, ast.literal_eval, typing, contextlib, inspect, logging, warnings, distutils, sys (the production process model). */
import type { PyValue } from '../../value';
import { NONE, unknown } from '../../value';
import { firstKid, nextKid, parsePython } from '../../python/parse';
import type { Host } from '../host';
import type { Args } from '../host';
import type { ObjectData } from '../model';
import { PyRaise, Unmodelled } from '../model';
import { bool, dataOf, externalPath, intValue, strValue, opaque, reprOf } from '../ops';
import { REPO_ROOT } from '../paths';
import { fspath, repoRelative } from './files';
import type { LibraryModel } from './model';
import { argAt } from './args';
import { jsonToPy } from './convert';

export const LITERAL_NODES = new Set([
  'Comment',
  'Script',
  'ExpressionStatement',
  'Number',
  'String',
  'ContinuedString',
  'Boolean',
  'None',
  'TupleExpression',
  'ArrayExpression',
  'SetExpression',
  'DictionaryExpression',
  'ParenthesizedExpression',
  'UnaryExpression',
  'ArithOp',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
]);

export function literalEval(it: Host, text: string, input: PyValue): PyValue {
  if (text.length > 100_000) return unknown('ast.literal_eval input too long');
  const parsed = parsePython(text.trim(), '<literal_eval>');
  let ok = parsed.diagnostics.length === 0;
  parsed.tree.iterate({
    enter: (n) => {
      if (!LITERAL_NODES.has(n.name)) ok = false;
    },
  });
  const stmt = firstKid(parsed.tree.topNode);
  const expr = firstKid(stmt);
  if (!ok || !stmt || nextKid(stmt) || stmt.name !== 'ExpressionStatement' || !expr)
    return it.raiseOrUnknown(
      'ValueError',
      'malformed node or string (ast.literal_eval)',
      it.originOf(input)?.envVar,
    );
  const fakeModule = {
    name: '<literal_eval>',
    file: it.file,
    dir: '',
    isPackage: false,
    parsed,
    namespace: new Map(),
    done: true,
  };
  return it.derive(it.evalExpr(expr, { module: fakeModule, scope: undefined }), input);
}

/** json, ast.literal_eval, typing, contextlib, inspect, logging, warnings, distutils, sys (the production process model). */
export const stdlibModel: LibraryModel = {
  name: 'standard library',
  modules: [
    'json',
    'ast',
    'typing',
    'contextlib',
    'inspect',
    'logging',
    'warnings',
    'distutils',
    'str2bool',
    'sys',
    'importlib',
    'pkgutil',
  ],
  call(it, path, args, _node, frame) {
    const a0 = argAt(args, 0);
    switch (path) {
      case 'json.load':
        // json.load(open(path)): what the file holds is read at runtime.
        return a0?.kind === 'unknown'
          ? unknown(`json.load of the ${a0.reason.replace(/^contents of /, '')}`, a0.envVar)
          : unknown('json.load of a file object not modelled');
      case 'importlib.import_module': {
        // import_module(name, package=None): a repository module runs as `import` runs it.
        const target = argAt(args, 0, 'name');
        const dotted =
          target?.kind === 'str'
            ? absoluteModuleName(target.value, argAt(args, 1, 'package'))
            : undefined;
        if (dotted === undefined)
          return unknown(
            `importlib.import_module() of a name not known statically`,
            target?.kind === 'unknown' ? target.envVar : undefined,
          );
        return it.importModule(dotted, frame);
      }
      case 'importlib.util.spec_from_file_location':
        return specFromFileLocation(args);
      case 'importlib.util.module_from_spec': {
        const spec = dataOf(a0 ?? NONE);
        if (spec?.tag === 'modulespec') return it.newModule(spec.name, spec.file);
        return it.derive(
          unknown('importlib.util.module_from_spec() of a spec not known'),
          a0 ?? NONE,
        );
      }
      case 'pkgutil.extend_path':
        // Only the repository's copy of the package is on the path: the list is unchanged.
        return a0?.kind === 'list'
          ? { kind: 'list', items: [...a0.items] }
          : (a0 ?? unknown('pkgutil.extend_path()'));
      case 'json.loads':
        return a0?.kind === 'str'
          ? jsonToPy(it, a0.value, a0)
          : it.derive(unknown('json.loads of an unknown value'), ...args.pos);
      case 'ast.literal_eval':
        return a0?.kind === 'str'
          ? literalEval(it, a0.value, a0)
          : it.derive(unknown('ast.literal_eval of an unknown value'), ...args.pos);
      case 'distutils.util.strtobool':
      case 'str2bool.str2bool': {
        // distutils' strtobool: 1/0 for the listed words, ValueError otherwise.
        const text = a0?.kind === 'str' ? a0.value.toLowerCase() : undefined;
        if (text === undefined) return it.derive(unknown(`${path}() of a non-str`), ...args.pos);
        if (['y', 'yes', 't', 'true', 'on', '1'].includes(text)) return it.derive(intValue(1), a0!);
        if (['n', 'no', 'f', 'false', 'off', '0'].includes(text))
          return it.derive(intValue(0), a0!);
        return it.raiseOrUnknown(
          'ValueError',
          `invalid truth value ${reprOf(a0!)}`,
          it.originOf(a0!)?.envVar,
        );
      }
      case 'typing.cast':
        return argAt(args, 1) ?? NONE;
      case 'inspect.getmembers': {
        const names = a0 ? it.attributeNames(a0) : undefined;
        if (!a0 || !names) return unknown('inspect.getmembers() not modelled');
        const items: PyValue[] = [];
        for (const n of names) {
          let v: PyValue | undefined;
          try {
            v = it.findAttribute(a0, n);
          } catch (err) {
            // getmembers skips an attribute whose property raises AttributeError; a property
            // the evaluator cannot follow is Unknown on its own, not the whole list.
            if (err instanceof PyRaise && err.excType === 'AttributeError') continue;
            if (!(err instanceof Unmodelled)) throw err;
            v = unknown(err.reason, err.envVar);
          }
          items.push({ kind: 'tuple', items: [strValue(n), v ?? unknown(`attribute ${n}`)] });
        }
        return { kind: 'list', items };
      }
      case 'contextlib.suppress': {
        const types: string[] = [];
        for (const t of args.pos) {
          const p = externalPath(t);
          const d = dataOf(t);
          if (p !== undefined) types.push(p.split('.').pop()!);
          else if (d?.tag === 'class') types.push(d.name);
          else return unknown('contextlib.suppress() of an unknown exception type');
        }
        return opaque('suppress', { tag: 'suppress', types });
      }
      case 'contextlib.nullcontext': {
        const cm = opaque('nullcontext', { tag: 'external', path: 'contextlib.nullcontext:' });
        it.nullContexts.set(cm, a0 ?? NONE);
        return cm;
      }
      case 'warnings.warn':
      case 'warnings.filterwarnings':
      case 'warnings.simplefilter':
      case 'logging.basicConfig':
      case 'logging.captureWarnings':
      case 'logging.config.dictConfig':
      case 'logging.Logger.setLevel':
      case 'logging.Logger.addHandler':
      case 'logging.Logger.addFilter':
      case 'logging.Logger.debug':
      case 'logging.Logger.info':
      case 'logging.Logger.warning':
      case 'logging.Logger.error':
        return NONE;
      case 'logging.getLogger':
        return opaque('Logger', { tag: 'external', path: 'logging.Logger' });
    }
    return undefined;
  },
  methods: {
    sourceloader(it, _self, data, name, args) {
      if (data.tag !== 'sourceloader' || name !== 'exec_module')
        return unknown(`loader.${name}() not modelled`);
      const module = argAt(args, 0, 'module');
      if (!module || module.kind === 'unknown') return module ?? unknown('exec_module()');
      it.execModuleFile(module, data.file);
      return NONE;
    },
  },
  attribute(it, path, name) {
    switch (`${path}.${name}`) {
      case 'logging.CRITICAL':
        return intValue(50);
      case 'logging.ERROR':
        return intValue(40);
      case 'logging.WARNING':
        return intValue(30);
      case 'logging.INFO':
        return intValue(20);
      case 'logging.DEBUG':
        return intValue(10);
      case 'sys.argv':
        return it.productionArgv();
      case 'sys.modules':
        return opaque('dict', { tag: 'external', path: 'sys.modules' }, 'sys.modules');
      case 'sys.platform':
        return unknown('sys.platform depends on the host');
    }
    return undefined;
  },
};

/**
 * `importlib.util.spec_from_file_location(name, location)`: a spec for a `.py` file inside the
 * repository. A location outside the repository or not known is Unknown (never read); another
 * suffix (CPython returns None) or a custom loader is not modelled.
 */
function specFromFileLocation(args: Args): PyValue {
  const name = argAt(args, 0, 'name');
  const location = argAt(args, 1, 'location');
  const where = location && fspath(location);
  if (name?.kind !== 'str' || where === undefined)
    return unknown(
      'importlib.util.spec_from_file_location() of a name or path not known statically',
      location?.kind === 'unknown' ? location.envVar : undefined,
    );
  const file = repoRelative(where);
  if (file === undefined)
    return unknown(`importlib.util.spec_from_file_location() of ${where}, outside the repository`);
  if (!file.endsWith('.py') || args.kw.has('loader') || args.kw.has('submodule_search_locations'))
    return unknown(`importlib.util.spec_from_file_location() of ${file} not modelled`);
  return opaque('ModuleSpec', { tag: 'modulespec', name: name.value, file }, 'ModuleSpec');
}

/** An attribute of a ModuleSpec from spec_from_file_location (CPython's values). */
export function moduleSpecAttribute(
  spec: ObjectData & { tag: 'modulespec' },
  attribute: string,
): PyValue {
  switch (attribute) {
    case 'name':
      return strValue(spec.name);
    case 'origin':
      return strValue(`${REPO_ROOT}/${spec.file}`);
    case 'parent':
      return strValue(spec.name.split('.').slice(0, -1).join('.'));
    case 'has_location':
      return bool(true);
    case 'loader':
      return opaque(
        'SourceFileLoader',
        { tag: 'sourceloader', name: spec.name, file: spec.file },
        'SourceFileLoader',
      );
  }
  return unknown(`ModuleSpec.${attribute} not modelled`);
}

/** `importlib.import_module`'s name resolution: relative names need a known package. */
function absoluteModuleName(name: string, packageArg: PyValue | undefined): string | undefined {
  const level = /^\.*/.exec(name)![0].length;
  const rest = name.slice(level);
  if (rest !== '' && !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(rest)) return undefined;
  if (level === 0) return rest === '' ? undefined : rest;
  if (packageArg?.kind !== 'str' || packageArg.value === '') return undefined;
  const base = packageArg.value.split('.');
  if (level - 1 >= base.length) return undefined;
  return [...base.slice(0, base.length - (level - 1)), ...(rest ? [rest] : [])].join('.');
}
