import { hashSecret } from '../../core/fingerprint';
import { parsePythonStringLiteral } from '../support';
import { defineSettingsRule } from '../../settings/rule-support';

/**
 * `SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "literal")` fails open: when the variable is
 * missing the app starts with a key that is in the repository. `EnvRead.defaultText` holds the
 * default as written, whether or not the production env sets the variable.
 */
export const secretKeyEnvDefault = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG207',
  name: 'secret-key-env-default',
  severity: 'high',
  fix: "Drop the default so a missing key stops the start: SECRET_KEY = os.environ['DJANGO_SECRET_KEY'] (or env('DJANGO_SECRET_KEY')).",
  docs: {
    summary: 'SECRET_KEY is read from the environment with a literal string default.',
    whatItDoes:
      'Reports when SECRET_KEY comes from an env read whose default in the code is a non-empty string literal. When the production env profile leaves the variable unset, the committed default is the effective key and the finding is critical. The finding carries the hash of the default so it links to the history finding for the same key; the value is never printed.',
    whyBad:
      'The default is committed, so whoever can read the repository knows it, and any deployment that forgets the variable (a new host, a cron container, a review app) silently runs with it and accepts forged sessions and reset tokens. Severity high (critical when the default is what production uses).',
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '{{secret:django-key}}')\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
    },
    useInstead:
      'A required read with no default in the production settings (`os.environ[...]`, `env(...)` without default, decouple `config(...)` without default). Keep convenience defaults in local/test settings only.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key',
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key',
    ],
  },
  check(ctx) {
    const key = ctx.setting('SECRET_KEY');
    const envVar = key.provenance?.envVar;
    if (key.isDefault || envVar === undefined || !key.provenance) return [];
    const at = key.provenance;
    const reads = ctx.snapshot.envReads.filter((r) => r.name === envVar);
    // The read that produced the value (same line); another read of the same variable elsewhere
    // (say, a development branch) says nothing about this one.
    const read =
      reads.find((r) => r.file === at.file && r.line === at.line) ??
      (reads.length === 1 ? reads[0] : undefined);
    const defaultText = read?.defaultText ?? (at.usedDefault ? at.defaultText : undefined);
    if (defaultText === undefined) return [];
    const literal = parsePythonStringLiteral(defaultText);
    if (literal === undefined || literal === '') return [];
    const inEffect = at.usedDefault === true;
    return [
      {
        message: inEffect
          ? `SECRET_KEY reads env ${envVar}, which the production environment does not set, so the committed default (${Array.from(literal).length} chars, at ${at.file}:${at.line}) is the key in use`
          : `SECRET_KEY reads env ${envVar} with a committed literal default (${Array.from(literal).length} chars, at ${at.file}:${at.line}): any deployment without ${envVar} runs with a public key`,
        setting: 'SECRET_KEY',
        severity: inEffect ? 'critical' : 'high',
        secretHash: hashSecret(literal),
      },
    ];
  },
});
