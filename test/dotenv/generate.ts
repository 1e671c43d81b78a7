/**
 * Random `.env` texts for the differential test: the constructs each reader treats differently
 * (comments, quotes, escapes, `export`, multi-line values, interpolation, empty values, spaces
 * around `=`, CRLF, odd whitespace, broken lines), combined line by line from a seeded PRNG.
 */
import { mulberry32 } from '../helpers/secret-generators';

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

/** Weighted choice: [weight, value] pairs. */
function choose<T>(random: Random, options: readonly (readonly [number, T])[]): T {
  const total = options.reduce((sum, [weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [weight, value] of options) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return options.at(-1)![1];
}

const KEYS = [
  'DEBUG',
  'SECRET_KEY',
  'SECURE_SSL_REDIRECT',
  'DATABASE_URL',
  'A',
  'B',
  'key_2',
  'K.DOT',
  'K-DASH',
  'x',
  '2FA',
];
/** Set in the oracle's environment (see ORACLE_ENVIRONMENT), or never set. */
const VARIABLES = ['OUTSIDE', 'EMPTY_OUTSIDE', 'MISSING', 'A', 'DEBUG', 'SECRET_KEY'];

function word(random: Random): string {
  return pick(random, ['True', 'False', 'on', '1', 'x', 'postgres://u:p@h/db', 'a=b', 'é', '']);
}

function interpolation(random: Random): string {
  const name = pick(random, VARIABLES);
  return pick(random, [
    `\${${name}}`,
    `\${${name}:-fallback}`,
    `\${${name}:-}`,
    `\${${name}-dash}`,
    `$${name}`,
    `pre\${${name}}post`,
    '$$',
    '$$x',
    `\${${name}:+alt}`,
  ]);
}

function unquoted(random: Random): string {
  return choose(random, [
    [4, word(random)],
    [2, `${word(random)} # comment`],
    [1, `${word(random)}\t# tab comment`],
    [1, `${word(random)}#no-space`],
    [1, 'two words'],
    [1, 'trailing  '],
    [2, interpolation(random)],
    [1, `${word(random)} ${interpolation(random)}`],
    [1, 'back\\slash\\n'],
    [1, '#starts-with-hash'],
    [1, "it's"],
    [1, 'a"b'],
  ]);
}

function singleQuoted(random: Random): string {
  const body = choose(random, [
    [3, word(random)],
    [1, 'a # not a comment'],
    [1, "it\\'s"],
    [1, 'back\\\\slash'],
    [1, 'line one\nline two'],
    [1, interpolation(random)],
    [1, 'tab\\tinside'],
  ]);
  return `'${body}'`;
}

function doubleQuoted(random: Random): string {
  const body = choose(random, [
    [3, word(random)],
    [1, 'a # not a comment'],
    [1, 'line\\nbreak'],
    [1, 'quote\\"inside'],
    [1, 'back\\\\slash'],
    [1, 'tab\\t\\a\\b\\v\\f\\r'],
    [1, "single'inside"],
    [1, 'multi\nline\nvalue'],
    [2, interpolation(random)],
    [1, '\\$escaped'],
    [1, 'octal\\0101'],
    [1, 'unknown\\q'],
  ]);
  return `"${body}"`;
}

function value(random: Random): string {
  return choose(random, [
    [5, unquoted(random)],
    [2, singleQuoted(random)],
    [3, doubleQuoted(random)],
    [1, ''],
  ]);
}

function assignment(random: Random): string {
  const exported = choose(random, [
    [6, ''],
    [2, 'export '],
    [1, 'export\t'],
    [1, '  '],
  ]);
  const key = pick(random, KEYS);
  const equals = choose(random, [
    [8, '='],
    [2, ' = '],
    [1, ' ='],
    [1, '= '],
    [1, '\t=\t'],
  ]);
  const after = choose(random, [
    [8, ''],
    [2, ' # trailing comment'],
    [1, '   '],
    [1, ' junk'],
  ]);
  return `${exported}${key}${equals}${value(random)}${after}`;
}

function line(random: Random, broken: number): string {
  return choose(random, [
    [12, assignment(random)],
    [2, ''],
    [2, pick(random, ['# a comment', '  # indented comment', '#KEY=commented', '#'])],
    [1, pick(random, ['   ', '\t'])],
    [1, pick(random, KEYS)],
    [1, `export ${pick(random, KEYS)}`],
    [broken, `${pick(random, KEYS)}: ${word(random)}`],
    [
      broken,
      pick(random, [
        'K EY=1',
        '=value',
        '"unterminated',
        "KEY='open",
        'KEY="open',
        'a b c',
        "'quoted key'=1",
      ]),
    ],
    [
      broken,
      pick(random, ['NBSP=\u00a0x\u00a0', 'SEP=a\u2028b', 'VT=a\vb', 'FS=a\x1cb', 'NEL=a\u0085b']),
    ],
  ]);
}

export interface GenerateOptions {
  /** Weight of lines some readers reject (docker compose then rejects the whole file). */
  broken?: number;
}

/** `count` texts of 1–8 lines; the same seed gives the same texts. */
export function generateDotenvTexts(
  seed: number,
  count: number,
  options: GenerateOptions = {},
): string[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const lines = Array.from({ length: 1 + Math.floor(random() * 8) }, () =>
      line(random, options.broken ?? 1),
    );
    const eol = choose(random, [
      [8, '\n'],
      [1, '\r\n'],
      [1, '\r'],
    ]);
    const final = choose(random, [
      [3, eol],
      [1, ''],
    ]);
    return lines.join(eol) + final;
  });
}
