import type { PyValue } from '../value';
import { str } from '../value';
import { pyRepr } from '../value-ops';

// django/core/checks/security/base.py REFERRER_POLICY_VALUES
const REFERRER_POLICY_VALUES = new Set([
  'no-referrer',
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
]);

/** Django: a str is split on ',' and stripped; any other iterable is `set(value)`, unstripped. */
function referrerPolicyValues(value: PyValue): PyValue[] | undefined {
  if (value.kind === 'unknown') return undefined;
  if (value.kind === 'str') return value.value.split(',').map((part) => str(part.trim()));
  return sequenceItems(value) ?? [value];
}
import { describeSetting } from '../describe';
import {
  SECURITY_MIDDLEWARE,
  all,
  not,
  inMiddleware,
  isNone,
  sequenceItems,
  defineSettingsRule,
} from '../rule-support';

/** security.E023: SECURE_REFERRER_POLICY contains a value browsers don't know. */
export const referrerPolicyInvalid = defineSettingsRule({
  origin: 'django',
  id: 'security.E023',
  name: 'referrer-policy-invalid',
  severity: 'high',
  fix: "Use only valid Referrer-Policy tokens, e.g. 'same-origin' or 'strict-origin-when-cross-origin'.",
  docs: {
    summary: "SECURE_REFERRER_POLICY contains a value browsers don't know.",
    whatItDoes:
      "With SecurityMiddleware on and SECURE_REFERRER_POLICY not None, reports any value outside the eight Referrer-Policy tokens (case-sensitive). A str is split on ',' and each part stripped; a list or tuple is taken as is, without stripping. '' is invalid (it yields {''}); [] is valid.",
    whyBad:
      "Browsers ignore a Referrer-Policy header they can't parse and fall back to their default, so the policy you think you have is not applied; Django refuses it as an error.",
    badExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_REFERRER_POLICY = "same-origin, bogus"
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_REFERRER_POLICY = "same-origin, strict-origin-when-cross-origin"
`,
    },
    useInstead:
      'Set SECURE_REFERRER_POLICY to one or more of: no-referrer, no-referrer-when-downgrade, origin, origin-when-cross-origin, same-origin, strict-origin, strict-origin-when-cross-origin, unsafe-url.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-referrer-policy',
      'https://www.w3.org/TR/referrer-policy/#referrer-policies',
      'https://github.com/django/django/blob/main/django/core/checks/security/base.py',
    ],
  },
  check(ctx) {
    const policy = ctx.setting('SECURE_REFERRER_POLICY');
    const active = all(inMiddleware(ctx, SECURITY_MIDDLEWARE), not(isNone(policy)));
    if (active === false) return [];
    const values = referrerPolicyValues(policy.value);
    const invalid = values?.filter(
      (v) => v.kind !== 'unknown' && !(v.kind === 'str' && REFERRER_POLICY_VALUES.has(v.value)),
    );
    const undecided = values === undefined || values.some((v) => v.kind === 'unknown');
    const condition =
      invalid !== undefined && invalid.length > 0 ? active : undecided ? undefined : false;
    return ctx.decide(condition, [policy, ctx.setting('MIDDLEWARE')], () => ({
      setting: policy.name,
      message: `SECURE_REFERRER_POLICY has invalid value(s) ${(invalid ?? []).map(pyRepr).join(', ')}; valid: ${[...REFERRER_POLICY_VALUES].sort().join(', ')}: ${describeSetting(policy)}`,
    }));
  },
});
