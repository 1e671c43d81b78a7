import { describe, expect, it } from 'vitest';
import { checkSettingsSource } from '../../../src/settings/analyze';
import { checkCase, evaluate } from './harness';

/**
 * Wrong answers of the settings evaluator that CPython disagreed with (issue 11): each case is
 * what CPython gives for the same source.
 */

describe('evaluator agrees with CPython (issue 11 regressions)', () => {
  it('`not A and B` is `(not A) and B`', () => {
    checkCase({
      name: 'not precedence',
      source: 'DEBUG = not "" and False\nA = not 0 or 5\nB = not 1 == 2 and 3\n',
      expect: { DEBUG: 'False', A: 'True', B: '3' },
    });
    const ids = checkSettingsSource({
      file: 'proj/settings.py',
      source: 'DEBUG = not "" and False\n',
    }).map((f) => f.ruleId);
    expect(ids).not.toContain('security.W018');
  });

  it('a bare `yield` and a starred comprehension target are valid Python', () => {
    const snapshot = evaluate({
      source:
        'def gen():\n    yield\n\nX = [a for a, *rest in [(1, 2, 3), (4,)]]\nREST = [rest for a, *rest in [(1, 2, 3)]]\nSEND_USAGE_TELEMETRY = True\n',
    });
    expect(snapshot.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    checkCase({
      name: 'yield and starred target',
      source:
        'def gen():\n    yield\n\nX = [a for a, *rest in [(1, 2, 3), (4,)]]\nREST = [rest for a, *rest in [(1, 2, 3)]]\nSEND_USAGE_TELEMETRY = True\n',
      expect: { X: '[1, 4]', REST: '[[2, 3]]', SEND_USAGE_TELEMETRY: 'True' },
    });
  });
});
