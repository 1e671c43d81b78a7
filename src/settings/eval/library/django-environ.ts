/** django-environ 0.11+: Env() with its scheme and casts, read_env(), db/cache URLs. */
import { posix } from 'node:path';
import type { PyValue } from '../../value';
import { NONE, unknown } from '../../value';
import { pyEquals } from '../../value-ops';
import type { Args, Host } from '../host';
import type { Frame, ObjectData } from '../model';
import { PyRaise } from '../model';
import { pathValue } from '../paths';
import {
  bool,
  dataOf,
  dictSet,
  externalPath,
  intValue,
  strValue,
  opaque,
  reprOf,
  truthy,
  typeName,
} from '../ops';
import { dotenvValues, parseDotenv } from '../../../dotenv';
import type { LibraryModel } from './model';
import { argAt, argText } from './args';
import { fspath, repoRelative } from './files';
import {
  parseIntText,
  toIntValue,
  toFloatValue,
  toStrValue,
  stripChars,
  jsonToPy,
} from './convert';

export type DjEnv = ObjectData & { tag: 'djenv' };

export function makeDjangoEnv(_it: Host, args: Args): PyValue {
  const scheme: DjEnv['scheme'] = new Map();
  for (const [k, v] of args.kw) {
    if (v.kind === 'tuple' && v.items.length >= 1) {
      const entry: { cast?: PyValue; defaultValue?: PyValue } = { cast: v.items[0]! };
      if (v.items.length >= 2) entry.defaultValue = v.items[1]!;
      scheme.set(k, entry);
    } else scheme.set(k, { cast: v });
  }
  return opaque('Env', { tag: 'djenv', scheme, prefix: '' }, 'environ.Env');
}

export const ENV_BOOL_TRUE = ['true', 'on', 'ok', 'y', 'yes', '1'];

