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

/**
 * Redacted evidence: at most the first 4 characters (fewer for short values), the length and the
 * fingerprint. Length is counted in code points.
 */
export function redact(value: string, fingerprint: string): string {
  const chars = Array.from(value);
  const shown = Math.min(4, Math.floor(chars.length / 4));
  const prefix = chars.slice(0, shown).join('');
  return `${prefix}… (${chars.length} chars, fp ${fingerprint.slice(0, 8)})`;
}
