import { createFinding, type FindingIdentity } from '../core/finding';
import { hashSecret } from '../core/fingerprint';
import { inlineIgnoreReason } from '../core/inline-ignore';
import { isSecretLike } from '../core/redactor';
import type { Finding, Severity } from '../core/types';
import { isGeneratedValue } from './generated-values';
import { withHitContext } from './hit-context';
import { isFilePathValue, isPlaceholderValue } from './placeholders';
import { normalisedViews, type NormalisedView } from './normalise';
import type { SecretMatch, SecretRule, TextFile } from './rule';

/** A detector hit before it becomes a Finding. Holds the secret: never serialise it. */
export interface RawSecret {
  rule: SecretRule;
  match: SecretMatch;
  path: string;
  severity: Severity;
  secretHash: string;
  /** Reason from a `deploy-guard: ignore[...]` comment on the matched line. */
  inlineIgnore?: string;
  /** Found in a normalised view of the text, not in the text itself. */
  inView?: true;
}

/** One case-insensitive pass that finds which of the rules' keywords occur in a text. */
const keywordMatchers = new WeakMap<readonly SecretRule[], RegExp>();

function keywordsPresent(content: string, rules: readonly SecretRule[]): Set<string> {
  let matcher = keywordMatchers.get(rules);
  if (!matcher) {
    const all = [...new Set(rules.flatMap((rule) => rule.keywords ?? []))];
    const escaped = all.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    matcher = new RegExp(escaped.length > 0 ? escaped.join('|') : '(?!)', 'gi');
    keywordMatchers.set(rules, matcher);
  }
  const present = new Set<string>();
  matcher.lastIndex = 0;
  for (let m = matcher.exec(content); m !== null; m = matcher.exec(content)) {
    present.add(m[0].toLowerCase());
    // Step one character, not past the match, so a keyword overlapping another is still seen.
    matcher.lastIndex = m.index + 1;
  }
  return present;
}

/**
 * Hits processed per line and per file: each hit costs a look at its line (comment context,
 * inline ignore) and a finding downstream, so a line or file packed with tokens would cost their
 * product. Past either limit the rest are counted, not processed.
 */
export const MAX_HITS_PER_LINE = 20;
export const MAX_HITS_PER_FILE = 200;

/** Hits left unprocessed past the limits above, counted across calls for a note. */
export interface HitOverflow {
  skipped: number;
  /** Paths of the files that had skipped hits (the first few). */
  paths: string[];
}

export function createHitOverflow(): HitOverflow {
  return { skipped: 0, paths: [] };
}

/**
 * Runs every applicable rule over one file: keyword prefilter, then the rule's own detector.
 * `keywords`: the rules' keywords present in the file when the caller already knows them (the
 * history scan finds them on the raw bytes, see prefilter.ts). Hits past MAX_HITS_PER_LINE or
 * MAX_HITS_PER_FILE are counted in `overflow`, not returned.
 */
