import { defineSettingsRule } from '../../settings/rule-support';
import { str } from '../../settings/value';
import {
  describeKey,
  isRestFrameworkInstalled,
  isSimpleJwtUsed,
  libraryKey,
  locationOf,
} from '../drf';

/** RFC 7518 §3.2: an HMAC key of at least the hash's size (32 bytes for HS256). */
const MIN_HMAC_KEY_BYTES = 32;

export const simplejwtAlgorithmWeak = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG232',
  name: 'simplejwt-algorithm-weak',
  severity: 'medium',
  fix: 'Use HS256 with a random key of at least 32 bytes (e.g. secrets.token_urlsafe(48)) read from the environment, or an asymmetric algorithm (RS256, ES256).',
  docs: {
    summary:
      "Simple JWT's ALGORITHM is 'none', or an HS algorithm whose signing key is shorter than 32 bytes.",
    whatItDoes:
      "When Django REST framework and Simple JWT are in use, reports SIMPLE_JWT['ALGORITHM'] equal to 'none' (any case), and an HS256/HS384/HS512 algorithm (HS256 is Simple JWT's default) whose key, SIMPLE_JWT['SIGNING_KEY'] or SECRET_KEY when that is unset, is a known string shorter than 32 bytes in UTF-8. A key read from an unset environment variable cannot be measured and is not reported.",
    whyBad:
      "An unsigned token ('none') is accepted from anyone. An HMAC key shorter than the hash is below what RFC 7518 requires, and every issued token is an offline oracle for it: a short or human-made key is brute-forced from one captured token, after which the attacker mints tokens for any user. Severity medium: exploitation needs a token and an offline search, but the outcome is every account.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nINSTALLED_APPS = ['rest_framework', 'rest_framework_simplejwt']\nSIMPLE_JWT = {\n    'ALGORITHM': 'HS256',\n    'SIGNING_KEY': os.environ.get('JWT_KEY', 'short-dev-key'),\n}\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nINSTALLED_APPS = ['rest_framework', 'rest_framework_simplejwt']\nSIMPLE_JWT = {\n    'ALGORITHM': 'HS256',\n    'SIGNING_KEY': os.environ['JWT_KEY'],\n}\n",
    },
    useInstead:
      'A key from `secrets.token_urlsafe(48)` kept in the environment, or RS256/ES256 with the private key only where tokens are issued.',
    references: [
      'https://django-rest-framework-simplejwt.readthedocs.io/en/latest/settings.html#algorithm',
      'https://www.rfc-editor.org/rfc/rfc7518#section-3.2',
    ],
  },
  check(ctx) {
    if (isRestFrameworkInstalled(ctx) !== true || !isSimpleJwtUsed(ctx)) return [];
    const algorithm = libraryKey(ctx, 'SIMPLE_JWT', 'ALGORITHM', str('HS256'));
    if (algorithm.value.kind === 'unknown') return [ctx.undecided([algorithm.setting])];
    if (algorithm.value.kind !== 'str') return [];
    const name = algorithm.value.value;
    if (name.toLowerCase() === 'none')
      return [
        {
          ...locationOf(algorithm),
          message: `${describeKey(algorithm, 'Simple JWT')} is 'none': tokens are not signed, so anyone can forge one`,
          detail: 'ALGORITHM',
        },
      ];
    if (!/^HS(256|384|512)$/.test(name)) return [];
    const key = libraryKey(ctx, 'SIMPLE_JWT', 'SIGNING_KEY', ctx.setting('SECRET_KEY').value);
    if (key.value.kind !== 'str' && key.value.kind !== 'bytes') return [];
    const bytes =
      key.value.kind === 'bytes'
        ? key.value.value.length
        : new TextEncoder().encode(key.value.value).length;
    if (bytes === 0 || bytes >= MIN_HMAC_KEY_BYTES) return [];
    const keyName = key.isDefault
      ? "SECRET_KEY (Simple JWT's default signing key)"
      : describeKey(key, 'Simple JWT');
    return [
      {
        ...locationOf(key.isDefault ? algorithm : key),
        message: `${name} signs tokens with ${keyName}, a key of ${bytes} bytes (fewer than ${MIN_HMAC_KEY_BYTES}): one captured token lets an attacker search for the key offline`,
        detail: 'SIGNING_KEY length',
      },
    ];
  },
});
