/** python-decouple: config(), AutoConfig (settings.ini / .env upwards), Csv, Choices. */
import { posix } from 'node:path';
import type { PyValue } from '../../value';
import { NONE, unknown } from '../../value';
import { pyEquals } from '../../value-ops';
import type { Args, Host } from '../host';
import type { ObjectData } from '../model';
import { PyRaise } from '../model';
import {
  bool,
  dataOf,
  dedupe,
  externalPath,
  iterate,
  strValue,
  opaque,
  pyStr,
  reprOf,
} from '../ops';
import { dotenvValues, parseDotenv } from '../../../dotenv';
import type { LibraryModel } from './model';
import { noArgs, argAt, argText } from './args';
import { fspath, repoRelative, resolveRepoPath } from './files';
import { toIntValue, toFloatValue, toStrValue, stripChars } from './convert';

export type Decouple = ObjectData & { tag: 'decouple' };

export const DECOUPLE_BOOLEANS: Record<string, boolean> = {
  '1': true,
  yes: true,
  true: true,
  on: true,
  y: true,
  t: true,
  '0': false,
  no: false,
  false: false,
  off: false,
  n: false,
  f: false,
  '': false,
};

export const autoRepoCache = new WeakMap<
  Host,
  Map<string, { values: Map<string, string>; file?: string; ci: boolean }>
>();

/** AutoConfig: walk up from the caller's directory to the repository root for settings.ini or .env. */
export function autoRepository(
  it: Host,
  startDir: string,
): { values: Map<string, string>; ci: boolean } {
  let cache = autoRepoCache.get(it);
  if (!cache) {
    cache = new Map<string, { values: Map<string, string>; file?: string; ci: boolean }>();
    autoRepoCache.set(it, cache);
  }
  const hit = cache.get(startDir);
  if (hit) return hit;
  let dir = startDir;
  let found: { values: Map<string, string>; file?: string; ci: boolean } = {
    values: new Map(),
    ci: false,
  };
  for (let guard = 0; guard < 100; guard++) {
    const ini = dir === '' ? 'settings.ini' : `${dir}/settings.ini`;
    const env = dir === '' ? '.env' : `${dir}/.env`;
    const iniText =
      it.options.files.exists(ini) && !it.options.files.isDirectory(ini)
        ? it.options.files.read(ini)
        : undefined;
    if (iniText !== undefined) {
      found = { values: parseDecoupleIni(iniText), file: ini, ci: true };
      break;
    }
    const envText =
      it.options.files.exists(env) && !it.options.files.isDirectory(env)
        ? it.options.files.read(env)
        : undefined;
    if (envText !== undefined) {
      found = {
        values: dotenvValues(parseDotenv(envText, 'python-decouple')),
        file: env,
        ci: false,
      };
      break;
    }
    if (dir === '') break;
    dir = posix.dirname(dir) === '.' ? '' : posix.dirname(dir);
  }
  if (found.file) it.filesRead.push(found.file);
  cache.set(startDir, found);
  return found;
}

export function decoupleGet(it: Host, cfg: Decouple, args: Args): PyValue {
  const opt = argAt(args, 0, 'option');
  if (opt?.kind !== 'str') return unknown('decouple option name unknown');
  const name = opt.value;
  const defaultValue = argAt(args, 1, 'default');
  const defaultText = argText(args, 1, 'default');
  const cast = argAt(args, 2, 'cast');
  const entry = it.env.get(name);
  it.recordEnvRead(name, defaultText, entry !== undefined);
  let value: PyValue;
  if (entry) {
    value = it.envValue(name, entry);
  } else {
    const repo =
      cfg.repository === 'auto'
        ? autoRepository(it, cfg.dir || posix.dirname(it.file).replace(/^\.$/, ''))
        : { values: cfg.repository, ci: cfg.caseInsensitive };
    const fromRepo = repo.values.get(repo.ci ? name.toLowerCase() : name);
    if (fromRepo !== undefined) {
      value = it.withOrigin(strValue(fromRepo), { envVar: name, usedDefault: false });
    } else if (defaultValue === undefined) {
      if (it.isCaught('UndefinedValueError'))
        throw new PyRaise('UndefinedValueError', `${name} not found`, it.line);
      it.diag(
        'warning',
        `settings import would fail: UndefinedValueError: ${name} not found. Declare it as envvar or define a default value.`,
      );
      return unknown(`environment variable ${name} is required (unset: UndefinedValueError)`, name);
    } else {
      value = it.envDefault(name, defaultValue, defaultText);
    }
  }
  if (!cast || cast.kind === 'none') return value;
  // Unlike django-environ, decouple casts the default too.
  return it.derive(applyDecoupleCast(it, cast, value), value);
}

