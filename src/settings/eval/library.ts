/**
 * Models of the callables settings code uses: Python builtins and str/list/dict methods, os and
 * os.environ, os.path, pathlib, django-environ, python-decouple, pydantic-settings, and a few
 * Django utilities. Semantics follow /work/shared/docs/django-rules.md §3 (library versions there).
 */
import { posix } from 'node:path';
import type { SyntaxNode } from '@lezer/common';
import type { PyValue } from '../value';
import { NONE, unknown } from '../value';
import { pyEquals } from '../value-ops';
import { firstKid, nextKid, parsePython } from '../python/parse';
import type { Ctx, Interpreter } from './interpreter';
import { pathValue, REPO_ROOT } from './interpreter';
import type { ObjectData } from './model';
import { PyRaise, Unmodelled } from './model';
import {
  bool,
  codePoints,
  dataOf,
  dedupe,
  dictSet,
  externalPath,
  formatValue,
  iterate,
  iterateUnordered,
  mkFloat,
  mkInt,
  mkStr,
  OpError,
  opaque,
  order,
  pyRepr,
  pyStr,
  reprOf,
  strLen,
  truthy,
  typeName,
} from './ops';
import { encodeUtf8 } from './strings';
import {
  parseDecoupleEnvFile,
  parseDecoupleIni,
  parseDjangoEnvironFile,
  parsePythonDotenv,
} from './dotenv';

export interface Args {
  pos: PyValue[];
  kw: Map<string, PyValue>;
  posNodes: (SyntaxNode | undefined)[];
  kwNodes: Map<string, SyntaxNode>;
  source: string;
}

const noArgs = (source = ''): Args => ({
  pos: [],
  kw: new Map(),
  posNodes: [],
  kwNodes: new Map(),
  source,
});

function argAt(args: Args, index: number, name?: string): PyValue | undefined {
  if (index >= 0 && index < args.pos.length) return args.pos[index];
  return name !== undefined ? args.kw.get(name) : undefined;
}

function argText(args: Args, index: number, name?: string): string | undefined {
  const node =
    index >= 0 && index < args.pos.length
      ? args.posNodes[index]
      : name !== undefined
        ? args.kwNodes.get(name)
        : undefined;
  return node ? args.source.slice(node.from, node.to) : undefined;
}

/** A Django-alphabet key used for get_random_secret_key(): 50 chars, many distinct. */
// 50 distinct characters of get_random_secret_key()'s alphabet: as strong as a real one for W009.
const GENERATED_SECRET_KEY = 'k3v#q9z!w2x@m7n$p5r%t8y^u1i&o4a*s6d(f0g)h-j+l=b_ce';

// ---------------------------------------------------------------- attributes of external modules

export function getExternalAttr(it: Interpreter, path: string, name: string): PyValue {
  const full = `${path}.${name}`;
  switch (full) {
    case 'os.environ':
      return opaque('_Environ', { tag: 'environ' }, 'os.environ');
    case 'os.sep':
      return mkStr('/');
    case 'os.name':
      return mkStr('posix');
    case 'os.linesep':
      return mkStr('\n');
    case 'os.curdir':
      return mkStr('.');
    case 'logging.CRITICAL':
      return mkInt(50);
    case 'logging.ERROR':
      return mkInt(40);
    case 'logging.WARNING':
      return mkInt(30);
    case 'logging.INFO':
      return mkInt(20);
    case 'logging.DEBUG':
      return mkInt(10);
    case 'sys.argv':
      return it.productionArgv();
    case 'sys.modules':
      return opaque('dict', { tag: 'external', path: 'sys.modules' }, 'sys.modules');
    case 'sys.platform':
      return unknown('sys.platform depends on the host');
  }
  if (path === 'django.conf.global_settings' && /^[A-Z_]+$/.test(name))
    return unknown(`django.conf.global_settings.${name} (Django default; version dependent)`);
  void it;
  return opaque('external', { tag: 'external', path: full }, full);
}

// ---------------------------------------------------------------- calling external callables

export function callExternal(
  it: Interpreter,
  path: string,
  args: Args,
  node: SyntaxNode | undefined,
  ctx: Ctx,
): PyValue {
  if (path.startsWith('builtins.'))
    return callBuiltin(it, path.slice('builtins.'.length), args, node, ctx);
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
        mkStr(
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
          return mkStr(posix.dirname(p) === '.' && !p.includes('/') ? '' : posix.dirname(p));
        case 'basename':
          return mkStr(p.endsWith('/') ? '' : posix.basename(p));
        case 'abspath':
        case 'realpath':
          return mkStr(posix.resolve(REPO_ROOT, p));
        case 'normpath':
          return mkStr(posix.normalize(p));
        case 'expanduser':
          return p.startsWith('~') ? unknown('home directory of the deploy user') : mkStr(p);
        case 'splitext': {
          const ext = posix.extname(p);
          return { kind: 'tuple', items: [mkStr(p.slice(0, p.length - ext.length)), mkStr(ext)] };
        }
        case 'split':
          return { kind: 'tuple', items: [mkStr(posix.dirname(p)), mkStr(posix.basename(p))] };
        default:
          return fileCheck(it, p, fn);
      }
    }
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
      return path === 'os.getcwd' ? mkStr(REPO_ROOT) : pathValue(REPO_ROOT);
    case 'environ.Env':
    case 'environ.FileAwareEnv':
    case 'environ.environ.Env':
      return makeDjangoEnv(it, args);
    case 'environ.Env.read_env':
    case 'environ.environ.Env.read_env':
      return readEnvFile(it, args, ctx);
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
            : parseDecoupleEnvFile(content);
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
    case 'django.core.management.utils.get_random_secret_key': {
      const v = mkStr(GENERATED_SECRET_KEY);
      it.generated.set(v, 'django.core.management.utils.get_random_secret_key()');
      return v;
    }
    case 'django.utils.crypto.get_random_string':
    case 'secrets.token_urlsafe':
    case 'secrets.token_hex': {
      const n = a0?.kind === 'int' ? Number(a0.value) : 32;
      const len =
        path === 'secrets.token_hex'
          ? n * 2
          : path === 'secrets.token_urlsafe'
            ? Math.ceil((n * 4) / 3)
            : n;
      if (len > 10_000) return unknown('generated string too long');
      let s = '';
      while (s.length < len) s += GENERATED_SECRET_KEY;
      const v = mkStr(s.slice(0, len));
      it.generated.set(v, `${path}()`);
      return v;
    }
    case 'json.loads':
      return a0?.kind === 'str'
        ? jsonToPy(it, a0.value, a0)
        : it.derive(unknown('json.loads of an unknown value'), ...args.pos);
    case 'ast.literal_eval':
      return a0?.kind === 'str'
        ? literalEval(it, a0.value, a0)
        : it.derive(unknown('ast.literal_eval of an unknown value'), ...args.pos);
    case 'pydantic_settings.SettingsConfigDict':
    case 'pydantic.ConfigDict':
    case 'pydantic_settings.main.SettingsConfigDict':
      return { kind: 'dict', entries: [...args.kw].map(([k, v]) => [mkStr(k), v]) };
    case 'distutils.util.strtobool':
    case 'str2bool.str2bool': {
      // distutils' strtobool: 1/0 for the listed words, ValueError otherwise.
      const text = a0?.kind === 'str' ? a0.value.toLowerCase() : undefined;
      if (text === undefined) return it.derive(unknown(`${path}() of a non-str`), ...args.pos);
      if (['y', 'yes', 't', 'true', 'on', '1'].includes(text)) return it.derive(mkInt(1), a0!);
      if (['n', 'no', 'f', 'false', 'off', '0'].includes(text)) return it.derive(mkInt(0), a0!);
      return it.raiseOrUnknown(
        'ValueError',
        `invalid truth value ${reprOf(a0!)}`,
        it.originOf(a0!)?.envVar,
      );
    }
    case 'split_settings.tools.optional':
      return opaque('optional', { tag: 'optional', pattern: a0 ?? NONE });
    case 'split_settings.tools.include':
      return includeSettingsFiles(it, args, ctx);
    case 'dotenv.load_dotenv':
    case 'dotenv.main.load_dotenv':
    case 'dotenv.dotenv_values':
    case 'dotenv.main.dotenv_values':
      return loadPythonDotenv(it, path.endsWith('dotenv_values'), args, ctx);
    case 'dotenv.find_dotenv':
    case 'dotenv.main.find_dotenv': {
      const found = findUpwards(it, ctx.module.dir, '.env');
      return mkStr(found === undefined ? '' : `${REPO_ROOT}/${found}`);
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
        items.push({ kind: 'tuple', items: [mkStr(n), v ?? unknown(`attribute ${n}`)] });
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
  // Not modelled: never guessed. Remember it for hardening rules (sentry_sdk.init(...)); the
  // Unknown still names the env var its arguments came from.
  it.recordCall(path, args);
  return it.derive(unknown(`third-party call ${path}()`), ...args.pos, ...args.kw.values());
}

/**
 * django-split-settings `include('components/*.py', optional('local.py'))`: paths relative to
 * the calling file's directory, glob patterns expanded (sorted), a missing required file is an
 * IOError at import time.
 */
function includeSettingsFiles(it: Interpreter, args: Args, ctx: Ctx): PyValue {
  for (const arg of args.pos) {
    const d = dataOf(arg);
    const isOptional = d?.tag === 'optional';
    const patternValue = d?.tag === 'optional' ? d.pattern : arg;
    const pattern = fspath(patternValue);
    if (pattern === undefined) {
      it.warnOnce(
        `include:${it.file}:${it.line}`,
        `settings after line ${it.line} may be changed by include() of an unknown path (${patternValue.kind === 'unknown' ? patternValue.reason : typeName(patternValue)}); not modelled`,
      );
      continue;
    }
    const base = pattern.startsWith('/') ? pattern : posix.join(REPO_ROOT, ctx.module.dir, pattern);
    const rel = repoRelative(base);
    const files = rel === undefined ? [] : expandGlob(it, rel);
    if (files.length === 0) {
      if (!isOptional)
        it.raiseOrUnknown('OSError', `No such file or directory: ${pattern} (include)`);
      continue;
    }
    for (const file of files) it.includeFile(file, ctx);
  }
  return NONE;
}

