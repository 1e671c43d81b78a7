/**
 * configparser.ConfigParser: `read()` of files in the repository (missing files are skipped, as
 * configparser does), `get`/`getboolean`/`getint`/`getfloat` with `fallback`, `has_section`,
 * `has_option`, `sections()` and `parser[section][option]`. Interpolation is not modelled: a
 * value holding `%(` is Unknown.
 */
import type { PyValue } from '../../value';
import { unknown } from '../../value';
import type { Args, Host } from '../host';
import type { ObjectData } from '../model';
import { bool, floatValue, intValue, strValue, opaque, pyStr } from '../ops';
import { argAt } from './args';
import { fspath, resolveRepoPath } from './files';
import type { LibraryModel } from './model';

type Parser = ObjectData & { tag: 'configparser' };

const BOOLEAN_STATES: Record<string, boolean> = {
  '1': true,
  yes: true,
  true: true,
  on: true,
  '0': false,
  no: false,
  false: false,
  off: false,
};

/** configparser's INI dialect: [section], `key = value` / `key: value`, # and ; comments. */
function parseIni(text: string, into: Parser): void {
  let section: Map<string, string> | undefined;
  let last: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*([#;]|$)/.test(raw)) continue;
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header) {
      const name = header[1]!;
      if (name === 'DEFAULT') section = into.defaults;
      else {
        section = into.sections.get(name) ?? new Map<string, string>();
        into.sections.set(name, section);
      }
      last = undefined;
      continue;
    }
    if (/^\s/.test(raw) && section && last !== undefined) {
      section.set(last, `${section.get(last)}\n${raw.trim()}`);
      continue;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (pair && section) {
      last = pair[1]!.trim().toLowerCase();
      section.set(last, pair[2]!.trim());
    }
  }
}

function lookup(it: Host, parser: Parser, args: Args): string | PyValue {
  const sectionArg = argAt(args, 0, 'section');
  const optionArg = argAt(args, 1, 'option');
  if (sectionArg?.kind !== 'str' || optionArg?.kind !== 'str')
    return unknown('configparser lookup with an unknown section or option');
  const option = optionArg.value.toLowerCase();
  const section = parser.sections.get(sectionArg.value);
  const value = section?.get(option) ?? (section ? parser.defaults.get(option) : undefined);
  if (value !== undefined) {
    if (value.includes('%(')) return unknown(`configparser interpolation in ${option}`);
    return value;
  }
  const fallback = args.kw.get('fallback');
  if (fallback !== undefined) return fallback;
  return section
    ? it.raiseOrUnknown('NoOptionError', `No option '${option}' in section: '${sectionArg.value}'`)
    : it.raiseOrUnknown('NoSectionError', `No section: '${sectionArg.value}'`);
}

function parserMethod(it: Host, parser: Parser, name: string, args: Args): PyValue {
  switch (name) {
    case 'read': {
      const a0 = argAt(args, 0, 'filenames');
      const paths = a0?.kind === 'list' || a0?.kind === 'tuple' ? a0.items : a0 ? [a0] : [];
      const read: PyValue[] = [];
      for (const p of paths) {
        const text = fspath(p);
        if (text === undefined) return unknown('ConfigParser.read() of an unknown path');
        const rel = resolveRepoPath(it, text);
        const content = rel !== undefined ? it.options.files.read(rel) : undefined;
        if (rel === undefined || content === undefined) continue;
        it.filesRead.push(rel);
        parseIni(content, parser);
        read.push(strValue(text));
      }
      return { kind: 'list', items: read };
    }
    case 'get':
    case 'getboolean':
    case 'getint':
    case 'getfloat': {
      const value = lookup(it, parser, args);
      if (typeof value !== 'string') return value;
      if (name === 'get') return strValue(value);
      if (name === 'getboolean') {
        const b = BOOLEAN_STATES[value.toLowerCase()];
        return b === undefined
          ? it.raiseOrUnknown('ValueError', `Not a boolean: ${value}`)
          : bool(b);
      }
      if (name === 'getint')
        return /^\s*[+-]?\d+\s*$/.test(value)
          ? intValue(BigInt(value.trim()))
          : it.raiseOrUnknown('ValueError', `invalid literal for int(): '${value}'`);
      const f = Number(value);
      return Number.isNaN(f)
        ? it.raiseOrUnknown('ValueError', `could not convert '${value}'`)
        : floatValue(f);
    }
    case 'has_section': {
      const s = argAt(args, 0);
      return s?.kind === 'str' ? bool(parser.sections.has(s.value)) : unknown('has_section()');
    }
    case 'has_option': {
      const s = argAt(args, 0);
      const o = argAt(args, 1);
      if (s?.kind !== 'str' || o?.kind !== 'str') return unknown('has_option()');
      const section = parser.sections.get(s.value);
      return bool(
        section !== undefined &&
          (section.has(o.value.toLowerCase()) || parser.defaults.has(o.value.toLowerCase())),
      );
    }
    case 'sections':
      return { kind: 'list', items: [...parser.sections.keys()].map(strValue) };
    case '__getitem__': {
      const s = argAt(args, 0);
      const section = s?.kind === 'str' ? parser.sections.get(s.value) : undefined;
      if (!section) return unknown(`configparser section ${s ? pyStr(s) : ''} not read`);
      return {
        kind: 'dict',
        entries: [...new Map([...parser.defaults, ...section])].map(([k, v]) => [
          strValue(k),
          v.includes('%(') ? unknown(`configparser interpolation in ${k}`) : strValue(v),
        ]),
      };
    }
  }
  return unknown(`ConfigParser.${name}() not modelled`);
}

export const configparserModel: LibraryModel = {
  name: 'configparser',
  modules: ['configparser'],
  call(_it, path) {
    if (
      path === 'configparser.ConfigParser' ||
      path === 'configparser.RawConfigParser' ||
      path === 'configparser.SafeConfigParser'
    )
      return opaque('ConfigParser', {
        tag: 'configparser',
        sections: new Map(),
        defaults: new Map(),
      });
    return undefined;
  },
  methods: {
    configparser: (it, _self, data, name, args) => parserMethod(it, data as Parser, name, args),
  },
};
