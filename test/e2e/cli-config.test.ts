import { describe, expect, it } from 'vitest';
import { generateSecret } from '../helpers/secret-generators';
import { runBuiltCli, writeTree } from './run-built';

/** Where the configuration comes from: .django-deploy-guard.yml, pyproject.toml, --config. */
describe('CLI configuration sources (built CLI)', () => {
  const project = () => ({
    'app/settings.py': `SECRET_KEY = '${generateSecret('django-key')}'\n`,
  });

  it('reads [tool.django-deploy-guard] from pyproject.toml when there is no YAML config', () => {
    const root = writeTree({
      ...project(),
      'pyproject.toml':
        '[project]\nname = "shop"\n\n[tool.django-deploy-guard]\nfail-on = "never"\n',
    });
    const run = runBuiltCli(['scan', root, '--no-color']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('DDG101');
    expect(run.code).toBe(0);
    // A flag still beats it.
    expect(runBuiltCli(['scan', root, '--fail-on', 'high']).code).toBe(1);
  });

  it('an invalid value in pyproject.toml is exit 2 naming the file and line', () => {
    const root = writeTree({
      ...project(),
      'pyproject.toml':
        '[tool.django-deploy-guard]\nfail-on = "high"\nexclude = [\n  "[z-a].py",\n]\n',
    });
    const run = runBuiltCli(['scan', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("pyproject.toml:4: invalid exclude pattern '[z-a].py'");
  });

  it('both a YAML config and a pyproject table is exit 2 naming both', () => {
    const root = writeTree({
      ...project(),
      '.django-deploy-guard.yml': 'fail-on: high\n',
      'pyproject.toml':
        '[project]\nname = "shop"\n\n[tool.django-deploy-guard]\nfail-on = "never"\n',
    });
    const run = runBuiltCli(['scan', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'pyproject.toml:4: configuration in both .django-deploy-guard.yml and [tool.django-deploy-guard] of pyproject.toml; keep one of them',
    );
  });

  it('a pyproject.toml without the table is not configuration, even when broken', () => {
    const root = writeTree({ ...project(), 'pyproject.toml': '[project\nname = \n' });
    expect(runBuiltCli(['scan', root, '--fail-on', 'never']).code).toBe(0);
  });

  it('--config FILE.toml reads its [tool.django-deploy-guard] table', () => {
    const root = writeTree({
      ...project(),
      'ci/guard.toml': '[tool.django-deploy-guard]\nfail-on = "never"\n',
    });
    expect(runBuiltCli(['scan', root, '--config', 'ci/guard.toml']).code).toBe(0);
  });
});
