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

/** Sections of an INI text as configparser reads them: option names lower-cased, values joined. */
export interface IniSections {
  defaults: Map<string, string>;
  sections: Map<string, Map<string, string>>;
}

/**
 * configparser.ConfigParser's reader (CPython 3.11 `RawConfigParser._read`, default options),
 * for the model and for python-decouple's RepositoryIni (which is a ConfigParser): lines end at
 * \r\n, \r or \n (a file opened in text mode); a line whose stripped text starts with `#` or
 * `;` is a comment; a line indented deeper than its option's line continues the value, and a
 * blank line inside a value is kept (a comment line is not, and ends nothing); `[name]` is
 * matched on the stripped line, so an indented header is a header unless it continues a value;
 * `[DEFAULT]` holds the defaults. Values are stripped and their trailing blank lines dropped.
 * Lines configparser rejects (no `=`/`:`, an option before any section) are skipped here where
 * CPython raises.
 * https://github.com/python/cpython/blob/3.11/Lib/configparser.py (RawConfigParser._read)
 */
export function readIni(text: string, into?: IniSections): IniSections {
  const ini: IniSections = into ?? { defaults: new Map(), sections: new Map() };
  const pending = new Map<Map<string, string>, Map<string, string[]>>();
  let section: Map<string, string> | undefined;
  let lines: Map<string, string[]> | undefined;
  let option: string | undefined;
  let indentLevel = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const value = line.trim();
    if (value === '' || value.startsWith('#') || value.startsWith(';')) {
      if (value === '' && lines && option !== undefined) lines.get(option)?.push('');
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (lines && option !== undefined && indent > indentLevel) {
      lines.get(option)?.push(value);
      continue;
    }
    indentLevel = indent;
    const header = /^\[(.+)\]/.exec(value);
    if (header) {
      const name = header[1]!;
      const target =
        name === 'DEFAULT' ? ini.defaults : (ini.sections.get(name) ?? new Map<string, string>());
      if (name !== 'DEFAULT') ini.sections.set(name, target);
      section = target;
      lines = pending.get(target) ?? new Map<string, string[]>();
      pending.set(target, lines);
      option = undefined;
      continue;
    }
    // configparser's OPTCRE `(.*?)\s*[=:]\s*(.*)$`: the option is up to the first delimiter. Found
    // by search, not that pattern, whose lazy run before `\s*` is quadratic on a long line.
    const delimiter = value.search(/[=:]/);
    const pair =
      delimiter < 0
        ? undefined
        : [value, value.slice(0, delimiter).trimEnd(), value.slice(delimiter + 1).trimStart()];
    if (!section || !lines || !pair || pair[1]!.trim() === '') {
      option = undefined;
      continue;
    }
    option = pair[1]!.trimEnd().toLowerCase();
    lines.set(option, [pair[2]!.trim()]);
  }
  for (const [target, values] of pending)
    for (const [name, parts] of values) target.set(name, parts.join('\n').trimEnd());
  return ini;
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
        readIni(content, parser);
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
