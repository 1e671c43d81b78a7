import { describe, expect, it } from 'vitest';
import { tryCompileGlob } from '../../src/core/glob';

function matcher(pattern: string) {
  const compiled = tryCompileGlob(pattern);
  if (!compiled.ok) throw new Error(`${pattern}: ${compiled.reason}`);
  return compiled.matches;
}

/** [pattern, path, matches] */
const CASES: [string, string, boolean][] = [
  // The README's .gitignore-like semantics.
  ['tests/**', 'tests/a/b.py', true],
  ['tests/**', 'src/tests/a.py', false],
  ['tests', 'src/tests/a.py', true], // no `/`: any depth; a directory excludes what is under it
  ['*.env', 'deploy/prod.env', true],
  ['*.env', '.env', true], // dotfiles are files like any other
  ['*', '.github/x.yml', true],
  ['**/fixtures/*.py', 'a/b/fixtures/x.py', true],
  ['**/fixtures/*.py', 'fixtures/x.py', true],
  ['docs/', 'docs/x/y.md', true],
  ['docs/', 'src/docs/y.md', false], // with `/` it is relative to the scanned path
  ['/docs', 'docs/y.md', true],
  ['./docs/*.md', 'docs/y.md', true],
  ['{a,b}/*.yml', 'b/c.yml', true],
  ['{a,b}/*.yml', 'c/c.yml', false],
  ['*.py', 'a/b.pyc', false],
  ['settings/*.py', 'settings/sub/x.py', false], // `*` stays within a segment
  ['settings/**/*.py', 'settings/x.py', true], // `**` is zero or more segments
  // Escapes.
  ['a\\*b.py', 'a*b.py', true],
  ['a\\*b.py', 'axb.py', false],
  ['\\[x\\].py', '[x].py', true],
  ['\\{a,b\\}.py', '{a,b}.py', true],
  ['Copy \\(2\\).py', 'Copy (2).py', true],
  // Nested braces and ranges.
  ['{a,{b,c}}/x.py', 'c/x.py', true],
  ['{a,b{c,d}}.py', 'bd.py', true],
  ['{a,b{c,d}}.py', 'b.py', false],
  ['settings_{1..3}.py', 'settings_2.py', true],
  ['settings_{1..3}.py', 'settings_4.py', false],
  ['{a..c}.py', 'b.py', true],
  // Classes.
  ['[abc].py', 'b.py', true],
  ['[a-c].py', 'd.py', false],
  ['[!a].py', 'b.py', true],
  ['[!a].py', 'a.py', false],
  ['[^a].py', 'a.py', false],
  ['[[:digit:]].py', '7.py', true],
  ['[[:alpha:]].py', '7.py', false],
  ['[]a].py', '].py', true],
  // Extglobs.
  ['@(prod|production).env', 'production.env', true],
  ['!(local).py', 'prod.py', true],
  ['!(local).py', 'local.py', false],
];

describe('exclude globs (picomatch)', () => {
  it.each(CASES)('%s against %s is %s', (pattern, path, expected) => {
    expect(matcher(pattern)(path)).toBe(expected);
  });

  it.each([
    ['[z-a].py', /Invalid regular expression.*Range out of order/],
    ['[abc', /Missing closing: "\]"/],
    ['{a,b', /Missing closing: "\}"/],
    ['x(y', /Missing closing: "\)"/],
    ['!tests/**', /negation/],
    ['', /empty/],
    ['/', /names no path/],
  ])('rejects %j', (pattern, reason) => {
    const compiled = tryCompileGlob(pattern);
    expect(compiled.ok).toBe(false);
    expect(compiled.ok ? '' : compiled.reason).toMatch(reason);
  });

  it('matches **a**a**a**b against a 400-character path with the library matcher', () => {
    // The hand-written matcher backtracked for minutes here; picomatch keeps `*` inside a segment.
    const path = 'aaaa/'.repeat(80);
    expect(path).toHaveLength(400);
    expect(matcher('**a**a**a**b')(path)).toBe(false);
    expect(matcher('**a**a**a**b')(`${path}aaab`)).toBe(true);
  });
});
