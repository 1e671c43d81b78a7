import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hardeningSettingsRules } from '../../src/hardening/rules/index';
import { createConfinedReader } from '../../src/io/confined-reader';
import { analyzeSettings } from '../../src/settings/analyze';

/**
 * The hardening rules must not turn a clean production configuration into noise: no finding,
 * decided or undecided, on any parity case marked `"hardened": true`.
 */

const PARITY = path.resolve('test/fixtures/parity');

interface HardenedCase {
  name: string;
  dir: string;
  module: string;
  env: Record<string, string>;
  versions: string[];
  pythonPath: string[];
}

function listFiles(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = dir === '' ? name : `${dir}/${name}`;
    return statSync(path.join(root, rel)).isDirectory() ? listFiles(root, rel) : [rel];
  });
}

function loadHardenedCases(): HardenedCase[] {
  if (!existsSync(PARITY)) return [];
  return readdirSync(PARITY)
    .sort()
    .flatMap((name) => {
      const file = path.join(PARITY, name, 'case.json');
      if (!existsSync(file)) return [];
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<HardenedCase> & {
        hardened?: boolean;
      };
      if (raw.hardened !== true || typeof raw.module !== 'string') return [];
      return [
        {
          name,
          dir: path.join(PARITY, name),
          module: raw.module,
          env: raw.env ?? {},
          versions: raw.versions ?? ['5.2'],
          pythonPath: raw.pythonPath ?? [],
        },
      ];
    });
}

const cases = loadHardenedCases();

describe('hardening rules on hardened parity cases', () => {
  it('the corpus has hardened cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    for (const version of c.versions) {
      it(`${c.name} (Django ${version}) produces no hardening finding`, () => {
        const { findings } = analyzeSettings({
          files: createConfinedReader(c.dir).files,
          fileList: listFiles(c.dir),
          settingsModules: [c.module],
          pythonPaths: ['', ...c.pythonPath],
          env: c.env,
          djangoVersion: version,
          rules: hardeningSettingsRules,
        });
        expect(findings.map((f) => `${f.ruleId} ${f.file}:${f.line} ${f.message}`)).toEqual([]);
      });
    }
  }
});
