import { describeSetting } from '../describe';
import {
  SECURITY_MIDDLEWARE,
  all,
  not,
  inMiddleware,
  isTruthy,
  isTrue,
  defineSettingsRule,
} from '../rule-support';

/** security.W021: HSTS is enabled without the preload directive. */
export const hstsPreloadNotSet = defineSettingsRule({
  origin: 'django',
  id: 'security.W021',
  name: 'hsts-preload-not-set',
  severity: 'medium',
  fix: 'Set SECURE_HSTS_PRELOAD = True once HSTS with subdomains has run without trouble.',
  docs: {
    summary: 'HSTS is enabled without the preload directive.',
    whatItDoes:
      'Reports when SecurityMiddleware is in MIDDLEWARE, SECURE_HSTS_SECONDS is truthy and SECURE_HSTS_PRELOAD is not the bool True.',
    whyBad:
      'Without preload the very first visit of each browser is still unprotected by HSTS and open to SSL stripping.',
    badExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
`,
    },
    useInstead: 'Set SECURE_HSTS_PRELOAD = True and submit the domain at hstspreload.org.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-preload',
      'https://hstspreload.org/',
      'https://github.com/django/django/blob/main/django/core/checks/security/base.py',
    ],
  },
  check(ctx) {
    const middleware = ctx.setting('MIDDLEWARE');
    const hsts = ctx.setting('SECURE_HSTS_SECONDS');
    const preload = ctx.setting('SECURE_HSTS_PRELOAD');
    const condition = all(
      inMiddleware(ctx, SECURITY_MIDDLEWARE),
      isTruthy(hsts),
      not(isTrue(preload)),
    );
    return ctx.decide(condition, [preload, middleware], () => ({
      setting: preload.name,
      message: `HSTS is on but the site cannot be submitted to the browser preload list (SECURE_HSTS_PRELOAD must be True): ${describeSetting(preload)}`,
    }));
  },
});