/** Expands `*`, `?` and `[...]` in the last path segment (enough for split-settings layouts). */
function expandGlob(it: Interpreter, rel: string): string[] {
  const dir = posix.dirname(rel) === '.' ? '' : posix.dirname(rel);
  const name = posix.basename(rel);
  if (!/[*?[]/.test(name))
    return it.options.files.exists(rel) && !it.options.files.isDirectory(rel) ? [rel] : [];
  const re = new RegExp(
    `^${name
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );
  return it.options.files
    .list(dir)
    .filter((n) => re.test(n))
    .map((n) => (dir === '' ? n : `${dir}/${n}`))
    .filter((f) => !it.options.files.isDirectory(f))
    .sort();
}

/** The nearest `name` walking up from `dir` to the repository root. */
function findUpwards(it: Interpreter, dir: string, name: string): string | undefined {
  for (let d = dir, guard = 0; guard < 100; guard++) {
    const candidate = d === '' ? name : `${d}/${name}`;
    if (it.options.files.exists(candidate) && !it.options.files.isDirectory(candidate))
      return candidate;
    if (d === '') return undefined;
    d = posix.dirname(d) === '.' ? '' : posix.dirname(d);
  }
  return undefined;
}

/**
 * python-dotenv `load_dotenv(dotenv_path=None, override=False)` / `dotenv_values(...)`: with no
 * path, find_dotenv() walks up from the calling file's directory. load_dotenv sets variables the
 * environment lacks (all of them with override=True) and returns whether a file was loaded.
 */
function loadPythonDotenv(it: Interpreter, valuesOnly: boolean, args: Args, ctx: Ctx): PyValue {
  const p = argAt(args, 0, 'dotenv_path');
  let file: string | undefined;
  if (!p || p.kind === 'none' || (p.kind === 'str' && p.value === '')) {
    file = findUpwards(it, ctx.module.dir, '.env');
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
  const values = parsePythonDotenv(content, lookup);
  if (valuesOnly)
    return { kind: 'dict', entries: [...values].map(([k, v]) => [mkStr(k), mkStr(v)]) };
  const override = truthy(args.kw.get('override') ?? argAt(args, 3) ?? bool(false)) === true;
  for (const [k, v] of values) if (override || !it.env.has(k)) it.env.set(k, { value: v });
  return bool(true);
}

function fileCheck(it: Interpreter, p: string, fn: string): PyValue {
  const rel = repoRelative(p);
  if (rel === undefined) return unknown(`${fn}(${p}) outside the repository`);
  if (fn === 'exists') return bool(rel === '' || it.options.files.exists(rel));
  if (fn === 'isdir') return bool(rel === '' || it.options.files.isDirectory(rel));
  return bool(it.options.files.exists(rel) && !it.options.files.isDirectory(rel));
}

/** os.fspath-like: str or Path to a string. */
export function fspath(v: PyValue): string | undefined {
  if (v.kind === 'str') return v.value;
  const d = dataOf(v);
  return d?.tag === 'path' ? d.path : undefined;
}

/** `/repo/a/b` → `a/b`; undefined when outside the repository. */
export function repoRelative(p: string): string | undefined {
  const abs = posix.resolve(REPO_ROOT, p);
  if (abs === REPO_ROOT) return '';
  return abs.startsWith(`${REPO_ROOT}/`) ? abs.slice(REPO_ROOT.length + 1) : undefined;
}

function resolveRepoPath(it: Interpreter, p: string): string | undefined {
  // Relative paths resolve against the working directory, modelled as the repository root.
  const rel = repoRelative(p);
  if (rel === undefined || rel === '') return undefined;
  return it.options.files.exists(rel) && !it.options.files.isDirectory(rel) ? rel : undefined;
}

// ---------------------------------------------------------------- os.environ

function readOsEnv(it: Interpreter, args: Args): PyValue {
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

function environMethod(it: Interpreter, name: string, args: Args): PyValue {
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
        ...[...args.kw].map(([k, v]) => [mkStr(k), v] as [PyValue, PyValue]),
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
      return { kind: 'list', items: [...it.env.keys()].map(mkStr) };
    case 'copy':
    case 'items':
    case 'values':
      return unknown(`os.environ.${name}() depends on the whole environment`);
  }
  return unknown(`os.environ.${name}() not modelled`);
}

// ---------------------------------------------------------------- builtins

const TYPE_OF_KIND: Record<string, string> = {
  none: 'NoneType',
  bool: 'bool',
  int: 'int',
  float: 'float',
  str: 'str',
  bytes: 'bytes',
  list: 'list',
  tuple: 'tuple',
  set: 'set',
  dict: 'dict',
};

/** `int("…")` per Python: whitespace, sign and underscores allowed. */
export function parseIntText(text: string, base = 10): bigint | undefined {
  const t = text.trim();
  if (base === 10) {
    if (!/^[+-]?\d+(?:_\d+)*$/.test(t)) return undefined;
    return BigInt(t.replace(/_/g, ''));
  }
  const m = /^([+-]?)(?:0[xob])?([0-9a-z_]+)$/i.exec(t);
  if (!m) return undefined;
  const digits = m[2]!.replace(/_/g, '').toLowerCase();
  let n = 0n;
  for (const ch of digits) {
    const d = parseInt(ch, 36);
    if (Number.isNaN(d) || d >= base) return undefined;
    n = n * BigInt(base) + BigInt(d);
  }
  return m[1] === '-' ? -n : n;
}

function toIntValue(it: Interpreter, v: PyValue, base?: PyValue): PyValue {
  switch (v.kind) {
    case 'int':
      return v;
    case 'bool':
      return mkInt(v.value ? 1 : 0);
    case 'float':
      if (!Number.isFinite(v.value))
        return it.raiseOrUnknown('ValueError', 'cannot convert float to integer');
      return mkInt(BigInt(Math.trunc(v.value)));
    case 'str':
    case 'bytes': {
      const b = base?.kind === 'int' ? Number(base.value) : 10;
      const n = parseIntText(v.value, b);
      if (n === undefined)
        return it.raiseOrUnknown(
          'ValueError',
          `invalid literal for int() with base ${b}: ${reprOf(v)}`,
          it.originOf(v)?.envVar,
        );
      return mkInt(n);
    }
    case 'unknown':
      return v;
    default:
      return it.raiseOrUnknown(
        'TypeError',
        `int() argument must be a string or a number, not '${typeName(v)}'`,
      );
  }
}

function toFloatValue(it: Interpreter, v: PyValue): PyValue {
  switch (v.kind) {
    case 'float':
      return v;
    case 'int':
      return mkFloat(Number(v.value));
    case 'bool':
      return mkFloat(v.value ? 1 : 0);
    case 'str': {
      const t = v.value.trim().replace(/_/g, '').toLowerCase();
      if (/^[+-]?(inf|infinity)$/.test(t)) return mkFloat(t.startsWith('-') ? -Infinity : Infinity);
      if (/^[+-]?nan$/.test(t)) return mkFloat(NaN);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t))
        return it.raiseOrUnknown(
          'ValueError',
          `could not convert string to float: ${reprOf(v)}`,
          it.originOf(v)?.envVar,
        );
      return mkFloat(Number(t));
    }
    case 'unknown':
      return v;
    default:
      return it.raiseOrUnknown(
        'TypeError',
        `float() argument must be a string or a number, not '${typeName(v)}'`,
      );
  }
}

function toStrValue(it: Interpreter, v: PyValue): PyValue {
  const s = pyStr(v);
  if (s !== undefined) return mkStr(s);
  if (v.kind === 'unknown') return v;
  return unknown(`str() of ${typeName(v)} not modelled`);
}

/** Consumers for which the iteration order of a set does not matter. */
const ORDER_FREE = new Set(['sorted', 'set', 'frozenset', 'any', 'all', 'min', 'max', 'len']);

function seqOf(it: Interpreter, v: PyValue | undefined, what: string): PyValue[] | PyValue {
  if (!v) return [];
  if (v.kind === 'unknown') return v;
  const d = dataOf(v);
  if (d?.tag === 'environ') return [...it.env.keys()].map(mkStr);
  const items = ORDER_FREE.has(what) ? iterateUnordered(v) : iterate(v);
  if (!items)
    return unknown(
      v.kind === 'set'
        ? `${what}() of a set depends on its iteration order`
        : `${what}(${typeName(v)}) not modelled`,
    );
  return items;
}

function sortValues(
  it: Interpreter,
  items: PyValue[],
  key: PyValue | undefined,
  reverse: boolean,
  ctx: Ctx,
): PyValue[] | PyValue {
  let keyed: { k: PyValue; v: PyValue }[];
  if (key && key.kind !== 'none')
    keyed = items.map((v) => ({
      k: it.callValue(key, { ...noArgs(), pos: [v] }, undefined, ctx),
      v,
    }));
  else keyed = items.map((v) => ({ k: v, v }));
  if (keyed.some((x) => x.k.kind === 'unknown'))
    return unknown('sort key depends on an unknown value');
  try {
    const sorted = [...keyed].sort((a, b) => order(a.k, b.k) ?? 0);
    if (reverse) sorted.reverse();
    return sorted.map((x) => x.v);
  } catch (err) {
    if (err instanceof OpError) return it.raiseOrUnknown(err.excType, err.message);
    throw err;
  }
}

function callBuiltin(
  it: Interpreter,
  name: string,
  args: Args,
  node: SyntaxNode | undefined,
  ctx: Ctx,
): PyValue {
  const a0 = argAt(args, 0);
  const all = [...args.pos, ...args.kw.values()];
  const derive = (v: PyValue) => it.derive(v, ...all);
  switch (name) {
    case 'int':
      return derive(a0 ? toIntValue(it, a0, argAt(args, 1, 'base')) : mkInt(0));
    case 'float':
      return derive(a0 ? toFloatValue(it, a0) : mkFloat(0));
    case 'str':
      if (a0?.kind === 'bytes' && args.pos.length > 1) return derive(mkStr(decodeUtf8(a0.value)));
      return derive(a0 ? toStrValue(it, a0) : mkStr(''));
    case 'bool': {
      if (!a0) return bool(false);
      const t = truthy(a0);
      return derive(t === undefined ? a0 : bool(t));
    }
    case 'repr':
      return derive(a0 ? mapKnown(pyRepr(a0), mkStr, a0) : unknown('repr() needs an argument'));
    case 'len': {
      if (!a0) return it.raiseOrUnknown('TypeError', 'len() takes exactly one argument');
      if (a0.kind === 'str') return derive(mkInt(strLen(a0.value)));
      if (a0.kind === 'bytes') return derive(mkInt(a0.value.length));
      if (a0.kind === 'dict') return derive(mkInt(a0.entries.length));
      if ('items' in a0) return derive(mkInt(a0.items.length));
      return derive(a0.kind === 'unknown' ? a0 : unknown(`len(${typeName(a0)}) not modelled`));
    }
    case 'list':
    case 'tuple':
    case 'set':
    case 'frozenset':
    case 'sorted':
    case 'reversed': {
      const items = seqOf(it, a0, name);
      if (!Array.isArray(items)) return derive(items);
      if (name === 'sorted') {
        const rev = args.kw.get('reverse');
        const sorted = sortValues(
          it,
          items,
          args.kw.get('key'),
          rev !== undefined && truthy(rev) === true,
          ctx,
        );
        return derive(Array.isArray(sorted) ? { kind: 'list', items: sorted } : sorted);
      }
      if (name === 'reversed') return derive({ kind: 'tuple', items: [...items].reverse() });
      const kind = name === 'frozenset' ? 'set' : name;
      return derive({
        kind,
        items: kind === 'set' ? dedupe(items) : [...items],
      });
    }
    case 'dict': {
      const out: PyValue & { kind: 'dict' } = { kind: 'dict', entries: [] };
      if (a0) {
        if (a0.kind === 'dict')
          out.entries.push(...a0.entries.map(([k, v]) => [k, v] as [PyValue, PyValue]));
        else {
          const items = seqOf(it, a0, 'dict');
          if (!Array.isArray(items)) return derive(items);
          for (const pair of items) {
            const kv = iterate(pair);
            if (!kv || kv.length !== 2) return unknown('dict() of non-pairs');
            dictSet(out, kv[0]!, kv[1]!);
          }
        }
      }
      for (const [k, v] of args.kw) dictSet(out, mkStr(k), v);
      return derive(out);
    }
    case 'min':
    case 'max': {
      const items = args.pos.length > 1 ? args.pos : seqOf(it, a0, name);
      if (!Array.isArray(items)) return derive(items);
      if (items.length === 0)
        return (
          args.kw.get('default') ??
          it.raiseOrUnknown('ValueError', `${name}() arg is an empty sequence`)
        );
      const sorted = sortValues(it, items, args.kw.get('key'), false, ctx);
      if (!Array.isArray(sorted)) return derive(sorted);
      return derive(name === 'min' ? sorted[0]! : sorted[sorted.length - 1]!);
    }
    case 'sum': {
      const items = seqOf(it, a0, 'sum');
      if (!Array.isArray(items)) return derive(items);
      let acc: PyValue = argAt(args, 1, 'start') ?? mkInt(0);
      for (const item of items) acc = it.binary('+', acc, item);
      return derive(acc);
    }
    case 'any':
    case 'all': {
      const items = seqOf(it, a0, name);
      if (!Array.isArray(items)) return derive(items);
      let undecided = false;
      for (const item of items) {
        const t = truthy(item);
        if (t === undefined) undecided = true;
        else if (name === 'any' ? t : !t) return derive(bool(name === 'any'));
      }
      return derive(
        undecided ? unknown(`${name}() depends on an unknown item`) : bool(name === 'all'),
      );
    }
    case 'abs': {
      if (a0?.kind === 'int') return derive(mkInt(a0.value < 0n ? -a0.value : a0.value));
      if (a0?.kind === 'float') return derive(mkFloat(Math.abs(a0.value)));
      return derive(unknown('abs() not modelled'));
    }
    case 'round': {
      const nd = argAt(args, 1, 'ndigits');
      if (a0?.kind === 'int' && (!nd || nd.kind === 'none')) return a0;
      if (a0?.kind === 'float' && Number.isFinite(a0.value)) {
        // Round half to even on the exact binary value, as CPython does (round(0.5) == 0).
        if (!nd || nd.kind === 'none') {
          const text = formatValue(a0, '.0f');
          return text === undefined ? derive(unknown('round()')) : derive(mkInt(BigInt(text)));
        }
        if (nd.kind === 'int' && nd.value >= 0n && nd.value <= 20n) {
          const text = formatValue(a0, `.${nd.value}f`);
          return text === undefined ? derive(unknown('round()')) : derive(mkFloat(Number(text)));
        }
      }
      return derive(unknown('round() not modelled'));
    }
    case 'divmod': {
      const b = argAt(args, 1);
      if (!a0 || !b) return derive(unknown('divmod() arguments missing'));
      return derive({
        kind: 'tuple',
        items: [it.binary('//', a0, b), it.binary('%', a0, b)],
      });
    }
    case 'pow': {
      const b = argAt(args, 1);
      if (!a0 || !b || args.pos.length > 2) return derive(unknown('pow() not modelled'));
      return it.binary('**', a0, b);
    }
    case 'super': {
      if (args.pos.length) return unknown('super() with arguments not modelled');
      for (let s = ctx.scope; s; s = s.parent)
        if (s.method)
          return opaque('super', { tag: 'super', cls: s.method.cls, self: s.method.self });
      return it.raiseOrUnknown('RuntimeError', 'super(): no arguments');
    }
    case 'isinstance': {
      const v = a0;
      const t = argAt(args, 1);
      if (!v || !t) return unknown('isinstance() arguments missing');
      if (v.kind === 'unknown') return v;
      const types = t.kind === 'tuple' ? t.items : [t];
      let undecided = false;
      const vd = dataOf(v);
      for (const ty of types) {
        const p = externalPath(ty);
        const td = dataOf(ty);
        // Objects of the repository's own classes: a class check walks the bases; a builtin
        // type other than object never matches a class with only modelled bases.
        if (vd?.tag === 'instance' || vd?.tag === 'function' || vd?.tag === 'bound') {
          const cls = vd.tag === 'instance' ? vd.cls : undefined;
          if (td?.tag === 'class' && cls) {
            if (isSubclass(cls, td)) return bool(true);
            if (!it.hasOnlyModelledBases(cls)) undecided = true;
          } else if (p === 'builtins.object') return bool(true);
          else if (p?.startsWith('builtins.') && (!cls || it.hasOnlyModelledBases(cls))) continue;
          else undecided = true;
          continue;
        }
        if (!p?.startsWith('builtins.')) {
          undecided = true;
          continue;
        }
        const tn = p.slice('builtins.'.length);
        const k = TYPE_OF_KIND[v.kind];
        if (k === undefined) {
          undecided = true;
          continue;
        }
        if (
          k === tn ||
          (tn === 'int' && v.kind === 'bool') ||
          tn === 'object' ||
          (tn === 'frozenset' && v.kind === 'set')
        )
          return bool(true);
      }
      return undecided ? unknown('isinstance() with a type that is not modelled') : bool(false);
    }
    case 'range': {
      const nums = args.pos.map((a) =>
        a.kind === 'int' ? a.value : a.kind === 'bool' ? (a.value ? 1n : 0n) : undefined,
      );
      if (nums.some((n) => n === undefined) || nums.length === 0)
        return derive(unknown('range() of unknown bounds'));
      const [start, stop, step] =
        nums.length === 1 ? [0n, nums[0]!, 1n] : [nums[0]!, nums[1]!, nums[2] ?? 1n];
      if (step === 0n) return it.raiseOrUnknown('ValueError', 'range() arg 3 must not be zero');
      const count =
        step > 0n ? (stop - start + step - 1n) / step : (start - stop - step - 1n) / -step;
      if (count > BigInt(it.limits.maxCollectionSize))
        return unknown(`range larger than maxCollectionSize (${it.limits.maxCollectionSize})`);
      const items: PyValue[] = [];
      for (let i = start; step > 0n ? i < stop : i > stop; i += step) items.push(mkInt(i));
      return { kind: 'list', items };
    }
    case 'enumerate': {
      const items = seqOf(it, a0, 'enumerate');
      if (!Array.isArray(items)) return items;
      const s = argAt(args, 1, 'start');
      const start = s?.kind === 'int' ? s.value : 0n;
      return {
        kind: 'list',
        items: items.map((v, i) => ({ kind: 'tuple', items: [mkInt(start + BigInt(i)), v] })),
      };
    }
    case 'zip': {
      const seqs = args.pos.map((a) => seqOf(it, a, 'zip'));
      const bad = seqs.find((s) => !Array.isArray(s));
      if (bad) return bad as PyValue;
      const arrays = seqs as PyValue[][];
      const n = arrays.length ? Math.min(...arrays.map((a) => a.length)) : 0;
      return {
        kind: 'list',
        items: Array.from({ length: n }, (_, i) => ({
          kind: 'tuple',
          items: arrays.map((a) => a[i]!),
        })),
      };
    }
    case 'map':
    case 'filter': {
      const fn = a0;
      const items = seqOf(it, argAt(args, 1), name);
      if (!fn || !Array.isArray(items))
        return Array.isArray(items) ? unknown(`${name}() arguments`) : items;
      const out: PyValue[] = [];
      for (const item of items) {
        const r =
          fn.kind === 'none'
            ? item
            : it.callValue(fn, { ...noArgs(), pos: [item] }, undefined, ctx);
        if (name === 'map') out.push(r);
        else {
          const t = truthy(r);
          if (t === undefined) return unknown('filter() predicate depends on an unknown value');
          if (t) out.push(item);
        }
      }
      return { kind: 'list', items: out };
    }
    case 'print':
      return NONE;
    case 'format':
      return derive(
        a0
          ? (() => {
              const spec = argAt(args, 1);
              const s = formatValue(a0, spec?.kind === 'str' ? spec.value : '');
              return s === undefined ? unknown('format() not modelled') : mkStr(s);
            })()
          : unknown('format()'),
      );
    case 'type':
      return a0 && a0.kind !== 'unknown'
        ? opaque('type', {
            tag: 'external',
            path: `builtins.${TYPE_OF_KIND[a0.kind] ?? typeName(a0)}`,
          })
        : unknown('type()');
    case 'callable':
      return a0?.kind === 'opaque' ? bool(true) : a0?.kind === 'unknown' ? a0 : bool(false);
    case 'hasattr':
    case 'getattr': {
      const attr = argAt(args, 1);
      if (!a0 || attr?.kind !== 'str') return unknown(`${name}() not modelled`);
      const found = it.findAttribute(a0, attr.value);
      if (found === undefined) {
        if (name === 'hasattr') return bool(false);
        return (
          argAt(args, 2) ??
          it.raiseOrUnknown(
            'AttributeError',
            `'${typeName(a0)}' object has no attribute ${reprOf(attr)}`,
          )
        );
      }
      if (found.kind === 'unknown' && found.reason.startsWith('attribute '))
        return unknown(`${name}(${typeName(a0)}, ${reprOf(attr)}) not modelled`);
      return name === 'hasattr' ? bool(true) : found;
    }
    case 'dir': {
      const names = a0 ? it.attributeNames(a0) : undefined;
      return names ? { kind: 'list', items: names.map(mkStr) } : unknown('dir() not modelled');
    }
    case 'ord':
      return a0?.kind === 'str' && strLen(a0.value) === 1
        ? mkInt(a0.value.codePointAt(0)!)
        : unknown('ord()');
    case 'chr':
      return a0?.kind === 'int' && a0.value >= 0n && a0.value <= 0x10ffffn
        ? mkStr(String.fromCodePoint(Number(a0.value)))
        : unknown('chr()');
    case 'bytes':
      if (a0?.kind === 'str') return derive({ kind: 'bytes', value: encodeUtf8(a0.value) });
      return derive(a0 ? unknown('bytes() not modelled') : { kind: 'bytes', value: '' });
    case 'open':
      return unknown('open() reads a file at runtime; not modelled');
    case 'locals':
    case 'globals':
    case 'vars':
      return opaque('namespace', {
        tag: 'namespace',
        which: name === 'locals' ? 'locals' : 'globals',
      });
    case 'setattr': {
      const attr = argAt(args, 1);
      const value = argAt(args, 2);
      if (a0 && attr?.kind === 'str' && value && it.setAttribute(a0, attr.value, value))
        return NONE;
      const what = node
        ? args.source.slice(node.from, node.to).replace(/\s+/g, ' ').slice(0, 60)
        : 'setattr(...)';
      it.markIncomplete(`${what} not modelled`);
      return unknown('setattr() not modelled');
    }
    case 'exec':
    case 'eval':
    case '__import__': {
      const what = node
        ? args.source.slice(node.from, node.to).replace(/\s+/g, ' ').slice(0, 60)
        : `${name}(...)`;
      it.warnOnce(
        `dyn:${it.file}:${it.line}`,
        `settings after line ${it.line} may be changed by ${what}; not modelled`,
      );
      it.markIncomplete(`${what} not modelled`);
      return unknown(`${name}() not modelled`);
    }
  }
  if (/^[A-Z]\w*(Error|Exception)$/.test(name) || name === 'Exception' || name === 'BaseException')
    return opaque(name, { tag: 'external', path: `builtins.${name}` });
  return unknown(`builtin ${name}() not modelled`);
}

function isSubclass(
  cls: ObjectData & { tag: 'class' },
  of: ObjectData & { tag: 'class' },
  depth = 0,
): boolean {
  if (cls === of) return true;
  if (depth > 20) return false;
  return cls.bases.some((b) => {
    const d = dataOf(b);
    return d?.tag === 'class' && isSubclass(d, of, depth + 1);
  });
}

/** `make(text)` for a known text, else an Unknown that names what it depends on. */
function mapKnown(text: string | undefined, make: (t: string) => PyValue, from: PyValue): PyValue {
  if (text !== undefined) return make(text);
  return from.kind === 'unknown' ? from : unknown('depends on an unknown value inside it');
}

function decodeUtf8(latin1: string): string {
  const bytes = Uint8Array.from(latin1, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

// ---------------------------------------------------------------- methods

export function callBuiltinMethod(
  it: Interpreter,
  self: PyValue,
  name: string,
  args: Args,
  ctx: Ctx,
): PyValue {
  if (self.kind === 'unknown') return self;
  const all = [self, ...args.pos, ...args.kw.values()];
  const derive = (v: PyValue) => it.derive(v, ...all);
  switch (self.kind) {
    case 'str':
      return derive(strMethod(it, self.value, name, args));
    case 'bytes':
      if (name === 'decode') return derive(mkStr(decodeUtf8(self.value)));
      if (name === 'hex')
        return mkStr(
          Array.from(self.value, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(''),
        );
      return unknown(`bytes.${name}() not modelled`);
    case 'list':
    case 'tuple':
      return listMethod(it, self, name, args, ctx);
    case 'dict':
      return dictMethod(it, self, name, args);
    case 'set':
      return setMethod(it, self, name, args);
    case 'opaque':
      break;
    default:
      return it.raiseOrUnknown(
        'AttributeError',
        `'${typeName(self)}' object has no attribute '${name}'`,
      );
  }
  const d = dataOf(self);
  if (!d) return unknown(`${self.typeName}.${name}() not modelled`);
  switch (d.tag) {
    case 'environ':
      return environMethod(it, name, args);
    case 'djenv':
      return djangoEnvMethod(it, d, name, args, ctx);
    case 'decouple':
      if (name === '__call__' || name === 'get') return decoupleGet(it, d, args);
      return unknown(`decouple config.${name}() not modelled`);
    case 'csv':
    case 'choices':
      if (name === '__call__') return derive(applyDecoupleCast(it, self, argAt(args, 0) ?? NONE));
      return unknown(`${d.tag}.${name}() not modelled`);
    case 'path':
      return pathMethod(it, d.path, name, args);
    case 'class':
      if (name === '__call__') return instantiate(it, self, d, args, ctx);
      return unknown(`${d.name}.${name}() not modelled`);
    case 'namespace':
      if (name === 'update' || name === '__setitem__') {
        it.warnOnce(
          `ns:${it.file}:${it.line}`,
          `settings after line ${it.line} may be changed by ${d.which}().${name}(...); not modelled`,
        );
        return NONE;
      }
      if (name === 'get') {
        const k = argAt(args, 0);
        if (k?.kind === 'str')
          return ctx.module.namespace.get(k.value)?.value ?? argAt(args, 1) ?? NONE;
      }
      return unknown(`${d.which}().${name}() not modelled`);
    case 'external':
      return callExternal(it, `${d.path}.${name}`, args, undefined, ctx);
    case 'module':
      return unknown(`module method ${name}() not modelled`);
    default:
      return unknown(`${self.typeName}.${name}() not modelled`);
  }
}

const PY_WHITESPACE =
  ' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

function stripChars(s: string, chars: string | undefined, left: boolean, right: boolean): string {
  const set = chars ?? PY_WHITESPACE;
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.includes(s[a]!)) a++;
  if (right) while (b > a && set.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

function pySplit(s: string, sep: string | undefined, maxsplit: number): string[] {
  if (sep === undefined) {
    const out: string[] = [];
    let rest = stripChars(s, undefined, true, false);
    while (rest.length > 0) {
      if (maxsplit >= 0 && out.length >= maxsplit) {
        out.push(stripChars(rest, undefined, false, true) === '' ? rest : rest);
        return out.map((x, i) =>
          i === out.length - 1 ? stripChars(x, undefined, false, true) : x,
        );
      }
      let i = 0;
      while (i < rest.length && !PY_WHITESPACE.includes(rest[i]!)) i++;
      out.push(rest.slice(0, i));
      rest = stripChars(rest.slice(i), undefined, true, false);
    }
    return out;
  }
  const parts = s.split(sep);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

function strArg(args: Args, index: number, name?: string): string | undefined | null {
  const v = argAt(args, index, name);
  if (v === undefined || v.kind === 'none') return undefined;
  return v.kind === 'str' ? v.value : null;
}

function strMethod(it: Interpreter, s: string, name: string, args: Args): PyValue {
  const a0 = argAt(args, 0);
  if (args.pos.some((a) => a.kind === 'unknown'))
    return args.pos.find((a) => a.kind === 'unknown')!;
  const chars = strArg(args, 0, 'chars');
  const bounded = (r: string): PyValue =>
    r.length > it.limits.maxStringLength
      ? unknown(`string longer than maxStringLength (${it.limits.maxStringLength})`)
      : mkStr(r);
  switch (name) {
    case 'lower':
    case 'casefold':
      return mkStr(s.toLowerCase());
    case 'upper':
      return mkStr(s.toUpperCase());
    case 'title':
      return mkStr(
        s
          .toLowerCase()
          .replace(/(^|[^\p{L}])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()),
      );
    case 'capitalize':
      return mkStr(s.charAt(0).toUpperCase() + s.slice(1).toLowerCase());
    case 'swapcase':
      return mkStr(
        Array.from(s, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
      );
    case 'strip':
    case 'lstrip':
    case 'rstrip':
      if (chars === null) return unknown(`str.${name}() argument not a str`);
      return mkStr(stripChars(s, chars, name !== 'rstrip', name !== 'lstrip'));
    case 'split':
    case 'rsplit': {
      const sep = strArg(args, 0, 'sep');
      const ms = argAt(args, 1, 'maxsplit');
      if (sep === null || sep === '') return it.raiseOrUnknown('ValueError', 'empty separator');
      const max = ms?.kind === 'int' ? Number(ms.value) : -1;
      let parts: string[];
      if (name === 'rsplit' && max >= 0) {
        const rev = pySplit(
          Array.from(s).reverse().join(''),
          sep === undefined ? undefined : Array.from(sep).reverse().join(''),
          max,
        );
        parts = rev.map((p) => Array.from(p).reverse().join('')).reverse();
      } else parts = pySplit(s, sep, max);
      if (parts.length > it.limits.maxCollectionSize)
        return unknown(
          `split result larger than maxCollectionSize (${it.limits.maxCollectionSize})`,
        );
      return { kind: 'list', items: parts.map(mkStr) };
    }
    case 'splitlines': {
      const keep = argAt(args, 0, 'keepends');
      // Python's line boundaries include \v \f \x1c-\x1e \x85 \u2028 \u2029.
      // eslint-disable-next-line no-control-regex
      const lines = s.split(/(?<=\r\n|\r(?!\n)|\n|\x0b|\x0c|\x1c|\x1d|\x1e|\x85|\u2028|\u2029)/);
      const items = lines
        .filter((l) => l !== '')
        .map((l) =>
          keep && truthy(keep)
            ? l
            : // eslint-disable-next-line no-control-regex
              l.replace(/(\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])$/, ''),
        );
      return { kind: 'list', items: items.map(mkStr) };
    }
    case 'replace': {
      const old = strArg(args, 0);
      const rep = strArg(args, 1);
      const count = argAt(args, 2, 'count');
      if (typeof old !== 'string' || typeof rep !== 'string')
        return unknown('str.replace() arguments not str');
      let n = count?.kind === 'int' ? Number(count.value) : -1;
      if (n < 0) {
        if (old === '') return bounded(rep + codePoints(s).join(rep) + (s === '' ? '' : rep));
        return bounded(s.split(old).join(rep));
      }
      let out = '';
      let rest = s;
      while (n-- > 0 && old !== '' && rest.includes(old)) {
        const i = rest.indexOf(old);
        out += rest.slice(0, i) + rep;
        rest = rest.slice(i + old.length);
      }
      return bounded(out + rest);
    }
    case 'startswith':
    case 'endswith': {
      const prefixes = a0?.kind === 'tuple' ? a0.items : a0 ? [a0] : [];
      if (prefixes.some((p) => p.kind !== 'str'))
        return unknown(`str.${name}() argument not a str`);
      return bool(
        prefixes.some((p) =>
          name === 'startswith'
            ? s.startsWith((p as { value: string }).value)
            : s.endsWith((p as { value: string }).value),
        ),
      );
    }
    case 'join': {
      const items = a0 ? iterate(a0) : undefined;
      if (!items) return a0?.kind === 'unknown' ? a0 : unknown('str.join() of a non-iterable');
      if (items.some((i) => i.kind !== 'str')) {
        const u = items.find((i) => i.kind === 'unknown');
        return u ?? it.raiseOrUnknown('TypeError', 'sequence item: expected str instance');
      }
      return bounded(items.map((i) => (i as { value: string }).value).join(s));
    }
    case 'format':
    case 'format_map':
      return strFormat(s, name === 'format_map' ? { ...args, pos: [], kw: dictToKw(a0) } : args);
    case 'encode':
      return { kind: 'bytes', value: encodeUtf8(s) };
    case 'partition':
    case 'rpartition': {
      if (typeof chars !== 'string' || chars === '') return unknown(`str.${name}() separator`);
      const i = name === 'partition' ? s.indexOf(chars) : s.lastIndexOf(chars);
      const parts =
        i < 0
          ? name === 'partition'
            ? [s, '', '']
            : ['', '', s]
          : [s.slice(0, i), chars, s.slice(i + chars.length)];
      return { kind: 'tuple', items: parts.map(mkStr) };
    }
    case 'removeprefix':
      return typeof chars === 'string'
        ? mkStr(chars && s.startsWith(chars) ? s.slice(chars.length) : s)
        : unknown('removeprefix');
    case 'removesuffix':
      return typeof chars === 'string'
        ? mkStr(chars && s.endsWith(chars) ? s.slice(0, -chars.length) : s)
        : unknown('removesuffix');
    case 'isdigit':
    case 'isdecimal':
    case 'isnumeric':
      return bool(s.length > 0 && /^\p{Nd}+$/u.test(s));
    case 'isalpha':
      return bool(s.length > 0 && /^\p{L}+$/u.test(s));
    case 'isalnum':
      return bool(s.length > 0 && /^[\p{L}\p{Nd}]+$/u.test(s));
    case 'isspace':
      return bool(s.length > 0 && Array.from(s).every((c) => PY_WHITESPACE.includes(c)));
    case 'isupper':
      return bool(s !== s.toLowerCase() && s === s.toUpperCase());
    case 'islower':
      return bool(s !== s.toUpperCase() && s === s.toLowerCase());
    case 'find':
    case 'rfind':
    case 'index':
    case 'rindex':
    case 'count': {
      if (typeof chars !== 'string') return unknown(`str.${name}() argument`);
      if (name === 'count') return mkInt(chars === '' ? strLen(s) + 1 : s.split(chars).length - 1);
      const i = name.startsWith('r') ? s.lastIndexOf(chars) : s.indexOf(chars);
      if (i < 0 && name.endsWith('index'))
        return it.raiseOrUnknown('ValueError', 'substring not found');
      return mkInt(i < 0 ? -1 : strLen(s.slice(0, i)));
    }
    case 'zfill': {
      const w = a0?.kind === 'int' ? Math.min(Number(a0.value), it.limits.maxStringLength) : 0;
      const sign = /^[+-]/.test(s) ? s[0]! : '';
      const body = sign ? s.slice(1) : s;
      return mkStr(sign + body.padStart(Math.max(0, w - sign.length), '0'));
    }
    case 'center':
    case 'ljust':
    case 'rjust': {
      const w = a0?.kind === 'int' ? Math.min(Number(a0.value), it.limits.maxStringLength) : 0;
      const fill = strArg(args, 1) ?? ' ';
      if (typeof fill !== 'string') return unknown('fill');
      const pad = Math.max(0, w - strLen(s));
      if (name === 'ljust') return mkStr(s + fill.repeat(pad));
      if (name === 'rjust') return mkStr(fill.repeat(pad) + s);
      const left = Math.floor(pad / 2) + (pad % 2 && w % 2 ? 1 : 0);
      return mkStr(fill.repeat(left) + s + fill.repeat(pad - left));
    }
    case 'expandtabs':
      return mkStr(s.replace(/\t/g, '        '));
  }
  return it.raiseOrUnknown('AttributeError', `'str' object has no attribute '${name}'`);
}

function dictToKw(v: PyValue | undefined): Map<string, PyValue> {
  const out = new Map<string, PyValue>();
  if (v?.kind === 'dict')
    for (const [k, val] of v.entries) if (k.kind === 'str') out.set(k.value, val);
  return out;
}

/** `'...'.format(*args, **kw)`: {} {0} {name} with !r/!s and a format spec. */
function strFormat(fmt: string, args: Args): PyValue {
  let auto = 0;
  let failed: string | undefined;
  const out = fmt.replace(
    /\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g,
    (m, field: string | undefined, conv: string | undefined, spec: string | undefined) => {
      if (m === '{{') return '{';
      if (m === '}}') return '}';
      const f = field ?? '';
      let value: PyValue | undefined;
      if (f === '') value = args.pos[auto++];
      else if (/^\d+$/.test(f)) value = args.pos[Number(f)];
      else if (/^\w+$/.test(f)) value = args.kw.get(f);
      else {
        failed = `format field {${f}} not modelled`;
        return '';
      }
      if (!value) {
        failed = `format field {${f}} missing`;
        return '';
      }
      if (value.kind === 'unknown') {
        failed = value.reason;
        return '';
      }
      const converted = conv === 'r' ? pyRepr(value) : conv ? pyStr(value) : undefined;
      if (conv && converted === undefined) {
        failed = `format field {${f}} depends on an unknown value`;
        return '';
      }
      const base = converted !== undefined ? mkStr(converted) : value;
      const text = formatValue(base, spec ?? '');
      if (text === undefined) failed = `format spec ${spec ?? ''} not modelled`;
      return text ?? '';
    },
  );
  return failed !== undefined ? unknown(failed) : mkStr(out);
}

function listMethod(
  it: Interpreter,
  self: PyValue & { kind: 'list' | 'tuple' },
  name: string,
  args: Args,
  ctx: Ctx,
): PyValue {
  const a0 = argAt(args, 0);
  const items = self.items;
  const isList = self.kind === 'list';
  const tooBig = () =>
    unknown(`list larger than maxCollectionSize (${it.limits.maxCollectionSize})`);
  switch (name) {
    case 'index':
    case 'count': {
      if (!a0) return unknown(`${name}()`);
      let undecided = false;
      let count = 0;
      for (let i = 0; i < items.length; i++) {
        const eq = pyEquals(items[i]!, a0);
        if (eq === undefined) undecided = true;
        if (eq === true) {
          if (name === 'index' && !undecided) return mkInt(i);
          count++;
        }
      }
      if (undecided) return unknown(`${name}() depends on an unknown item`);
      if (name === 'count') return mkInt(count);
      return it.raiseOrUnknown('ValueError', `${reprOf(a0)} is not in list`);
    }
    case 'copy':
      return { kind: self.kind, items: [...items] };
  }
  if (!isList)
    return it.raiseOrUnknown('AttributeError', `'tuple' object has no attribute '${name}'`);
  switch (name) {
    case 'append':
      if (items.length >= it.limits.maxCollectionSize) return tooBig();
      items.push(a0 ?? NONE);
      return NONE;
    case 'extend': {
      const more = a0 ? seqOf(it, a0, 'extend') : [];
      if (!Array.isArray(more)) return more; // the caller marks the list Unknown
      if (items.length + more.length > it.limits.maxCollectionSize) return tooBig();
      items.push(...more);
      return NONE;
    }
    case 'insert': {
      const idx = a0;
      const v = argAt(args, 1) ?? NONE;
      if (idx?.kind !== 'int') return unknown('list.insert() index unknown');
      let i = Number(idx.value);
      if (i < 0) i = Math.max(0, items.length + i);
      items.splice(Math.min(i, items.length), 0, v);
      return NONE;
    }
    case 'remove': {
      if (!a0) return unknown('remove()');
      const i = items.findIndex((x) => pyEquals(x, a0) === true);
      if (i < 0)
        return it.raiseOrUnknown('ValueError', `list.remove(${reprOf(a0)}): x not in list`);
      items.splice(i, 1);
      return NONE;
    }
    case 'pop': {
      if (items.length === 0) return it.raiseOrUnknown('IndexError', 'pop from empty list');
      const idx = a0?.kind === 'int' ? Number(a0.value) : -1;
      const i = idx < 0 ? items.length + idx : idx;
      if (i < 0 || i >= items.length)
        return it.raiseOrUnknown('IndexError', 'pop index out of range');
      return items.splice(i, 1)[0]!;
    }
    case 'clear':
      items.length = 0;
      return NONE;
    case 'reverse':
      items.reverse();
      return NONE;
    case 'sort': {
      const rev = args.kw.get('reverse');
      const sorted = sortValues(
        it,
        items,
        args.kw.get('key'),
        rev !== undefined && truthy(rev) === true,
        ctx,
      );
      if (Array.isArray(sorted)) items.splice(0, items.length, ...sorted);
      return NONE;
    }
  }
  return it.raiseOrUnknown('AttributeError', `'list' object has no attribute '${name}'`);
}

function dictMethod(
  it: Interpreter,
  self: PyValue & { kind: 'dict' },
  name: string,
  args: Args,
): PyValue {
  const a0 = argAt(args, 0);
  const find = (k: PyValue) => self.entries.findIndex(([key]) => pyEquals(key, k) === true);
  switch (name) {
    case 'get': {
      if (!a0) return unknown('dict.get()');
      if (a0.kind === 'unknown') return a0;
      const i = find(a0);
      return i >= 0 ? self.entries[i]![1] : (argAt(args, 1, 'default') ?? NONE);
    }
    case 'keys':
      return { kind: 'list', items: self.entries.map(([k]) => k) };
    case 'values':
      return { kind: 'list', items: self.entries.map(([, v]) => v) };
    case 'items':
      return {
        kind: 'list',
        items: self.entries.map(([k, v]) => ({ kind: 'tuple', items: [k, v] })),
      };
    case 'copy':
      return { kind: 'dict', entries: self.entries.map(([k, v]) => [k, v]) };
    case 'clear':
      self.entries.length = 0;
      return NONE;
    case 'update': {
      if (a0?.kind === 'dict') for (const [k, v] of a0.entries) dictSet(self, k, v);
      else if (a0) {
        const pairs = iterate(a0);
        if (!pairs) return unknown('dict.update() argument not modelled');
        for (const p of pairs) {
          const kv = iterate(p);
          if (kv?.length === 2) dictSet(self, kv[0]!, kv[1]!);
        }
      }
      for (const [k, v] of args.kw) dictSet(self, mkStr(k), v);
      return NONE;
    }
    case 'setdefault': {
      if (!a0 || a0.kind === 'unknown') return unknown('dict.setdefault() key unknown');
      const i = find(a0);
      if (i >= 0) return self.entries[i]![1];
      const v = argAt(args, 1) ?? NONE;
      self.entries.push([a0, v]);
      return v;
    }
    case 'pop': {
      if (!a0 || a0.kind === 'unknown') return unknown('dict.pop() key unknown');
      const i = find(a0);
      if (i >= 0) return self.entries.splice(i, 1)[0]![1];
      return argAt(args, 1) ?? it.raiseOrUnknown('KeyError', reprOf(a0));
    }
  }
  return it.raiseOrUnknown('AttributeError', `'dict' object has no attribute '${name}'`);
}

function setMethod(
  it: Interpreter,
  self: PyValue & { kind: 'set' },
  name: string,
  args: Args,
): PyValue {
  const a0 = argAt(args, 0);
  switch (name) {
    case 'add':
      if (a0 && !self.items.some((x) => pyEquals(x, a0) === true)) self.items.push(a0);
      return NONE;
    case 'update':
    case 'union': {
      const target = name === 'union' ? { kind: 'set' as const, items: [...self.items] } : self;
      for (const a of args.pos)
        for (const x of iterate(a) ?? [])
          if (!target.items.some((y) => pyEquals(x, y) === true)) target.items.push(x);
      return name === 'union' ? target : NONE;
    }
    case 'discard':
    case 'remove': {
      const i = a0 ? self.items.findIndex((x) => pyEquals(x, a0) === true) : -1;
      if (i >= 0) self.items.splice(i, 1);
      else if (name === 'remove') return it.raiseOrUnknown('KeyError', a0 ? reprOf(a0) : '');
      return NONE;
    }
    case 'copy':
      return { kind: 'set', items: [...self.items] };
  }
  return unknown(`set.${name}() not modelled`);
}

function pathMethod(it: Interpreter, p: string, name: string, args: Args): PyValue {
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
      return mkStr(p);
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

// ---------------------------------------------------------------- json / literal_eval

function jsonToPy(it: Interpreter, text: string, input: PyValue): PyValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return it.raiseOrUnknown('ValueError', 'json.loads: invalid JSON', it.originOf(input)?.envVar);
  }
  const convert = (v: unknown, depth: number): PyValue => {
    if (depth > 100) return unknown('JSON nested too deeply');
    if (v === null) return NONE;
    if (typeof v === 'boolean') return bool(v);
    if (typeof v === 'number')
      return Number.isInteger(v) && !/[.eE]/.test(String(v)) ? mkInt(BigInt(v)) : mkFloat(v);
    if (typeof v === 'string') return mkStr(v);
    if (Array.isArray(v)) return { kind: 'list', items: v.map((x) => convert(x, depth + 1)) };
    if (typeof v === 'object')
      return {
        kind: 'dict',
        entries: Object.entries(v as Record<string, unknown>).map(([k, x]) => [
          mkStr(k),
          convert(x, depth + 1),
        ]),
      };
    return unknown('JSON value');
  };
  return it.derive(convert(parsed, 0), input);
}

const LITERAL_NODES = new Set([
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

function literalEval(it: Interpreter, text: string, input: PyValue): PyValue {
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

// ---------------------------------------------------------------- django-environ

type DjEnv = ObjectData & { tag: 'djenv' };

function makeDjangoEnv(it: Interpreter, args: Args): PyValue {
  const scheme: DjEnv['scheme'] = new Map();
  for (const [k, v] of args.kw) {
    if (v.kind === 'tuple' && v.items.length >= 1) {
      const entry: { cast?: PyValue; defaultValue?: PyValue } = { cast: v.items[0]! };
      if (v.items.length >= 2) entry.defaultValue = v.items[1]!;
      scheme.set(k, entry);
    } else scheme.set(k, { cast: v });
  }
  void it;
  return opaque('Env', { tag: 'djenv', scheme, prefix: '' }, 'environ.Env');
}

const ENV_BOOL_TRUE = ['true', 'on', 'ok', 'y', 'yes', '1'];

/** django-environ `Env.parse_value(value, cast)`. */
function djangoParseValue(it: Interpreter, value: PyValue, cast: PyValue | undefined): PyValue {
  if (!cast || cast.kind === 'none') return value;
  if (value.kind === 'unknown') return value;
  const castPath = externalPath(cast);
  const s = value.kind === 'str' ? value.value : undefined;
  if (castPath === 'builtins.bool') {
    if (s === undefined) return bool(truthy(value) === true);
    const n = parseIntText(s);
    if (n !== undefined) return bool(n !== 0n);
    return bool(ENV_BOOL_TRUE.includes(stripChars(s.toLowerCase(), undefined, true, true)));
  }
  if (castPath === 'builtins.str') return toStrValue(it, value);
  if (castPath === 'builtins.int') return toIntValue(it, value);
  if (castPath === 'builtins.float') {
    if (s === undefined) return toFloatValue(it, value);
    // environ: keep digits , . - ; the last , or . is the decimal point ("1,000.5" → 1000.5).
    const cleaned = s.replace(/[^\d,.-]/g, '');
    const parts = cleaned.split(/[,.]/);
    const text =
      parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join('')}.${parts[parts.length - 1]}`;
    return toFloatValue(it, mkStr(text));
  }
  if (castPath === 'builtins.list' || (cast.kind === 'list' && cast.items.length === 1)) {
    if (s === undefined) return value;
    const items = s
      .split(',')
      .filter((x) => x !== '')
      .map(mkStr);
    const sub = cast.kind === 'list' ? cast.items[0] : undefined;
    return { kind: 'list', items: sub ? items.map((x) => djangoParseValue(it, x, sub)) : items };
  }
  if (castPath === 'builtins.tuple' || (cast.kind === 'tuple' && cast.items.length === 1)) {
    if (s === undefined) return value;
    const inner = stripChars(stripChars(s, '(', true, true), ')', true, true);
    const items = inner
      .split(',')
      .filter((x) => x !== '')
      .map(mkStr);
    const sub = cast.kind === 'tuple' ? cast.items[0] : undefined;
    return { kind: 'tuple', items: sub ? items.map((x) => djangoParseValue(it, x, sub)) : items };
  }
  if (castPath === 'builtins.dict' || cast.kind === 'dict') {
    if (s === undefined) return value;
    const out: PyValue & { kind: 'dict' } = { kind: 'dict', entries: [] };
    for (const pair of s.split(',')) {
      if (pair === '') continue;
      const [k, ...rest] = pair.split('=');
      dictSet(out, mkStr(k!), mkStr(rest.join('=')));
    }
    return cast.kind === 'dict' ? unknown('env.dict with a cast dict not modelled') : out;
  }
  if (castPath === 'json.loads' || castPath === 'environ.Env.json')
    return s === undefined ? value : jsonToPy(it, s, value);
  const fn = dataOf(cast);
  if (fn?.tag === 'function' || fn?.tag === 'external')
    return unknown('custom cast function in django-environ not modelled');
  return unknown(`django-environ cast ${reprOf(cast)} not modelled`);
}

interface EnvGetOptions {
  cast?: PyValue;
  defaultValue?: PyValue;
  defaultText?: string;
  parseDefault?: boolean;
}

/** django-environ 0.11.2 `Env.get_value`. */
function djangoGetValue(
  it: Interpreter,
  env: DjEnv,
  varName: string,
  opts: EnvGetOptions,
  depth = 0,
): PyValue {
  let { cast, defaultValue } = opts;
  let defaultText = opts.defaultText;
  const scheme = env.scheme.get(varName);
  if (scheme) {
    if (cast === undefined) cast = scheme.cast;
    if (defaultValue === undefined && scheme.defaultValue !== undefined) {
      defaultValue = scheme.defaultValue;
      defaultText = reprOf(scheme.defaultValue);
    }
  }
  // Smart cast: with no cast and a non-None default, cast = type(default).
  if (
    cast === undefined &&
    defaultValue !== undefined &&
    defaultValue.kind !== 'none' &&
    defaultValue.kind !== 'unknown'
  ) {
    const tn = {
      bool: 'bool',
      int: 'int',
      float: 'float',
      str: 'str',
      list: 'list',
      tuple: 'tuple',
      dict: 'dict',
    }[defaultValue.kind as string];
    if (tn) cast = opaque('type', { tag: 'external', path: `builtins.${tn}` });
  }
  const name = env.prefix + varName;
  const entry = it.env.get(name);
  if (depth === 0) it.recordEnvRead(name, defaultText, entry !== undefined);
  if (!entry) {
    if (defaultValue === undefined) {
      if (it.isCaught('ImproperlyConfigured'))
        throw new PyRaise('ImproperlyConfigured', `Set the ${name} environment variable`, it.line);
      it.diag(
        'warning',
        `ImproperlyConfigured: Set the ${name} environment variable (settings import would fail)`,
      );
      return unknown(
        `environment variable ${name} is required (unset: ImproperlyConfigured)`,
        name,
      );
    }
    // Defaults are returned unchanged (not cast) unless parse_default.
    let value = defaultValue;
    if (opts.parseDefault && value.kind !== 'none') value = djangoParseValue(it, value, cast);
    return it.envDefault(name, value, defaultText);
  }
  if ('unknown' in entry) return unknown(entry.unknown, name);
  let raw = entry.value;
  if (raw.startsWith('$') && depth < 10) {
    // Proxied value: `A=$B` reads B.
    const proxied = djangoGetValue(
      it,
      env,
      raw.slice(1).replace(/^\$+/, ''),
      { ...opts, ...(cast ? { cast } : {}) },
      depth + 1,
    );
    return it.withOrigin(proxied, { envVar: name, usedDefault: false });
  }
  if (raw === '' && defaultValue?.kind === 'none')
    return it.withOrigin(NONE, { envVar: name, usedDefault: false });
  const value = mkStr(raw);
  const result =
    defaultValue !== undefined && pyEquals(value, defaultValue) === true
      ? value
      : djangoParseValue(it, value, cast);
  raw = '';
  return it.derive(it.withOrigin(result, { envVar: name, usedDefault: false }));
}

const DB_ENGINES: Record<string, string> = {
  postgres: 'django.db.backends.postgresql',
  postgresql: 'django.db.backends.postgresql',
  pgsql: 'django.db.backends.postgresql',
  psql: 'django.db.backends.postgresql',
  postgis: 'django.contrib.gis.db.backends.postgis',
  mysql: 'django.db.backends.mysql',
  mysql2: 'django.db.backends.mysql',
  mysqlgis: 'django.contrib.gis.db.backends.mysql',
  'mysql-connector': 'mysql.connector.django',
  oracle: 'django.db.backends.oracle',
  sqlite: 'django.db.backends.sqlite3',
  spatialite: 'django.contrib.gis.db.backends.spatialite',
  redshift: 'django_redshift_backend',
  cockroach: 'django_cockroachdb',
  mssql: 'sql_server.pyodbc',
};

const CACHE_BACKENDS: Record<string, string> = {
  dbcache: 'django.core.cache.backends.db.DatabaseCache',
  dummycache: 'django.core.cache.backends.dummy.DummyCache',
  filecache: 'django.core.cache.backends.filebased.FileBasedCache',
  locmemcache: 'django.core.cache.backends.locmem.LocMemCache',
  memcache: 'django.core.cache.backends.memcached.MemcachedCache',
  pymemcache: 'django.core.cache.backends.memcached.PyMemcacheCache',
  pylibmc: 'django.core.cache.backends.memcached.PyLibMCCache',
  rediscache: 'django_redis.cache.RedisCache',
  redis: 'django_redis.cache.RedisCache',
  rediss: 'django_redis.cache.RedisCache',
};

function parseUrl(
  url: string,
):
  | { scheme: string; user: string; password: string; host: string; port: string; path: string }
  | undefined {
  const m =
    /^([a-z0-9+.-]+):\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/:?#]*|\[[^\]]*\])(?::(\d*))?([^?#]*)/i.exec(
      url,
    );
  if (!m) return undefined;
  const dec = (s: string | undefined) => {
    try {
      return decodeURIComponent(s ?? '');
    } catch {
      return s ?? '';
    }
  };
  return {
    scheme: m[1]!.toLowerCase(),
    user: dec(m[2]),
    password: dec(m[3]),
    host: dec(m[4]),
    port: m[5] ?? '',
    path: m[6] ?? '',
  };
}

