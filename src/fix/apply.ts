import type { Autofix, Finding, FixEdit } from '../core/types';

/**
 * Applying fixes to text, and showing them as a unified diff. Pure: file contents in, new
 * contents and diff text out (the CLI reads and writes through the confined reader and writer).
 */

/** A finding's fix, with the finding it fixes. */
export interface PlannedFix {
  finding: Finding;
  autofix: Autofix;
}

/**
 * The fixes to apply: unsuppressed current findings with a fix, optionally only those of `rules`.
 * A finding hidden by an inline ignore, the config or a baseline was accepted: not fixed.
 */
export function planFixes(findings: readonly Finding[], rules?: ReadonlySet<string>): PlannedFix[] {
  return findings.flatMap((finding) =>
    finding.autofix &&
    !finding.suppressed &&
    // A project rule folded into Django's check (an alias) still selects its fix.
    (!rules || rules.has(finding.ruleId) || (finding.aliases ?? []).some((id) => rules.has(id)))
      ? [{ finding, autofix: finding.autofix }]
      : [],
  );
}

/** Every edit of `fixes`, by file, each distinct edit once (two rules of one problem share one). */
export function editsByFile(fixes: readonly PlannedFix[]): Map<string, FixEdit[]> {
  const byFile = new Map<string, FixEdit[]>();
  const seen = new Set<string>();
  for (const { autofix } of fixes) {
    for (const edit of autofix.edits) {
      const key = JSON.stringify(edit);
      if (seen.has(key)) continue;
      seen.add(key);
      const list = byFile.get(edit.file) ?? [];
      list.push(edit);
      byFile.set(edit.file, list);
    }
  }
  return byFile;
}

/** One change in old-line coordinates: lines `start..start+count-1` become `lines`. */
interface Block {
  /** 1-based first old line replaced; for a pure insertion, the line it goes before. */
  start: number;
  count: number;
  lines: string[];
}

export interface AppliedEdits {
  text: string;
  /** Edits left out because they overlap an earlier one in the same file. */
  conflicts: FixEdit[];
  blocks: Block[];
  oldLines: string[];
  newLines: string[];
}

interface SplitText {
  lines: string[];
  eol: string;
  finalNewline: boolean;
}

function splitText(text: string): SplitText {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r\n|\r|\n/);
  const finalNewline = text === '' || lines.at(-1) === '';
  if (finalNewline) lines.pop();
  return { lines, eol, finalNewline };
}

const isImportLine = (line: string | undefined) =>
  line !== undefined && /^(import |from \S+ import )/.test(line);

/**
 * Applies `edits` to `text`. Insertions after the same line are joined in order (imports first,
 * each distinct set of lines once); replacements that overlap another edit are left out and
 * returned as conflicts. The file's line ends are kept.
 */
export function applyEdits(text: string, edits: readonly FixEdit[]): AppliedEdits {
  const { lines, eol, finalNewline } = splitText(text);
  const conflicts: FixEdit[] = [];
  const replaces = edits
    .filter((e): e is FixEdit & { kind: 'replace' } => e.kind === 'replace')
    .sort((a, b) => a.startLine - b.startLine);
  const blocks: Block[] = [];
  let lastEnd = 0;
  for (const edit of replaces) {
    if (edit.startLine <= lastEnd || edit.endLine > lines.length || edit.startLine < 1) {
      conflicts.push(edit);
      continue;
    }
    blocks.push({
      start: edit.startLine,
      count: edit.endLine - edit.startLine + 1,
      lines: edit.lines,
    });
    lastEnd = edit.endLine;
  }
  const inserts = new Map<number, (FixEdit & { kind: 'insert' })[]>();
  for (const edit of edits) {
    if (edit.kind !== 'insert') continue;
    const covered = blocks.some(
      (b) => edit.afterLine >= b.start && edit.afterLine < b.start + b.count,
    );
    if (covered || edit.afterLine > lines.length || edit.afterLine < 0) {
      conflicts.push(edit);
      continue;
    }
    inserts.set(edit.afterLine, [...(inserts.get(edit.afterLine) ?? []), edit]);
  }
  for (const [afterLine, group] of inserts) {
    const ordered = [
      ...group.filter((e) => isImportLine(e.lines[0])),
      ...group.filter((e) => !isImportLine(e.lines[0])),
    ];
    const seen = new Set<string>();
    const joined: string[] = [];
    for (const edit of ordered) {
      const key = edit.lines.join('\n');
      if (seen.has(key)) continue;
      seen.add(key);
      joined.push(...edit.lines);
    }
    blocks.push({ start: afterLine + 1, count: 0, lines: joined });
  }
  // An insertion before line N comes before a replacement starting at N.
  blocks.sort((a, b) => a.start - b.start || a.count - b.count);
  const newLines: string[] = [];
  let next = 1;
  for (const block of blocks) {
    newLines.push(...lines.slice(next - 1, block.start - 1), ...block.lines);
    next = block.start + block.count;
  }
  newLines.push(...lines.slice(next - 1));
  const body = newLines.join(eol);
  return {
    text: newLines.length === 0 ? '' : finalNewline ? `${body}${eol}` : body,
    conflicts,
    blocks,
    oldLines: lines,
    newLines,
  };
}

const CONTEXT = 3;

/**
 * A unified diff (`git apply` reads it) of `applied` for `file`, with 3 lines of context; '' when
 * nothing changes.
 */
export function renderUnifiedDiff(file: string, applied: AppliedEdits): string {
  const { blocks, oldLines } = applied;
  const changed = blocks.filter((b) => b.count > 0 || b.lines.length > 0);
  if (changed.length === 0) return '';
  // Group blocks whose context would touch into one hunk.
  const hunks: Block[][] = [];
  for (const block of changed) {
    const current = hunks.at(-1);
    const previous = current?.at(-1);
    if (current && previous && block.start - (previous.start + previous.count) <= CONTEXT * 2)
      current.push(block);
    else hunks.push([block]);
  }
  const out = [`--- a/${file}`, `+++ b/${file}`];
  let shift = 0; // new line number minus old line number before the current hunk
  for (const hunk of hunks) {
    const first = hunk[0]!;
    const last = hunk.at(-1)!;
    const oldStart = Math.max(1, first.start - CONTEXT);
    const oldEnd = Math.min(oldLines.length, last.start + last.count - 1 + CONTEXT);
    const body: string[] = [];
    let oldLine = oldStart;
    let added = 0;
    let removed = 0;
    for (const block of hunk) {
      for (; oldLine < block.start; oldLine++) body.push(` ${oldLines[oldLine - 1]!}`);
      for (let i = 0; i < block.count; i++) body.push(`-${oldLines[block.start - 1 + i]!}`);
      body.push(...block.lines.map((line) => `+${line}`));
      oldLine = block.start + block.count;
      added += block.lines.length;
      removed += block.count;
    }
    for (; oldLine <= oldEnd; oldLine++) body.push(` ${oldLines[oldLine - 1]!}`);
    const oldCount = body.length - added;
    const newCount = body.length - removed;
    // An empty side starts at the line before it (`-0,0` for a new file's top).
    const oldFrom = oldCount === 0 ? oldStart - 1 : oldStart;
    const newFrom = newCount === 0 ? oldStart - 1 + shift : oldStart + shift;
    out.push(`@@ -${oldFrom},${oldCount} +${newFrom},${newCount} @@`, ...body);
    shift += added - removed;
  }
  return `${out.join('\n')}\n`;
}
