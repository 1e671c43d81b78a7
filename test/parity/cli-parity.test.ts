// Differential test: OUR CLI, run the way a user runs it, must report the same in-scope Django ids
// as real Django did for every parity case and version (expected.json). Known divergences are
// listed in known-divergences.json and must STILL differ, so fixing one forces removing its entry.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ORACLE_VERSIONS,
  REPO_ROOT,
  loadParityCases,
  mapWithConcurrency,
  readExpected,
  toComparableIds,
  type OracleVersion,
  type ParityCase,
} from './oracle';
import { findDivergence, readKnownDivergences } from './known-divergences';

const CLI = path.join(REPO_ROOT, 'dist/cli/index.js');

interface CliFinding {
  readonly ruleId: string;
  readonly suppressed?: unknown;
}

interface CliRun {
  readonly ids: readonly string[];
  readonly argv: readonly string[];
}

/** The argv a user would type for this case; env values come from case.json. */
function cliArgvFor(parityCase: ParityCase, version: OracleVersion): string[] {
  const argv = [
    CLI,
    'scan',
    parityCase.dir,
    '--history',
    'off',
    '--settings-module',
    parityCase.module,
    '--django-version',
    version,
  ];
  // Module roots are relative to the scanned directory and replace the CLI's default (PATH and
  // PATH/src), so the case root comes too.
  if (parityCase.pythonPath.length > 0) {
    for (const root of ['.', ...parityCase.pythonPath]) argv.push('--python-path', root);
  }
  for (const [key, value] of Object.entries(parityCase.env)) argv.push('--env', `${key}=${value}`);
  argv.push('--format', 'json', '--fail-on', 'never');
  return argv;
}

function runCli(parityCase: ParityCase, version: OracleVersion): Promise<CliRun> {
  const argv = cliArgvFor(parityCase, version);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      argv,
      { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => {
        const shown = `node ${argv.join(' ')}`;
        if (error) {
          reject(
            new Error(`${shown} failed (--fail-on never must exit 0): ${error.message}\n${stderr}`),
          );
          return;
        }
        let report: { findings?: CliFinding[] };
        try {
          report = JSON.parse(stdout) as { findings?: CliFinding[] };
        } catch {
          reject(new Error(`${shown} did not print JSON:\n${stdout}\n${stderr}`));
          return;
        }
        if (!Array.isArray(report.findings)) {
          reject(new Error(`${shown}: JSON without a findings array`));
          return;
        }
        const ids = report.findings
          .filter((finding) => finding.suppressed === undefined)
          .map((finding) => finding.ruleId);
        resolve({ ids: toComparableIds(ids), argv });
      },
    );
  });
}

const cases = loadParityCases();
const divergences = readKnownDivergences();

describe('CLI parity with real Django', () => {
  it('has the built CLI to run (npm run build)', () => {
    expect(existsSync(CLI), `${CLI} is missing: run npm run build`).toBe(true);
  });

  const runs = new Map<string, CliRun | Error>();

  beforeAll(async () => {
    const jobs = cases.flatMap((parityCase) =>
      parityCase.versions.map((version) => ({ parityCase, version })),
    );
    await mapWithConcurrency(jobs, 2, async ({ parityCase, version }) => {
      const run = await runCli(parityCase, version).catch((error: unknown) =>
        error instanceof Error ? error : new Error(String(error)),
      );
      runs.set(`${parityCase.name}@${version}`, run);
    });
    for (const version of ORACLE_VERSIONS) {
      const compared = cases.filter((parityCase) => parityCase.versions.includes(version));
      const known = divergences.filter((entry) => entry.version === version).length;
      console.log(`cli parity: ${version} — ${compared.length} cases, ${known} known divergences`);
    }
  }, 900_000);

  it('lists only existing cases and compared versions in known-divergences.json', () => {
    for (const entry of divergences) {
      const parityCase = cases.find((c) => c.name === entry.case);
      expect(parityCase, `known divergence for unknown case ${entry.case}`).toBeDefined();
      expect(parityCase?.versions, `${entry.case} is not compared on ${entry.version}`).toContain(
        entry.version,
      );
    }
    const keys = divergences.map((entry) => `${entry.case}@${entry.version}`);
    expect(new Set(keys).size, 'duplicate known divergences').toBe(keys.length);
  });

  describe.each(ORACLE_VERSIONS)('--django-version %s', (version) => {
    const compared = cases.filter((c) => c.versions.includes(version));
    it.each(compared.map((c) => [c.name, c] as const))(
      '%s matches real Django',
      (_name, parityCase) => {
        const run = runs.get(`${parityCase.name}@${version}`);
        if (run === undefined) throw new Error('the CLI did not run');
        if (run instanceof Error) throw run;
        const expected = readExpected(parityCase)[version];
        const divergence = findDivergence(divergences, parityCase.name, version);
        const context = `node ${run.argv.join(' ')}\n${parityCase.description}`;
        if (divergence === undefined) {
          expect(run.ids, context).toEqual(expected);
        } else {
          expect(
            run.ids,
            `fixed? remove the known divergence (${divergence.reason})\n${context}`,
          ).not.toEqual(expected);
        }
      },
    );
  });
});