function dbUrlConfig(url: PyValue, engineOverride: PyValue | undefined): PyValue {
  if (url.kind !== 'str')
    return url.kind === 'unknown'
      ? url
      : url.kind === 'dict'
        ? url
        : unknown('database URL not a str');
  const u = parseUrl(url.value);
  if (url.value === 'sqlite://:memory:')
    return {
      kind: 'dict',
      entries: [
        [mkStr('ENGINE'), mkStr(DB_ENGINES.sqlite!)],
        [mkStr('NAME'), mkStr(':memory:')],
      ],
    };
  if (!u) return unknown('database URL not understood');
  const scheme = u.scheme.split('+')[0]!;
  const engine = engineOverride?.kind === 'str' ? engineOverride.value : DB_ENGINES[scheme];
  const isSqlite = scheme === 'sqlite' || scheme === 'spatialite';
  const name = isSqlite
    ? u.path === ''
      ? ''
      : u.path === '/'
        ? ''
        : u.path.slice(1)
    : u.path.replace(/^\//, '');
  const entries: [PyValue, PyValue][] = [
    [
      mkStr('NAME'),
      mkStr(isSqlite && u.host === '' && u.path.startsWith('//') ? u.path.slice(1) : name),
    ],
    [mkStr('USER'), mkStr(u.user)],
    [mkStr('PASSWORD'), mkStr(u.password)],
    [mkStr('HOST'), mkStr(u.host)],
    [mkStr('PORT'), u.port === '' ? mkStr('') : mkInt(BigInt(u.port))],
  ];
  // django-environ sets ENGINE after the URL parts (dict order is observable).
  entries.push([
    mkStr('ENGINE'),
    engine ? mkStr(engine) : unknown(`database scheme ${scheme} not modelled`),
  ]);
  return { kind: 'dict', entries };
}

function cacheUrlConfig(url: PyValue): PyValue {
  if (url.kind !== 'str')
    return url.kind === 'unknown'
      ? url
      : url.kind === 'dict'
        ? url
        : unknown('cache URL not a str');
  const u = parseUrl(url.value);
  if (!u) return unknown('cache URL not understood');
  const backend = CACHE_BACKENDS[u.scheme];
  if (!backend) return unknown(`cache scheme ${u.scheme} not modelled`);
  let location: PyValue;
  if (u.scheme === 'filecache') location = mkStr(u.host + u.path);
  else if (u.scheme === 'locmemcache' || u.scheme === 'dbcache') location = mkStr(u.host);
  else if (u.scheme.startsWith('redis'))
    location = mkStr(url.value.replace(/^rediscache:/, 'redis:'));
  else location = mkStr(`${u.host}${u.port ? `:${u.port}` : ''}`);
  return {
    kind: 'dict',
    entries: [
      [mkStr('BACKEND'), mkStr(backend)],
      [mkStr('LOCATION'), location],
    ],
  };
}

function djangoEnvMethod(it: Interpreter, env: DjEnv, name: string, args: Args, ctx: Ctx): PyValue {
  const varArg = (defaultVar?: string): string | undefined => {
    const v = argAt(args, 0, 'var');
    if (v?.kind === 'str') return v.value;
    return v === undefined ? defaultVar : undefined;
  };
  const defaultOpts = (index: number): EnvGetOptions => {
    const d = argAt(args, index, 'default');
    const t = argText(args, index, 'default');
    const o: EnvGetOptions = {};
    if (d !== undefined) o.defaultValue = d;
    if (t !== undefined) o.defaultText = t;
    return o;
  };
  const builtinType = (n: string) => opaque('type', { tag: 'external', path: `builtins.${n}` });
  const get = (varName: string | undefined, opts: EnvGetOptions): PyValue =>
    varName === undefined
      ? unknown('environment variable name unknown')
      : djangoGetValue(it, env, varName, opts);
  switch (name) {
    case '__call__':
    case 'get_value': {
      const opts = defaultOpts(2);
      const cast = argAt(args, 1, 'cast');
      if (cast && cast.kind !== 'none') opts.cast = cast;
      const pd = args.kw.get('parse_default');
      if (pd) opts.parseDefault = truthy(pd) === true;
      return get(varArg(), opts);
    }
    case 'str': {
      const v = get(varArg(), { ...defaultOpts(1), cast: builtinType('str') });
      const ml = argAt(args, 2, 'multiline');
      if (ml && truthy(ml) && v.kind === 'str')
        return it.derive(mkStr(v.value.replace(/\\n/g, '\n')), v);
      return v;
    }
    case 'bool':
    case 'int':
    case 'float':
    case 'dict':
      return get(varArg(), { ...defaultOpts(name === 'dict' ? 2 : 1), cast: builtinType(name) });
    case 'json':
      return get(varArg(), {
        ...defaultOpts(1),
        cast: opaque('function', { tag: 'external', path: 'json.loads' }),
      });
    case 'list':
    case 'tuple': {
      const sub = argAt(args, 1, 'cast');
      const cast =
        sub && sub.kind !== 'none' ? ({ kind: name, items: [sub] } as PyValue) : builtinType(name);
      return get(varArg(), { ...defaultOpts(2), cast });
    }
    case 'bytes':
      return get(varArg(), { ...defaultOpts(1), cast: builtinType('str') });
    case 'url':
      return it.derive(get(varArg(), defaultOpts(1)), NONE);
    case 'path': {
      const v = get(varArg(), defaultOpts(1));
      const p = fspath(v);
      return p !== undefined ? it.derive(pathValue(p), v) : v;
    }
    case 'db':
    case 'db_url': {
      const v = get(varArg('DATABASE_URL'), defaultOpts(1));
      return it.derive(dbUrlConfig(v, argAt(args, 2, 'engine')), v);
    }
    case 'cache':
    case 'cache_url': {
      const v = get(varArg('CACHE_URL'), defaultOpts(1));
      return it.derive(cacheUrlConfig(v), v);
    }
    case 'email':
    case 'email_url':
    case 'search_url': {
      const v = get(varArg(name.startsWith('email') ? 'EMAIL_URL' : 'SEARCH_URL'), defaultOpts(1));
      return it.derive(unknown(`env.${name}() result not modelled`), v);
    }
    case 'read_env':
      return readEnvFile(it, args, ctx);
    case 'prefix':
      return unknown('env.prefix');
  }
  return unknown(`env.${name}() not modelled`);
}

/** `environ.Env.read_env(path=None, overwrite=False, parse_comments=False, **overrides)`. */
function readEnvFile(it: Interpreter, args: Args, ctx: Ctx): PyValue {
  const p = argAt(args, 0, 'env_file') ?? args.kw.get('path');
  let file: string | undefined;
  if (!p || p.kind === 'none') {
    file = posix.join(ctx.module.dir, '.env');
  } else {
    const text = fspath(p);
    if (text === undefined) {
      it.diag(
        'info',
        `read_env(): path not known statically (${p.kind === 'unknown' ? p.reason : typeName(p)}); .env not applied`,
      );
      return NONE;
    }
    const rel = repoRelative(text);
    if (rel === undefined) {
      it.diag('info', `read_env(${text}): outside the repository; not applied`);
      return NONE;
    }
    file = rel;
  }
  const content =
    it.options.files.exists(file) && !it.options.files.isDirectory(file)
      ? it.options.files.read(file)
      : undefined;
  if (content === undefined) {
    it.diag('info', `read_env(): ${file} not in the repository; nothing applied`);
    return NONE;
  }
  it.filesRead.push(file);
  const overwrite = truthy(args.kw.get('overwrite') ?? bool(false)) === true;
  const parseComments = truthy(args.kw.get('parse_comments') ?? bool(false)) === true;
  const values = parseDjangoEnvironFile(content, parseComments);
  for (const [k, v] of args.kw)
    if (
      !['overwrite', 'parse_comments', 'encoding', 'path', 'env_file'].includes(k) &&
      v.kind === 'str'
    )
      values.set(k, v.value);
  for (const [k, v] of values) if (overwrite || !it.env.has(k)) it.env.set(k, { value: v });
  return NONE;
}

// ---------------------------------------------------------------- python-decouple

type Decouple = ObjectData & { tag: 'decouple' };

const DECOUPLE_BOOLEANS: Record<string, boolean> = {
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

const autoRepoCache = new WeakMap<
  Interpreter,
  Map<string, { values: Map<string, string>; file?: string; ci: boolean }>
>();

/** AutoConfig: walk up from the caller's directory to the repository root for settings.ini or .env. */
function autoRepository(
  it: Interpreter,
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
      found = { values: parseDecoupleEnvFile(envText), file: env, ci: false };
      break;
    }
    if (dir === '') break;
    dir = posix.dirname(dir) === '.' ? '' : posix.dirname(dir);
  }
  if (found.file) it.filesRead.push(found.file);
  cache.set(startDir, found);
  return found;
}

