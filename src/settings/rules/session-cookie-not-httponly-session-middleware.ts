import { checkSessionCookieFlag } from './session-cookie-check';
import { defineSettingsRule } from '../rule-support';

/** security.W014: SESSION_COOKIE_HTTPONLY is not True with SessionMiddleware enabled. */
export const sessionCookieNotHttponlySessionMiddleware = defineSettingsRule({
  origin: 'django',
  id: 'security.W014',
  name: 'session-cookie-not-httponly-session-middleware',
  severity: 'medium',
  fix: 'Set SESSION_COOKIE_HTTPONLY = True (a bool, not an env string).',
  docs: {
    summary: 'SESSION_COOKIE_HTTPONLY is not True with SessionMiddleware enabled.',
    whatItDoes:
      "Reports when SESSION_COOKIE_HTTPONLY is off while SessionMiddleware is in MIDDLEWARE (the middleware without the app; W012 covers both). Before Django 4.1 'off' means falsy; from 4.1 anything but the bool True counts as off, so 'False', 'no' or 1 fire there.",
    whyBad: 'A session cookie readable from JavaScript turns any XSS bug into session theft.',
    badExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
SESSION_COOKIE_HTTPONLY = False
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
SESSION_COOKIE_HTTPONLY = True
`,
    },
    useInstead: 'Set SESSION_COOKIE_HTTPONLY = True; cast env values with env.bool(...).',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly',
      'https://github.com/django/django/blob/main/django/core/checks/security/sessions.py',
    ],
  },
  check(ctx) {
    return checkSessionCookieFlag(ctx, 'SESSION_COOKIE_HTTPONLY', 'middleware-only');
  },
});
