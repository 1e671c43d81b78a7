import { describe, expect, it } from 'vitest';
import type { EvalCase } from './harness';
import { checkCase, evaluate } from './harness';

const cases: EvalCase[] = [
  {
    name: "'x' * 10**9 and [0] * 10**9 do not allocate: Unknown naming the bound",
    source: 'A = "x" * 10**9\nB = [0] * 10**9\nC = 2 ** 10**9\nD = 1\n',
    expect: {
      A: { unknown: /maxStringLength/ },
      B: { unknown: /maxCollectionSize/ },
      C: { unknown: /too large/ },
      D: '1',
    },
    diagnostics: ['bound reached: string longer than maxStringLength (1000000)'],
  },
  {
    name: 'doubling loops hit the size bounds',
    source:
      'S = "ab"\nfor i in range(40):\n    S = S + S\nL = [0]\nfor i in range(40):\n    L = L + L\nAFTER = 1\n',
    expect: { S: { unknown: /maxStringLength/ }, L: { unknown: /maxCollectionSize/ }, AFTER: '1' },
  },
  {
    name: 'while True is bounded by maxLoopIterations; later statements still run',
    source: 'N = 0\nwhile True:\n    N += 1\nAFTER = 1\n',
    limits: { maxLoopIterations: 100 },
    expect: { N: { unknown: /maxLoopIterations \(100\)/ }, AFTER: '1' },
    diagnostics: ['not modelled: loop exceeded maxLoopIterations (100)'],
  },
  {
    name: 'range beyond maxCollectionSize and unknown iterables make the loop targets Unknown',
    source:
      'import os\nX = []\nfor i in range(10**9):\n    X.append(i)\nY = []\nfor h in os.environ["HOSTS"].split(","):\n    Y.append(h)\nB = 1\n',
    expect: {
      X: { unknown: /maxCollectionSize/ },
      Y: { unknown: /HOSTS/, envVar: 'HOSTS' },
      B: '1',
    },
  },
  {
    name: 'unbounded recursion stops at maxCallDepth',
    source: 'def f(n):\n    return f(n + 1)\nA = f(0)\nB = 1\n',
    limits: { maxCallDepth: 8 },
    expect: { A: { unknown: /maxCallDepth \(8\)/ }, B: '1' },
    diagnostics: ['exceeded maxCallDepth (8)'],
  },
  {
    name: 'comprehensions are bounded',
    source: 'L = [x for x in range(5000) for y in range(5000)]\nB = 2\n',
    expect: { L: { unknown: /maxLoopIterations/ }, B: '2' },
  },
  {
    name: 'maxSteps stops evaluation; later settings are Unknown naming the bound, not absent',
    source: 'A = 1\nN = 0\nfor i in range(1000):\n    N += 1\nLATE = True\n',
    limits: { maxSteps: 200 },
    expect: { A: '1', N: { unknown: /maxSteps \(200\)/ }, LATE: { unknown: /maxSteps/ } },
    diagnostics: ['later settings are unknown'],
  },
  {
    name: '10k nested parentheses: a diagnostic, no stack overflow',
    source: `A = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\nB = 2\n`,
    expect: { A: { unknown: /syntax error/ }, B: '2' },
    diagnostics: ['more than 200 nested brackets'],
  },
  {
    name: 'nesting under the CPython limit still evaluates',
    source: `A = ${'['.repeat(150)}1${']'.repeat(150)}\nB = ${'('.repeat(199)}2${')'.repeat(199)}\n`,
    expect: { B: '2' },
  },
  {
    name: 'self-referencing and absurdly deep containers are cut before rules see them',
    source:
      'L = [1]\nL.append(L)\nD = {}\nD["self"] = D\nX = []\nfor i in range(500):\n    X = [X]\nOK = [[1]]\n',
    expect: {
      L: '[1, <unknown: value contains itself (self-referencing container)>]',
      D: "{'self': <unknown: value contains itself (self-referencing container)>}",
      OK: '[[1]]',
    },
  },
  {
    name: 'repeated squaring of big integers stops at the integer size bound',
    source:
      'A = 10 ** 4000\nfor i in range(30):\n    A = A * A\nB = "%999999999s" % "x"\nC = (-7) ** 10**6\nD = 1\n',
    expect: { A: { unknown: /too large/ }, C: { unknown: /too large/ }, D: '1' },
  },
];

describe('evaluator: bounds', () => {
  for (const c of cases) it(c.name, () => checkCase(c));

  it('a huge imported file is reported and its names are unknown, not parsed for seconds', () => {
    const s = evaluate({
      files: {
        'big.py': `X = 1\n${'# filler\n'.repeat(300_000)}`,
        'settings.py': 'from big import X\nY = 2\n',
      },
    });
    expect(
      s.diagnostics.some((d) => d.file === 'big.py' && /over the 2000000 limit/.test(d.message)),
    ).toBe(true);
    expect(s.settings.get('X')?.value.kind).toBe('unknown');
    expect(s.settings.get('Y')?.value).toEqual({ kind: 'int', value: 2n });
  });

  it('deeply nested helper-call expressions turn RangeError into a diagnostic', () => {
    // Each level is a user-function call evaluated recursively in JS; keep the depth bound high.
    const src = `def f(x):\n    return x\nA = ${'f('.repeat(190)}1${')'.repeat(190)}\nB = 2\n`;
    const s = evaluate({ source: src, limits: { maxCallDepth: 10_000 } });
    expect(s.settings.get('B')?.value).toEqual({ kind: 'int', value: 2n });
    const a = s.settings.get('A')?.value;
    expect(a?.kind === 'int' || a?.kind === 'unknown').toBe(true);
  });
});

describe('one budget for the whole evaluation (all imported modules)', () => {
  // 1.6 MB of `X = not not … True`: CPython refuses it (RecursionError past ~3000 levels).
  const huge = (name: string) => `${name} = ${'not '.repeat(400_000)}True\nAFTER_${name} = 1\n`;

  it('a 1.6 MB operator chain is a syntax-error note and an Unknown, not a deep parse', () => {
    const snapshot = evaluate({ source: huge('X') });
    expect(snapshot.diagnostics.map((d) => d.message).join('\n')).toMatch(
      /chained operators \(CPython refuses it too\)/,
    );
    expect(snapshot.settings.get('X')?.value.kind).toBe('unknown');
    expect(snapshot.settings.get('AFTER_X')?.value).toEqual({ kind: 'int', value: 1n });
  });

  it('eight such files imported from the production module stop at the total budget', () => {
    const files: Record<string, string> = { 'proj/__init__.py': '' };
    const imports: string[] = [];
    for (let i = 1; i <= 8; i++) {
      files[`proj/big${i}.py`] = huge(`X${i}`);
      imports.push(`from .big${i} import X${i}`);
    }
    files['proj/production.py'] = `${imports.join('\n')}\nDEBUG = X8\nSECRET_KEY = "s" * 60\n`;
    const snapshot = evaluate({ files, module: 'proj.production' });
    const notes = snapshot.diagnostics.map((d) => d.message).join('\n');
    expect(notes).toMatch(/exceed the evaluation budget of maxSourceChars \(4000000\)/);
    for (let i = 1; i <= 8; i++) expect(snapshot.settings.get(`X${i}`)?.value.kind).toBe('unknown');
    expect(snapshot.settings.get('DEBUG')?.value.kind).toBe('unknown');
    // Statements after the imports still run.
    expect(snapshot.settings.get('SECRET_KEY')?.value.kind).toBe('str');
    expect(snapshot.incomplete?.length).toBeGreaterThan(0);
  });
});
