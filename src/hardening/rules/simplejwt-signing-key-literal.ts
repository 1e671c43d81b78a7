import { defineSettingsRule } from '../../settings/rule-support';
import { hashSecret } from '../../core/fingerprint';
import { isPlaceholderValue } from '../../secrets/placeholders';
import {
  describeKey,
  isRestFrameworkInstalled,
  isSimpleJwtUsed,
  libraryKey,
  locationOf,
} from '../drf';
import { appearsAsLiteral, parsePythonStringLiteral } from '../support';

export const simplejwtSigningKeyLiteral = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG231',
  name: 'simplejwt-signing-key-literal',
  severity: 'critical',
  fix: "Read SIMPLE_JWT['SIGNING_KEY'] from the environment or a secrets store (or leave it unset so SECRET_KEY is used) and rotate the committed key.",
  docs: {
    summary: "Simple JWT's SIGNING_KEY is a literal string in the production settings.",
    whatItDoes:
      "When Django REST framework and Simple JWT are in use (SIMPLE_JWT is set, rest_framework_simplejwt is installed, or JWTAuthentication is a default authentication class), reports SIMPLE_JWT['SIGNING_KEY'] that is a non-empty str written in the settings files, not read from the environment (nor the literal default of an env read, which secret-key-env-default and credential-setting-literal judge) and not a known placeholder. It is the same secret wherever it appears: the finding carries the key's hash, so a key also found by the secret scan, in history or as SECRET_KEY is one finding, and the run's redactor masks it. The key is never printed.",
    whyBad:
      'With the HS algorithms the signing key both signs and verifies tokens: anyone who has it mints access tokens for any user id, with no password and no trace in the login logs. Once committed, it is in every clone, fork and backup. Severity critical, as for a committed SECRET_KEY: it hands out every account.',
    badExample: {
      file: 'project/settings.py',
      content:
        "INSTALLED_APPS = ['rest_framework', 'rest_framework_simplejwt']\nSIMPLE_JWT = {\n    'SIGNING_KEY': '{{secret:django-key}}',\n}\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nINSTALLED_APPS = ['rest_framework', 'rest_framework_simplejwt']\nSIMPLE_JWT = {\n    'SIGNING_KEY': os.environ['JWT_SIGNING_KEY'],\n}\n",
    },
    useInstead:
      "An environment variable or a secrets manager for the signing key (or SECRET_KEY, Simple JWT's default, itself read from the environment); an asymmetric algorithm (RS256, ES256) keeps the private key out of the services that only verify.",
    references: [
      'https://django-rest-framework-simplejwt.readthedocs.io/en/latest/settings.html#signing-key',
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key',
    ],
  },
  check(ctx) {
    if (isRestFrameworkInstalled(ctx) !== true || !isSimpleJwtUsed(ctx)) return [];
    const key = libraryKey(ctx, 'SIMPLE_JWT', 'SIGNING_KEY', ctx.setting('SECRET_KEY').value);
    const at = key.setting.provenance;
    // Unset: SECRET_KEY is the key, and the SECRET_KEY rules judge it.
    if (key.isDefault || !at || at.envVar !== undefined) return [];
    if (key.value.kind !== 'str' && key.value.kind !== 'bytes') return [];
    const value = key.value.value;
    if (value === '' || isPlaceholderValue(value)) return [];
    const fromEnvDefault = ctx.snapshot.envReads.some(
      (read) =>
        read.defaultText !== undefined && parsePythonStringLiteral(read.defaultText) === value,
    );
    if (fromEnvDefault) return [];
    if (!appearsAsLiteral(ctx, [at.file, ...ctx.snapshot.filesRead], value)) return [];
    return [
      {
        ...locationOf(key),
        message: `${describeKey(key, 'Simple JWT')} is a literal key (${Array.from(value).length} chars) committed in the production settings: whoever reads it can mint tokens for any user`,
        detail: 'SIGNING_KEY',
        secretHash: hashSecret(value),
        secretValues: [value],
      },
    ];
  },
});
