import { isAtLeast, type SettingsMatch } from '../rule';
import { describeSettingWithoutValue } from '../describe';
import { secretKeyWeaknesses } from './support';
import { sequenceItems, defineSettingsRule } from '../rule-support';

/** security.W025: An entry of SECRET_KEY_FALLBACKS is weak. */
export const secretKeyFallbackWeak = defineSettingsRule({
  origin: 'django',
  id: 'security.W025',
  name: 'secret-key-fallback-weak',
  severity: 'medium',
  fix: 'Remove retired keys from SECRET_KEY_FALLBACKS once sessions signed with them have expired; keep only strong keys.',
  appliesTo: (version) => isAtLeast(version, 4, 1),
  docs: {
    summary: 'An entry of SECRET_KEY_FALLBACKS is weak.',
    whatItDoes:
      "From Django 4.1: applies the SECRET_KEY test (50+ characters, 5+ distinct, no 'django-insecure-' prefix) to each SECRET_KEY_FALLBACKS entry and reports each weak one as SECRET_KEY_FALLBACKS[i]. A str value is a load error in 4.1+ (settings.E001), not W025.",
    whyBad:
      'Fallback keys still validate signatures: a weak or leaked fallback is as good as a weak SECRET_KEY to an attacker.',
    badExample: {
      file: 'project/settings.py',
      content: `SECRET_KEY_FALLBACKS = ["old-key"]
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `SECRET_KEY_FALLBACKS = ["example-" * 8]
`,
    },
    useInstead:
      'Keep only strong, recently rotated keys in SECRET_KEY_FALLBACKS, loaded from the environment.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks',
      'https://github.com/django/django/blob/main/django/core/checks/security/base.py',
    ],
  },
  check(ctx) {
    const fallbacks = ctx.setting('SECRET_KEY_FALLBACKS');
    if (fallbacks.value.kind === 'unknown') return [ctx.undecided([fallbacks])];
    const keys = sequenceItems(fallbacks.value);
    if (keys === undefined) return [];
    return keys.flatMap((key, index): SettingsMatch[] => {
      const detail = `SECRET_KEY_FALLBACKS[${index}]`;
      const weaknesses = secretKeyWeaknesses(key);
      if (weaknesses === undefined)
        return [ctx.undecided([{ ...fallbacks, name: detail, value: key }], detail)];
      if (weaknesses.length === 0) return [];
      return [
        {
          setting: fallbacks.name,
          detail,
          message: `${detail} is too weak to keep validating signatures (${weaknesses.join('; ')}): ${describeSettingWithoutValue(fallbacks)}`,
        },
      ];
    });
  },
});
