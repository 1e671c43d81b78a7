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

/** security.W005: HSTS is enabled without includeSubDomains. */
export const hstsSubdomainsNotIncluded = defineSettingsRule({
  origin: 'django',
  id: 'security.W005',
  name: 'hsts-subdomains-not-included',
  severity: 'medium',
  fix: 'Set SECURE_HSTS_INCLUDE_SUBDOMAINS = True once every subdomain serves HTTPS.',
  docs: {
    summary: 'HSTS is enabled without includeSubDomains.',
    whatItDoes:
      'Reports when SecurityMiddleware is in MIDDLEWARE, SECURE_HSTS_SECONDS is truthy and SECURE_HSTS_INCLUDE_SUBDOMAINS is not the bool True (1 or "True" do not count).',
    whyBad:
      'Without includeSubDomains an attacker can use an HTTP subdomain to set cookies for the parent domain or phish users over plain HTTP.',
    badExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_HSTS_SECONDS = 31536000
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
`,
    },
    useInstead: 'Set SECURE_HSTS_INCLUDE_SUBDOMAINS = True (a bool, not an env string).',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-include-subdomains',
      'https://github.com/django/django/blob/main/django/core/checks/security/base.py',
    ],
  },
  check(ctx) {
    const middleware = ctx.setting('MIDDLEWARE');
    const hsts = ctx.setting('SECURE_HSTS_SECONDS');
    const subdomains = ctx.setting('SECURE_HSTS_INCLUDE_SUBDOMAINS');
    const condition = all(
      inMiddleware(ctx, SECURITY_MIDDLEWARE),
      isTruthy(hsts),
      not(isTrue(subdomains)),
    );
    return ctx.decide(condition, [subdomains, middleware], () => ({
      setting: subdomains.name,
      message: `HSTS is on but does not cover subdomains (SECURE_HSTS_INCLUDE_SUBDOMAINS must be True): ${describeSetting(subdomains)}`,
    }));
  },
});
