/**
 * vitest's globalSetup: makes sure every oracle the tests compare with is installed, before any
 * test file starts, by running scripts/install-test-oracles.sh (the same script `.ci/run` runs)
 * with its progress lines on the terminal. When the caches are already complete it only checks
 * their stamps (no process is started), so a run of one test file stays fast.
 *
 * A group that cannot be installed (the Debian archive unreachable, not root) is handed to the
 * tests as unavailable with its reason: they skip, and the closing line lists each skipped group
 * with that reason (test/support/closing-line-reporter.ts reads DDG_ORACLES_UNAVAILABLE).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { envOracleRoot } from '../dotenv/oracle';
import { ORACLE_VERSIONS, REPO_ROOT, oracleCacheRoot } from '../parity/oracle';
import {
  ORACLE_GROUPS,
  parseOracleStatusFile,
  preCommitCacheRoot,
  type OracleGroup,
  type OracleStatuses,
} from './oracles';

export const UNAVAILABLE_ENV = 'DDG_ORACLES_UNAVAILABLE';

/** The stamps each installer writes last: present means a complete cache. */
function stampsOf(group: OracleGroup): string[] {
  switch (group) {
    case 'django':
      return ORACLE_VERSIONS.flatMap((v) => [
        path.join(oracleCacheRoot(), v, 'VERSION'),
        path.join(oracleCacheRoot(), v, 'BYTECODE'),
      ]);
    case 'env':
      return [
        path.join(envOracleRoot(), 'PACKAGES'),
        path.join(envOracleRoot(), 'usr/bin/docker-compose'),
      ];
    case 'pre-commit':
      return [path.join(preCommitCacheRoot(), 'bookworm', 'VERSION')];
  }
}

function runInstaller(groups: readonly OracleGroup[], statusFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'bash',
      [
        path.join(REPO_ROOT, 'scripts/install-test-oracles.sh'),
        '--status-file',
        statusFile,
        ...groups,
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`scripts/install-test-oracles.sh exited with ${code}`)),
    );
  });
}

export default async function setup(project: TestProject): Promise<void> {
  const missing = ORACLE_GROUPS.filter((group) => !stampsOf(group).every((f) => existsSync(f)));
  const statuses: OracleStatuses = Object.fromEntries(
    ORACLE_GROUPS.map((group) => [group, { available: true }]),
  );
  if (missing.length > 0) {
    process.stdout.write(
      `\nInstalling the test oracles (${missing.join(', ')}) from Debian into ~/.cache/django-deploy-guard (first run only):\n`,
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'ddg-oracles-'));
    try {
      const statusFile = path.join(dir, 'status.tsv');
      await runInstaller(missing, statusFile);
      Object.assign(statuses, parseOracleStatusFile(readFileSync(statusFile, 'utf8')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const unavailable = Object.fromEntries(
    Object.entries(statuses).flatMap(([group, status]) =>
      status.available ? [] : [[group, status.reason]],
    ),
  );
  if (Object.keys(unavailable).length > 0)
    process.env[UNAVAILABLE_ENV] = JSON.stringify(unavailable);
  project.provide('oracles', statuses);
}
