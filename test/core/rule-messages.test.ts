import { describe, expect, it } from 'vitest';
import { formatMessage, placeholdersOf } from '../../src/core/rule-messages';

describe('formatMessage', () => {
  it('fills every placeholder from the data, numbers as text', () => {
    expect(
      formatMessage('{{pinned}} at {{where}}: {{count}} known', {
        pinned: 'Django 3.2',
        where: 'requirements.txt:1',
        count: 2,
      }),
    ).toBe('Django 3.2 at requirements.txt:1: 2 known');
  });

  it('leaves a placeholder without data as written, so a test sees it', () => {
    expect(formatMessage('{{a}} and {{b}}', { a: 'x' })).toBe('x and {{b}}');
    expect(formatMessage('{{constructor}}', {})).toBe('{{constructor}}');
  });

  it('expands in one pass: a value that reads like a placeholder stays as it is', () => {
    expect(formatMessage('{{a}} {{b}}', { a: '{{b}}', b: 'y' })).toBe('{{b}} y');
  });

  it("takes a value as text: a repository's requirement line with `$&` or `$1` is not a pattern", () => {
    expect(formatMessage('at {{where}}', { where: 'requirements.txt:1 (Django==$& $1 $$)' })).toBe(
      'at requirements.txt:1 (Django==$& $1 $$)',
    );
  });

  it('names the placeholders a template uses, once each', () => {
    expect(placeholdersOf('{{a}} {{b}} {{a}} {single} {{ spaced }}')).toEqual(['a', 'b']);
  });
});
