import { pyRepr } from '../value-ops';
import { resolveFailureView } from './csrf-failure-view';
import { defineSettingsRule } from '../rule-support';

/** security.E102: CSRF_FAILURE_VIEW names a view that can't be imported. */
export const csrfFailureViewNotImportable = defineSettingsRule({
  origin: 'django',
  id: 'security.E102',
  name: 'csrf-failure-view-not-importable',
  severity: 'high',
  fix: 'Point CSRF_FAILURE_VIEW at an existing function, as a full dotted path.',
  docs: {
    summary: "CSRF_FAILURE_VIEW names a view that can't be imported.",
    whatItDoes:
      "Resolves CSRF_FAILURE_VIEW inside the repository and reports, as Django's get_callable decides, when the path isn't fully qualified or when neither the view's module nor its parent package exists in a package of the repository. A module missing from a package that exists, or a function missing from its module, makes Django raise ViewDoesNotExist, which its check does not catch (it crashes): DDG235 reports those. Modules outside the repository (installed packages) are not decided: an info diagnostic says so.",
    whyBad:
      "Django can't render the CSRF failure response: each rejected request becomes a server error instead of a 403.",
    badExample: {
      file: 'project/settings.py',
      content: `CSRF_FAILURE_VIEW = "project.errors.views.csrf_failure"
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
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-failure-view',
      'https://github.com/django/django/blob/main/django/core/checks/security/csrf.py',
    ],
  },
  check(ctx) {
    const view = ctx.setting('CSRF_FAILURE_VIEW');
    const resolution = resolveFailureView(ctx, view);
    if (view.value.kind === 'unknown') return [ctx.undecided([view])];
    if (resolution.kind === 'unknown') {
      const at = view.provenance ?? { file: ctx.snapshot.file, line: 1 };
      ctx.note({
        severity: 'info',
        file: at.file,
        line: at.line,
        message: `${ctx.ruleId} not decided: CSRF_FAILURE_VIEW ${pyRepr(view.value)}: ${resolution.reason}`,
      });
      return [];
    }
    if (resolution.kind !== 'not-importable') return [];
    return [
      {
        setting: view.name,
        message: `The CSRF failure view ${pyRepr(view.value)} can't be imported: ${resolution.reason}`,
      },
    ];
  },
});
