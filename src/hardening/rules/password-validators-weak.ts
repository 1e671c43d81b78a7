import { dictGet } from '../../settings/value-ops';
import { str } from '../../settings/value';
import { defineSettingsRule } from '../../settings/rule-support';
import { isAuthInstalled, sequenceOf } from '../support';

export const MINIMUM_LENGTH_VALIDATOR =
  'django.contrib.auth.password_validation.MinimumLengthValidator';
/** NIST SP 800-63B and OWASP ASVS ask for at least 12 characters when nothing else is enforced. */
export const RECOMMENDED_MIN_LENGTH = 12;
/** MinimumLengthValidator's own default. */
const DJANGO_MIN_LENGTH = 8;

export const passwordValidatorsWeak = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG219',
  name: 'password-validators-weak',
  severity: 'medium',
  fix: "Add MinimumLengthValidator with OPTIONS {'min_length': 12} (plus Common/UserAttributeSimilarity/Numeric validators) to AUTH_PASSWORD_VALIDATORS.",
  docs: {
    summary:
      'AUTH_PASSWORD_VALIDATORS is empty, has no MinimumLengthValidator, or sets min_length below 12.',
    whatItDoes:
      "When django.contrib.auth is installed (without it Django stores no passwords), reports AUTH_PASSWORD_VALIDATORS when it is empty or unset (Django's default is []), when it does not include django.contrib.auth.password_validation.MinimumLengthValidator, or when that validator's OPTIONS.min_length is below 12 (its own default is 8).",
    whyBad:
      "Without validators Django accepts any password, including '1' and 'password', for every user including staff, and credential-stuffing or guessing attacks succeed quickly. `startproject` adds validators, so their absence usually means they were removed. Severity medium: it weakens every account but requires an online guessing attack to exploit.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nINSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes']\nAUTH_PASSWORD_VALIDATORS = []\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nINSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes']\nAUTH_PASSWORD_VALIDATORS = [\n    {'NAME': 'django.contrib.auth.password_validation.UserAttributeSimilarityValidator'},\n    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator', 'OPTIONS': {'min_length': 12}},\n    {'NAME': 'django.contrib.auth.password_validation.CommonPasswordValidator'},\n    {'NAME': 'django.contrib.auth.password_validation.NumericPasswordValidator'},\n]\n",
    },
    useInstead:
      "The four validators `startproject` generates, with MinimumLengthValidator's min_length raised to 12 or more. Projects that delegate authentication entirely (SSO only) can silence this rule inline with a reason.",
    references: [
      'https://docs.djangoproject.com/en/stable/topics/auth/passwords/#enabling-password-validation',
      'https://pages.nist.gov/800-63-3/sp800-63b.html#memsecret',
      'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html',
    ],
  },
  check(ctx) {
    const auth = isAuthInstalled(ctx);
    if (auth === false) return [];
    const validators = ctx.setting('AUTH_PASSWORD_VALIDATORS');
    if (auth === undefined) return [ctx.undecided([ctx.setting('INSTALLED_APPS')])];
    const items = sequenceOf(validators.value);
    if (items === undefined) {
      return validators.value.kind === 'unknown' ? [ctx.undecided([validators])] : [];
    }
    if (items.length === 0) {
      return [
        {
          message: validators.isDefault
            ? "AUTH_PASSWORD_VALIDATORS not set; Django's default is [], so any password is accepted"
            : 'AUTH_PASSWORD_VALIDATORS is empty, so any password is accepted',
          setting: 'AUTH_PASSWORD_VALIDATORS',
        },
      ];
    }
    let undecided = false;
    for (const item of items) {
      const name = dictGet(item, str('NAME'));
      if (name === undefined || name.kind !== 'str') {
        undecided ||= item.kind === 'unknown' || name?.kind === 'unknown';
        continue;
      }
      if (name.value !== MINIMUM_LENGTH_VALIDATOR) continue;
      const options = dictGet(item, str('OPTIONS'));
      const minLength = options === undefined ? undefined : dictGet(options, str('min_length'));
      if (options?.kind === 'unknown' || minLength?.kind === 'unknown') {
        return [ctx.undecided([validators], 'min_length')];
      }
      const length =
        minLength?.kind === 'int'
          ? Number(minLength.value)
          : minLength === undefined
            ? DJANGO_MIN_LENGTH
            : undefined;
      if (length === undefined || length >= RECOMMENDED_MIN_LENGTH) return [];
      return [
        {
          message: `MinimumLengthValidator ${minLength === undefined ? `uses its default min_length of ${DJANGO_MIN_LENGTH}` : `sets min_length to ${length}`}; at least ${RECOMMENDED_MIN_LENGTH} is recommended`,
          setting: 'AUTH_PASSWORD_VALIDATORS',
        },
      ];
    }
    if (undecided) return [ctx.undecided([validators])];
    return [
      {
        message:
          'AUTH_PASSWORD_VALIDATORS has no MinimumLengthValidator, so short passwords are accepted',
        setting: 'AUTH_PASSWORD_VALIDATORS',
      },
    ];
  },
});
