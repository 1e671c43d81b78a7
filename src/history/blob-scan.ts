import { redactedEvidence } from '../core/finding';
import type { Severity } from '../core/types';
import { runSecretRules, toSecretFinding, valuesToMask, type HitOverflow } from '../secrets/detect';
import type { NormalisedView } from '../secrets/normalise';
import type { SecretRule } from '../secrets/rule';

/**
 * Scanning one blob's text, and what is remembered of it. Pure.
 *
 * A blob may appear under several paths. Content rules (no `appliesToPath`) run once, with the
 * first path the blob was seen under; a rule whose detector also looks at the path (e.g. to lower
 * the severity in test settings) therefore sees that first path. Path rules (`appliesToPath`, e.g.
 * `.env` files) run once per rule for the first path they apply to, and their hits count only at
 * the paths they apply to.
 */

/** A detector hit with the secret already gone: safe to cache and serialise. */
export interface HitRecord {
  ruleId: string;
  line: number;
  endLine?: number;
  column?: number;
  message: string;
  severity: Severity;
  secretHash: string;
  /** Redacted (first characters and length), path-independent. */
  evidence: string;
  fix?: string;
  inlineIgnore?: string;
  /** The value passed its format's own validation (`SecretMatch.validated`). */
  validated?: boolean;
}

export interface BlobScan {
  /** Hits of content rules. */
  c: HitRecord[];
  /** Hits of path rules, by rule id; a key is present once that rule has run on the blob. */
  p?: Record<string, HitRecord[]>;
}

/** Identity of one secret across blobs: rule + secret hash. */
export function secretKey(ruleId: string, secretHash: string): string {
  return `${ruleId}\u0000${secretHash}`;
}

export function isPathRule(rule: SecretRule): boolean {
  return typeof rule.appliesToPath === 'function';
}

/** Path rules that apply to one of `paths` and haven't run on this blob yet. */
export function missingPathRules(
  scan: BlobScan | undefined,
  paths: readonly string[],
  pathRules: readonly SecretRule[],
): SecretRule[] {
  return pathRules.filter(
    (rule) =>
      scan?.p?.[rule.id] === undefined && paths.some((path) => rule.appliesToPath?.(path) === true),
  );
}

/** A detected value: its identity (for the range byte search) and what to mask. */
export interface DetectedSecret {
  identity: string;
  mask: readonly string[];
}

/**
 * Completes `previous` (or starts a new scan) for a blob seen under `paths`. `secrets` receives
 * each detected value by `secretKey` (rule + hash), for masking and for the byte search that
 * tells a range's new secret from an old one; it is never serialised.
 */
export function scanBlobText(
  content: string,
  paths: readonly string[],
  rules: readonly SecretRule[],
  previous: BlobScan | undefined,
  secrets: Map<string, DetectedSecret>,
  /** The rules' keywords present in `content`, when already known (see secrets/prefilter.ts). */
  keywords?: ReadonlySet<string>,
  /** Counts hits past the per-line and per-file limits (secrets/detect.ts). */
  overflow?: HitOverflow,
  /** Receives how many of the content rules' hits (the last of `c`) were found in views. */
  inViews?: { count: number },
  /** The text's normalised views at `paths[0]`, when already known. */
  views?: readonly NormalisedView[],
): BlobScan {
  const firstPath = paths[0] ?? '';
  const scan: BlobScan = previous
    ? { c: previous.c, ...(previous.p ? { p: { ...previous.p } } : {}) }
    : { c: [] };
  if (!previous) {
    const contentRules = rules.filter((rule) => !isPathRule(rule));
    const raws = runSecretRules(
      { path: firstPath, content },
      contentRules,
      keywords,
      overflow,
      'all',
      undefined,
      views,
    );
    if (inViews) inViews.count = raws.filter((raw) => raw.inView).length;
    scan.c = toHits(raws, secrets);
  }
  for (const rule of missingPathRules(previous, paths, rules.filter(isPathRule))) {
    const path = paths.find((candidate) => rule.appliesToPath?.(candidate) === true) ?? firstPath;
    scan.p ??= {};
    scan.p[rule.id] = toHits(
      runSecretRules({ path, content }, [rule], keywords, overflow),
      secrets,
    );
  }
  return scan;
}

/** Hit records of raw hits; each value goes into `secrets` (never serialised). */
export function toHits(
  raws: ReturnType<typeof runSecretRules>,
  secrets: Map<string, DetectedSecret>,
): HitRecord[] {
  return raws.map((raw) => {
    secrets.set(secretKey(raw.rule.id, raw.secretHash), {
      identity: raw.match.secret,
      mask: valuesToMask(raw),
    });
    const finding = toSecretFinding(raw);
    const hit: HitRecord = {
      ruleId: raw.rule.id,
      line: finding.line,
      message: finding.message,
      severity: finding.severity,
      secretHash: raw.secretHash,
      evidence: redactedEvidence(raw.match.secret),
    };
    if (finding.endLine !== undefined) hit.endLine = finding.endLine;
    if (finding.column !== undefined) hit.column = finding.column;
    if (finding.fix !== undefined) hit.fix = finding.fix;
    if (raw.inlineIgnore !== undefined) hit.inlineIgnore = raw.inlineIgnore;
    if (raw.match.validated) hit.validated = true;
    return hit;
  });
}
