import type { Severity } from '../core/types';
import { uniqueCharCount } from './entropy';
import type { SecretMatch, TextFile } from './rule';
import { createLineIndex, linesMatching } from './text-lines';

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
  /** The format's own validation (a checksum): a value that passes is `validated`. */
  validate?(secret: string): boolean;
}

/** The `\n`-delimited line of `content` around `offset`. */
function lineAround(content: string, offset: number): string {
  const start = content.lastIndexOf('\n', offset) + 1;
  const end = content.indexOf('\n', offset);
  return content.slice(start, end === -1 ? undefined : end);
}

/** `[text, offset]` of each line holding `word`, or the whole content when no word is given. */
function searchedSpans(content: string, word: RegExp | undefined): [string, number][] {
  if (!word) return [[content, 0]];
  return linesMatching(content, word).map((line) => [line.text, line.offset]);
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
          // A span searched for its word is already the match's line.
          const line = format.onLinesWith ? text : lineAround(file.content, match.index);
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
        if (format.validate?.(secret)) hit.validated = true;
        found.push({ offset, match: hit });
      }
  }
  return found.sort((a, b) => a.offset - b.offset).map((entry) => entry.match);
}
