/** pathlib.Path values (exported to the snapshot as str). */
import { posix } from 'node:path';
import type { PyValue } from '../../value';
import { NONE, unknown } from '../../value';
import type { Args, Host } from '../host';
import { pathValue, REPO_ROOT } from '../paths';
import { strValue } from '../ops';
import type { LibraryModel } from './model';
import { argAt } from './args';
import { fileCheck, fspath } from './files';

export function pathMethod(it: Host, p: string, name: string, args: Args): PyValue {
  switch (name) {
    case 'resolve':
    case 'absolute':
      return pathValue(posix.resolve(REPO_ROOT, p));
    case 'joinpath': {
      const parts = args.pos.map(fspath);
      if (parts.some((x) => x === undefined)) return unknown('joinpath() of an unknown part');
      return pathValue(posix.join(p, ...(parts as string[])));
    }
    case 'as_posix':
    case '__str__':
    case '__fspath__':
      return strValue(p);
    case 'exists':
    case 'is_file':
    case 'is_dir':
      return fileCheck(
        it,
        p,
        name === 'is_dir' ? 'isdir' : name === 'is_file' ? 'isfile' : 'exists',
      );
    case 'with_name': {
      const n = argAt(args, 0);
      return n?.kind === 'str'
        ? pathValue(posix.join(posix.dirname(p), n.value))
        : unknown('with_name()');
    }
    case 'with_suffix': {
      const n = argAt(args, 0);
      return n?.kind === 'str'
        ? pathValue(p.slice(0, p.length - posix.extname(p).length) + n.value)
        : unknown('with_suffix()');
    }
    case 'mkdir':
    case 'touch':
      return NONE;
    case 'expanduser':
      return p.startsWith('~') ? unknown('home directory of the deploy user') : pathValue(p);
  }
  return unknown(`Path.${name}() reads the file system at runtime; not modelled`);
}

/** pathlib.Path values (exported to the snapshot as str). */
export const pathlibModel: LibraryModel = {
  name: 'pathlib',
  modules: ['pathlib'],
  call(it, path, args) {
    switch (path) {
      case 'pathlib.Path':
      case 'pathlib.PosixPath':
      case 'pathlib.PurePath':
      case 'pathlib.PurePosixPath': {
        const parts = args.pos.map(fspath);
        if (parts.some((p) => p === undefined))
          return it.derive(unknown('Path() of an unknown part'), ...args.pos);
        return pathValue(parts.length ? posix.join(...(parts as string[])) : '.');
      }
      case 'pathlib.Path.cwd':
      case 'os.getcwd':
        return path === 'os.getcwd' ? strValue(REPO_ROOT) : pathValue(REPO_ROOT);
    }
    return undefined;
  },
  methods: {
    path: (it, _self, data, name, args) =>
      pathMethod(it, (data as { path: string }).path, name, args),
  },
};
