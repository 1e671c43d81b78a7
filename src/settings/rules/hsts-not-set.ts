import { describeSetting } from '../describe';
import {
  SECURITY_MIDDLEWARE,
  all,
  not,
  inMiddleware,
  isTruthy,
  defineSettingsRule,
} from '../rule-support';

/** security.W004: SecurityMiddleware is on but SECURE_HSTS_SECONDS is falsy, so no HSTS header is sent. */
export const hstsNotSet = defineSettingsRule({
  origin: 'django',
  id: 'security.W004',
  name: 'hsts-not-set',
  severity: 'medium',
  fix: 'Set SECURE_HSTS_SECONDS (start small, e.g. 3600, then raise it to a year) once the whole site is served over HTTPS.',
  docs: {
    summary:
      'SecurityMiddleware is on but SECURE_HSTS_SECONDS is falsy, so no HSTS header is sent.',
    whatItDoes:
      "Reports when SecurityMiddleware is in MIDDLEWARE and SECURE_HSTS_SECONDS is falsy (0, None or ''; the string '0' is truthy and passes, as in Django).",
    whyBad:
      'Without HSTS a network attacker can downgrade the first request of every visit to HTTP and strip TLS (SSL stripping).',
    badExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_HSTS_SECONDS = 31536000
`,
    },
    useInstead:
      "Serve the site only over HTTPS and set SECURE_HSTS_SECONDS; read Django's HSTS notes first, since browsers cache it.",
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-seconds',
      'https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security',
      'https://github.com/django/django/blob/main/django/core/checks/security/base.py',
    ],
  },
  check(ctx) {
    const middleware = ctx.setting('MIDDLEWARE');
    const hsts = ctx.setting('SECURE_HSTS_SECONDS');
    const condition = all(inMiddleware(ctx, SECURITY_MIDDLEWARE), not(isTruthy(hsts)));
    return ctx.decide(condition, [hsts, middleware], () => ({
      setting: hsts.name,
      message: `HTTP Strict Transport Security is off, so browsers may still reach the site over plain HTTP: ${describeSetting(hsts)}`,
    }));
  },
});