export function applyDecoupleCast(it: Host, cast: PyValue, value: PyValue): PyValue {
  if (value.kind === 'unknown') return value;
  const p = externalPath(cast);
  if (p === 'builtins.bool') {
    const s = pyStr(value);
    if (s === undefined) return unknown('decouple bool cast of a value without str()');
    const b = DECOUPLE_BOOLEANS[s.toLowerCase()];
    if (b === undefined)
      return it.raiseOrUnknown('ValueError', `Not a boolean: ${s}`, it.originOf(value)?.envVar);
    return bool(b);
  }
  if (p === 'builtins.int') return toIntValue(it, value);
  if (p === 'builtins.float') return toFloatValue(it, value);
  if (p === 'builtins.str') return toStrValue(it, value);
  if (p === 'builtins.list' || p === 'builtins.tuple') {
    const items = iterate(value);
    return items
      ? { kind: p === 'builtins.list' ? 'list' : 'tuple', items }
      : unknown('decouple list cast');
  }
  const d = dataOf(cast);
  if (d?.tag === 'csv') {
    if (value.kind === 'none')
      return d.postProcess ? unknown('Csv post_process') : { kind: 'list', items: [] };
    const s = pyStr(value);
    if (s === undefined) return unknown('Csv of a value without str()');
    const tokens = shlexSplit(s, d.delimiter);
    if (tokens === undefined) return it.raiseOrUnknown('ValueError', 'No closing quotation (Csv)');
    const items = tokens
      .map((t) => stripChars(t, d.strip, true, true))
      .map((t) => (d.cast ? applyDecoupleCast(it, d.cast, strValue(t)) : strValue(t)));
    const post = d.postProcess ? externalPath(d.postProcess) : 'builtins.list';
    if (post === 'builtins.tuple') return { kind: 'tuple', items };
    if (post === 'builtins.set') return { kind: 'set', items: dedupe(items) };
    if (post !== 'builtins.list') return unknown('Csv post_process not modelled');
    return { kind: 'list', items };
  }
  if (d?.tag === 'choices') {
    const v = d.cast ? applyDecoupleCast(it, d.cast, value) : value;
    if (v.kind === 'unknown') return v;
    if (!d.flat.some((c) => pyEquals(c, v) === true))
      return it.raiseOrUnknown(
        'ValueError',
        `Value not in list: ${reprOf(v)}`,
        it.originOf(value)?.envVar,
      );
    return v;
  }
  if (d?.tag === 'function')
    return it.callValue(cast, { ...noArgs(), pos: [value] }, undefined, {
      module: d.module,
      scope: undefined,
    });
  return unknown(`decouple cast ${reprOf(cast)} not modelled`);
}

/** shlex(posix=True) with whitespace = delimiter and whitespace_split: quotes honoured, empty tokens dropped. */
export function shlexSplit(s: string, delimiter: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && (s[i + 1] === '"' || s[i + 1] === '\\'))
        cur += s[++i];
      else cur += ch;
    } else if (delimiter.includes(ch)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < s.length) {
      cur += s[++i];
      has = true;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (quote) return undefined;
  if (has) out.push(cur);
  return out;
}

