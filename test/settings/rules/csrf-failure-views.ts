import type { RepoCheckCase } from '../../helpers/rule-tester';

/**
 * CSRF_FAILURE_VIEW values with the repository modules they name, grouped by what Django's two
 * checks of the setting say about them (E101: the view's signature; E102: can it be imported).
 * Each check's test file states which groups are valid and which invalid for it, so every view
 * is asserted against both checks. The setting is on line 5.
 */
const view = (name: string, path: string, files: Record<string, string> = {}): RepoCheckCase => ({
  name,
  settings: { CSRF_FAILURE_VIEW: { value: path, line: 5 } },
  files,
});

/** Views both checks accept. */
export const GOOD_VIEWS: RepoCheckCase[] = [
  view("Django's default view", 'django.views.csrf.csrf_failure'),
  view('good signature', 'app.views.fail', {
    'app/views.py': 'def fail(request, reason=""):\n    pass\n',
  }),
  view('keyword-only reason', 'app.views.fail', {
    'app/views.py': 'def fail(request, *, reason):\n    pass\n',
  }),
  view('**kwargs takes reason', 'app.views.fail', {
    'app/views.py': 'def fail(request, **kwargs):\n    pass\n',
  }),
  view('*args takes request', 'app.views.fail', {
    'app/views.py': 'def fail(*args, reason=None):\n    pass\n',
  }),
  view('decorated, async', 'app.views.fail', {
    'app/views.py': '@csrf_exempt\nasync def fail(request, reason=""):\n    pass\n',
  }),
];

/** Importable views that cannot be called as `view(request, reason=reason)` (E101). */
export const BAD_SIGNATURE_VIEWS: RepoCheckCase[] = [
  view('missing reason', 'app.views.fail', {
    'app/views.py': 'import x\n\ndef fail(request):\n    pass\n',
  }),
  view('extra required param', 'app.views.fail', {
    'app/views.py': 'def fail(request, reason, template):\n    pass\n',
  }),
  view('positional-only reason', 'app.views.fail', {
    'app/views.py': 'def fail(request, reason, /):\n    pass\n',
  }),
  view('no parameters', 'app.views.fail', { 'app/views.py': 'def fail():\n    pass\n' }),
  {
    ...view('missing reason, the module under src/ (a python path)', 'app.views.fail', {
      'src/app/views.py': 'def fail(request):\n    pass\n',
    }),
    pythonPaths: ['', 'src'],
  },
];

/**
 * Views Django's `get_callable` cannot import with an ImportError (E102): not a dotted path, or
 * the module's parent package missing too.
 */
export const NOT_IMPORTABLE_VIEWS: RepoCheckCase[] = [
  view('package in repo, the module and its parent missing', 'app.sub.views.fail', {
    'app/views.py': '',
  }),
  view('not a dotted path', 'fail'),
];

/**
 * Views whose module's parent imports but lacks the module, or whose module lacks the function:
 * real Django 4.2/5.2 raise ViewDoesNotExist there, which `check_csrf_failure_view` does not
 * catch, so `check --deploy` crashes rather than giving E102 (DDG235 reports these).
 */
export const DOES_NOT_EXIST_VIEWS: RepoCheckCase[] = [
  view('module exists, no such function', 'app.views.fail', {
    'app/views.py': 'def other(request, reason=""):\n    pass\n',
  }),
  view('package in repo, module missing', 'app.nope.fail', { 'app/views.py': '' }),
  view('a namespace package (no __init__.py) in the repo, module missing', 'app.sub.nope.fail', {
    'app/sub/views.py': '',
  }),
];

/** Views neither check can decide: no finding from either (the diagnostics say why). */
export const UNDECIDED_VIEWS: RepoCheckCase[] = [
  view('installed package: undecided, no finding', 'thirdparty.views.fail'),
  view('defined by assignment: undecided', 'app.views.fail', {
    'app/views.py': 'fail = make_view()\n',
  }),
];