/** django-environ `Env.parse_value(value, cast)`. */
export function djangoParseValue(it: Host, value: PyValue, cast: PyValue | undefined): PyValue {
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
    return toFloatValue(it, strValue(text));
  }
  if (castPath === 'builtins.list' || (cast.kind === 'list' && cast.items.length === 1)) {
    if (s === undefined) return value;
    const items = s
      .split(',')
      .filter((x) => x !== '')
      .map(strValue);
    const sub = cast.kind === 'list' ? cast.items[0] : undefined;
    return { kind: 'list', items: sub ? items.map((x) => djangoParseValue(it, x, sub)) : items };
  }
  if (castPath === 'builtins.tuple' || (cast.kind === 'tuple' && cast.items.length === 1)) {
    if (s === undefined) return value;
    const inner = stripChars(stripChars(s, '(', true, true), ')', true, true);
    const items = inner
      .split(',')
      .filter((x) => x !== '')
      .map(strValue);
    const sub = cast.kind === 'tuple' ? cast.items[0] : undefined;
    return { kind: 'tuple', items: sub ? items.map((x) => djangoParseValue(it, x, sub)) : items };
  }
  if (castPath === 'builtins.dict' || cast.kind === 'dict') {
    if (s === undefined) return value;
    const out: PyValue & { kind: 'dict' } = { kind: 'dict', entries: [] };
    for (const pair of s.split(',')) {
      if (pair === '') continue;
      const [k, ...rest] = pair.split('=');
      dictSet(out, strValue(k!), strValue(rest.join('=')));
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

export interface EnvGetOptions {
  cast?: PyValue;
  defaultValue?: PyValue;
  defaultText?: string;
  parseDefault?: boolean;
}

/** django-environ 0.11.2 `Env.get_value`. */
export function djangoGetValue(
  it: Host,
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
  const value = strValue(raw);
  const result =
    defaultValue !== undefined && pyEquals(value, defaultValue) === true
      ? value
      : djangoParseValue(it, value, cast);
  raw = '';
  return it.derive(it.withOrigin(result, { envVar: name, usedDefault: false }));
}

export const DB_ENGINES: Record<string, string> = {
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

export const CACHE_BACKENDS: Record<string, string> = {
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

export function parseUrl(
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

export function dbUrlConfig(url: PyValue, engineOverride: PyValue | undefined): PyValue {
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
        [strValue('ENGINE'), strValue(DB_ENGINES.sqlite!)],
        [strValue('NAME'), strValue(':memory:')],
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
      strValue('NAME'),
      strValue(isSqlite && u.host === '' && u.path.startsWith('//') ? u.path.slice(1) : name),
    ],
    [strValue('USER'), strValue(u.user)],
    [strValue('PASSWORD'), strValue(u.password)],
    [strValue('HOST'), strValue(u.host)],
    [strValue('PORT'), u.port === '' ? strValue('') : intValue(BigInt(u.port))],
  ];
  // django-environ sets ENGINE after the URL parts (dict order is observable).
  entries.push([
    strValue('ENGINE'),
    engine ? strValue(engine) : unknown(`database scheme ${scheme} not modelled`),
  ]);
  return { kind: 'dict', entries };
}

/** django-environ's EMAIL_SCHEMES. */
const EMAIL_BACKENDS: Record<string, string> = {
  smtp: 'django.core.mail.backends.smtp.EmailBackend',
  smtps: 'django.core.mail.backends.smtp.EmailBackend',
  'smtp+tls': 'django.core.mail.backends.smtp.EmailBackend',
  'smtp+ssl': 'django.core.mail.backends.smtp.EmailBackend',
  consolemail: 'django.core.mail.backends.console.EmailBackend',
  filemail: 'django.core.mail.backends.filebased.EmailBackend',
  memorymail: 'django.core.mail.backends.locmem.EmailBackend',
  dummymail: 'django.core.mail.backends.dummy.EmailBackend',
};

/**
 * `env.email_url()`: the keys django-environ's `email_url_config` sets, in its order, so that
 * `vars().update(EMAIL_CONFIG)` binds exactly them. The user and password come from the URL; the
 * other URL parts stay Unknown (not modelled);
 * the backend and the TLS/SSL flags follow the scheme. A query string adds keys: Unknown.
 */
export function emailUrlConfig(url: PyValue, backendArg: PyValue | undefined): PyValue {
  if (url.kind !== 'str') return url.kind === 'unknown' ? url : unknown('email URL not a str');
  const u = parseUrl(url.value);
  if (!u || url.value.includes('?')) return unknown('env.email_url() result not modelled');
  const part = (key: string) => unknown(`${key} from env.email_url() not modelled`);
  // The user and password are the URL's userinfo, percent-decoded (`_cast_urlstr`): known when
  // the URL has them, so a committed default's password is seen as one.
  const userinfo = (key: string, value: string) => (value === '' ? part(key) : strValue(value));
  const entries: [PyValue, PyValue][] = [
    [strValue('EMAIL_FILE_PATH'), part('EMAIL_FILE_PATH')],
    [strValue('EMAIL_HOST_USER'), userinfo('EMAIL_HOST_USER', u.user)],
    [strValue('EMAIL_HOST_PASSWORD'), userinfo('EMAIL_HOST_PASSWORD', u.password)],
    [strValue('EMAIL_HOST'), part('EMAIL_HOST')],
    [strValue('EMAIL_PORT'), part('EMAIL_PORT')],
  ];
  const backend = backendArg?.kind === 'str' ? backendArg.value : EMAIL_BACKENDS[u.scheme];
  if (backendArg && backendArg.kind !== 'str' && backendArg.kind !== 'none')
    entries.push([strValue('EMAIL_BACKEND'), part('EMAIL_BACKEND')]);
  else if (backend === undefined) return unknown(`email scheme ${u.scheme} not modelled`);
  else entries.push([strValue('EMAIL_BACKEND'), strValue(backend)]);
  if (u.scheme === 'smtps' || u.scheme === 'smtp+tls')
    entries.push([strValue('EMAIL_USE_TLS'), { kind: 'bool', value: true }]);
  else if (u.scheme === 'smtp+ssl')
    entries.push([strValue('EMAIL_USE_SSL'), { kind: 'bool', value: true }]);
  return { kind: 'dict', entries };
}

export function cacheUrlConfig(url: PyValue): PyValue {
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
  if (u.scheme === 'filecache') location = strValue(u.host + u.path);
  else if (u.scheme === 'locmemcache' || u.scheme === 'dbcache') location = strValue(u.host);
  else if (u.scheme.startsWith('redis'))
    location = strValue(url.value.replace(/^rediscache:/, 'redis:'));
  else location = strValue(`${u.host}${u.port ? `:${u.port}` : ''}`);
  return {
    kind: 'dict',
    entries: [
      [strValue('BACKEND'), strValue(backend)],
      [strValue('LOCATION'), location],
    ],
  };
}

export function djangoEnvMethod(
  it: Host,
  env: DjEnv,
  name: string,
  args: Args,
  frame: Frame,
): PyValue {
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
        return it.derive(strValue(v.value.replace(/\\n/g, '\n')), v);
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
    case 'email_url': {
      const v = get(varArg('EMAIL_URL'), defaultOpts(1));
      return it.derive(emailUrlConfig(v, argAt(args, 2, 'backend')), v);
    }
    case 'search_url': {
      const v = get(varArg('SEARCH_URL'), defaultOpts(1));
      return it.derive(unknown(`env.${name}() result not modelled`), v);
    }
    case 'read_env':
      return readEnvFile(it, args, frame);
    case 'prefix':
      return unknown('env.prefix');
  }
  return unknown(`env.${name}() not modelled`);
}

/** `environ.Env.read_env(path=None, overwrite=False, parse_comments=False, **overrides)`. */
export function readEnvFile(it: Host, args: Args, frame: Frame): PyValue {
  const p = argAt(args, 0, 'env_file') ?? args.kw.get('path');
  let file: string | undefined;
  if (!p || p.kind === 'none') {
    file = posix.join(frame.module.dir, '.env');
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
  const values = dotenvValues(parseDotenv(content, 'django-environ', { parseComments }));
  for (const [k, v] of args.kw)
    if (
      !['overwrite', 'parse_comments', 'encoding', 'path', 'env_file'].includes(k) &&
      v.kind === 'str'
    )
      values.set(k, v.value);
  for (const [k, v] of values) if (overwrite || !it.env.has(k)) it.env.set(k, { value: v });
  return NONE;
}

/** django-environ 0.11+: Env() with its scheme and casts, read_env(), db/cache URLs. */
export const djangoEnvironModel: LibraryModel = {
  name: 'django-environ',
  modules: ['environ'],
  call(it, path, args, node, frame) {
    switch (path) {
      case 'environ.Env':
      case 'environ.FileAwareEnv':
      case 'environ.environ.Env':
        return makeDjangoEnv(it, args);
      case 'environ.Env.read_env':
      case 'environ.environ.Env.read_env':
        return readEnvFile(it, args, frame);
    }
    return undefined;
  },
  methods: {
    djenv: (it, _self, data, name, args, frame) =>
      djangoEnvMethod(it, data as DjEnv, name, args, frame),
  },
};
