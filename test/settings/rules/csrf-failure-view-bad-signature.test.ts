import { describe, expect, it } from 'vitest';
import { memoryRepoFiles } from '../../../src/core/repo-files';
import { bindFailure, parseParams } from '../../../src/settings/rules/csrf-failure-view';
import { csrfFailureViewBadSignature } from '../../../src/settings/rules/csrf-failure-view-bad-signature';
import { testRepoCheck } from '../../helpers/rule-tester';
import {
  BAD_SIGNATURE_VIEWS,
  DOES_NOT_EXIST_VIEWS,
  GOOD_VIEWS,
  NOT_IMPORTABLE_VIEWS,
  UNDECIDED_VIEWS,
} from './csrf-failure-views';
import { runRules, SETTINGS_FILE } from './snapshot-builder';

testRepoCheck(csrfFailureViewBadSignature, {
  valid: [...GOOD_VIEWS, ...NOT_IMPORTABLE_VIEWS, ...DOES_NOT_EXIST_VIEWS, ...UNDECIDED_VIEWS],
  invalid: BAD_SIGNATURE_VIEWS.map((c) => ({ ...c, line: 5 })),
});

describe('security.E101 csrf-failure-view-bad-signature', () => {
  it('tells where the bad view is defined', () => {
    const [finding, ...rest] = runRules(
      { CSRF_FAILURE_VIEW: { value: 'app.views.fail', line: 5 } },
      '5.2',
      {
        files: memoryRepoFiles({
          [SETTINGS_FILE]: '',
          'app/views.py': '\n\ndef fail(request):\n    pass\n',
        }),
        rules: [csrfFailureViewBadSignature],
      },
    );
    expect(rest).toEqual([]);
    expect(finding?.ruleId).toBe('security.E101');
    expect(finding?.message).toContain('(defined at app/views.py:3)');
  });
});

describe('signature binding of (None, reason=None)', () => {
  it.each([
    ['(request, reason="")', undefined],
    ['(request, reason="", extra=1)', undefined],
    ['(reason, request=None)', "its first parameter is named 'reason', so reason= binds twice"],
    ['(request: HttpRequest, reason: str = "x, y")', undefined],
    ['(request)', "it has no 'reason' keyword parameter"],
    ['(request, reason, *, template)', 'it requires more arguments (template)'],
  ])('%s', (params, failure) => {
    expect(bindFailure(parseParams(params))).toBe(failure);
  });
});
