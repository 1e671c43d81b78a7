import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConfinedReader } from '../../src/io/confined-reader';
import { analyzeSettings } from '../../src/settings/analyze';
import { findDivergence, readKnownDivergences } from '../parity/known-divergences';
import { loadParityCases, readExpected, toComparableIds } from '../parity/oracle';

/**
 * In-process parity with real Django: analyzeSettings over every case of the parity corpus
 * (test/fixtures/parity, expected.json recorded from Django 3.2.25/4.2.28/5.2.18) must report the
 * same in-scope ids, with multiplicity. Undecided (info) findings count as divergences: the corpus
 * gives every env var it needs. Cases where Django refuses to load the settings must produce our
 * load-time finding, settings.E001 (or E102 where `check` itself crashes on the failure view).
 */

function listFiles(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = dir === '' ? name : `${dir}/${name}`;
    return statSync(path.join(root, rel)).isDirectory() ? listFiles(root, rel) : [rel];
  });
}

const cases = loadParityCases();

const divergences = readKnownDivergences();

describe('parity with real Django (in process)', () => {
  for (const parityCase of cases) {
    const files = createConfinedReader(parityCase.dir).files;
    const fileList = listFiles(parityCase.dir);
    const run = (version: string) =>
      analyzeSettings({
        files,
        fileList,
        env: { ...parityCase.env },
        settingsModules: [parityCase.module],
        pythonPaths: ['', ...parityCase.pythonPath],
        djangoVersion: version,
      });
    for (const version of parityCase.versions) {
      it(`${parityCase.name} on ${version}`, () => {
        const expected = readExpected(parityCase)[version];
        const { findings } = run(version);
        const ids = toComparableIds(
          findings.filter((f) => f.suppressed === undefined).map((f) => f.ruleId),
        );
        const divergence = findDivergence(divergences, parityCase.name, version)?.reason;
        if (divergence === undefined) expect(ids, parityCase.description).toEqual(expected);
        else
          expect(ids, `fixed? remove the known divergence (${divergence})`).not.toEqual(expected);
      });
    }
    for (const [version, crash] of Object.entries(parityCase.expectedCrashes)) {
      it(`${parityCase.name} on ${version}: Django fails (${crash})`, () => {
        const { findings } = run(version);
        // ViewDoesNotExist escapes Django's E102 check and crashes `check`; we report it as E102.
        const id = crash.includes('ViewDoesNotExist') ? 'security.E102' : 'settings.E001';
        expect(findings.map((f) => f.ruleId)).toContain(id);
      });
    }
  }
});
