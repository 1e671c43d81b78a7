import { isAtLeast } from '../rule';
import type { Tri } from '../rule-support';

// django/core/checks/security/base.py CROSS_ORIGIN_OPENER_POLICY_VALUES
const COOP_VALUES = new Set(['same-origin', 'same-origin-allow-popups', 'unsafe-none']);
import { describeSetting } from '../describe';
import {
  SECURITY_MIDDLEWARE,
  all,
  not,
  inMiddleware,
  isNone,
  defineSettingsRule,
} from '../rule-support';

/** security.E024: SECURE_CROSS_ORIGIN_OPENER_POLICY is not a valid COOP value. */
export const crossOriginOpenerPolicyInvalid = defineSettingsRule({
  origin: 'django',
  id: 'security.E024',
  name: 'cross-origin-opener-policy-invalid',
  severity: 'high',
  fix: "Set SECURE_CROSS_ORIGIN_OPENER_POLICY to 'same-origin', 'same-origin-allow-popups' or 'unsafe-none'.",
  appliesTo: (version) => isAtLeast(version, 4, 0),
  docs: {
    summary: 'SECURE_CROSS_ORIGIN_OPENER_POLICY is not a valid COOP value.',
    whatItDoes:
      "From Django 4.0: with SecurityMiddleware on and SECURE_CROSS_ORIGIN_OPENER_POLICY not None, reports a value other than 'same-origin', 'same-origin-allow-popups' or 'unsafe-none' (exact, case-sensitive; '' is invalid).",
    whyBad:
      'An invalid Cross-Origin-Opener-Policy is ignored by browsers, leaving windows you open (or that open you) able to script each other across origins.',
    badExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same_origin"
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
`,
    },
    useInstead: "Use 'same-origin' (Django's default) unless popups need cross-origin access.",
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-cross-origin-opener-policy',
      'https://github.com/django/django/blob/main/django/core/checks/security/base.py',
    ],
  },
  check(ctx) {
    const policy = ctx.setting('SECURE_CROSS_ORIGIN_OPENER_POLICY');
    const valid: Tri =
      policy.value.kind === 'unknown'
        ? undefined
        : policy.value.kind === 'str' && COOP_VALUES.has(policy.value.value);
    const condition = all(inMiddleware(ctx, SECURITY_MIDDLEWARE), not(isNone(policy)), not(valid));
    return ctx.decide(condition, [policy, ctx.setting('MIDDLEWARE')], () => ({
      setting: policy.name,
      message: `SECURE_CROSS_ORIGIN_OPENER_POLICY is not one of ${[...COOP_VALUES].join(', ')}: ${describeSetting(policy)}`,
    }));
  },
});
