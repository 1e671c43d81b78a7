import { createHash } from 'node:crypto';

/**
 * Hashing helpers. `node:crypto` is pure computation, so the core may use it.
 * A secret is hashed once at birth; only the hash travels on.
 */

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A short, stable id from parts; never includes a secret in clear (pass its hash). */
export function fingerprintOf(...parts: string[]): string {
  return sha256Hex(parts.join('\u0000')).slice(0, 16);
}

/** Hash of a secret value, salted by purpose so it can't be matched against other tools' tables. */
export function hashSecret(value: string): string {
  return sha256Hex(`django-deploy-guard:secret:${value}`).slice(0, 32);
}

/** Shortest fingerprint prefix an allowlist or baseline entry may use. */
export const MIN_FINGERPRINT_PREFIX = 8;

/**
 * Finds what a written fingerprint names: the full one, or a prefix of at least 8 characters that
 * only one finding of the run starts with (reports show the full 16; people paste the first 8).
 */
export function matchFingerprint(
  written: string,
  fingerprints: readonly string[],
): { match: string } | { ambiguous: number } | { none: true } {
  return matchFindingFingerprint(
    written,
    fingerprints.map((fingerprint) => ({ fingerprint })),
  );
}

/**
 * matchFingerprint over findings, each of which answers to its own fingerprint and to its alias
 * fingerprints (a project rule folded into a Django check, src/core/same-problem.ts); the match
 * is always the finding's own fingerprint, so a prefix of a finding and of its alias is not
 * "ambiguous".
 */
export function matchFindingFingerprint(
  written: string,
  findings: readonly { fingerprint: string; aliasFingerprints?: readonly string[] }[],
): { match: string } | { ambiguous: number } | { none: true } {
  const owners = new Map<string, string>();
  for (const finding of findings) owners.set(finding.fingerprint, finding.fingerprint);
  for (const finding of findings)
    for (const alias of finding.aliasFingerprints ?? [])
      if (!owners.has(alias)) owners.set(alias, finding.fingerprint);
  const text = written.trim().toLowerCase();
  const exact = owners.get(text);
  if (exact !== undefined) return { match: exact };
  if (text.length < MIN_FINGERPRINT_PREFIX) return { none: true };
  const candidates = new Set(
    [...owners].filter(([fingerprint]) => fingerprint.startsWith(text)).map(([, owner]) => owner),
  );
  if (candidates.size === 1) return { match: [...candidates][0]! };
  return candidates.size > 1 ? { ambiguous: candidates.size } : { none: true };
}
