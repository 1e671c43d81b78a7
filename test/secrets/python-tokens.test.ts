import { describe, expect, it } from 'vitest';
import { tokenizePython } from '../../src/secrets/python-tokens';

const strings = (content: string) =>
  tokenizePython(content)
    .filter((token) => token.kind === 'string')
    .map((token) => [token.text, token.line]);

describe('tokenizePython', () => {
  it('reads strings holding #, brackets and quote-like characters', () => {
    expect(strings(`A = 'a#b(c)d%e'  # 'not a string'\nB = "x'y"\n`)).toEqual([
      ['a#b(c)d%e', 1],
      ["x'y", 2],
    ]);
  });

  it('handles prefixes, triple quotes, escapes and continuation lines', () => {
    const content =
      'A = r"\\d+"\nB = b\'\\x00\'\nC = """one\ntwo"""\nD = "a\\\nb"\nE = \\\n  "e"\n';
    expect(strings(content)).toEqual([
      ['\\d+', 1],
      ['\\x00', 2],
      ['one\ntwo', 3],
      ['ab', 5],
      ['e', 8],
    ]);
  });

  it('marks f-strings with replacement fields as expressions', () => {
    const tokens = tokenizePython('A = f"{x}-y"\nB = f"{{literal}}"\n').filter(
      (t) => t.kind === 'string',
    );
    expect(tokens.map((token) => token.isExpression ?? false)).toEqual([true, false]);
  });

  it('counts CRLF and CR line breaks once', () => {
    expect(strings('A = 1\r\nB = "b"\rC = "c"\r\n')).toEqual([
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('emits newlines only outside brackets and tracks depth', () => {
    const tokens = tokenizePython('X = [\n  "a",\n]\nY = 1\n');
    expect(tokens.filter((token) => token.kind === 'newline').map((token) => token.line)).toEqual([
      3, 4,
    ]);
    expect(tokens.find((token) => token.text === 'a')?.depth).toBe(1);
  });

  it('survives unterminated strings and stray closing brackets', () => {
    expect(() => tokenizePython("A = \"abc\nB = '''never closed\n)))]]\n")).not.toThrow();
    expect(strings('A = "abc\nB = "d"\n')).toEqual([
      ['abc', 1],
      ['d', 2],
    ]);
  });
});
