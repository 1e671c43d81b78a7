import { describeSetting } from '../describe';
import {
  SECURITY_MIDDLEWARE,
  all,
  not,
  inMiddleware,
  isTrue,
  defineSettingsRule,
} from '../rule-support';

/** security.W008: SECURE_SSL_REDIRECT is not True. */
export const sslRedirectDisabled = defineSettingsRule({
  origin: 'django',
  id: 'security.W008',
  name: 'ssl-redirect-disabled',
  severity: 'medium',
  fix: 'Set SECURE_SSL_REDIRECT = True, or silence security.W008 if the load balancer already redirects all HTTP to HTTPS.',
  docs: {
    summary: 'SECURE_SSL_REDIRECT is not True.',
    whatItDoes:
      'Reports when SecurityMiddleware is in MIDDLEWARE and SECURE_SSL_REDIRECT is not the bool True.',
    whyBad:
      'Users who type the bare domain or follow an http:// link stay on plain HTTP, where sessions and form data can be read and altered.',
    badExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_SSL_REDIRECT = True
`,
    },
    useInstead:
      'Set SECURE_SSL_REDIRECT = True, or redirect at the proxy and list security.W008 in SILENCED_SYSTEM_CHECKS.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect',
      'https://github.com/django/django/blob/main/django/core/checks/security/base.py',
    ],
  },
  check(ctx) {
    const middleware = ctx.setting('MIDDLEWARE');
    const redirect = ctx.setting('SECURE_SSL_REDIRECT');
    const condition = all(inMiddleware(ctx, SECURITY_MIDDLEWARE), not(isTrue(redirect)));
    return ctx.decide(condition, [redirect, middleware], () => ({
      setting: redirect.name,
      message: `HTTP requests are not redirected to HTTPS (SECURE_SSL_REDIRECT must be True, unless the proxy redirects): ${describeSetting(redirect)}`,
    }));
  },
});
