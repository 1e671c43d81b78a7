import { defineFileRule } from '../file-rule';
import { isDjangoCfgCandidatePath, parseDjangoCfg } from '../django-cfg';
import { isPlaceholderValue } from '../../secrets/placeholders';

/** django-cfg's own minimum (`min_length=50` on DjangoConfig.secret_key). */
const DJANGO_CFG_MIN_KEY_LENGTH = 50;

export const djangoCfgSecretKeyLiteral = defineFileRule({
  id: 'DDG304',
  name: 'django-cfg-secret-key-literal',
  severity: 'high',
  fix: 'Take secret_key from the environment (e.g. secret_key: "${SECRET_KEY}" or a pydantic-settings field) and rotate the committed key.',
  docs: {
    summary:
      'A production django-cfg config holds a literal secret_key (short, a placeholder, or a real key).',
    whatItDoes:
      "Reports a literal secret_key in production django-cfg configs and says which case it is: shorter than django-cfg's 50-character minimum, a known placeholder (change-me, your-secret-key…, the sample 'django-secret-key-change-in-production-at-least-32-chars'), or a real-looking key committed to the file. Environment references (${VAR}) and computed values are not reported. The key is never printed, only its length.",
    whyBad:
      'The key signs Django sessions and password-reset tokens. A committed key is known to everyone with read access to the repository and its history; a placeholder is public; a short key is guessable. Severity high: anyone who has the key can forge sessions.',
    badExample: {
      file: 'config.prod.yaml',
      content:
        'project_name: shop\ndebug: false\nsecret_key: change-me\nsecurity_domains:\n  - shop.example.com\n',
    },
    goodExample: {
      file: 'config.prod.yaml',
      content:
        'project_name: shop\ndebug: false\nsecret_key: "${SECRET_KEY}"\nssl_redirect: true\nsecurity_domains:\n  - shop.example.com\n',
    },
    useInstead:
      'A 50+ character random key from get_random_secret_key(), kept in the environment or a secrets manager.',
    references: [
      'https://github.com/markolofsen/django-cfg',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key',
    ],
  },
  appliesToPath: isDjangoCfgCandidatePath,
  detect(file) {
    const config = parseDjangoCfg(file);
    const key = config?.fields.secret_key;
    if (
      !config ||
      config.production !== true ||
      key?.value.kind !== 'str' ||
      key.value.value === ''
    )
      return [];
    const length = Array.from(key.value.value).length;
    const what = isPlaceholderValue(key.value.value)
      ? `a well-known placeholder (${length} chars)`
      : length < DJANGO_CFG_MIN_KEY_LENGTH
        ? `a literal key of ${length} chars, shorter than django-cfg's ${DJANGO_CFG_MIN_KEY_LENGTH}-character minimum`
        : `a literal key (${length} chars) committed to the repository`;
    return [{ line: key.line, message: `secret_key in a production django-cfg config is ${what}` }];
  },
});
