import { describe, expect, it } from 'vitest';
import { firstKid, nextKid, parsePython } from '../../../src/settings/python/parse';

describe('parsePython', () => {
  it('parses valid Python without diagnostics', () => {
    const p = parsePython(
      'import os\nDEBUG = os.getenv("DEBUG") == "1"  # comment\n',
      'a/settings.py',
    );
    expect(p.diagnostics).toEqual([]);
    expect(p.brokenStatements.size).toBe(0);
    expect(p.tree.topNode.name).toBe('Script');
    expect(p.lineAt(0)).toBe(1);
    expect(p.lineAt(10)).toBe(2);
  });

  it.each([
    ['DEBUG = (True\nX = 1\n', 1],
    ['A = 1\nif x\n    B = 2\n', 2],
    ['A = 1\nB = [1, 2\n', 2],
    ['def f(:\n    pass\n', 1],
    ['X = 1 +\n', 1],
  ])('reports invalid syntax with file and line: %j', (source, line) => {
    const p = parsePython(source, 'cfg/settings.py');
    expect(p.diagnostics.length).toBeGreaterThan(0);
    expect(p.diagnostics[0]).toMatchObject({ severity: 'error', file: 'cfg/settings.py', line });
    expect(p.diagnostics[0]!.message).toMatch(/^invalid Python syntax/);
  });

  it('marks the statement containing the error, not its neighbours', () => {
    const src = 'A = 1\nB = (2 +\nC = 3\n';
    const p = parsePython(src, 's.py');
    expect(p.brokenStatements.has(src.indexOf('B'))).toBe(true);
    expect(p.brokenStatements.has(0)).toBe(false);
  });

  it('cuts lines nested beyond 200 brackets instead of overflowing the stack', () => {
    const src = `A = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\nB = 2\n`;
    const p = parsePython(src, 's.py');
    expect(p.diagnostics[0]!.message).toMatch(/more than 200 nested brackets/);
    expect(p.source.split('\n')[1]).toBe('B = 2');
  });

  it('does not count brackets inside strings and comments', () => {
    const src = `A = "${'('.repeat(500)}"  # ${'['.repeat(500)}\nB = '''${'{'.repeat(300)}'''\n`;
    expect(parsePython(src, 's.py').diagnostics).toEqual([]);
  });

  it('caps the number of syntax diagnostics per file', () => {
    const src = Array.from({ length: 100 }, (_, i) => `X${i} = 1 +\n`).join('');
    const p = parsePython(src, 's.py');
    expect(p.brokenStatements.size).toBe(100);
    expect(p.diagnostics).toHaveLength(21);
    expect(p.diagnostics.at(-1)!.message).toMatch(/80 more syntax errors not shown/);
  });

  it('firstKid/nextKid skip comment nodes inside expressions', () => {
    const p = parsePython('X = [\n  # note\n  1,\n]\n', 's.py');
    const assign = firstKid(p.tree.topNode)!;
    const list = nextKid(nextKid(firstKid(assign)))!;
    expect(list.name).toBe('ArrayExpression');
    const names: string[] = [];
    for (let c = firstKid(list); c; c = nextKid(c)) names.push(c.name);
    expect(names).toEqual(['[', 'Number', ',', ']']);
  });

  it('survives binary and non-UTF-8-looking input', () => {
    const p = parsePython('\u0000\u00ff\ufffd\ud800 = = =\n\x1b[0m', 'bin.py');
    expect(p.diagnostics.length).toBeGreaterThan(0);
  });
});
