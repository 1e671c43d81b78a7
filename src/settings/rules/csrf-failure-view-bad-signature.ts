import { pyRepr } from '../value-ops';
import { resolveFailureView } from './csrf-failure-view';
import { defineSettingsRule } from '../rule-support';

/** security.E101: The CSRF_FAILURE_VIEW function can't be called as view(request, reason=...). */
export const csrfFailureViewBadSignature = defineSettingsRule({
  origin: 'django',
  id: 'security.E101',
  name: 'csrf-failure-view-bad-signature',
  severity: 'high',
  fix: "Give the CSRF failure view the signature (request, reason='').",
  docs: {
    summary: "The CSRF_FAILURE_VIEW function can't be called as view(request, reason=...).",
    whatItDoes:
      "Resolves CSRF_FAILURE_VIEW inside the repository (module file via the python paths, then the top-level def) and reports when its parameters can't bind (None, reason=None), as Django's inspect.signature check does. Views defined outside the repository, by assignment, or behind a star import are not decided (an info diagnostic says so).",
    whyBad:
      'Every rejected CSRF request would crash with a TypeError (a 500 instead of a 403), hiding attacks and breaking legitimate users whose token expired.',
    badExample: {
      file: 'project/settings.py',
      content: `CSRF_FAILURE_VIEW = "project.settings.csrf_failure"


def csrf_failure(request):
    return None
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `CSRF_FAILURE_VIEW = "project.settings.csrf_failure"


def csrf_failure(request, reason=""):
    return None
`,
    },
    useInstead: "Define the view as def csrf_failure(request, reason=''): ...",
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-failure-view',
      'https://github.com/django/django/blob/main/django/core/checks/security/csrf.py',
    ],
  },
  check(ctx) {
    const view = ctx.setting('CSRF_FAILURE_VIEW');
    const resolution = resolveFailureView(ctx, view);
    if (resolution.kind !== 'bad-signature') return [];
    return [
      {
        setting: view.name,
        message: `The CSRF failure view ${pyRepr(view.value)} can't be called with (request, reason=...): ${resolution.reason} (defined at ${resolution.file}:${resolution.line})`,
      },
    ];
  },
});