/** python-decouple: config(), AutoConfig (settings.ini / .env upwards), Csv, Choices. */
export const decoupleModel: LibraryModel = {
  name: 'python-decouple',
  modules: ['decouple'],
  call(it, path, args) {
    const a0 = argAt(args, 0);
    switch (path) {
      case 'decouple.config':
        return decoupleGet(
          it,
          { tag: 'decouple', repository: 'auto', dir: '', caseInsensitive: false },
          args,
        );
      case 'decouple.AutoConfig': {
        const sp = argAt(args, 0, 'search_path');
        const dir = sp ? fspath(sp) : undefined;
        return opaque('AutoConfig', {
          tag: 'decouple',
          repository: 'auto',
          dir: dir !== undefined ? (repoRelative(dir) ?? '') : '',
          caseInsensitive: false,
        });
      }
      case 'decouple.Config': {
        const repo = dataOf(a0 ?? NONE);
        if (repo?.tag === 'decouple-repo')
          return opaque('Config', {
            tag: 'decouple',
            repository: repo.values,
            dir: '',
            caseInsensitive: repo.caseInsensitive,
          });
        return opaque('Config', {
          tag: 'decouple',
          repository: new Map(),
          dir: '',
          caseInsensitive: false,
        });
      }
      case 'decouple.RepositoryEnv':
      case 'decouple.RepositoryIni':
      case 'decouple.RepositoryEmpty': {
        const p = a0 ? fspath(a0) : undefined;
        const file = p !== undefined ? resolveRepoPath(it, p) : undefined;
        const content = file !== undefined ? it.options.files.read(file) : undefined;
        if (path !== 'decouple.RepositoryEmpty' && content === undefined)
          return it.raiseOrUnknown(
            'FileNotFoundError',
            `${p ?? '(unknown path)'} not in the repository`,
          );
        const isIni = path === 'decouple.RepositoryIni';
        const values =
          content === undefined
            ? new Map<string, string>()
            : isIni
              ? parseDecoupleIni(content)
              : dotenvValues(parseDotenv(content, 'python-decouple'));
        if (file) it.filesRead.push(file);
        return opaque('Repository', { tag: 'decouple-repo', values, caseInsensitive: isIni });
      }
      case 'decouple.Csv': {
        const strip = argAt(args, 2, 'strip');
        const delim = argAt(args, 1, 'delimiter');
        return opaque('Csv', {
          tag: 'csv',
          cast: argAt(args, 0, 'cast'),
          delimiter: delim?.kind === 'str' ? delim.value : ',',
          strip: strip?.kind === 'str' ? strip.value : ' \t\n\r\x0b\x0c',
          postProcess: argAt(args, 3, 'post_process'),
        });
      }
      case 'decouple.Choices': {
        const flat = argAt(args, 0, 'flat');
        const choices = argAt(args, 2, 'choices');
        const items = [
          ...(flat ? (iterate(flat) ?? []) : []),
          ...(choices ? (iterate(choices) ?? []).map((c) => iterate(c)?.[0] ?? c) : []),
        ];
        return opaque('Choices', { tag: 'choices', flat: items, cast: argAt(args, 1, 'cast') });
      }
    }
    return undefined;
  },
  methods: {
    decouple: (it, _self, data, name, args) =>
      name === '__call__' || name === 'get'
        ? decoupleGet(it, data as Decouple, args)
        : unknown(`decouple config.${name}() not modelled`),
    csv: (it, self, data, name, args) =>
      name === '__call__'
        ? it.derive(applyDecoupleCast(it, self, argAt(args, 0) ?? NONE), self, ...args.pos)
        : unknown(`${data.tag}.${name}() not modelled`),
    choices: (it, self, data, name, args) =>
      name === '__call__'
        ? it.derive(applyDecoupleCast(it, self, argAt(args, 0) ?? NONE), self, ...args.pos)
        : unknown(`${data.tag}.${name}() not modelled`),
  },
};

/**
 * python-decouple RepositoryIni: the `[settings]` section of settings.ini via configparser
 * (keys are case-insensitive, stored lower-cased; `key = value` or `key: value`; continuation
 * lines; `#`/`;` full-line comments).
 */
function parseDecoupleIni(content: string): Map<string, string> {
  const out = new Map<string, string>();
  let inSettings = false;
  let lastKey: string | undefined;
  for (const raw of content.split(/\r\n|\r|\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') {
      lastKey = undefined;
      continue;
    }
    const section = /^\s*\[([^\]]+)\]/.exec(raw);
    if (section) {
      inSettings = section[1]!.trim() === 'settings';
      lastKey = undefined;
      continue;
    }
    if (!inSettings) continue;
    if (/^\s/.test(raw) && lastKey !== undefined) {
      out.set(lastKey, `${out.get(lastKey)}\n${raw.trim()}`);
      continue;
    }
    const m = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!m) continue;
    lastKey = m[1]!.trim().toLowerCase();
    out.set(lastKey, m[2]!.trim());
  }
  return out;
}
