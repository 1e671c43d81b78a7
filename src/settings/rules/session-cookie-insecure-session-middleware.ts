import { checkSessionCookieFlag } from './session-cookie-check';
import { defineSettingsRule } from '../rule-support';

/** security.W011: SESSION_COOKIE_SECURE is not True with SessionMiddleware enabled. */
export const sessionCookieInsecureSessionMiddleware = defineSettingsRule({
  origin: 'django',
  id: 'security.W011',
  name: 'session-cookie-insecure-session-middleware',
  severity: 'medium',
  fix: 'Set SESSION_COOKIE_SECURE = True (a bool, not an env string).',
  docs: {
    summary: 'SESSION_COOKIE_SECURE is not True with SessionMiddleware enabled.',
    whatItDoes:
      "Reports when SESSION_COOKIE_SECURE is off while SessionMiddleware is in MIDDLEWARE (the middleware without the app; W012 covers both). Before Django 4.1 'off' means falsy; from 4.1 anything but the bool True counts as off, so 'False', 'no' or 1 fire there.",
    whyBad:
      'Without the Secure flag the session cookie is also sent over plain HTTP, where anyone on the network can read it and hijack the session.',
    badExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
SESSION_COOKIE_SECURE = True
`,
    },
    useInstead: 'Set SESSION_COOKIE_SECURE = True; cast env values with env.bool(...).',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure',
      'https://github.com/django/django/blob/main/django/core/checks/security/sessions.py',
    ],
  },
  check(ctx) {
    return checkSessionCookieFlag(ctx, 'SESSION_COOKIE_SECURE', 'middleware-only');
  },
});
