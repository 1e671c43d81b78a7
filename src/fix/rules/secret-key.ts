import type { SettingsFixProducer } from '../types';
import { envRead, envReaderFor, setSettingEdits } from '../settings-edit';

/**
 * A SECRET_KEY written in the settings (DDG206, a known placeholder DDG208, too weak W009), or
 * read with a committed default (DDG207): an env read with no default, so a missing key stops
 * the start. The new line never holds the key; the old one is rotated by hand.
 */
export const fixSecretKey: SettingsFixProducer = ({ ctx }) => {
  const key = ctx.setting('SECRET_KEY');
  const at = key.provenance;
  if (key.isDefault || at === undefined) return undefined;
  // A weak key the environment gives (not the code's default) is the deployment's to change.
  if (at.envVar !== undefined && !at.usedDefault) return undefined;
  // A key generated at start (a fresh one per process) is DDG209's, and needs a stored key.
  const envVar = at.envVar ?? 'DJANGO_SECRET_KEY';
  const reader = envReaderFor(ctx);
  const edits = setSettingEdits(
    ctx,
    key,
    [`SECRET_KEY = ${envRead(reader.style, 'str', envVar)}`],
    {
      imports: reader.imports,
    },
  );
  if (!edits) return undefined;
  return {
    description: `SECRET_KEY read from ${envVar}, with no default`,
    edits,
    envVars: [envVar],
    instructions: [
      `Rotate the key: generate a new one (python -c "from django.core.management.utils import get_random_secret_key as g; print(g())") and set ${envVar} in the production environment.`,
      'Keep the old key in SECRET_KEY_FALLBACKS (read from the environment too, Django 4.1+) only while existing sessions and signed links must stay valid, then remove it: it is in the git history for good.',
    ],
  };
};