export function runSecretRules(
  file: TextFile,
  rules: readonly SecretRule[],
  keywords?: ReadonlySet<string>,
  overflow?: HitOverflow,
  /** `direct`: the rules on the text only; `views`: only on its normalised views (see below). */
  part: 'all' | 'direct' | 'views' = 'all',
  /** For `views`: whether a rule's value was already found in the text itself (by hash). */
  foundDirectly?: (ruleId: string, secretHash: string) => boolean,
  /** The text's normalised views when already known (history's version delta). */
  known?: readonly NormalisedView[],
): RawSecret[] {
  // One pass for all keywords instead of lower-casing the file and searching it once per keyword.
  const present = keywords ?? keywordsPresent(file.content, rules);
  let lines: string[] | undefined;
  const found: RawSecret[] = [];
  const perLine = new Map<number, number>();
  let skipped = 0;
  const seen = new Set<string>();
  const record = (rule: SecretRule, detected: SecretMatch): void => {
    const onLine = (perLine.get(detected.line) ?? 0) + 1;
    perLine.set(detected.line, onLine);
    if (onLine > MAX_HITS_PER_LINE || found.length >= MAX_HITS_PER_FILE) {
      skipped++;
      return;
    }
    lines ??= file.content.split(/\r\n|\r|\n/);
    // Comment, test, CI, docs and vendored contexts cap the severity (src/secrets/hit-context.ts).
    const match = withHitContext(file.path, rule, detected, lines[detected.line - 1], lines);
    const inlineIgnore = inlineIgnoreReason(lines[match.line - 1], rule.id);
    seen.add(`${rule.id}\u0000${match.secret}`);
    found.push({
      rule,
      match,
      path: file.path,
      severity: match.severity ?? rule.severity,
      secretHash: hashSecret(match.secret),
      ...(inlineIgnore !== undefined ? { inlineIgnore } : {}),
    });
  };
  const withKeywords: TextFile = { path: file.path, content: file.content, keywords: present };
  for (const rule of part === 'views' ? [] : rules) {
    if (rule.appliesToPath && !rule.appliesToPath(file.path)) continue;
    if (rule.keywords && !rule.keywords.some((keyword) => present.has(keyword))) continue;
    for (const detected of rule.detect(withKeywords)) record(rule, detected);
  }
  // The same rules over the values the file's written forms denote (joined literals, escapes,
  // YAML block scalars, `ENV K v`…), each hit placed where its value was written; a value the
  // rule found in the text itself is not reported again.
  const views =
    present.size === 0 || part === 'direct'
      ? []
      : (known ?? normalisedViews(file.path, file.content));
  for (const view of views) {
    const inView = keywordsPresent(view.content, rules);
    const viewFile: TextFile = { path: view.path, content: view.content, keywords: inView };
    for (const rule of rules) {
      if (rule.appliesToPath) continue;
      if (rule.keywords && !rule.keywords.some((keyword) => inView.has(keyword))) continue;
      for (const detected of rule.detect(viewFile)) {
        if (seen.has(`${rule.id}\u0000${detected.secret}`)) continue;
        if (foundDirectly?.(rule.id, hashSecret(detected.secret))) continue;
        const origin = view.origins[detected.line - 1];
        if (!origin) continue;
        const placed: SecretMatch = { ...detected, line: origin.line, column: origin.column };
        delete placed.endLine;
        const before = found.length;
        record(rule, placed);
        if (found.length > before) found[found.length - 1]!.inView = true;
      }
    }
  }
  if (skipped > 0 && overflow) {
    overflow.skipped += skipped;
    if (overflow.paths.length < 10 && !overflow.paths.includes(file.path))
      overflow.paths.push(file.path);
  }
  return found;
}

/** The note for hits left unprocessed, or undefined when there were none. */
export function describeHitOverflow(overflow: HitOverflow): string | undefined {
  if (overflow.skipped === 0) return undefined;
  return `${overflow.skipped} more secret hit(s) past the limits of ${MAX_HITS_PER_LINE} per line and ${MAX_HITS_PER_FILE} per file were not processed (in ${overflow.paths.join(', ')}${overflow.paths.length >= 10 ? ', …' : ''})`;
}

/**
 * The values to hand to the redactor and `core.setSecret` for a hit (never printed, never
 * serialised): only values the detector judged to be secrets. A default credential
 * (`postgres`), a placeholder, a command that generates a key, a file path or a value that fails
 * the strength test is reported (so it gets fixed) but never registered: masking it would blank
 * that text from every log line and report (src/core/redactor.ts keeps words out as well).
 */
export function valuesToMask(raw: RawSecret): readonly string[] {
  if (raw.match.defaultCredential) return [];
  return (raw.match.maskValues ?? [raw.match.secret]).filter(isMaskableSecret);
}

/** A value that may be registered for masking: not a stand-in, a generator or a path. */
export function isMaskableSecret(value: string): boolean {
  return (
    !isPlaceholderValue(value) &&
    !isGeneratedValue(value) &&
    !isFilePathValue(value) &&
    isSecretLike(value.trim())
  );
}

/** A secret is its value; a file that is itself the problem (a committed `.env`) is its path. */
export function secretIdentity(
  rule: SecretRule,
  path: string,
  secretHash: string,
): FindingIdentity {
  return rule.identity === 'path'
    ? { kind: 'path', ruleId: rule.id, file: path }
    : { kind: 'secret', secretHash };
}

/** Turns a raw hit in a checked-out file into a Finding (redacted: the value is not kept). */
export function toSecretFinding(raw: RawSecret): Finding {
  return createFinding({
    rule: raw.rule,
    identity: secretIdentity(raw.rule, raw.path, raw.secretHash),
    source: 'tree',
    file: raw.path,
    line: raw.match.line,
    ...(raw.match.endLine !== undefined ? { endLine: raw.match.endLine } : {}),
    ...(raw.match.column !== undefined ? { column: raw.match.column } : {}),
    message: raw.match.message,
    severity: raw.severity,
    ...(raw.match.fix !== undefined ? { fix: raw.match.fix } : {}),
    secret: raw.match.secret,
    secretHash: raw.secretHash,
    ...(raw.inlineIgnore !== undefined
      ? { suppressed: { kind: 'inline', reason: raw.inlineIgnore } }
      : {}),
  });
}
