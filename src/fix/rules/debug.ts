import type { SettingsFixProducer } from '../types';
import { envRead, envReaderFor, setSettingEdits } from '../settings-edit';

/**
 * DEBUG on (security.W018), or read from the environment without a bool cast (DDG204): an env
 * read with a bool cast and a False default, in the project's own env library.
 */
export const fixDebug: SettingsFixProducer = ({ ctx }) => {
  const debug = ctx.setting('DEBUG');
  const envVar = debug.provenance?.envVar ?? 'DJANGO_DEBUG';
  const reader = envReaderFor(ctx);
  const edits = setSettingEdits(
    ctx,
    debug,
    [`DEBUG = ${envRead(reader.style, 'bool', envVar, 'False')}`],
    { imports: reader.imports },
  );
  if (!edits) return undefined;
  return {
    description: `DEBUG read from ${envVar} with a bool cast, off unless it says True`,
    edits,
  };
};
