import { describeSetting } from '../describe';
import { cookieFlagOff } from './support';
import {
  CSRF_MIDDLEWARE,
  all,
  not,
  inMiddleware,
  isTruthy,
  defineSettingsRule,
} from '../rule-support';

/** security.W016: CSRF_COOKIE_SECURE is not True while CsrfViewMiddleware is on. */
export const csrfCookieInsecure = defineSettingsRule({
  origin: 'django',
  id: 'security.W016',
  name: 'csrf-cookie-insecure',
  severity: 'medium',
  fix: 'Set CSRF_COOKIE_SECURE = True (a bool, not an env string).',
  docs: {
    summary: 'CSRF_COOKIE_SECURE is not True while CsrfViewMiddleware is on.',
    whatItDoes:
      "Reports when CsrfViewMiddleware is in MIDDLEWARE, CSRF_USE_SESSIONS is falsy and CSRF_COOKIE_SECURE is off. Before Django 4.1 'off' means falsy; from 4.1 anything but the bool True.",
    whyBad:
      'A CSRF cookie sent over plain HTTP can be read or overwritten by a network attacker, who can then forge requests that pass the CSRF check.',
    badExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
CSRF_COOKIE_SECURE = True
`,
    },
    useInstead:
      'Set CSRF_COOKIE_SECURE = True, or keep the token in the session with CSRF_USE_SESSIONS = True.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-secure',
      'https://github.com/django/django/blob/main/django/core/checks/security/csrf.py',
    ],
  },
  check(ctx) {
    const flag = ctx.setting('CSRF_COOKIE_SECURE');
    const useSessions = ctx.setting('CSRF_USE_SESSIONS');
    const condition = all(
      not(isTruthy(useSessions)),
      inMiddleware(ctx, CSRF_MIDDLEWARE),
      cookieFlagOff(ctx, flag),
    );
    return ctx.decide(condition, [flag, useSessions, ctx.setting('MIDDLEWARE')], () => ({
      setting: flag.name,
      message: `The CSRF cookie is not marked Secure: ${describeSetting(flag)}`,
    }));
  },
});
