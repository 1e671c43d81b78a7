import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ORACLE_VERSIONS, REPO_ROOT, type OracleVersion } from './oracle';

/**
 * Where we knowingly differ from real Django, with the reason. Both parity tests (in process and
 * through the CLI) read this one list, and each entry must STILL differ, so a fix forces removing
 * its entry.
 */
export const KNOWN_DIVERGENCES_FILE = path.join(REPO_ROOT, 'test/parity/known-divergences.json');

export interface KnownDivergence {
  readonly case: string;
  readonly version: OracleVersion;
  readonly reason: string;
}

export function readKnownDivergences(): KnownDivergence[] {
  if (!existsSync(KNOWN_DIVERGENCES_FILE)) return [];
  const raw: unknown = JSON.parse(readFileSync(KNOWN_DIVERGENCES_FILE, 'utf8'));
  if (!Array.isArray(raw)) throw new Error('known-divergences.json must be an array');
  return raw.map((entry: unknown, index) => {
    const item = entry as Partial<Record<keyof KnownDivergence, unknown>>;
    if (
      typeof item.case !== 'string' ||
      typeof item.version !== 'string' ||
      !(ORACLE_VERSIONS as readonly string[]).includes(item.version) ||
      typeof item.reason !== 'string' ||
      item.reason.trim() === ''
    ) {
      throw new Error(`known-divergences.json[${index}] needs case, version (X.Y) and a reason`);
    }
    return { case: item.case, version: item.version as OracleVersion, reason: item.reason };
  });
}

export function findDivergence(
  divergences: readonly KnownDivergence[],
  name: string,
  version: string,
): KnownDivergence | undefined {
  return divergences.find((entry) => entry.case === name && entry.version === version);
}
