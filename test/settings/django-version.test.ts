import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors';
import { memoryRepoFiles } from '../../src/core/repo-files';
import {
  detectDjangoVersion,
  exactVersionOf,
  findPackageRequirement,
  lowestAllowedVersion,
  djangoSpecifierOf,
  resolveDjangoVersion,
  versionForSpecifier,
} from '../../src/settings/django-version';

function detect(repo: Record<string, string>) {
  const { version, source } = detectDjangoVersion(Object.keys(repo), memoryRepoFiles(repo));
  return { version: `${version.major}.${version.minor}`, source };
}

describe('versionForSpecifier: pins give their minor, ranges the highest known release', () => {
  it.each([
    ['==5.2.3', '5.2'],
    ['==4.2', '4.2'],
    ['==4.2.*', '4.2'],
    ['>=4.2,<5.0', '4.2'],
    ['>=4.2, <5', '4.2'],
    ['>=3.2,<4.3', '4.2'],
    ['~=4.2', '4.2'], // >=4.2,<5.0
    ['~=4.2.3', '4.2'],
    ['^4.2', '4.2'],
    ['~4.1', '4.1'],
    ['<5.1', '5.0'],
    ['<=5.1', '5.1'],
    ['>=5.0,!=5.2.*', '6.0'],
    ['>=4.2,<6,!=5.2.*', '5.1'],
    ['', '6.0'],
    ['>=9.0', undefined],
  ])('%s → %s', (spec, expected) => {
    const version = versionForSpecifier(spec);
    expect(version && `${version.major}.${version.minor}`).toBe(expected);
  });
});

describe('djangoSpecifierOf', () => {
  it.each([
    ['Django==4.2.11', '==4.2.11'],
    ['django[argon2]>=4.2,<5 ; python_version >= "3.10"  # web', '>=4.2,<5'],
    ['Django (>=4.2)', '>=4.2'],
    ['django-environ==0.11.2', undefined],
    ['djangorestframework', undefined],
    ['django @ https://example.com/django.tar.gz', undefined],
  ])('%s', (line, spec) => {
    expect(djangoSpecifierOf(line)).toBe(spec);
  });
});

describe('detectDjangoVersion', () => {
  it('reads requirements.txt with the line and requirement as source', () => {
    expect(detect({ 'requirements.txt': 'gunicorn==22.0\nDjango==4.2.11\n' })).toEqual({
      version: '4.2',
      source: 'requirements.txt:2 (Django==4.2.11)',
    });
  });

  it('follows -r includes from requirements/production.txt', () => {
    expect(
      detect({
        'requirements/production.txt': '-r base.txt\ngunicorn\n',
        'requirements/base.txt': '# pinned\ndjango>=4.2,<5.0\n',
      }),
    ).toEqual({ version: '4.2', source: 'requirements/base.txt:2 (django>=4.2,<5.0)' });
  });

  it('does not loop on -r cycles', () => {
    expect(detect({ 'requirements.txt': '-r requirements.txt\n' }).source).toBe('default');
  });

  it('prefers production requirements over local ones', () => {
    expect(
      detect({
        'requirements/local.txt': 'Django==5.1\n',
        'requirements/production.txt': 'Django==4.2.3\n',
      }).version,
    ).toBe('4.2');
  });

  it('reads PEP 621 dependencies in pyproject.toml', () => {
    const pyproject =
      '[project]\nname = "x"\ndependencies = [\n  "django-environ",\n  "Django~=5.1.2",\n]\n';
    expect(detect({ 'pyproject.toml': pyproject })).toEqual({
      version: '5.1',
      source: 'pyproject.toml:5 (Django~=5.1.2)',
    });
  });

  it('reads poetry dependencies, inline-table form too', () => {
    expect(
      detect({
        'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\ndjango = "^4.2"\n',
      }).version,
    ).toBe('4.2');
    expect(
      detect({
        'pyproject.toml':
          '[tool.poetry.dependencies]\nDjango = { version = "~5.0", extras = ["argon2"] }\n',
      }).version,
    ).toBe('5.0');
  });

  it('lets lock files win over ranges', () => {
    const repo = {
      'pyproject.toml': '[tool.poetry.dependencies]\ndjango = ">=4.2"\n',
      'poetry.lock':
        '[[package]]\nname = "asgiref"\nversion = "3.8.1"\n\n[[package]]\nname = "django"\nversion = "4.2.16"\n',
    };
    expect(detect(repo)).toEqual({ version: '4.2', source: 'poetry.lock:6 (django 4.2.16)' });
  });

  it('reads uv.lock and Pipfile.lock', () => {
    expect(
      detect({ 'uv.lock': '[[package]]\nname = "django"\nversion = "5.2.3"\nsource = {}\n' })
        .version,
    ).toBe('5.2');
    const pipfileLock = JSON.stringify({ default: { Django: { version: '==3.2.25' } } }, null, 2);
    expect(detect({ 'Pipfile.lock': pipfileLock })).toEqual({
      version: '3.2',
      source: 'Pipfile.lock:3 (django==3.2.25)',
    });
  });

  it('reads setup.cfg install_requires', () => {
    const cfg = '[options]\ninstall_requires =\n    requests\n    Django>=3.2,<4\n';
    expect(detect({ 'setup.cfg': cfg })).toEqual({
      version: '3.2',
      source: 'setup.cfg:4 (Django>=3.2,<4)',
    });
  });

  it('defaults to 5.2 and says so', () => {
    expect(detect({ 'requirements.txt': 'flask\n' })).toEqual({
      version: '5.2',
      source: 'default',
    });
  });

  it('survives a malformed Pipfile.lock', () => {
    expect(detect({ 'Pipfile.lock': '{not json' }).source).toBe('default');
  });
});

