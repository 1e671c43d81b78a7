import { describe, expect, it } from 'vitest';
import { createLineIndex, linesMatching, splitLines } from '../../src/secrets/text-lines';

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

  it('indexes created over different texts in turn each answer for their own text', () => {
    const texts = ['x\ny\nz\n', 'one line', '\n\n\nfour', 'a\r\nb\rc\nd', 'x\ny\nz\n'];
    const indexes = texts.map((text) => createLineIndex(text));
    // Interleaved reads: the shared per-file index must never answer for another text.
    for (let round = 0; round < 2; round++)
      texts.forEach((text, k) => {
        for (const line of splitLines(text)) {
          expect(indexes[k]!.lineAt(line.offset)).toBe(line.number);
          expect(indexes[k]!.columnAt(line.offset + Math.min(1, line.text.length))).toBe(
            1 + Math.min(1, line.text.length),
          );
        }
      });
  });

  it('answers for long texts, and for a short one after them (its buffer is reused)', () => {
    const texts = [
      Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n'),
      'a\nb',
      '\n'.repeat((1 << 20) + 3) + 'end',
      'x\ny\nz',
    ];
    for (const text of texts) {
      const index = createLineIndex(text);
      const lines = splitLines(text);
      for (const line of [lines[0]!, lines[1]!, lines[lines.length >> 1]!, lines.at(-1)!])
        expect(index.lineAt(line.offset)).toBe(line.number);
      expect(index.lineAt(text.length)).toBe(lines.length);
    }
  });
});

describe('linesMatching', () => {
  it('gives the lines splitLines gives that hold a match, each once, for LF, CRLF and CR text', () => {
    // Seeded: texts of short words, keywords and every kind of line break.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pieces = ['key', 'KEY', 'x', ' ', '=', 'keykey', '\n', '\r\n', '\r', '\n\n'];
    for (let round = 0; round < 300; round++) {
      const lf = round % 2 === 0;
      const content = Array.from({ length: next(40) }, () => {
        const piece = pieces[next(pieces.length)]!;
        return lf && piece.includes('\r') ? '\n' : piece;
      }).join('');
      const expected = splitLines(content).filter((line) => /key/i.test(line.text));
      expect(linesMatching(content, /key/gi)).toEqual(expected);
    }
  });
});
