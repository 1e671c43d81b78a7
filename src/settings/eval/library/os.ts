/** os, os.environ, os.path: paths rooted at /repo, the environment of the production profile. */
import { posix } from 'node:path';
import type { PyValue } from '../../value';
import { NONE, unknown } from '../../value';
import type { Args, Host } from '../host';
import { REPO_ROOT } from '../paths';
import { strValue, opaque, typeName } from '../ops';
import type { LibraryModel } from './model';
import { argAt, argText } from './args';
import { fileCheck, fspath } from './files';

export function readOsEnv(it: Host, args: Args): PyValue {
  const key = argAt(args, 0, 'key');
  if (!key || key.kind !== 'str')
    return it.derive(unknown('environment variable name unknown'), ...(key ? [key] : []));
  const entry = it.env.get(key.value);
  const defaultValue = argAt(args, 1, 'default');
  const defaultText = argText(args, 1, 'default');
  it.recordEnvRead(key.value, defaultText, entry !== undefined);
  if (entry) return it.envValue(key.value, entry);
  return it.envDefault(key.value, defaultValue ?? NONE, defaultText ?? 'None');
}

export function environMethod(it: Host, name: string, args: Args): PyValue {
  switch (name) {
    case 'get':
      return readOsEnv(it, args);
    case 'setdefault': {
      const key = argAt(args, 0);
      const value = argAt(args, 1) ?? NONE;
      if (key?.kind !== 'str') return unknown('os.environ.setdefault with an unknown name');
      const entry = it.env.get(key.value);
      it.recordEnvRead(key.value, argText(args, 1), entry !== undefined);
      if (entry) return it.envValue(key.value, entry);
      if (value.kind !== 'str') {
        if (value.kind === 'unknown') it.env.set(key.value, { unknown: value.reason });
        else return it.raiseOrUnknown('TypeError', 'str expected, not ' + typeName(value));
        return value;
      }
      it.env.set(key.value, { value: value.value });
      return it.envDefault(key.value, value, argText(args, 1));
    }
    case 'pop': {
      const key = argAt(args, 0);
      if (key?.kind !== 'str') return unknown('os.environ.pop with an unknown name');
      const entry = it.env.get(key.value);
      it.recordEnvRead(key.value, argText(args, 1), entry !== undefined);
      it.env.delete(key.value);
      if (entry) return it.envValue(key.value, entry);
      const d = argAt(args, 1);
      return d ?? it.raiseOrUnknown('KeyError', `'${key.value}'`, key.value);
    }
    case 'update': {
      const src = argAt(args, 0);
      const pairs: [PyValue, PyValue][] = src?.kind === 'dict' ? src.entries : [];
      for (const [k, v] of [
        ...pairs,
        ...[...args.kw].map(([k, v]) => [strValue(k), v] as [PyValue, PyValue]),
      ])
        if (k.kind === 'str')
          it.env.set(
            k.value,
            v.kind === 'str' ? { value: v.value } : { unknown: 'set from a non-str value' },
          );
      if (src && src.kind !== 'dict')
        it.warnOnce(
          `envupdate:${it.line}`,
          `os.environ.update(...) at line ${it.line} not modelled`,
        );
      return NONE;
    }
    case 'keys':
      return { kind: 'list', items: [...it.env.keys()].map(strValue) };
    case 'copy':
    case 'items':
    case 'values':
      return unknown(`os.environ.${name}() depends on the whole environment`);
  }
  return unknown(`os.environ.${name}() not modelled`);
}

/** os, os.environ, os.path: paths rooted at /repo, the environment of the production profile. */
export const osModel: LibraryModel = {
  name: 'os',
  modules: ['os'],
  call(it, path, args) {
    const a0 = argAt(args, 0);
    switch (path) {
      case 'os.getenv':
      case 'os.environ.get':
        return readOsEnv(it, args);
      case 'os.putenv':
        return NONE;
      case 'os.path.join': {
        const parts = args.pos.map(fspath);
        if (parts.some((p) => p === undefined))
          return it.derive(unknown('os.path.join of an unknown part'), ...args.pos);
        return it.derive(
          strValue(
            posix
              .join(...(parts as string[]))
              .replace(/\/$/, (m) => (parts.at(-1)!.endsWith('/') ? m : '')),
          ),
          ...args.pos,
        );
      }
      case 'os.path.dirname':
      case 'os.path.basename':
      case 'os.path.abspath':
      case 'os.path.realpath':
      case 'os.path.normpath':
      case 'os.path.expanduser':
      case 'os.path.exists':
      case 'os.path.isfile':
      case 'os.path.isdir':
      case 'os.path.splitext':
      case 'os.path.split': {
        const p = a0 ? fspath(a0) : undefined;
        if (p === undefined) return it.derive(unknown(`${path}() of an unknown path`), ...args.pos);
        const fn = path.slice('os.path.'.length);
        switch (fn) {
          case 'dirname':
            return strValue(posix.dirname(p) === '.' && !p.includes('/') ? '' : posix.dirname(p));
          case 'basename':
            return strValue(p.endsWith('/') ? '' : posix.basename(p));
          case 'abspath':
          case 'realpath':
            return strValue(posix.resolve(REPO_ROOT, p));
          case 'normpath':
            return strValue(posix.normalize(p));
          case 'expanduser':
            return p.startsWith('~') ? unknown('home directory of the deploy user') : strValue(p);
          case 'splitext': {
            const ext = posix.extname(p);
            return {
              kind: 'tuple',
              items: [strValue(p.slice(0, p.length - ext.length)), strValue(ext)],
            };
          }
          case 'split':
            return {
              kind: 'tuple',
              items: [strValue(posix.dirname(p)), strValue(posix.basename(p))],
            };
          default:
            return fileCheck(it, p, fn);
        }
      }
    }
    return undefined;
  },
  attribute(_it, path, name) {
    switch (`${path}.${name}`) {
      case 'os.environ':
        return opaque('_Environ', { tag: 'environ' }, 'os.environ');
      case 'os.sep':
        return strValue('/');
      case 'os.name':
        return strValue('posix');
      case 'os.linesep':
        return strValue('\n');
      case 'os.curdir':
        return strValue('.');
    }
    return undefined;
  },
  methods: {
    environ: (it, _self, _data, name, args) => environMethod(it, name, args),
  },
};
