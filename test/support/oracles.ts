/**
 * Which oracles this test run has: set once by test/support/oracles.setup.ts (vitest's
 * globalSetup, which runs scripts/install-test-oracles.sh) and read by the tests that need one.
 * A group the setup could not install is skipped with its reason; run without the setup (a bare
 * `vitest run` with another config), a test installs or fails as before.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';

export const ORACLE_GROUPS = ['django', 'env', 'pre-commit'] as const;
export type OracleGroup = (typeof ORACLE_GROUPS)[number];

export type OracleStatus = { available: true } | { available: false; reason: string };
export type OracleStatuses = Partial<Record<OracleGroup, OracleStatus>>;

declare module 'vitest' {
  export interface ProvidedContext {
    oracles: OracleStatuses;
  }
}

/** What the tests of `group` may rely on; available unless the setup said otherwise. */
export function oracleStatus(group: OracleGroup): OracleStatus {
  return inject('oracles')?.[group] ?? { available: true };
}

/** A describe/it title that carries the reason when the group is skipped. */
export function titleWithOracle(title: string, group: OracleGroup): string {
  const status = oracleStatus(group);
  return status.available
    ? title
    : `${title} [skipped: ${group} oracle unavailable: ${status.reason}]`;
}

/** `${XDG_CACHE_HOME:-~/.cache}/django-deploy-guard/<name>`, as the install scripts compute it. */
export function oracleCacheDir(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(
    env.XDG_CACHE_HOME || path.join(homedir(), '.cache'),
    'django-deploy-guard',
    name,
  );
}

/** scripts/install-pre-commit.sh's cache. */
export function preCommitCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.PRE_COMMIT_ORACLE_CACHE || oracleCacheDir('pre-commit', env);
}

/** Parses the status file scripts/install-test-oracles.sh writes (`GROUP\tok|unavailable\tWHY`). */
export function parseOracleStatusFile(text: string): OracleStatuses {
  const statuses: OracleStatuses = {};
  for (const line of text.split('\n')) {
    const [group, state, reason] = line.split('\t');
    if (!(ORACLE_GROUPS as readonly string[]).includes(group ?? '')) continue;
    statuses[group as OracleGroup] =
      state === 'ok'
        ? { available: true }
        : { available: false, reason: reason || 'not installed' };
  }
  return statuses;
}
