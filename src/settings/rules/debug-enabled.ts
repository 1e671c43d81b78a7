import { describeSetting } from '../describe';
import { isTruthy, defineSettingsRule } from '../rule-support';

/** security.W018: DEBUG is truthy in the deployed settings. */
export const debugEnabled = defineSettingsRule({
  origin: 'django',
  id: 'security.W018',
  name: 'debug-enabled',
  severity: 'high',
  fix: "Set DEBUG = False in production; read it with a bool cast (env.bool('DJANGO_DEBUG', default=False)).",
  docs: {
    summary: 'DEBUG is truthy in the deployed settings.',
    whatItDoes:
      "Reports when DEBUG is truthy, as Django tests it: the strings 'False' and '0' are truthy and turn DEBUG on (a common result of reading an env variable without a cast).",
    whyBad:
      'With DEBUG on, every error page shows source code, local variables and most settings, and Django keeps every SQL query in memory. Attackers use these pages to harvest credentials.',
    badExample: {
      file: 'project/settings.py',
      content: `DEBUG = True
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `DEBUG = False
`,
    },
    useInstead:
      'Set DEBUG = False, reading it from the environment with a bool cast and a False default.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#debug',
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/',
      'https://github.com/django/django/blob/main/django/core/checks/security/base.py',
    ],
  },
  check(ctx) {
    const debug = ctx.setting('DEBUG');
    return ctx.decide(isTruthy(debug), [debug], () => ({
      setting: debug.name,
      message: `DEBUG is on in the deployed settings: ${describeSetting(debug)}`,
    }));
  },
});
