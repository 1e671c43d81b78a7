import { describe, expect, it } from 'vitest';
import { createLineIndex, splitLines } from '../../src/secrets/text-lines';

describe('line index', () => {
  it('agrees with splitLines for LF, CRLF and CR', () => {
    const content = 'a\nbb\r\nccc\rdddd\n\r\ne';
    const index = createLineIndex(content);
    for (const line of splitLines(content)) {
      expect(index.lineAt(line.offset)).toBe(line.number);
      expect(index.columnAt(line.offset)).toBe(1);
    }
    expect(splitLines(content).map((line) => line.text)).toEqual([
      'a',
      'bb',
      'ccc',
      'dddd',
      '',
      'e',
    ]);
  });
});
