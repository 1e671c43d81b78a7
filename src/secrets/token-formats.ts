import type { Severity } from '../core/types';
import { uniqueCharCount } from './entropy';
import type { SecretMatch, TextFile } from './rule';
import { createLineIndex } from './text-lines';

/**
 * Vendor tokens recognised by their documented shape (a fixed prefix, an alphabet, a length). The
 * shape itself proves the value is a credential, so these rules need no name or strength test,
 * only a variety check that drops documentation stand-ins (`SG.xxxxxxxx…`).
 */

export interface TokenFormat {
  /** Global regex; group 0 is the secret unless `secretGroup` says otherwise. */
  pattern: RegExp;
  secretGroup?: number;
  /** Distinct characters the secret must have (documentation stand-ins have few). */
  minUnique: number;
  /** What was found, never the value: `SendGrid API key`. */
  describe(match: RegExpMatchArray): string;
  severity?(match: RegExpMatchArray): Severity | undefined;
  /** Extra test on the match and its line (e.g. a keyword that must be on the line). */
  accept?(match: RegExpMatchArray, line: string): boolean;
  /**
   * Global, case-insensitive word that must be on the line: the pattern then runs on those lines
   * only. For shapes that prove nothing alone (bare hex): running them over every file that
   * merely mentions the vendor was a quarter of a history scan's time.
   */
  onLinesWith?: RegExp;
}

/** `[text, offset]` of each line holding `word`, or the whole content when no word is given. */
function searchedSpans(content: string, word: RegExp | undefined): [string, number][] {
  if (!word) return [[content, 0]];
  const spans: [string, number][] = [];
  word.lastIndex = 0;
  for (let hit = word.exec(content); hit !== null; hit = word.exec(content)) {
    const start = content.lastIndexOf('\n', hit.index) + 1;
    const newline = content.indexOf('\n', hit.index);
    const end = newline === -1 ? content.length : newline;
    spans.push([content.slice(start, end), start]);
    word.lastIndex = end;
  }
  return spans;
}

/** Every match of `formats` in a file, sorted by position, one per distinct offset. */
export function detectTokenFormats(file: TextFile, formats: readonly TokenFormat[]): SecretMatch[] {
  const index = createLineIndex(file.content);
  const found: { offset: number; match: SecretMatch }[] = [];
  const seen = new Set<number>();
  for (const format of formats) {
    for (const [text, base] of searchedSpans(file.content, format.onLinesWith))
      for (const inSpan of text.matchAll(format.pattern)) {
        // Offsets in the whole file, whatever span was searched.
        const match = Object.assign(inSpan, { index: inSpan.index + base });
        const secret = match[format.secretGroup ?? 0] ?? '';
        if (secret === '' || uniqueCharCount(secret) < format.minUnique) continue;
        const offset = match.index + (format.secretGroup ? match[0].indexOf(secret) : 0);
        if (seen.has(offset)) continue;
        if (format.accept) {
          const lineStart = file.content.lastIndexOf('\n', match.index) + 1;
          const lineEnd = file.content.indexOf('\n', match.index);
          const line = file.content.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
          if (!format.accept(match, line)) continue;
        }
        seen.add(offset);
        const hit: SecretMatch = {
          line: index.lineAt(offset),
          column: index.columnAt(offset),
          secret,
          message: format.describe(match),
        };
        const severity = format.severity?.(match);
        if (severity !== undefined) hit.severity = severity;
        found.push({ offset, match: hit });
      }
  }
  return found.sort((a, b) => a.offset - b.offset).map((entry) => entry.match);
}
