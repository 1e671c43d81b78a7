import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { distPackagesFor, ensureOracleInstalled } from '../../parity/oracle';
import { evaluate } from './harness';

/**
 * python-decouple's RepositoryIni (a configparser.ConfigParser over settings.ini) read by the
 * real python-decouple under CPython and by the evaluator (one INI reader, shared with the
 * configparser model): the same keys and values, including the edge cases where the two readers
 * the evaluator used to have disagreed with each other.
 */
const CASES: Record<string, string> = {
  'lines ending in a lone \\r': '[settings]\rDEBUG = True\rSECRET = a\r',
  'CRLF line ends': '[settings]\r\nDEBUG = True\r\nHOSTS = a,\r\n  b\r\n',
  'a blank line inside a continuation is kept': '[settings]\nHOSTS = a\n\n  b\nX = 1\n',
  'a comment line does not end a continuation': '[settings]\nHOSTS = a\n# note\n  b\nX = 1\n',
  'trailing blank lines of a value are dropped': '[settings]\nHOSTS = a\n  b\n\n\nX = 1\n',
  'an indented header continues the value before it':
    '[other]\nA = 1\n  [settings]\nDEBUG = True\n',
  'an indented header with no value before it is a header': '  [settings]\nDEBUG = True\n',
  '[DEFAULT] options are options of [settings]':
    '[DEFAULT]\nDEBUG = True\nX = 0\n[settings]\nX = 1\n',
  'no [settings] section: no keys, not even defaults': '[DEFAULT]\nDEBUG = True\n',
  'keys are lower-cased, `:` and `=` both separate': '[settings]\nDeBuG: True\nKEY=a=b\n',
  'a continuation must be indented deeper than its option':
    '[settings]\n  A = 1\n  B = 2\n    more\n',
  '; and # comments, spaces around the name': '[settings]\n; c\n  # c\nNAME   =   v  \n',
};

const ORACLE = `
import json, sys
from decouple import RepositoryIni
r = RepositoryIni(sys.argv[1])
keys = r.parser.options('settings') if r.parser.has_section('settings') else []
print(json.dumps({k: r[k] for k in keys}))
`;

const dir = mkdtempSync(path.join(tmpdir(), 'ddg-decouple-ini-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function realDecouple(text: string): Record<string, string> {
  ensureOracleInstalled();
  const file = path.join(dir, 'settings.ini');
  writeFileSync(file, text);
  const run = spawnSync('/usr/bin/python3', ['-s', '-c', ORACLE, file], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', PYTHONPATH: distPackagesFor('5.2') },
  });
  if (run.status !== 0) throw new Error(`python-decouple failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, string>;
}

/** The evaluator's view: each key the oracle has, read through decouple's config(). */
function evaluated(text: string, keys: string[]): Record<string, string> {
  const names = keys.map((k, i) => [`V${i}`, k] as const);
  const snapshot = evaluate({
    module: 'settings',
    files: {
      'settings.ini': text,
      'settings.py': [
        'from decouple import Config, RepositoryIni',
        "config = Config(RepositoryIni('settings.ini'))",
        ...names.map(([v, k]) => `${v} = config(${JSON.stringify(k)}, default='<absent>')`),
        "PROBE = config('not_in_the_file', default='<absent>')",
        '',
      ].join('\n'),
    },
  });
  const out: Record<string, string> = {};
  for (const [v, k] of names) {
    const value = snapshot.settings.get(v)?.value;
    out[k] = value?.kind === 'str' ? value.value : `<${value?.kind ?? 'missing'}>`;
  }
  const probe = snapshot.settings.get('PROBE')?.value;
  expect(probe?.kind === 'str' ? probe.value : probe?.kind).toBe('<absent>');
  return out;
}

describe('settings.ini through python-decouple: the evaluator agrees with the real library', () => {
  it.each(Object.entries(CASES))('%s', (_name, text) => {
    const expected = realDecouple(text);
    expect(evaluated(text, Object.keys(expected))).toEqual(expected);
  });

  it('has no key the real library lacks', () => {
    // A key only the evaluator would read: the oracle says decouple has no "debug" here.
    const text = CASES['an indented header continues the value before it']!;
    expect(realDecouple(text)).toEqual({});
    expect(evaluated(text, ['DEBUG'])).toEqual({ DEBUG: '<absent>' });
  });
});
