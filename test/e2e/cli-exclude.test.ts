import { describe, expect, it } from 'vitest';
import { generateSecret } from '../helpers/secret-generators';
import { runBuiltCli, writeTree } from './run-built';

describe('exclude patterns through the built CLI', () => {
  it('an invalid pattern is a configuration error naming the file and line (exit 2)', () => {
    const root = writeTree({
      'app/settings.py': 'DEBUG = True\n',
      '.django-deploy-guard.yml': 'exclude:\n  - tests/**\n  - "[z-a].py"\n',
    });
    const run = runBuiltCli(['scan', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^django-deploy-guard: \.django-deploy-guard\.yml:3: invalid exclude pattern '\[z-a\]\.py': /,
    );
    expect(run.stderr).not.toContain('internal error');
  });

  it('a valid pattern drops the findings under it', () => {
    const root = writeTree({
      'app/keys.py': `SECRET_KEY = '${generateSecret('django-key')}'\n`,
      'tests/fixtures/keys.py': `SECRET_KEY = '${generateSecret('django-key')}'\n`,
      '.django-deploy-guard.yml': 'exclude: ["tests/", "*.{pyc,log}"]\n',
    });
    const run = runBuiltCli(['scan', root, '--format', 'json', '--fail-on', 'never']);
    expect(run.code).toBe(0);
    const files = (JSON.parse(run.stdout) as { findings: { file: string }[] }).findings.map(
      (f) => f.file,
    );
    expect(files).toContain('app/keys.py');
    expect(files.filter((f) => f.startsWith('tests/'))).toEqual([]);
  });
});
