import { describe, expect, it } from 'vitest';
import {
  nextPythonViewState,
  normalisedViews,
  pythonViewOf,
  pythonViewState,
  type LineChange,
} from '../../src/secrets/normalise';
import { tokenizePython } from '../../src/secrets/python-tokens';
import { mulberry32, randomString, testSeed } from '../helpers/secret-generators';

/**
 * The Python view of a file's next version, found from its changed lines only, must be the view
 * of its whole text: random Python-like texts (strings that span lines, brackets, continuations,
 * comments holding quotes, every form the view joins) edited at random.
 */

/**
 * Units of Python-like text (one or more lines): balanced blocks (docstrings, bracketed literals,
 * continuation lines) and, rarely, an unbalanced line that changes how the rest is read.
 */
function unitPool(random: () => number): { balanced: string[]; unbalanced: string[] } {
  const word = (length: number) => randomString('abcdefghijklmnopqrstuvwxyz', length, random);
  return {
    balanced: [
      `x = "${word(6)}" "${word(8)}"`,
      `y = '${word(8)}' + '${word(9)}'`,
      `PASSWORD = "${word(10)}" + "${word(12)}"`,
      `z = ", ".join(["${word(6)}", "${word(7)}"])`,
      `w = "-".join((\n    "${word(9)}",\n    "${word(5)} ${word(6)}"\n))`,
      `MESSAGE = (\n    "${word(9)} "\n    "${word(7)}"\n)`,
      `"""${word(5)} docstring "quoted" ${word(4)}\n${word(8)} ' more\n"""`,
      `def f(x):\n    '''${word(6)}'''\n    return x`,
      `# a comment with " and ' quotes (${word(4)}`,
      `s = f"{'${word(5)}'}-${word(6)}"`,
      `t = f"{name}-${word(8)}"`,
      `value = \\\n    "${word(8)}" "${word(8)}"`,
      `items = [\n    "${word(8)}",\n    "${word(8)}" "${word(8)}",\n]`,
      `config = {\n    "key": "${word(8)}" "${word(8)}",\n}`,
      `bad = "unterminated ${word(6)}`,
      `raw = r"raw \\" ${word(8)}"`,
      `plus = '${word(8)}' +\\\n    '${word(8)}'`,
      `spaced = ('${word(8)}' +\n\n\n    '${word(8)}')`,
      '',
      '',
      `call(arg, "${word(7)}", key="${word(9)}")`,
      `class ${word(6)}:\n    attr = "${word(12)}"`,
      `    ${word(5)} = ${word(4)}(${word(6)})`,
      `    return "${word(10)}"`,
    ],
    unbalanced: ['"""', "'''", 'MESSAGE = (', ')', 'value = \\'],
  };
}

type Pool = ReturnType<typeof unitPool>;

function randomUnits(
  pool: Pool,
  random: () => number,
  count: number,
  unbalanced: number,
): string[] {
  return Array.from({ length: count }, () => {
    const from = random() < unbalanced ? pool.unbalanced : pool.balanced;
    return from[Math.floor(random() * from.length)] ?? '';
  });
}

/** A commit's edit: units (statements, blocks) added, removed or replaced in 1–3 places. */
function edit(units: string[], pool: Pool, random: () => number, unbalanced: number): string[] {
  const next = [...units];
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (next.length + 1));
    const count = 1 + Math.floor(random() * 3);
    const fresh = randomUnits(pool, random, count, unbalanced);
    const kind = random();
    if (kind < 0.35) next.splice(at, 0, ...fresh);
    else if (kind < 0.65) next.splice(at, count);
    else next.splice(at, count, ...fresh);
  }
  return next;
}

/** Line changes between two versions, from a longest common subsequence of their lines. */
function lineChanges(a: readonly string[], b: readonly string[]): LineChange[] {
  const n = a.length;
  const m = b.length;
  const lcs: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const changes: LineChange[] = [];
  let i = 0;
  let j = 0;
  let open: LineChange | undefined;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      if (open) changes.push(open);
      open = undefined;
      i++;
      j++;
      continue;
    }
    open ??= { aFrom: i, aTo: i, bFrom: j, bTo: j };
    if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) open.bTo = ++j;
    else open.aTo = ++i;
  }
  if (open) changes.push(open);
  return changes;
}