describe('detectDjangoVersion reads TOML as TOML (smol-toml) and only runtime dependencies', () => {
  it('a commented-out requirement does not win', () => {
    const pyproject = [
      '[project]',
      'name = "shop"',
      'dependencies = [',
      '  # "Django==3.2",',
      '  "Django>=5.1,<5.2",',
      ']',
      '',
    ].join('\n');
    expect(detect({ 'pyproject.toml': pyproject })).toEqual({
      version: '5.1',
      source: 'pyproject.toml:5 (Django>=5.1,<5.2)',
    });
  });

  it('a dependency group (PEP 735) does not beat [project].dependencies', () => {
    const pyproject = [
      '[dependency-groups]',
      'dev = ["Django==4.2.11", "pytest"]',
      '',
      '[project]',
      'name = "shop"',
      'dependencies = ["Django~=5.0.3"]',
      '',
    ].join('\n');
    expect(detect({ 'pyproject.toml': pyproject })).toEqual({
      version: '5.0',
      source: 'pyproject.toml:6 (Django~=5.0.3)',
    });
  });

  it('optional dependencies, Poetry groups and dev-dependencies are not runtime', () => {
    const pyproject = [
      '[project.optional-dependencies]',
      'old = ["Django==3.2"]',
      '[tool.poetry.group.dev.dependencies]',
      'django = "4.1.*"',
      '[tool.poetry.dev-dependencies]',
      'django = "4.0.*"',
      '[tool.poetry.dependencies]',
      'python = "^3.12"',
      'django = { version = "~5.1", extras = ["argon2"] }',
      '',
    ].join('\n');
    expect(detect({ 'pyproject.toml': pyproject })).toEqual({
      version: '5.1',
      source: 'pyproject.toml:9 (django = { version = "~5.1", extras = ["argon2"] })',
    });
  });

  it('a description mentioning Django gives no version (pyproject.toml and setup.py)', () => {
    expect(
      detect({
        'pyproject.toml': '[project]\nname = "x"\ndescription = "Django>=3.2 compatible"\n',
      }).source,
    ).toBe('default');
    const setupPy = [
      'from setuptools import setup',
      'setup(',
      '    name="shop",',
      '    description="Django>=3.2 compatible",',
      '    install_requires=[',
      '        # "Django==3.2",',
      '        "Django>=4.2,<5",',
      '    ],',
      ')',
      '',
    ].join('\n');
    expect(detect({ 'setup.py': setupPy })).toEqual({
      version: '4.2',
      source: 'setup.py:7 (Django>=4.2,<5)',
    });
    expect(detect({ 'setup.py': 'setup(description="Django>=3.2 compatible")\n' }).source).toBe(
      'default',
    );
  });

  it('reads pdm.lock, and skips a Django locked for development only', () => {
    const pdmLock = [
      '[metadata]',
      'groups = ["default", "dev"]',
      '',
      '[[package]]',
      'name = "django"',
      'version = "5.1.4"',
      'groups = ["default"]',
      '',
    ].join('\n');
    expect(detect({ 'pdm.lock': pdmLock })).toEqual({
      version: '5.1',
      source: 'pdm.lock:5 (django 5.1.4)',
    });
    const devOnly = pdmLock.replace('groups = ["default"]', 'groups = ["dev"]');
    expect(detect({ 'pdm.lock': devOnly, 'requirements.txt': 'Django==4.2\n' }).source).toBe(
      'requirements.txt:1 (Django==4.2)',
    );
  });

  it('reads pylock.toml (PEP 751) and Poetry 1 dev categories', () => {
    const pylock = 'lock-version = "1.0"\n\n[[packages]]\nname = "Django"\nversion = "4.2.20"\n';
    expect(detect({ 'pylock.toml': pylock }).version).toBe('4.2');
    const poetryDev = '[[package]]\nname = "django"\nversion = "3.2.0"\ncategory = "dev"\n';
    expect(detect({ 'poetry.lock': poetryDev }).source).toBe('default');
  });

  it('reads Pipfile [packages], not [dev-packages]', () => {
    const pipfile = '[dev-packages]\ndjango = "==4.0"\n\n[packages]\nDjango = "~=5.0.1"\n';
    expect(detect({ Pipfile: pipfile })).toEqual({
      version: '5.0',
      source: 'Pipfile:5 (Django = "~=5.0.1")',
    });
  });

  it('setup.cfg: install_requires of [options] only', () => {
    const cfg = [
      '[metadata]',
      'description = Django>=3.2 compatible',
      '[options.extras_require]',
      'dev =',
      '    Django==4.0',
      '[options]',
      'install_requires =',
      '    requests',
      '    # Django==3.2',
      '    Django>=5.1,<5.2',
      '',
    ].join('\n');
    expect(detect({ 'setup.cfg': cfg })).toEqual({
      version: '5.1',
      source: 'setup.cfg:10 (Django>=5.1,<5.2)',
    });
  });

  it('an invalid TOML file says nothing (no guess from its text)', () => {
    expect(detect({ 'pyproject.toml': '[project\ndependencies = ["Django==4.2"]\n' }).source).toBe(
      'default',
    );
  });
});

