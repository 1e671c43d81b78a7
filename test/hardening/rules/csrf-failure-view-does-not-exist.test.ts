import { csrfFailureViewDoesNotExist } from '../../../src/hardening/rules/csrf-failure-view-does-not-exist';
import { testSettingsRule } from '../../helpers/rule-tester';

/**
 * Real Django 4.2/5.2 (test/parity csrf-failure-view-missing-submodule, -missing-attr): the view's
 * module is missing from a package that imports, or the module lacks the function, so
 * get_callable raises ViewDoesNotExist, which check_csrf_failure_view does not catch.
 */
const VIEWS = {
  'app/__init__.py': '',
  'app/views.py': 'def fail(request, reason=""):\n    pass\n',
};

testSettingsRule(csrfFailureViewDoesNotExist, {
  valid: [
    { name: "Django's default", spec: { settings: {} } },
    {
      name: 'the view exists',
      spec: { settings: { CSRF_FAILURE_VIEW: 'app.views.fail' }, files: VIEWS },
    },
    {
      name: 'the parent is missing too: security.E102, not this',
      spec: { settings: { CSRF_FAILURE_VIEW: 'app.sub.views.fail' }, files: VIEWS },
    },
    {
      name: 'an installed package: not decided',
      spec: { settings: { CSRF_FAILURE_VIEW: 'thirdparty.views.fail' }, files: VIEWS },
    },
  ],
  invalid: [
    {
      name: 'a module missing from a package of the repository',
      spec: {
        settings: { CSRF_FAILURE_VIEW: { value: 'app.views_missing.fail', line: 7 } },
        files: VIEWS,
      },
      findings: [{ line: 7 }],
    },
    {
      name: 'a function missing from its module',
      spec: {
        settings: { CSRF_FAILURE_VIEW: { value: 'app.views.not_there', line: 3 } },
        files: VIEWS,
      },
      findings: [{ line: 3 }],
    },
  ],
});
