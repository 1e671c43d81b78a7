import { describe, expect, it } from 'vitest';
import { memoryRepoFiles } from '../../../src/core/repo-files';
import { evaluateSettingsModule } from '../../../src/settings/eval/index';
import { parsePython } from '../../../src/settings/python/parse';
import { cookiecutterSettings } from './fixtures/cookiecutter';

/** mulberry32: a small seeded PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ':',
  ',',
  '=',
  '+=',
  '*',
  '**',
  '.',
  '"',
  "'",
  '"""',
  "'''",
  '\\',
  '\n',
  '\n    ',
  '\t',
  '#',
  'if ',
  'else',
  'elif x:',
  'for x in ',
  'while True:',
  'def f(',
  'lambda',
  'import ',
  'from . import *',
  'try:',
  'except:',
  'return',
  'yield',
  'not ',
  ' and ',
  ' or ',
  ' in ',
  'None',
  'True',
  '0',
  '-1',
  '10**9',
  '1e308',
  '"x" * 10**9',
  'os.environ["X"]',
  'env(',
  '${',
  'f"{',
  '}"',
  'rb"',
  '\u0000',
  '\ud800',
  '\uffff',
  'é',
  '🙂',
  '@',
  '$',
  '?',
  '!',
  ';',
  '...',
];

const SEED_SNIPPETS = [
  'from split_settings.tools import include, optional\ninclude("base.py", optional("x*.py"))\nfrom dotenv import load_dotenv\nload_dotenv()\n',
  'import os\nDEBUG = os.getenv("DEBUG", "0") == "1"\nALLOWED_HOSTS = os.environ.get("HOSTS", "").split(",")\n',
  'import environ\nenv = environ.Env(DEBUG=(bool, False))\nDEBUG = env("DEBUG")\nX = env.list("X", default=[])\n',
  'from decouple import config, Csv\nDEBUG = config("DEBUG", default=False, cast=bool)\nH = config("H", cast=Csv())\n',
  'def f(n=0):\n    if n > 3:\n        return n\n    return f(n + 1)\nA = f()\nB = [x for x in range(10) if x % 2]\n',
  'try:\n    from .local import *\nexcept ImportError:\n    pass\nD = {"a": [1, 2, {"b": (3,)}]}\nD["a"][2]["c"] = 1\n',
];

function mutate(source: string, random: () => number): string {
  let s = source;
  const ops = 1 + Math.floor(random() * 8);
  for (let i = 0; i < ops; i++) {
    const pos = Math.floor(random() * (s.length + 1));
    const len = Math.floor(random() * 40);
    switch (Math.floor(random() * 6)) {
      case 0: // delete a span
        s = s.slice(0, pos) + s.slice(pos + len);
        break;
      case 1: // duplicate a span
        s = s.slice(0, pos) + s.slice(pos, pos + len) + s.slice(pos);
        break;
      case 2: // insert a token
        s = s.slice(0, pos) + TOKENS[Math.floor(random() * TOKENS.length)]! + s.slice(pos);
        break;
      case 3: // random bytes (as Latin-1 / control characters)
        s =
          s.slice(0, pos) +
          Array.from({ length: len % 8 }, () =>
            String.fromCharCode(Math.floor(random() * 256)),
          ).join('') +
          s.slice(pos);
        break;
      case 4: {
        // random nesting around a span
        const depth = Math.floor(random() * (random() < 0.1 ? 400 : 20));
        s =
          s.slice(0, pos) +
          '('.repeat(depth) +
          s.slice(pos, pos + len) +
          ')'.repeat(random() < 0.5 ? depth : 0) +
          s.slice(pos + len);
        break;
      }
      default: {
        // swap two lines
        const lines = s.split('\n');
        const a = Math.floor(random() * lines.length);
        const b = Math.floor(random() * lines.length);
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
        s = lines.join('\n');
      }
    }
  }
  return s;
}

describe('evaluator: fuzz (mutated settings never throw)', () => {
  const base = cookiecutterSettings();
  const seeds = [
    ...SEED_SNIPPETS,
    base['config/settings/production.py']!.slice(0, 2500),
    base['config/settings/base.py']!.slice(0, 3000),
  ];

  it('300 mutated settings packages evaluate without throwing and keep the snapshot shape', () => {
    const random = rng(20261121);
    for (let i = 0; i < 300; i++) {
      const seed = seeds[i % seeds.length]!;
      const production = mutate(seed, random);
      const baseFile =
        random() < 0.3 ? mutate(SEED_SNIPPETS[i % SEED_SNIPPETS.length]!, random) : 'X = 1\n';
      const files = memoryRepoFiles({
        'pkg/__init__.py': '',
        'pkg/base.py': baseFile,
        'pkg/settings.py': `from .base import *\n${production}`,
      });
      let snapshot;
      try {
        snapshot = evaluateSettingsModule({
          module: 'pkg.settings',
          pythonPaths: [''],
          env: { DEBUG: random() < 0.5 ? 'True' : 'no', X: 'a,b' },
          files,
          limits: { maxSteps: 200_000, maxLoopIterations: 1000 },
        });
      } catch (err) {
        throw new Error(
          `iteration ${i} threw on input ${JSON.stringify(production)}: ${String(err)}`,
        );
      }
      expect(snapshot.file).toBe('pkg/settings.py');
      for (const d of snapshot.diagnostics) {
        expect(typeof d.line).toBe('number');
        expect(d.message).not.toMatch(/internal evaluator error|settings evaluation failed/);
      }
      for (const [, v] of snapshot.settings) expect(v.value.kind).toBeTypeOf('string');
    }
  });

  it('the parser never throws on random text', () => {
    const random = rng(7);
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: Math.floor(random() * 300) }, () =>
        random() < 0.7
          ? TOKENS[Math.floor(random() * TOKENS.length)]!
          : String.fromCharCode(Math.floor(random() * 0xffff)),
      ).join('');
      const parsed = parsePython(text, 'r.py');
      expect(parsed.tree.length).toBeGreaterThanOrEqual(0);
    }
  });
});
