import { describeSetting } from '../describe';
import {
  SECURITY_MIDDLEWARE,
  all,
  inMiddleware,
  isNone,
  defineSettingsRule,
} from '../rule-support';

/** security.W022: SECURE_REFERRER_POLICY is None. */
export const referrerPolicyNone = defineSettingsRule({
  origin: 'django',
  id: 'security.W022',
  name: 'referrer-policy-none',
  severity: 'medium',
  fix: "Remove SECURE_REFERRER_POLICY = None (Django's default is 'same-origin').",
  docs: {
    summary: 'SECURE_REFERRER_POLICY is None.',
    whatItDoes:
      "Reports when SecurityMiddleware is in MIDDLEWARE and SECURE_REFERRER_POLICY is exactly None ('' or [] do not give this warning; see security.E023). The default has been 'same-origin' since Django 3.1.",
    whyBad:
      'Without a Referrer-Policy, URLs of your pages, including tokens in query strings, are sent to every third-party site they link to or load resources from.',
    badExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_REFERRER_POLICY = None
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_REFERRER_POLICY = "same-origin"
`,
    },
    useInstead: "Set SECURE_REFERRER_POLICY to 'same-origin' or 'strict-origin-when-cross-origin'.",
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-referrer-policy',
      'https://github.com/django/django/blob/main/django/core/checks/security/base.py',
    ],
  },
  check(ctx) {
    const middleware = ctx.setting('MIDDLEWARE');
    const policy = ctx.setting('SECURE_REFERRER_POLICY');
    const condition = all(inMiddleware(ctx, SECURITY_MIDDLEWARE), isNone(policy));
    return ctx.decide(condition, [policy, middleware], () => ({
      setting: policy.name,
      message: `No Referrer-Policy header is sent, so full URLs leak to other sites in the Referer header: ${describeSetting(policy)}`,
    }));
  },
});
