import { isAtLeast } from '../rule';
import { describeSetting } from '../describe';
import { not, inMiddleware, defineSettingsRule } from '../rule-support';

/** security.W001: MIDDLEWARE lacks SecurityMiddleware. */
export const securityMiddlewareMissing = defineSettingsRule({
  origin: 'django',
  id: 'security.W001',
  name: 'security-middleware-missing',
  severity: 'medium',
  fix: "Add 'django.middleware.security.SecurityMiddleware' near the top of MIDDLEWARE.",
  docs: {
    summary: 'MIDDLEWARE lacks SecurityMiddleware.',
    whatItDoes:
      "Reports when 'django.middleware.security.SecurityMiddleware' is not listed in MIDDLEWARE. Django tests exact string membership: a subclass or an alias does not count, and the position in the list is not checked.",
    whyBad:
      "Without SecurityMiddleware none of Django's security headers (HSTS, nosniff, Referrer-Policy, COOP) are sent and the SSL redirect never happens, whatever the SECURE_* settings say.",
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
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
`,
    },
    useInstead: "Add 'django.middleware.security.SecurityMiddleware' to MIDDLEWARE.",
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/middleware/#module-django.middleware.security',
      'https://github.com/django/django/blob/main/django/core/checks/security/base.py',
    ],
  },
  check(ctx) {
    const middleware = ctx.setting('MIDDLEWARE');
    return ctx.decide(
      not(inMiddleware(ctx, 'django.middleware.security.SecurityMiddleware')),
      [middleware],
      () => ({
        setting: 'MIDDLEWARE',
        message:
          `'django.middleware.security.SecurityMiddleware' is not in MIDDLEWARE, so SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF, SECURE_REFERRER_POLICY, ${isAtLeast(ctx.version, 4, 0) ? 'SECURE_CROSS_ORIGIN_OPENER_POLICY' : 'SECURE_BROWSER_XSS_FILTER'} and SECURE_SSL_REDIRECT have no effect` +
          (middleware.isDefault ? `: ${describeSetting(middleware)}` : ''),
      }),
    );
  },
});
