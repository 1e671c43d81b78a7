import { isSetInModule } from '../../hardening/support';
import type { SettingsFixProducer } from '../types';
import { envRead, envReaderFor, setSettingEdits } from '../settings-edit';

/**
 * CORS open to every origin (DDG210, with credentials DDG211): allow-all off, and the trusted
 * origins from the environment when the settings don't list them yet.
 */
export const fixCorsAllowAllOrigins: SettingsFixProducer = ({ match, ctx }) => {
  const name = match.setting ?? 'CORS_ALLOW_ALL_ORIGINS';
  const allowAll = ctx.setting(name);
  if (allowAll.isDefault || allowAll.provenance === undefined) return undefined;
  const listed =
    isSetInModule(ctx, 'CORS_ALLOWED_ORIGINS') || isSetInModule(ctx, 'CORS_ORIGIN_WHITELIST');
  const envVar = 'DJANGO_CORS_ALLOWED_ORIGINS';
  const reader = listed ? undefined : envReaderFor(ctx, true);
  const following =
    reader === undefined ? [] : [`CORS_ALLOWED_ORIGINS = ${envRead(reader.style, 'list', envVar)}`];
  const edits = setSettingEdits(ctx, allowAll, [`${name} = False`], {
    following,
    imports: reader?.imports ?? [],
  });
  if (!edits) return undefined;
  return {
    description:
      reader === undefined
        ? `${name} = False (CORS_ALLOWED_ORIGINS lists the origins)`
        : `${name} = False, and CORS_ALLOWED_ORIGINS read from ${envVar}`,
    edits,
    ...(reader === undefined
      ? {}
      : {
          envVars: [envVar],
          instructions: [
            `Set ${envVar} in production to the front-end origins, e.g. https://app.example.com.`,
          ],
        }),
  };
};
