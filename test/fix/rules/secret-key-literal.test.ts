import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../src/core/redactor';
import type { ScanResult } from '../../../src/core/scan-result';
import { summarizeFindings } from '../../../src/core/summarize';
import { ruleMetas } from '../../../src/registry';
import { renderSarif } from '../../../src/report/sarif';
import { generateEnvironKey, generateSecret } from '../../helpers/secret-generators';
import { proveFix } from '../harness';

const SAFE = "DEBUG = False\nALLOWED_HOSTS = ['example.com']\n";

function sarifOf(findings: ScanResult['findings']): string {
  const result: ScanResult = {
    version: 2,
    tool: { name: 'django-deploy-guard', version: '0.0.0' },
    findings,
    summary: summarizeFindings(findings, 'high'),
    settings: [],
    history: { mode: 'off', commits: 0, blobs: 0, blobsFromCache: 0, shallow: false, warnings: [] },
    notes: [],
  };
  return renderSarif(result, ruleMetas());
}

describe('fix for DDG206 (SECRET_KEY literal)', () => {
  it('reads the key from the environment with no default; the key is in no edit, diff or SARIF fix', () => {
    const key = generateSecret('django-key');
    const proof = proveFix({
      module: 'project.settings',
      ruleId: 'DDG206',
      files: { 'project/settings.py': `import os\n\n${SAFE}SECRET_KEY = '${key}'\n` },
      envAfter: { DJANGO_SECRET_KEY: generateSecret('django-key') },
    });
    expect(proof.files['project/settings.py']).toBe(
      `import os\n\n${SAFE}SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n`,
    );
    const autofix = proof.fixed[0]!.autofix!;
    expect(JSON.stringify(autofix)).not.toContain(key);
    expect(autofix.envVars).toEqual(['DJANGO_SECRET_KEY']);
    expect(autofix.instructions!.join('\n')).toMatch(/Rotate the key[\s\S]*SECRET_KEY_FALLBACKS/);
    // The diff shows the removed line: the run's redactor (which knows the key) hides it.
    const redactor = new Redactor();
    redactor.add(key);
    const diff = redactor.redact(proof.diff);
    expect(diff).not.toContain(key);
    expect(diff).toContain('+SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]');
    const sarif = sarifOf(proof.before);
    expect(sarif).toContain('"fixes"');
    expect(sarif).not.toContain(key);
    expect(sarif).not.toContain(key.slice(0, 12));
  });

  it("keeps the project's library (django-environ) and its variable when the code had a default", () => {
    const key = generateSecret('django-key');
    const proof = proveFix({
      module: 'project.settings',
      ruleId: 'DDG207',
      files: {
        'project/settings.py': `import environ\nenv = environ.Env()\n${SAFE}SECRET_KEY = env('APP_KEY', default='${key}')\n`,
      },
      envAfter: { APP_KEY: generateEnvironKey() },
    });
    expect(proof.files['project/settings.py']).toContain('SECRET_KEY = env("APP_KEY")\n');
    expect(JSON.stringify(proof.fixed[0]!.autofix)).not.toContain(key);
  });

  it('a literal key in the base module is overridden in the production module, never edited in the base', () => {
    const key = generateSecret('django-key');
    const base = `from decouple import config\n${SAFE}SECRET_KEY = '${key}'\n`;
    const proof = proveFix({
      module: 'config.settings.production',
      ruleId: 'DDG206',
      files: {
        'config/settings/base.py': base,
        'config/settings/production.py': 'from .base import *\n',
      },
      envAfter: { DJANGO_SECRET_KEY: generateSecret('django-key') },
    });
    expect(proof.files['config/settings/base.py']).toBe(base);
    expect(proof.files['config/settings/production.py']).toBe(
      'from .base import *\nSECRET_KEY = config("DJANGO_SECRET_KEY")\n',
    );
  });
});
