import type { FixEdit } from '../../core/types';
import { COMMON_MIDDLEWARE, CORS_MIDDLEWARE, WHITENOISE_MIDDLEWARE } from '../../hardening/support';
import { firstKid, nextKid } from '../../settings/python/parse';
import { findTopLevelAssignment, pyString } from '../python-source';
import { setSettingEdits } from '../settings-edit';
import type { SettingsFixProducer } from '../types';

/**
 * CorsMiddleware after CommonMiddleware or WhiteNoiseMiddleware (DDG214). In a MIDDLEWARE list
 * written one entry per line in the production module, its line moves up above them; a list
 * from a base module is overridden in the production module with CorsMiddleware first (as high
 * as possible, django-cors-headers' advice), keeping the base's other entries in their order.
 */
export const fixCorsMiddlewareMisplaced: SettingsFixProducer = ({ ctx }) => {
  const middleware = ctx.middleware();
  if (middleware === undefined) return undefined;
  const cors = middleware.indexOf(CORS_MIDDLEWARE);
  if (cors === -1) return undefined;
  const setting = ctx.setting('MIDDLEWARE');
  const at = setting.provenance;
  if (setting.isDefault || at === undefined) return undefined;
  if (at.file === ctx.snapshot.file) {
    const edit = moveLineUp(ctx.files.read(at.file), at.file, at.line, middleware, cors);
    return edit
      ? {
          description: `${CORS_MIDDLEWARE} moved above the middleware that answers first`,
          edits: [edit],
        }
      : undefined;
  }
  const cors_ = pyString(CORS_MIDDLEWARE);
  const edits = setSettingEdits(ctx, setting, [
    `MIDDLEWARE = [${cors_}] + [m for m in MIDDLEWARE if m != ${cors_}]`,
  ]);
  return edits
    ? {
        description: `${CORS_MIDDLEWARE} first in MIDDLEWARE (an override of the base list)`,
        edits,
      }
    : undefined;
};

/** The reordering as one line edit, when each entry of the list literal sits on its own line. */
function moveLineUp(
  source: string | undefined,
  file: string,
  line: number,
  middleware: readonly string[],
  cors: number,
): FixEdit | undefined {
  if (source === undefined) return undefined;
  const span = findTopLevelAssignment(source, file, line, 'MIDDLEWARE');
  if (span === undefined) return undefined;
  const value = nextKid(nextKid(firstKid(span.node)));
  if (value?.name !== 'ArrayExpression' && value?.name !== 'TupleExpression') return undefined;
  const itemLines: number[] = [];
  for (let item = firstKid(value); item; item = nextKid(item)) {
    if (item.name === 'String') itemLines.push(span.parsed.lineAt(item.from));
    else if (!['[', ']', '(', ')', ','].includes(item.name)) return undefined;
  }
  // One entry per line, each the evaluated entry at the same index.
  if (itemLines.length !== middleware.length || new Set(itemLines).size !== itemLines.length)
    return undefined;
  const first = middleware.findIndex(
    (m, i) => i < cors && (m === COMMON_MIDDLEWARE || m === WHITENOISE_MIDDLEWARE),
  );
  if (first === -1) return undefined;
  const from = itemLines[first]!;
  const to = itemLines[cors]!;
  const lines = source.split(/\r\n|\r|\n/);
  const corsLine = lines[to - 1]!;
  if (!corsLine.trimEnd().endsWith(',') && to !== itemLines.at(-1)) return undefined;
  const moved = corsLine.trimEnd().endsWith(',') ? corsLine : `${corsLine.trimEnd()},`;
  const between = lines.slice(from - 1, to - 1);
  // The entry that becomes last keeps working without a trailing comma only if it had one.
  if (to === itemLines.at(-1) && !between.at(-1)!.trimEnd().endsWith(',')) return undefined;
  return { kind: 'replace', file, startLine: from, endLine: to, lines: [moved, ...between] };
}
