import { describeSetting } from '../describe';
import {
  SECURITY_MIDDLEWARE,
  all,
  not,
  inMiddleware,
  isTrue,
  defineSettingsRule,
} from '../rule-support';

/** security.W006: SECURE_CONTENT_TYPE_NOSNIFF was turned off. */
export const contentTypeNosniffDisabled = defineSettingsRule({
  origin: 'django',
  id: 'security.W006',
  name: 'content-type-nosniff-disabled',
  severity: 'medium',
  fix: "Set SECURE_CONTENT_TYPE_NOSNIFF = True (Django's default) or remove the override.",
  docs: {
    summary: 'SECURE_CONTENT_TYPE_NOSNIFF was turned off.',
    whatItDoes:
      'Reports when SecurityMiddleware is in MIDDLEWARE and SECURE_CONTENT_TYPE_NOSNIFF is not the bool True. Its default has been True since Django 3.0, so this fires only on an override.',
    whyBad:
      'Without nosniff, browsers may guess a user-uploaded file is HTML or JavaScript and run it in your origin (content sniffing XSS).',
    badExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_CONTENT_TYPE_NOSNIFF = False
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_CONTENT_TYPE_NOSNIFF = True
`,
    },
    useInstead: 'Leave SECURE_CONTENT_TYPE_NOSNIFF at its default True.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-content-type-nosniff',
      'https://github.com/django/django/blob/main/django/core/checks/security/base.py',
    ],
  },
  check(ctx) {
    const middleware = ctx.setting('MIDDLEWARE');
    const nosniff = ctx.setting('SECURE_CONTENT_TYPE_NOSNIFF');
    const condition = all(inMiddleware(ctx, SECURITY_MIDDLEWARE), not(isTrue(nosniff)));
    return ctx.decide(condition, [nosniff, middleware], () => ({
      setting: nosniff.name,
      message: `Responses lack X-Content-Type-Options: nosniff (SECURE_CONTENT_TYPE_NOSNIFF must be True): ${describeSetting(nosniff)}`,
    }));
  },
});
