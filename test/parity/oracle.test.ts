// Drift check of the parity corpus: real Django (3.2, 4.2, 5.2 from Debian) must still report
// exactly the ids recorded in each case's expected.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ORACLE_VERSIONS,
  closeOracleServers,
  ensureOracleInstalled,
  isInScope,
  loadParityCases,
  mapWithConcurrency,
  oracleVersionsOf,
  readExpected,
  runOracle,
  toComparableIds,
  type OracleRun,
  type OracleVersion,
  type ParityCase,
} from './oracle';
import { oracleStatus, titleWithOracle } from '../support/oracles';

const cases = loadParityCases();
const runs = new Map<string, OracleRun | Error>();
const keyOf = (parityCase: ParityCase, version: OracleVersion): string =>
  `${parityCase.name}@${version}`;

function runFor(parityCase: ParityCase, version: OracleVersion): OracleRun {
  const run = runs.get(keyOf(parityCase, version));
  if (run === undefined) throw new Error(`no oracle run for ${keyOf(parityCase, version)}`);
  if (run instanceof Error) throw run;
  return run;
}

// Skipped, with the reason in the titles and the closing line, only when the test set-up could not
// install Django (test/support/oracles.setup.ts); otherwise a broken cache fails, never skips.
const django = oracleStatus('django');

beforeAll(async () => {
  if (!django.available) return;
  // Fails (never skips) with the install script's message when the cache cannot be built.
  ensureOracleInstalled();
  const jobs = cases.flatMap((parityCase) =>
    oracleVersionsOf(parityCase).map((version) => ({ parityCase, version })),
  );
  const started = Date.now();
  await mapWithConcurrency(jobs, 2, async ({ parityCase, version }) => {
    const run = await runOracle(parityCase, version, 'server').catch((error: unknown) =>
      error instanceof Error ? error : new Error(String(error)),
    );
    runs.set(keyOf(parityCase, version), run);
  });
  for (const version of ORACLE_VERSIONS) {
    const compared = cases.filter((parityCase) => parityCase.versions.includes(version)).length;
    console.log(`parity: ${version} — ${compared} cases`);
  }
  console.log(
    `parity: ${jobs.length} Django runs in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}, 900_000);

afterAll(() => closeOracleServers());

describe.skipIf(!django.available)(titleWithOracle('parity corpus', 'django'), () => {
  it('has at least 40 cases compared on every version, hardened ones included', () => {
    for (const version of ORACLE_VERSIONS) {
      expect(cases.filter((c) => c.versions.includes(version)).length).toBeGreaterThanOrEqual(40);
    }
    expect(cases.filter((c) => c.hardened).length).toBeGreaterThanOrEqual(3);
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s: expected.json lists sorted in-scope ids for exactly the compared versions',
    (_name, parityCase) => {
      const expected = readExpected(parityCase);
      for (const version of ORACLE_VERSIONS) {
        const ids = expected[version];
        if (!parityCase.versions.includes(version)) {
          expect(ids, `${version} is not compared`).toBeUndefined();
          continue;
        }
        expect(ids, `${version} ids`).toBeDefined();
        expect(ids).toEqual(toComparableIds(ids ?? []));
        expect((ids ?? []).every(isInScope)).toBe(true);
        if (parityCase.hardened) expect(ids, `hardened case on ${version}`).toEqual([]);
      }
    },
  );
});

describe.skipIf(!django.available).each(ORACLE_VERSIONS)(
  titleWithOracle('real Django %s', 'django'),
  (version) => {
    const compared = cases.filter((c) => c.versions.includes(version));
    const crashing = cases.filter((c) => c.expectedCrashes[version] !== undefined);

    it.each(compared.map((c) => [c.name, c] as const))(
      '%s: check --deploy reports the recorded ids',
      (_name, parityCase) => {
        const run = runFor(parityCase, version);
        const expected = readExpected(parityCase);
        expect(run.ids, `ids from:\n${run.output}`).toEqual(expected[version]);
        expect(run.djangoVersion, 'the Django that recorded expected.json').toBe(
          expected.djangoVersions[version],
        );
      },
    );

    if (crashing.length > 0) {
      it.each(crashing.map((c) => [c.name, c] as const))(
        '%s: Django still crashes as the case expects',
        (_name, parityCase) => {
          const run = runFor(parityCase, version);
          expect(run.crash).toContain(parityCase.expectedCrashes[version]);
        },
      );
    }
  },
);

describe.skipIf(!django.available)(titleWithOracle('fresh interpreter mode', 'django'), () => {
  // The drift test above forks from a server; this keeps the one-process-per-run reference
  // (what record-expected.ts uses) honest on every version too.
  const sample = cases.find((c) => c.name === 'many-issues-at-once');
  it.each(ORACLE_VERSIONS)('matches expected.json on %s', async (version) => {
    if (sample === undefined) throw new Error('the corpus lost many-issues-at-once');
    const run = await runOracle(sample, version, 'fresh');
    expect(run.ids).toEqual(readExpected(sample)[version]);
  });
});

describe.skipIf(!django.available)(
  titleWithOracle('runOracle on a broken project', 'django'),
  () => {
    // Built at test time: a settings module whose import fails.
    const dir = mkdtempSync(path.join(tmpdir(), 'parity-broken-'));
    mkdirSync(path.join(dir, 'proj'));
    writeFileSync(path.join(dir, 'proj/__init__.py'), '');
    writeFileSync(path.join(dir, 'proj/settings.py'), 'import module_that_does_not_exist\n');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const broken: ParityCase = {
      name: 'broken',
      dir,
      module: 'proj.settings',
      env: {},
      versions: ['5.2'],
      description: 'settings import fails',
      pythonPath: [],
      hardened: false,
      expectedCrashes: {},
    };

    it('fails loudly when Django crashes and the case does not expect it', async () => {
      await expect(runOracle(broken, '5.2', 'server')).rejects.toThrow(
        /Django crashed for broken on Django 5\.2\.\d+: ModuleNotFoundError: No module named 'module_that_does_not_exist'/,
      );
    });

    it('reports an expected crash instead of ids', async () => {
      const expecting = {
        ...broken,
        versions: [],
        expectedCrashes: { '4.2': 'ModuleNotFoundError' },
      };
      const run = await runOracle(expecting, '4.2', 'fresh');
      expect(run.crash).toMatch(/^ModuleNotFoundError/);
      expect(run.ids).toEqual([]);
    });

    it('fails when an expected crash does not happen', async () => {
      const sample = cases.find((c) => c.name === 'hsts-zero');
      if (sample === undefined) throw new Error('the corpus lost hsts-zero');
      const expecting = {
        ...sample,
        versions: [],
        expectedCrashes: { '3.2': 'ImproperlyConfigured' },
      };
      await expect(runOracle(expecting, '3.2', 'server')).rejects.toThrow(
        /expected Django to crash/,
      );
    });
  },
);

describe('toComparableIds', () => {
  it('keeps only in-scope ids, sorted by code unit, with multiplicity', () => {
    expect(
      toComparableIds([
        'security.W025',
        'models.W042',
        'corsheaders.E013',
        '4_0.E001',
        'security.E023',
        'security.W025',
        'caches.W002',
      ]),
    ).toEqual(['4_0.E001', 'corsheaders.E013', 'security.E023', 'security.W025', 'security.W025']);
  });
});
