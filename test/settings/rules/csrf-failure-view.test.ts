import { describe, expect, it } from 'vitest';
import { memoryRepoFiles } from '../../../src/core/repo-files';
import { createCheckContext, runSettingsRules } from '../../../src/settings/analyze';
import { bindFailure, parseParams } from '../../../src/settings/rules/csrf-failure-view';
import { djangoRules } from '../../../src/settings/rules';
import type { Diagnostic } from '../../../src/settings/snapshot';
import { SETTINGS_FILE, snapshotOf, v } from './snapshot-builder';

function check(view: unknown, repo: Record<string, string>, pythonPaths = ['']) {
  const files = memoryRepoFiles({ [SETTINGS_FILE]: '', ...repo });
  const diagnostics: Diagnostic[] = [];
  const ctx = createCheckContext(
    snapshotOf({ CSRF_FAILURE_VIEW: { value: view, line: 5 } }),
    v('5.2'),
    files,
    pythonPaths,
    diagnostics,
  );
  const findings = runSettingsRules(
    ctx,
    djangoRules.filter((r) => r.id === 'security.E101' || r.id === 'security.E102'),
    diagnostics,
  );
  return { ids: findings.map((f) => `${f.ruleId}@${f.line}:${f.severity}`), diagnostics, findings };
}

describe('CSRF_FAILURE_VIEW (E101/E102)', () => {
  const cases: [string, unknown, Record<string, string>, string[]][] = [
    ["Django's default view", 'django.views.csrf.csrf_failure', {}, []],
    [
      'good signature',
      'app.views.fail',
      { 'app/views.py': 'def fail(request, reason=""):\n    pass\n' },
      [],
    ],
    [
      'keyword-only reason',
      'app.views.fail',
      { 'app/views.py': 'def fail(request, *, reason):\n    pass\n' },
      [],
    ],
    [
      '**kwargs takes reason',
      'app.views.fail',
      { 'app/views.py': 'def fail(request, **kwargs):\n    pass\n' },
      [],
    ],
    [
      '*args takes request',
      'app.views.fail',
      { 'app/views.py': 'def fail(*args, reason=None):\n    pass\n' },
      [],
    ],
    [
      'decorated, async',
      'app.views.fail',
      { 'app/views.py': '@csrf_exempt\nasync def fail(request, reason=""):\n    pass\n' },
      [],
    ],
    [
      'missing reason',
      'app.views.fail',
      { 'app/views.py': 'import x\n\ndef fail(request):\n    pass\n' },
      ['security.E101@5:high'],
    ],
    [
      'extra required param',
      'app.views.fail',
      { 'app/views.py': 'def fail(request, reason, template):\n    pass\n' },
      ['security.E101@5:high'],
    ],
    [
      'positional-only reason',
      'app.views.fail',
      { 'app/views.py': 'def fail(request, reason, /):\n    pass\n' },
      ['security.E101@5:high'],
    ],
    [
      'no parameters',
      'app.views.fail',
      { 'app/views.py': 'def fail():\n    pass\n' },
      ['security.E101@5:high'],
    ],
    // Real Django 4.2/5.2: get_callable raises ViewDoesNotExist (not an ImportError) when the
    // module's parent imports but lacks it, or the module lacks the function, so
    // check_csrf_failure_view does not give E102: `check --deploy` crashes (DDG235 says so).
    [
      'module exists, no such function: Django crashes, not E102',
      'app.views.fail',
      { 'app/views.py': 'def other(request, reason=""):\n    pass\n' },
      [],
    ],
    [
      'package in repo, module missing: Django crashes, not E102',
      'app.nope.fail',
      { 'app/views.py': '' },
      [],
    ],
    [
      'package in repo, the module and its parent missing: E102',
      'app.sub.views.fail',
      { 'app/views.py': '' },
      ['security.E102@5:high'],
    ],
    [
      'a namespace package (no __init__.py) in the repo, module missing: Django crashes',
      'app.sub.nope.fail',
      { 'app/sub/views.py': '' },
      [],
    ],
    ['not a dotted path', 'fail', {}, ['security.E102@5:high']],
    ['installed package: undecided, no finding', 'thirdparty.views.fail', {}, []],
    [
      'defined by assignment: undecided',
      'app.views.fail',
      { 'app/views.py': 'fail = make_view()\n' },
      [],
    ],
  ];
  for (const [name, view, repo, expected] of cases) {
    it(name, () => {
      expect(check(view, repo).ids).toEqual(expected);
    });
  }

  it('says why and where when the view is outside the repository', () => {
    const { diagnostics } = check('thirdparty.views.fail', {});
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

  it('resolves the module under src/ when that is a python path', () => {
    const repo = { 'src/app/views.py': 'def fail(request):\n    pass\n' };
    expect(check('app.views.fail', repo, ['', 'src']).ids).toEqual(['security.E101@5:high']);
  });

  it('tells where the bad view is defined', () => {
    const { findings } = check('app.views.fail', {
      'app/views.py': '\n\ndef fail(request):\n    pass\n',
    });
    expect(findings[0]?.message).toContain('(defined at app/views.py:3)');
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
