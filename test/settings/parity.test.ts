import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConfinedReader } from '../../src/io/confined-reader';
import { csrfFailureViewDoesNotExist } from '../../src/hardening/rules/csrf-failure-view-does-not-exist';
import { analyzeSettings } from '../../src/settings/analyze';
import { djangoRules } from '../../src/settings/rules';
import { findDivergence, readKnownDivergences } from '../parity/known-divergences';
import { loadParityCases, readExpected, toComparableIds } from '../parity/oracle';

/**
 * In-process parity with real Django: analyzeSettings over every case of the parity corpus
 * (test/fixtures/parity, expected.json recorded from Django 3.2.25/4.2.28/5.2.18) must report the
 * same in-scope ids, with multiplicity. Undecided (info) findings count as divergences: the corpus
 * gives every env var it needs. Cases where Django refuses to load the settings must produce our
 * load-time finding, settings.E001 (or DDG235 where `check` itself crashes on the failure view:
 * never Django's E102 id, which Django does not give there).
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
        // Django's checks, and the hardening rule that says where Django's check crashes.
        rules: [...djangoRules, csrfFailureViewDoesNotExist],
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
        // ViewDoesNotExist escapes Django's E102 check and crashes `check`: DDG235 says so, and
        // E102 (an id Django does not give here) is not reported.
        const viewMissing = crash.includes('ViewDoesNotExist');
        const ids = findings.map((f) => f.ruleId);
        expect(ids).toContain(viewMissing ? 'DDG235' : 'settings.E001');
        if (viewMissing) expect(ids).not.toContain('security.E102');
      });
    }
  }
});
