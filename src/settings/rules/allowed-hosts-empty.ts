import { describeSetting } from '../describe';
import { not, isTruthy, defineSettingsRule } from '../rule-support';

/** security.W020: ALLOWED_HOSTS is empty. */
export const allowedHostsEmpty = defineSettingsRule({
  origin: 'django',
  id: 'security.W020',
  name: 'allowed-hosts-empty',
  severity: 'high',
  fix: 'List the production host names in ALLOWED_HOSTS.',
  docs: {
    summary: 'ALLOWED_HOSTS is empty.',
    whatItDoes:
      "Reports when ALLOWED_HOSTS is falsy (empty list, empty string, None). As in Django, ['*'] and [''] pass this check; they are hardening concerns.",
    whyBad:
      "With DEBUG off and ALLOWED_HOSTS empty Django rejects every request with 400, so deployments 'fix' it in a hurry, often with '*', which re-opens Host-header poisoning of password-reset links and caches.",
    badExample: {
      file: 'project/settings.py',
      content: `ALLOWED_HOSTS = []
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `ALLOWED_HOSTS = ["www.example.com"]
`,
    },
    useInstead: 'Set ALLOWED_HOSTS to the exact host names the site serves.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts',
      'https://github.com/django/django/blob/main/django/core/checks/security/base.py',
    ],
  },
  check(ctx) {
    const hosts = ctx.setting('ALLOWED_HOSTS');
    return ctx.decide(not(isTruthy(hosts)), [hosts], () => ({
      setting: hosts.name,
      message: `ALLOWED_HOSTS is empty, so no request is accepted once DEBUG is off: ${describeSetting(hosts)}`,
    }));
  },
});
