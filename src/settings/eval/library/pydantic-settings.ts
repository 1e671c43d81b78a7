/** pydantic-settings BaseSettings: fields from env (prefix, case), env_file, defaults; other classes of the repository are instantiated by the interpreter. */
import type { PyValue } from '../../value';
import { NONE, unknown } from '../../value';
import type { Args, Host } from '../host';
import type { Frame, ObjectData } from '../model';
import { PyRaise } from '../model';
import { bool, dataOf, externalPath, strValue, opaque, reprOf, truthy } from '../ops';
import { dotenvValues, parseDotenv } from '../../../dotenv';
import type { LibraryModel } from './model';
import { fspath, resolveRepoPath } from './files';
import { toIntValue, toFloatValue, jsonToPy } from './convert';

export function isBaseSettings(cls: ObjectData & { tag: 'class' }, depth = 0): boolean {
  if (depth > 20) return false;
  return cls.bases.some((b) => {
    const p = externalPath(b);
    if (p && /(^|\.)BaseSettings$/.test(p)) return true;
    const d = dataOf(b);
    return d?.tag === 'class' && isBaseSettings(d, depth + 1);
  });
}

export function collectFields(
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

export const PYDANTIC_BOOL: Record<string, boolean> = {
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

export function pydanticParse(it: Host, raw: string, annotation: string, envVar: string): PyValue {
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
        return ann === 'int' ? toIntValue(it, strValue(raw)) : toFloatValue(it, strValue(raw));
      } catch (err) {
        // pydantic reports the field (ValidationError); the other fields stay known.
        if (!(err instanceof PyRaise) || it.isCaught('ValidationError')) throw err;
        return it.failedValue(err.excType, err.detail, envVar);
      }
    case 'str':
    case 'SecretStr':
      return strValue(raw);
  }
  if (/^(list|List|tuple|Tuple|set|Set|dict|Dict)(\[|$)/.test(ann)) {
    const v = jsonToPy(it, raw, strValue(raw));
    if (ann.startsWith('tuple') || ann.startsWith('Tuple'))
      return v.kind === 'list' ? { kind: 'tuple', items: v.items } : v;
    return v;
  }
  return unknown(`pydantic field type ${annotation} not modelled`, envVar);
}

export function instantiate(
  it: Host,
  clsValue: PyValue,
  cls: ObjectData & { tag: 'class' },
  args: Args,
  frame: Frame,
): PyValue {
  const attrs = new Map<string, PyValue>();
  if (!isBaseSettings(cls)) return it.instantiateClass(clsValue, cls, args, frame);
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
    for (const [k, v] of dotenvValues(parseDotenv(content, 'python-decouple')))
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
  return opaque(cls.name, { tag: 'instance', cls, attrs });
}

/** pydantic-settings BaseSettings: fields from env (prefix, case), env_file, defaults; other classes of the repository are instantiated by the interpreter. */
export const pydanticSettingsModel: LibraryModel = {
  name: 'pydantic-settings',
  modules: ['pydantic', 'pydantic_settings'],
  call(it, path, args) {
    switch (path) {
      case 'pydantic_settings.SettingsConfigDict':
      case 'pydantic.ConfigDict':
      case 'pydantic_settings.main.SettingsConfigDict':
        return { kind: 'dict', entries: [...args.kw].map(([k, v]) => [strValue(k), v]) };
    }
    return undefined;
  },
  methods: {
    class: (it, self, data, name, args, frame) =>
      name === '__call__'
        ? instantiate(it, self, data as ObjectData & { tag: 'class' }, args, frame)
        : unknown(`${(data as { name: string }).name}.${name}() not modelled`),
  },
};
