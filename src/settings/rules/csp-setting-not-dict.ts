import { isAtLeast } from '../rule';
import { describeSetting } from '../describe';
import { defineSettingsRule } from '../rule-support';

/** security.E026: SECURE_CSP or SECURE_CSP_REPORT_ONLY is not a dict. */
export const cspSettingNotDict = defineSettingsRule({
  origin: 'django',
  id: 'security.E026',
  name: 'csp-setting-not-dict',
  severity: 'high',
  fix: 'Set SECURE_CSP / SECURE_CSP_REPORT_ONLY to a dict of directives (or None).',
  appliesTo: (version) => isAtLeast(version, 6, 0),
  docs: {
    summary: 'SECURE_CSP or SECURE_CSP_REPORT_ONLY is not a dict.',
    whatItDoes:
      "From Django 6.0: reports SECURE_CSP and SECURE_CSP_REPORT_ONLY when the value is neither None nor a dict. Falsy non-dicts (False, 0, '', [], set()) fail too.",
    whyBad:
      "Django builds the Content-Security-Policy header from the dict's directives; any other shape means no usable policy, and Django refuses it as an error.",
    badExample: {
      file: 'project/settings.py',
      content: `SECURE_CSP = "default-src 'self'"
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `SECURE_CSP = {"default-src": ["'self'"]}
`,
    },
    useInstead: "Use a dict such as {'default-src': [CSP.SELF]} from django.utils.csp.",
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-csp',
      'https://github.com/django/django/blob/main/django/core/checks/security/base.py',
    ],
  },
  check(ctx) {
    return ['SECURE_CSP', 'SECURE_CSP_REPORT_ONLY'].flatMap((name) => {
      const csp = ctx.setting(name);
      const kind = csp.value.kind;
      const condition = kind === 'unknown' ? undefined : kind !== 'none' && kind !== 'dict';
      return ctx
        .decide(condition, [csp], () => ({
          setting: name,
          detail: name,
          message: `${name} must be a dict of CSP directives or None: ${describeSetting(csp)}`,
        }))
        .map((match) => ({ ...match, detail: name }));
    });
  },
});
