import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFileRules } from '../../src/hardening/file-rule';
import type { Finding } from '../../src/core/types';
import { productionEnvFilesOf } from '../../src/hardening/deployment-files';
import {
  hardeningFileRules,
  hardeningSettingsRules,
  withProductionEnvFiles,
} from '../../src/hardening/rules/index';
import { createConfinedReader } from '../../src/io/confined-reader';
import { analyzeSettings } from '../../src/settings/analyze';

/**
 * Walks test/fixtures/hardening/<rule-id>/{valid,invalid}: small project directories the CLI can
 * scan as they are. Each one runs through the whole hardening rule set in process (settings via
 * case.json's module and env, file rules over every file); the rule must fire on `invalid` only.
 */

const ROOT = path.resolve('test/fixtures/hardening');

interface CaseJson {
  module?: string;
  env?: Record<string, string>;
  djangoVersion?: string;
}

function listFiles(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = dir === '' ? name : `${dir}/${name}`;
    return statSync(path.join(root, rel)).isDirectory() ? listFiles(root, rel) : [rel];
  });
}

/** Every hardening finding for one fixture directory, as the pipeline would produce them. */
export function scanFixture(dir: string): Finding[] {
  const fileList = listFiles(dir).filter((f) => f !== 'case.json');
  const files = createConfinedReader(dir).files;
  const findings: Finding[] = [];
  const caseFile = path.join(dir, 'case.json');
  if (existsSync(caseFile)) {
    const spec = JSON.parse(readFileSync(caseFile, 'utf8')) as CaseJson;
    findings.push(
      ...analyzeSettings({
        files,
        fileList,
        ...(spec.module !== undefined ? { settingsModules: [spec.module] } : {}),
        env: spec.env ?? {},
        ...(spec.djangoVersion !== undefined ? { djangoVersion: spec.djangoVersion } : {}),
        rules: hardeningSettingsRules,
      }).findings,
    );
  }
  const texts = fileList.map((p) => ({ path: p, content: files.read(p) ?? '' }));
  const rules = withProductionEnvFiles(hardeningFileRules, texts.flatMap(productionEnvFilesOf));
  for (const file of texts) findings.push(...runFileRules(file, rules));
  return findings.filter((f) => !f.suppressed && f.severity !== 'info');
}

const ids = [...hardeningSettingsRules, ...hardeningFileRules].map((r) => r.id);

describe('hardening fixtures', () => {
  it('every rule has a valid and an invalid fixture, and nothing else lives there', () => {
    expect(readdirSync(ROOT).sort()).toEqual([...ids].sort());
    for (const id of ids)
      expect(readdirSync(path.join(ROOT, id)).sort()).toEqual(['invalid', 'valid']);
  });

  for (const id of ids) {
    it(`${id}: fires on invalid/ only`, () => {
      const invalid = scanFixture(path.join(ROOT, id, 'invalid'));
      const valid = scanFixture(path.join(ROOT, id, 'valid'));
      expect(invalid.map((f) => f.ruleId)).toContain(id);
      expect(
        valid.filter((f) => f.ruleId === id).map((f) => `${f.file}:${f.line} ${f.message}`),
      ).toEqual([]);
    });
  }
});
