import { describeSetting } from '../describe';
import { not, inMiddleware, defineSettingsRule } from '../rule-support';

/** security.W003: MIDDLEWARE lacks CsrfViewMiddleware. */
export const csrfMiddlewareMissing = defineSettingsRule({
  origin: 'django',
  id: 'security.W003',
  name: 'csrf-middleware-missing',
  severity: 'medium',
  fix: "Add 'django.middleware.csrf.CsrfViewMiddleware' to MIDDLEWARE.",
  docs: {
    summary: 'MIDDLEWARE lacks CsrfViewMiddleware.',
    whatItDoes:
      "Reports when 'django.middleware.csrf.CsrfViewMiddleware' is not listed in MIDDLEWARE. Django tests exact string membership: a subclass or an alias does not count, and the position in the list is not checked.",
    whyBad:
      'Without the CSRF middleware, any site a logged-in user visits can submit forms to yours on their behalf, unless every view is decorated with csrf_protect.',
    badExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
]
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = [
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.common.CommonMiddleware",
]
`,
    },
    useInstead: "Add 'django.middleware.csrf.CsrfViewMiddleware' to MIDDLEWARE.",
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/csrf/',
      'https://github.com/django/django/blob/main/django/core/checks/security/csrf.py',
    ],
  },
  check(ctx) {
    const middleware = ctx.setting('MIDDLEWARE');
    return ctx.decide(
      not(inMiddleware(ctx, 'django.middleware.csrf.CsrfViewMiddleware')),
      [middleware],
      () => ({
        setting: 'MIDDLEWARE',
        message:
          `'django.middleware.csrf.CsrfViewMiddleware' is not in MIDDLEWARE, so views are not protected against cross-site request forgery unless each one uses csrf_protect` +
          (middleware.isDefault ? `: ${describeSetting(middleware)}` : ''),
      }),
    );
  },
});
