import { describe, expect, it } from 'vitest';
import { messagePathsFromTop } from '../../src/scan/scan-context';

describe('messagePathsFromTop', () => {
  const files = new Set(['proj/settings.py', 'settings.py', 'requirements.txt']);

  it('names files of the scanned folder from the repository top, with or without a line', () => {
    expect(
      messagePathsFromTop(
        "DEBUG is True (set at proj/settings.py:14); see settings.py. ('proj/settings.py')",
        files,
        'web/',
      ),
    ).toBe(
      "DEBUG is True (set at web/proj/settings.py:14); see web/settings.py. ('web/proj/settings.py')",
    );
  });

  it('leaves paths already named from the top, other words and a scan of the top alone', () => {
    const text = 'web/proj/settings.py:3 and proj/other.py, settings';
    expect(messagePathsFromTop(text, files, 'web/')).toBe(text);
    expect(messagePathsFromTop('settings.py:1', files, '')).toBe('settings.py:1');
  });
});
