import { describe, expect, it } from 'vitest';
import { compareVersions, seriesOf } from '../../src/dependencies/versions';

describe('compareVersions (PEP 440 order)', () => {
  it('sorts releases as pip does', () => {
    const ordered = [
      '1.0.dev1',
      '1.0a1',
      '1.0a2.dev1',
      '1.0a2',
      '1.0b1',
      '1.0rc1',
      '1.0',
      '1.0.post1',
      '1.0.1',
      '1.2',
      '1.10',
      '1!0.5',
    ];
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort(compareVersions)).toEqual(ordered);
  });

  it('treats trailing zeros and local labels as equal', () => {
    expect(compareVersions('5.2', '5.2.0')).toBe(0);
    expect(compareVersions('5.2.1+ubuntu1', '5.2.1')).toBe(0);
  });

  it('names the series', () => {
    expect(seriesOf('5.2.1')).toBe('5.2');
    expect(seriesOf('4')).toBe('4.0');
    expect(seriesOf('not a version')).toBeUndefined();
  });
});
