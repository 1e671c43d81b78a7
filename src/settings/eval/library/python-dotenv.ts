/** python-dotenv load_dotenv()/dotenv_values()/find_dotenv(): never overrides set variables unless override=True. */
import type { PyValue } from '../../value';
import { unknown } from '../../value';
import type { Args, Host } from '../host';
import type { Frame } from '../model';
import { REPO_ROOT } from '../paths';
import { bool, strValue, truthy } from '../ops';
import { dotenvValues, parseDotenv } from '../../../dotenv';
import type { LibraryModel } from './model';
import { argAt } from './args';
import { fspath, resolveRepoPath, findUpwards } from './files';

/**
 * python-dotenv `load_dotenv(dotenv_path=None, override=False)` / `dotenv_values(...)`: with no
 * path, find_dotenv() walks up from the calling file's directory. load_dotenv sets variables the
 * environment lacks (all of them with override=True) and returns whether a file was loaded.
 */
export function loadPythonDotenv(it: Host, valuesOnly: boolean, args: Args, frame: Frame): PyValue {
  const p = argAt(args, 0, 'dotenv_path');
  let file: string | undefined;
  if (!p || p.kind === 'none' || (p.kind === 'str' && p.value === '')) {
    file = findUpwards(it, frame.module.dir, '.env');
  } else {
    const text = fspath(p);
    if (text === undefined) {
      it.diag('info', `load_dotenv(): path not known statically; .env not applied`);
      return valuesOnly
        ? unknown('dotenv_values() of an unknown path')
        : unknown('load_dotenv() of an unknown path');
    }
    file = resolveRepoPath(it, text);
  }
  const content = file !== undefined ? it.options.files.read(file) : undefined;
  if (file === undefined || content === undefined) {
    it.diag('info', `load_dotenv(): no .env file in the repository; nothing applied`);
    return valuesOnly ? { kind: 'dict', entries: [] } : bool(false);
  }
  it.filesRead.push(file);
  const lookup = (name: string) => {
    const e = it.env.get(name);
    return e && 'value' in e ? e.value : undefined;
  };
  const values = dotenvValues(parseDotenv(content, 'python-dotenv', { environment: lookup }));
  if (valuesOnly)
    return { kind: 'dict', entries: [...values].map(([k, v]) => [strValue(k), strValue(v)]) };
  const override = truthy(args.kw.get('override') ?? argAt(args, 3) ?? bool(false)) === true;
  for (const [k, v] of values) if (override || !it.env.has(k)) it.env.set(k, { value: v });
  return bool(true);
}

/** python-dotenv load_dotenv()/dotenv_values()/find_dotenv(): never overrides set variables unless override=True. */
export const pythonDotenvModel: LibraryModel = {
  name: 'python-dotenv',
  modules: ['dotenv'],
  call(it, path, args, node, frame) {
    switch (path) {
      case 'dotenv.load_dotenv':
      case 'dotenv.main.load_dotenv':
      case 'dotenv.dotenv_values':
      case 'dotenv.main.dotenv_values':
        return loadPythonDotenv(it, path.endsWith('dotenv_values'), args, frame);
      case 'dotenv.find_dotenv':
      case 'dotenv.main.find_dotenv': {
        const found = findUpwards(it, frame.module.dir, '.env');
        return strValue(found === undefined ? '' : `${REPO_ROOT}/${found}`);
      }
    }
    return undefined;
  },
};
