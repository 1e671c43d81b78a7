import { describe, expect, it } from 'vitest';
import {
  encodePathForUrl,
  escapeAnnotationProperty,
  escapeMarkdown,
  stripUnsafeCharacters,
  truncateText,
} from '../../src/report/escape';

describe('escapeMarkdown', () => {
  it('keeps a table cell one cell: pipes, line breaks', () => {
    const cell = escapeMarkdown('a | b\nc\r\nd');
    expect(cell).toBe('a \\| b c d');
    expect(`| ${cell} |`.split(/(?<!\\)\|/)).toHaveLength(3);
  });

  it('neutralises code, HTML, links, images, mentions and autolinks', () => {
    expect(escapeMarkdown('`code`')).toBe('\\`code\\`');
    expect(escapeMarkdown('<script>alert(1)</script>')).not.toMatch(/(?<!\\)</);
    expect(escapeMarkdown('<img src=x>')).toBe('\\<img src=x\\>');
    expect(escapeMarkdown('![t](https://evil.example/p.png)')).toBe(
      '\\!\\[t\\](https&#58;//evil.example/p.png)',
    );
    expect(escapeMarkdown('ping @octo-org/security')).toBe('ping &#64;octo-org/security');
    expect(escapeMarkdown('a & b')).toBe('a &amp; b');
    expect(escapeMarkdown('**bold** _it_ ~~s~~')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~');
  });

  it('drops control and bidi-override characters', () => {
    expect(stripUnsafeCharacters('a\u0000b\u001bc\u202ed\u2066e')).toBe('abcde');
    expect(escapeMarkdown('x\u2028y')).toBe('x y');
  });
});

describe('escapeAnnotationProperty', () => {
  it('is one non-empty line', () => {
    expect(escapeAnnotationProperty('a\nb')).toBe('a b');
    expect(escapeAnnotationProperty('  ')).toBe('(unnamed)');
  });
});

describe('encodePathForUrl', () => {
  it('percent-encodes every segment, including parentheses and spaces', () => {
    expect(encodePathForUrl('deploy/old env (1).sh')).toBe('deploy/old%20env%20%281%29.sh');
    expect(encodePathForUrl('a/#b?c')).toBe('a/%23b%3Fc');
  });
});

describe('truncateText', () => {
  it('never splits a surrogate pair', () => {
    expect(truncateText('ab😀cd', 4)).toBe('ab…');
    expect(truncateText('short', 10)).toBe('short');
  });
});
