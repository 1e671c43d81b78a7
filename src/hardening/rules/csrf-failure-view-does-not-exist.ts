import { pyRepr } from '../../settings/value-ops';
import { resolveFailureView } from '../../settings/rules/csrf-failure-view';
import { defineSettingsRule } from '../../settings/rule-support';

/**
 * CSRF_FAILURE_VIEW names a view that does not exist in a way Django's own check does not report:
 * get_callable raises ViewDoesNotExist (not an ImportError), check_csrf_failure_view lets it
 * through and `manage.py check --deploy` crashes (real Django 3.2–5.2, test/parity).
 */
export const csrfFailureViewDoesNotExist = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG235',
  name: 'csrf-failure-view-does-not-exist',
  severity: 'high',
  fix: 'Point CSRF_FAILURE_VIEW at a function that exists, as a full dotted path, or remove the setting.',
  docs: {
    summary:
      "CSRF_FAILURE_VIEW names a module missing from its package, or a function its module lacks: Django's check crashes instead of reporting security.E102.",
    whatItDoes:
      "Resolves CSRF_FAILURE_VIEW inside the repository. When the view's package imports but has no such module (`myapp.views_missing.csrf_failure` with `myapp/` in the repository), or the module defines no such name, Django's get_callable raises ViewDoesNotExist. That is not an ImportError, so security.E102 is not given: `manage.py check --deploy` stops with a traceback (Django 3.2, 4.2 and 5.2 alike). Modules outside the repository are not decided.",
    whyBad:
      'Every rejected CSRF request becomes a server error (500) instead of a 403, and the deploy check that should have said so crashes instead. Severity high, as security.E102: the CSRF failure path is broken in production and nothing in the deploy check says so clearly.',
    badExample: {
      file: 'project/settings.py',
      content: `CSRF_FAILURE_VIEW = "project.views_missing.csrf_failure"
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `CSRF_FAILURE_VIEW = "django.views.csrf.csrf_failure"
`,
    },
    useInstead:
      "Use a dotted path to a function that exists, or remove the setting to use Django's view.",
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-failure-view',
      'https://github.com/django/django/blob/main/django/urls/utils.py',
      'https://github.com/django/django/blob/main/django/core/checks/security/csrf.py',
    ],
  },
  check(ctx) {
    const view = ctx.setting('CSRF_FAILURE_VIEW');
    if (view.value.kind === 'unknown') return [];
    const resolution = resolveFailureView(ctx, view);
    if (resolution.kind !== 'does-not-exist') return [];
    return [
      {
        setting: view.name,
        message: `The CSRF failure view ${pyRepr(view.value)} does not exist: ${resolution.reason}; Django's get_callable raises ViewDoesNotExist, so check --deploy crashes instead of reporting security.E102`,
      },
    ];
  },
});
