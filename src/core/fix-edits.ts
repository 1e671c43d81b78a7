import type { FixEdit } from './types';

/**
 * An edit as a replacement of whole lines, for channels that only replace (a pull-request
 * suggestion, a SARIF replacement): an insertion rewrites its anchor line as itself plus the new
 * lines (or, at the top of the file, the new lines plus line 1).
 */
export function asLineReplacement(edit: FixEdit): {
  file: string;
  startLine: number;
  endLine: number;
  lines: string[];
} {
  if (edit.kind === 'replace')
    return { file: edit.file, startLine: edit.startLine, endLine: edit.endLine, lines: edit.lines };
  if (edit.afterLine === 0)
    return { file: edit.file, startLine: 1, endLine: 1, lines: [...edit.lines, edit.anchor] };
  return {
    file: edit.file,
    startLine: edit.afterLine,
    endLine: edit.afterLine,
    lines: [edit.anchor, ...edit.lines],
  };
}