describe('nextPythonViewState', () => {
  it('gives the view of the whole text over random versions', () => {
    const random = mulberry32(testSeed() + 11);
    const pool = unitPool(random);
    let checked = 0;
    let withView = 0;
    const readShares: number[] = [];
    for (let file = 0; file < 6; file++) {
      // Most files are valid Python; two have unbalanced quotes and brackets all over.
      const unbalanced = file < 4 ? 0 : 0.05;
      let units = randomUnits(pool, random, 300 + Math.floor(random() * 300), unbalanced);
      let lines = units.join('\n').split('\n');
      let state = pythonViewState(lines.join('\n'));
      for (let step = 0; step < 60; step++) {
        units = edit(units, pool, random, unbalanced);
        const nextLines = units.join('\n').split('\n');
        const text = nextLines.join('\n');
        const lineBreaks = nextLines.map((line, index) =>
          index < nextLines.length - 1 ? `${line}\n` : line,
        );
        let read = 0;
        const startsOf = (all: readonly string[]) => {
          const starts: number[] = [];
          let at = 0;
          for (const line of all) {
            starts.push(at);
            at += line.length + 1;
          }
          return Int32Array.from(starts);
        };
        const next = nextPythonViewState(state, lineChanges(lines, nextLines), {
          baseStarts: startsOf(lines),
          starts: startsOf(nextLines),
          baseLength: lines.join('\n').length,
          length: text.length,
          text: (from, to) => {
            read += to - from;
            return lineBreaks.slice(from, to).join('');
          },
        });
        const whole = pythonViewState(text);
        expect(next, `file ${file} step ${step}`).toBeDefined();
        expect(next?.entries, `file ${file} step ${step}`).toEqual(whole.entries);
        const got = [...(next?.statements ?? [])];
        const want = [...whole.statements];
        expect(
          {
            extra: got.filter((line) => !want.includes(line)),
            missing: want.filter((line) => !got.includes(line)),
            lines: nextLines.length,
            changes: lineChanges(lines, nextLines),
          },
          `file ${file} step ${step}: ${nextLines.length} lines, ${JSON.stringify(lineChanges(lines, nextLines))}, base ${lines.length} lines; last statements ${state.statements.slice(-3).join(',')}`,
        ).toMatchObject({ extra: [], missing: [] });
        expect(got).toEqual(want);
        expect((next?.gate.length ?? 0) > 0, `file ${file} step ${step}`).toBe(
          whole.gate.length > 0,
        );
        const views = normalisedViews('app/views.py', text);
        expect(next && pythonViewOf('app/views.py', next)).toEqual(views[0]);
        if (views.length > 0) withView++;
        if (unbalanced === 0) readShares.push(read / nextLines.length);
        checked++;
        state = next ?? whole;
        lines = nextLines;
      }
    }
    expect(checked).toBe(360);
    // Not vacuous: most versions have a view, and most of the text is not read again.
    expect(withView).toBeGreaterThan(200);
    readShares.sort((x, y) => x - y);
    expect(readShares[Math.floor(readShares.length / 2)]).toBeLessThan(0.4);
  });

  it('starts statements afresh where the tokenizer is at depth 0 outside strings', () => {
    const lines: number[] = [];
    tokenizePython('a = (\n  "x"\n)\nb = """\none\n"""\nc = \\\n  1\nd = 2\n', lines);
    expect(lines).toEqual([4, 7, 9, 10]);
  });
});

describe('the Python view after a larger text', () => {
  it('reads no token of the text before (the token store is reused)', () => {
    // The small text ends inside a bracket, on a lone literal, where the large one had a long run
    // of adjacent literals: a token read past the small text's end would join them.
    const small = 'x = "a" + "bcdefghijk"\nX = (\'abcdefghij\'';
    const large = `Y = ('aaaaaaaaaa' + ${"'bbbbbbbbbb' ".repeat(5000)})\n`;
    const views = (text: string) => normalisedViews('app/settings.py', text);
    const alone = JSON.stringify(views(small));
    expect(views(small).map((view) => view.content)).toEqual(['x = "abcdefghijk"\n']);
    expect(views(large)[0]?.content).toContain('aaaaaaaaaabbbbbbbbbb');
    expect(JSON.stringify(views(small))).toBe(alone);
  });
});
