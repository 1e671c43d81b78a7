import type { SettingsFixProducer } from '../types';
import { envRead, envReaderFor, setSettingEdits } from '../settings-edit';

/** ALLOWED_HOSTS with '*' (DDG201): the host names from the environment, as a list, no default. */
export const fixAllowedHostsWildcard: SettingsFixProducer = ({ ctx }) => {
  const hosts = ctx.setting('ALLOWED_HOSTS');
  // A bare str with '*' comes from an env value without a split: same fix, same variable.
  if (hosts.isDefault || hosts.provenance === undefined) return undefined;
  const envVar = hosts.provenance.envVar ?? 'DJANGO_ALLOWED_HOSTS';
  const reader = envReaderFor(ctx, true);
  const edits = setSettingEdits(
    ctx,
    hosts,
    [`ALLOWED_HOSTS = ${envRead(reader.style, 'list', envVar)}`],
    { imports: reader.imports },
  );
  if (!edits) return undefined;
  return {
    description: `ALLOWED_HOSTS read from ${envVar} (comma-separated host names), with no default`,
    edits,
    envVars: [envVar],
    instructions: [
      `Set ${envVar} in production to the site's host names, e.g. example.com,.example.com.`,
    ],
  };
};
