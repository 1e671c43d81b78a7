import { checkSessionCookieFlag } from './session-cookie-check';
import { defineSettingsRule } from '../rule-support';

/** security.W010: SESSION_COOKIE_SECURE is not True with the sessions app installed. */
export const sessionCookieInsecureSessionsApp = defineSettingsRule({
  origin: 'django',
  id: 'security.W010',
  name: 'session-cookie-insecure-sessions-app',
  severity: 'medium',
  fix: 'Set SESSION_COOKIE_SECURE = True (a bool, not an env string).',
  docs: {
    summary: 'SESSION_COOKIE_SECURE is not True with the sessions app installed.',
    whatItDoes:
      "Reports when SESSION_COOKIE_SECURE is off while 'django.contrib.sessions' is in INSTALLED_APPS (the app without SessionMiddleware; W012 covers both). Before Django 4.1 'off' means falsy; from 4.1 anything but the bool True counts as off, so 'False', 'no' or 1 fire there.",
    whyBad:
      'Without the Secure flag the session cookie is also sent over plain HTTP, where anyone on the network can read it and hijack the session.',
    badExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["django.contrib.sessions"]
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["django.contrib.sessions"]
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
    return checkSessionCookieFlag(ctx, 'SESSION_COOKIE_SECURE', 'app-only');
  },
});
