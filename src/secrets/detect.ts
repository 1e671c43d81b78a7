import { createFinding, type FindingIdentity } from '../core/finding';
import { hashSecret } from '../core/fingerprint';
import { inlineIgnoreReason } from '../core/inline-ignore';
import type { Finding, Severity } from '../core/types';
import { withHitContext } from './hit-context';
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
 * Runs every applicable rule over one file: keyword prefilter, then the rule's own detector.
 * `keywords`: the rules' keywords present in the file when the caller already knows them (the
 * history scan finds them on the raw bytes, see prefilter.ts).
 */
export function runSecretRules(
  file: TextFile,
  rules: readonly SecretRule[],
  keywords?: ReadonlySet<string>,
): RawSecret[] {
  // One pass for all keywords instead of lower-casing the file and searching it once per keyword.
  const present = keywords ?? keywordsPresent(file.content, rules);
  let lines: string[] | undefined;
  const found: RawSecret[] = [];
  for (const rule of rules) {
    if (rule.appliesToPath && !rule.appliesToPath(file.path)) continue;
    if (rule.keywords && !rule.keywords.some((keyword) => present.has(keyword))) continue;
    for (const detected of rule.detect(file)) {
      lines ??= file.content.split(/\r\n|\r|\n/);
      // Comment, test, CI, docs and vendored contexts cap the severity (src/secrets/hit-context.ts).
      const match = withHitContext(file.path, rule, detected, lines[detected.line - 1]);
      const inlineIgnore = inlineIgnoreReason(lines[match.line - 1], rule.id);
      found.push({
        rule,
        match,
        path: file.path,
        severity: match.severity ?? rule.severity,
        secretHash: hashSecret(match.secret),
        ...(inlineIgnore !== undefined ? { inlineIgnore } : {}),
      });
    }
  }
  return found;
}

/** The values to hand to `core.setSecret` for a hit (never printed, never serialised). */
export function valuesToMask(raw: RawSecret): readonly string[] {
  return raw.match.maskValues ?? [raw.match.secret];
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
