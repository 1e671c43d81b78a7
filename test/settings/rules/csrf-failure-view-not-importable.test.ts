import { describe, expect, it } from 'vitest';
import { memoryRepoFiles } from '../../../src/core/repo-files';
import { csrfFailureViewNotImportable } from '../../../src/settings/rules/csrf-failure-view-not-importable';
import type { Diagnostic } from '../../../src/settings/snapshot';
import { testRepoCheck } from '../../helpers/rule-tester';
import {
  BAD_SIGNATURE_VIEWS,
  DOES_NOT_EXIST_VIEWS,
  GOOD_VIEWS,
  NOT_IMPORTABLE_VIEWS,
  UNDECIDED_VIEWS,
} from './csrf-failure-views';
import { runRules, SETTINGS_FILE } from './snapshot-builder';

testRepoCheck(csrfFailureViewNotImportable, {
  valid: [...GOOD_VIEWS, ...BAD_SIGNATURE_VIEWS, ...DOES_NOT_EXIST_VIEWS, ...UNDECIDED_VIEWS],
  invalid: NOT_IMPORTABLE_VIEWS.map((c) => ({ ...c, line: 5 })),
});

describe('security.E102 csrf-failure-view-not-importable', () => {
  it('says why and where when the view is outside the repository', () => {
    const diagnostics: Diagnostic[] = [];
    const findings = runRules(
      { CSRF_FAILURE_VIEW: { value: 'thirdparty.views.fail', line: 5 } },
      '5.2',
      {
        files: memoryRepoFiles({ [SETTINGS_FILE]: '' }),
        rules: [csrfFailureViewNotImportable],
        diagnostics,
      },
    );
    expect(findings).toEqual([]);
    expect(diagnostics).toEqual([
      {
        severity: 'info',
        file: SETTINGS_FILE,
        line: 5,
        message:
          "security.E102 not decided: CSRF_FAILURE_VIEW 'thirdparty.views.fail': module thirdparty.views is not in the repository (installed package?)",
      },
    ]);
  });
});
