// Records what real Django says about each parity case into its expected.json.
//   npx tsx test/parity/record-expected.ts            # every case
//   npx tsx test/parity/record-expected.ts case-a ... # only these
// expected.json is only ever written from real Django runs, never by hand.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ensureOracleInstalled,
  loadParityCases,
  mapWithConcurrency,
  oracleVersionsOf,
  runOracle,
  type ExpectedIds,
  type OracleRun,
  type ParityCase,
} from './oracle';

async function recordCase(parityCase: ParityCase): Promise<string> {
  const runs: OracleRun[] = [];
  for (const version of oracleVersionsOf(parityCase)) {
    runs.push(await runOracle(parityCase, version));
  }
  const expected: ExpectedIds = { djangoVersions: {} };
  const summary: string[] = [];
  for (const run of runs) {
    expected.djangoVersions[run.version] = run.djangoVersion;
    if (run.crash !== null) {
      summary.push(`${run.version}: crash (${run.crash.split('\n')[0] ?? ''})`);
      continue;
    }
    expected[run.version] = [...run.ids];
    summary.push(`${run.version}: ${run.ids.join(' ') || '(none)'}`);
  }
  const ordered = {
    ...Object.fromEntries(parityCase.versions.map((version) => [version, expected[version]])),
    djangoVersions: expected.djangoVersions,
  };
  writeFileSync(
    path.join(parityCase.dir, 'expected.json'),
    `${JSON.stringify(ordered, null, 2)}\n`,
  );
  return `${parityCase.name}\n  ${summary.join('\n  ')}`;
}

async function main(): Promise<void> {
  ensureOracleInstalled();
  const only = new Set(process.argv.slice(2));
  const cases = loadParityCases().filter((c) => only.size === 0 || only.has(c.name));
  const unknown = [...only].filter((name) => !cases.some((c) => c.name === name));
  if (unknown.length > 0) throw new Error(`no such parity case: ${unknown.join(', ')}`);
  const failures: string[] = [];
  const lines = await mapWithConcurrency(cases, 2, (parityCase) =>
    recordCase(parityCase).catch((error: unknown) => {
      failures.push(
        `${parityCase.name}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return `${parityCase.name}\n  FAILED (expected.json left as it was)`;
    }),
  );
  console.log(lines.join('\n'));
  console.log(`recorded ${cases.length - failures.length} of ${cases.length} case(s)`);
  if (failures.length > 0) throw new Error(failures.join('\n\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