describe('resolveDjangoVersion', () => {
  const files = memoryRepoFiles({ 'requirements.txt': 'Django==4.2\n' });
  it('uses the option over the files', () => {
    expect(resolveDjangoVersion('5.1.4', ['requirements.txt'], files)).toEqual({
      version: { major: 5, minor: 1 },
      source: 'option',
    });
  });
  it('rejects a malformed option', () => {
    expect(() => resolveDjangoVersion('five', ['requirements.txt'], files)).toThrow(
      ConfigurationError,
    );
  });
});

describe('findPackageRequirement: any package, from the same files in the same order', () => {
  it('reads another package from a requirements file, with its line and specifier', () => {
    const repo = {
      'requirements.txt': 'Django==5.2.1\ndjangorestframework==3.11.0  # api\n',
    };
    expect(
      findPackageRequirement(Object.keys(repo), memoryRepoFiles(repo), 'djangorestframework'),
    ).toEqual({
      file: 'requirements.txt',
      line: 2,
      text: 'djangorestframework==3.11.0',
      spec: '==3.11.0',
      locked: false,
    });
  });

  it('matches names as PyPI does (case, - _ .) and prefers the lock file', () => {
    const repo = {
      'requirements.txt': 'Django_CORS.headers>=3.0\n',
      'poetry.lock':
        '[[package]]\nname = "django-cors-headers"\nversion = "4.3.1"\ncategory = "main"\n',
    };
    expect(
      findPackageRequirement(Object.keys(repo), memoryRepoFiles(repo), 'django-cors-headers'),
    ).toEqual({
      file: 'poetry.lock',
      line: 2,
      text: 'django-cors-headers 4.3.1',
      spec: '==4.3.1',
      locked: true,
    });
  });

  it('gives undefined when no file names the package', () => {
    const repo = { 'requirements.txt': 'Django==5.2.1\n' };
    expect(
      findPackageRequirement(Object.keys(repo), memoryRepoFiles(repo), 'django-allauth'),
    ).toBeUndefined();
  });
});

describe('exact pins and the lowest version a range allows', () => {
  it.each([
    ['==5.2.1', '5.2.1'],
    ['===3.11.0', '3.11.0'],
    ['5.2.1', '5.2.1'],
    ['==5.2.*', undefined],
    ['>=4.2', undefined],
    ['', undefined],
  ])('exactVersionOf(%j) = %j', (spec, expected) => {
    expect(exactVersionOf(spec)).toBe(expected);
  });

  it.each([
    ['>=4.2,<5', '4.2.0'],
    ['~=3.11.1', '3.11.1'],
    ['>4.2.1', '4.2.2'],
    ['^4.2', '4.2.0'],
    ['<5', undefined],
    ['', undefined],
  ])('lowestAllowedVersion(%j) = %j', (spec, expected) => {
    expect(lowestAllowedVersion(spec)).toBe(expected);
  });
});
