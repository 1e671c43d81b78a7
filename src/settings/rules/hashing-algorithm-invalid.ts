import { isAtLeast } from '../rule';
import { str } from '../value';
import { containsValue } from '../value-ops';
import { describeSetting } from '../describe';
import { not, defineSettingsRule } from '../rule-support';

/** security.E100: DEFAULT_HASHING_ALGORITHM is neither 'sha1' nor 'sha256'. */
export const hashingAlgorithmInvalid = defineSettingsRule({
  origin: 'django',
  id: 'security.E100',
  name: 'hashing-algorithm-invalid',
  severity: 'high',
  fix: "Set DEFAULT_HASHING_ALGORITHM to 'sha256' (or remove it).",
  appliesTo: (version) => !isAtLeast(version, 4, 0),
  docs: {
    summary: "DEFAULT_HASHING_ALGORITHM is neither 'sha1' nor 'sha256'.",
    whatItDoes:
      "Django 3.1–3.2 only (the transitional setting was removed in 4.0): reports DEFAULT_HASHING_ALGORITHM values other than 'sha1' and 'sha256'.",
    whyBad:
      'Signing and token generation would use an unsupported algorithm; Django treats it as an error.',
    badExample: {
      file: 'project/settings.py',
      content: `DEFAULT_HASHING_ALGORITHM = "md5"
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `DEFAULT_HASHING_ALGORITHM = "sha256"
`,
    },
    useInstead: "Use 'sha256', then remove the setting before upgrading to Django 4.0.",
    references: [
      'https://docs.djangoproject.com/en/3.2/ref/checks/#security',
      'https://docs.djangoproject.com/en/3.2/ref/settings/#default-hashing-algorithm',
    ],
  },
  check(ctx) {
    const algorithm = ctx.setting('DEFAULT_HASHING_ALGORITHM');
    const valid = containsValue([str('sha1'), str('sha256')], algorithm.value);
    return ctx.decide(not(valid), [algorithm], () => ({
      setting: algorithm.name,
      message: `DEFAULT_HASHING_ALGORITHM must be 'sha1' or 'sha256': ${describeSetting(algorithm)}`,
    }));
  },
});