function decoupleGet(it: Interpreter, cfg: Decouple, args: Args): PyValue {
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
      value = it.withOrigin(mkStr(fromRepo), { envVar: name, usedDefault: false });
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

function applyDecoupleCast(it: Interpreter, cast: PyValue, value: PyValue): PyValue {
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
      .map((t) => (d.cast ? applyDecoupleCast(it, d.cast, mkStr(t)) : mkStr(t)));
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
function shlexSplit(s: string, delimiter: string): string[] | undefined {
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

// ---------------------------------------------------------------- classes and pydantic-settings

function isBaseSettings(cls: ObjectData & { tag: 'class' }, depth = 0): boolean {
  if (depth > 20) return false;
  return cls.bases.some((b) => {
    const p = externalPath(b);
    if (p && /(^|\.)BaseSettings$/.test(p)) return true;
    const d = dataOf(b);
    return d?.tag === 'class' && isBaseSettings(d, depth + 1);
  });
}

function collectFields(
  cls: ObjectData & { tag: 'class' },
  depth = 0,
): Map<string, { annotation?: string; defaultValue?: PyValue }> {
  const out = new Map<string, { annotation?: string; defaultValue?: PyValue }>();
  if (depth > 20) return out;
  for (const b of [...cls.bases].reverse()) {
    const d = dataOf(b);
    if (d?.tag === 'class') for (const [k, v] of collectFields(d, depth + 1)) out.set(k, v);
  }
  return out;
}

const PYDANTIC_BOOL: Record<string, boolean> = {
  '1': true,
  true: true,
  yes: true,
  on: true,
  t: true,
  y: true,
  '0': false,
  false: false,
  no: false,
  off: false,
  f: false,
  n: false,
};

function pydanticParse(it: Interpreter, raw: string, annotation: string, envVar: string): PyValue {
  let ann = annotation.replace(/\s+/g, '');
  const opt = /^(?:typing\.)?Optional\[(.*)\]$/.exec(ann);
  if (opt) ann = opt[1]!;
  ann = ann.replace(/\|None$/, '').replace(/^None\|/, '');
  switch (ann) {
    case 'bool': {
      const b = PYDANTIC_BOOL[raw.toLowerCase()];
      return b === undefined
        ? it.failedValue('ValidationError', `${envVar}: input should be a valid boolean`, envVar)
        : bool(b);
    }
    case 'int':
    case 'float':
      try {
        return ann === 'int' ? toIntValue(it, mkStr(raw)) : toFloatValue(it, mkStr(raw));
      } catch (err) {
        // pydantic reports the field (ValidationError); the other fields stay known.
        if (!(err instanceof PyRaise) || it.isCaught('ValidationError')) throw err;
        return it.failedValue(err.excType, err.detail, envVar);
      }
    case 'str':
    case 'SecretStr':
      return mkStr(raw);
  }
  if (/^(list|List|tuple|Tuple|set|Set|dict|Dict)(\[|$)/.test(ann)) {
    const v = jsonToPy(it, raw, mkStr(raw));
    if (ann.startsWith('tuple') || ann.startsWith('Tuple'))
      return v.kind === 'list' ? { kind: 'tuple', items: v.items } : v;
    return v;
  }
  return unknown(`pydantic field type ${annotation} not modelled`, envVar);
}

function instantiate(
  it: Interpreter,
  clsValue: PyValue,
  cls: ObjectData & { tag: 'class' },
  args: Args,
  ctx: Ctx,
): PyValue {
  const attrs = new Map<string, PyValue>();
  if (!isBaseSettings(cls)) return it.instantiateClass(clsValue, cls, args, ctx);
  // pydantic-settings: env_prefix + field name, case-insensitive unless case_sensitive=True.
  const chain: (ObjectData & { tag: 'class' })[] = [];
  const walk = (c: ObjectData & { tag: 'class' }, depth: number) => {
    if (depth > 20) return;
    for (const b of c.bases) {
      const d = dataOf(b);
      if (d?.tag === 'class') walk(d, depth + 1);
    }
    chain.push(c);
  };
  walk(cls, 0);
  let prefix = '';
  let caseSensitive = false;
  let envFiles: PyValue | undefined;
  for (const c of chain) {
    const mc = c.attrs.get('model_config');
    if (mc?.kind === 'dict')
      for (const [k, v] of mc.entries) {
        if (k.kind === 'str' && k.value === 'env_prefix' && v.kind === 'str') prefix = v.value;
        if (k.kind === 'str' && k.value === 'case_sensitive') caseSensitive = truthy(v) === true;
        if (k.kind === 'str' && k.value === 'env_file') envFiles = v;
      }
    const inner = dataOf(c.attrs.get('Config') ?? NONE);
    if (inner?.tag === 'class') {
      const p = inner.attrs.get('env_prefix');
      if (p?.kind === 'str') prefix = p.value;
    }
  }
  void collectFields;
  // env_file (relative to the working directory, modelled as the repository root): values
  // below the real environment, later files winning (pydantic-settings' dotenv source).
  const dotenv = new Map<string, string>();
  const fileList = envFiles
    ? envFiles.kind === 'tuple' || envFiles.kind === 'list'
      ? envFiles.items
      : [envFiles]
    : [];
  for (const f of fileList) {
    const p = fspath(f);
    const rel = p !== undefined ? resolveRepoPath(it, p) : undefined;
    const content = rel !== undefined ? it.options.files.read(rel) : undefined;
    if (rel === undefined || content === undefined) continue;
    it.filesRead.push(rel);
    for (const [k, v] of parseDecoupleEnvFile(content))
      dotenv.set(caseSensitive ? k : k.toLowerCase(), v);
  }
  for (const c of chain) {
    for (const [field, annNode] of c.annotations) {
      const annotation = annNode;
      const envName = prefix + field;
      let entryName: string | undefined;
      if (caseSensitive) entryName = it.env.has(envName) ? envName : undefined;
      else entryName = [...it.env.keys()].find((k) => k.toLowerCase() === envName.toLowerCase());
      const given = args.kw.get(field);
      const defaultValue = c.attrs.get(field);
      it.recordEnvRead(
        envName,
        defaultValue ? reprOf(defaultValue) : undefined,
        entryName !== undefined,
      );
      if (given) {
        attrs.set(field, given);
      } else if (entryName !== undefined) {
        const entry = it.env.get(entryName)!;
        attrs.set(
          field,
          'unknown' in entry
            ? unknown(entry.unknown, entryName)
            : it.withOrigin(pydanticParse(it, entry.value, annotation, entryName), {
                envVar: entryName,
                usedDefault: false,
              }),
        );
      } else if (dotenv.has(caseSensitive ? envName : envName.toLowerCase())) {
        const raw = dotenv.get(caseSensitive ? envName : envName.toLowerCase())!;
        attrs.set(
          field,
          it.withOrigin(pydanticParse(it, raw, annotation, envName), {
            envVar: envName,
            usedDefault: false,
          }),
        );
      } else if (defaultValue !== undefined) {
        attrs.set(
          field,
          defaultValue.kind === 'unknown'
            ? unknown(`default of ${cls.name}.${field}: ${defaultValue.reason}`, envName)
            : it.envDefault(envName, defaultValue, reprOf(defaultValue)),
        );
      } else {
        attrs.set(
          field,
          it.failedValue(
            'ValidationError',
            `${cls.name}.${field}: field required (env ${envName})`,
            envName,
          ),
        );
      }
    }
  }
  void clsValue;
  return opaque(cls.name, { tag: 'instance', cls, attrs });
}
