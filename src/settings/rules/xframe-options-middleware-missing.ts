import { describeSetting } from '../describe';
import { not, inMiddleware, defineSettingsRule } from '../rule-support';

/** security.W002: MIDDLEWARE lacks XFrameOptionsMiddleware. */
export const xframeOptionsMiddlewareMissing = defineSettingsRule({
  origin: 'django',
  id: 'security.W002',
  name: 'xframe-options-middleware-missing',
  severity: 'medium',
  fix: "Add 'django.middleware.clickjacking.XFrameOptionsMiddleware' to MIDDLEWARE.",
  docs: {
    summary: 'MIDDLEWARE lacks XFrameOptionsMiddleware.',
    whatItDoes:
      "Reports when 'django.middleware.clickjacking.XFrameOptionsMiddleware' is not listed in MIDDLEWARE. Django tests exact string membership: a subclass or an alias does not count, and the position in the list is not checked.",
    whyBad:
      'A page that any site can embed in a frame is open to clickjacking: an attacker overlays it and tricks users into clicking buttons they cannot see.',
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
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.common.CommonMiddleware",
]
`,
    },
    useInstead: "Add 'django.middleware.clickjacking.XFrameOptionsMiddleware' to MIDDLEWARE.",
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/clickjacking/',
      'https://github.com/django/django/blob/main/django/core/checks/security/base.py',
    ],
  },
  check(ctx) {
    const middleware = ctx.setting('MIDDLEWARE');
    return ctx.decide(
      not(inMiddleware(ctx, 'django.middleware.clickjacking.XFrameOptionsMiddleware')),
      [middleware],
      () => ({
        setting: 'MIDDLEWARE',
        message:
          `'django.middleware.clickjacking.XFrameOptionsMiddleware' is not in MIDDLEWARE, so responses carry no X-Frame-Options header and pages can be framed by other sites` +
          (middleware.isDefault ? `: ${describeSetting(middleware)}` : ''),
      }),
    );
  },
});
