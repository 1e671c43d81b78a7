import { isAtLeast, type SettingsMatch } from '../rule';
import { pyRepr } from '../value-ops';
import { describeSetting } from '../describe';
import { iterationItems, defineSettingsRule } from '../rule-support';

/** 4_0.E001: A CSRF_TRUSTED_ORIGINS entry lacks a scheme. */
export const csrfTrustedOriginNoScheme = defineSettingsRule({
  origin: 'django',
  id: '4_0.E001',
  name: 'csrf-trusted-origin-no-scheme',
  severity: 'high',
  fix: "Write each CSRF_TRUSTED_ORIGINS entry with its scheme, e.g. 'https://example.com'.",
  appliesTo: (version) => isAtLeast(version, 4, 0),
  docs: {
    summary: 'A CSRF_TRUSTED_ORIGINS entry lacks a scheme.',
    whatItDoes:
      "From Django 4.0: reports each CSRF_TRUSTED_ORIGINS entry that does not contain '://'. As in Django, a str value is iterated character by character, so each character is reported.",
    whyBad:
      "Since 4.0 Django compares full origins; an entry without a scheme never matches, so cross-origin form posts you meant to allow fail, and teams often 'fix' that by disabling CSRF protection.",
    badExample: {
      file: 'project/settings.py',
      content: `CSRF_TRUSTED_ORIGINS = ["example.com"]
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `CSRF_TRUSTED_ORIGINS = ["https://example.com"]
`,
    },
    useInstead: 'Prefix each origin with https:// (or http:// for local development only).',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#compatibility',
      'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-trusted-origins',
      'https://docs.djangoproject.com/en/4.0/releases/4.0/#csrf-trusted-origins-changes',
    ],
  },
  check(ctx) {
    const origins = ctx.setting('CSRF_TRUSTED_ORIGINS');
    if (origins.value.kind === 'unknown') return [ctx.undecided([origins])];
    const items = iterationItems(origins.value) ?? [];
    return items.flatMap((origin, index): SettingsMatch[] => {
      const detail = `CSRF_TRUSTED_ORIGINS[${index}]`;
      if (origin.kind === 'unknown')
        return [ctx.undecided([{ ...origins, name: detail, value: origin }], detail)];
      if (origin.kind !== 'str' || origin.value.includes('://')) return [];
      return [
        {
          setting: origins.name,
          detail,
          message: `${detail} ${pyRepr(origin)} must start with a scheme such as https:// since Django 4.0: ${describeSetting(origins)}`,
        },
      ];
    });
  },
});
