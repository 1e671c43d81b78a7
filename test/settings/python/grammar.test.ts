import { describe, expect, it } from 'vitest';
import { firstKid, parsePython } from '../../../src/settings/python/parse';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GRAMMAR_DIR, grammarHash } from '../../../scripts/build-python-grammar';

/** The local patches to @lezer/python's grammar (src/settings/python/grammar/python.grammar). */

/** The tree as nested `Name(children)` text, for comparing shapes. */
function shape(source: string): string {
  const out: string[] = [];
  parsePython(source, 's.py').tree.iterate({
    enter: (n) => {
      out.push(`${n.type.isError ? '⚠' : n.name}(`);
    },
    leave: () => {
      out.push(')');
    },
  });
  return out.join('');
}

describe('patched Python grammar', () => {
  it('the generated parser was built from python.grammar as it is (else: npm run grammar)', () => {
    const hash = grammarHash(readFileSync(path.join(GRAMMAR_DIR, 'python.grammar'), 'utf8'));
    for (const file of ['parser.ts', 'parser.terms.ts'])
      expect(readFileSync(path.join(GRAMMAR_DIR, file), 'utf8'), file).toContain(`sha256 ${hash}`);
  });

  it.each([
    ['bare yield in a function', 'def f():\n    yield\n'],
    ['parenthesised bare yield', 'g = type((lambda: (yield))())\n'],
    ['starred comprehension target', 'X = [a for a, *rest in Y]\n'],
    ['with target tuple', 'with f() as (a, b):\n    pass\n'],
    ['float with a trailing dot', 'X = 20.\nY = 24.*3600.\n'],
    ['form feed line', 'A = 1\n\x0c\n# c\nB = 2\n'],
    [
      'empty class pattern',
      'match x:\n    case C():\n        pass\n    case []:\n        pass\n    case {}:\n        pass\n',
    ],
  ])('accepts %s', (_name, source) => {
    expect(parsePython(source, 's.py').diagnostics).toEqual([]);
  });

  it.each([
    ['Python 2 print statement', 'print "x"\n'],
    ['unclosed call', 'X = f(\n'],
  ])('rejects %s', (_name, source) => {
    expect(parsePython(source, 's.py').diagnostics.length).toBeGreaterThan(0);
  });

  it('gives `not` a lower precedence than comparisons and a higher one than and/or', () => {
    const top = (source: string) =>
      firstKid(parsePython(source, 's.py').tree.topNode)?.lastChild?.name;
    expect(top('X = not a and b')).toBe('BinaryExpression');
    expect(top('X = not a or b')).toBe('BinaryExpression');
    expect(top('X = not a == b')).toBe('UnaryExpression');
    expect(shape('X = not a and b')).toContain(
      'BinaryExpression(UnaryExpression(not()VariableName())and()VariableName())',
    );
  });
});
