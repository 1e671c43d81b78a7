import { describe, expect, it } from 'vitest';
import type { RepoFiles } from '../../../src/core/repo-files';
import { memoryRepoFiles } from '../../../src/core/repo-files';
import { evaluateSettingsModule } from '../../../src/settings/eval/index';
import { differs, runCPythonFiles } from './differential/differential';
import { describe1, evaluate } from './harness';

/**
 * How real projects load their configuration: importlib and __import__ on repository modules,
 * read back with getattr/hasattr/dir. Each case is a real project's shape reduced to a few lines.
 */

describe('following real loading', () => {
  it('importlib.import_module() of a repository module, read with getattr(m, name, default)', () => {
    // NetBox: load_configuration() imports NETBOX_CONFIGURATION, settings read getattr(...).
    const snapshot = evaluate({
      files: {
        'proj/__init__.py': '',
        'proj/configuration.py': "ALLOWED_HOSTS = ['example.com']\nSECRET_KEY = 'x' * 50\n",
        'proj/settings.py': [
          'import importlib',
          'import os',
          'def load_configuration():',
          "    name = os.environ.get('PROJ_CONFIGURATION', 'proj.configuration')",
          '    return importlib.import_module(name)',
          'configuration = load_configuration()',
          "ALLOWED_HOSTS = getattr(configuration, 'ALLOWED_HOSTS')",
          "SECURE_SSL_REDIRECT = getattr(configuration, 'SECURE_SSL_REDIRECT', False)",
          "HAS_KEY = hasattr(configuration, 'SECRET_KEY')",
        ].join('\n'),
      },
      module: 'proj.settings',
    });
    expect(snapshot.incomplete).toBeUndefined();
    expect(describe1(snapshot, 'ALLOWED_HOSTS')).toBe("['example.com']");
    expect(describe1(snapshot, 'SECURE_SSL_REDIRECT')).toBe('False');
    expect(describe1(snapshot, 'HAS_KEY')).toBe('True');
  });

  it('importlib.import_module() of a relative name with its package', () => {
    const snapshot = evaluate({
      files: {
        'proj/__init__.py': '',
        'proj/conf.py': 'DEBUG = False\n',
        'proj/settings.py':
          "import importlib\nDEBUG = importlib.import_module('.conf', 'proj').DEBUG\n",
      },
      module: 'proj.settings',
    });
    expect(describe1(snapshot, 'DEBUG')).toBe('False');
  });

  it('a configuration module missing from the repository fails the import as in CPython', () => {
    const snapshot = evaluate({
      files: {
        'proj/__init__.py': '',
        'proj/settings.py': [
          'import importlib',
          'try:',
          "    configuration = importlib.import_module('proj.configuration')",
          'except ModuleNotFoundError:',
          "    raise RuntimeError('configuration file is not present')",
        ].join('\n'),
      },
      module: 'proj.settings',
    });
    expect(snapshot.diagnostics.map((d) => d.message).join('\n')).toContain(
      'settings import would fail: RuntimeError',
    );
  });

  it('__import__ of a repository module returns the top package', () => {
    const snapshot = evaluate({
      files: {
        'proj/__init__.py': '',
        'proj/conf.py': "X_FRAME_OPTIONS = 'DENY'\n",
        'settings.py': [
          "X_FRAME_OPTIONS = __import__('proj.conf').conf.X_FRAME_OPTIONS",
          "LEAF = __import__('proj.conf', fromlist=['x']).X_FRAME_OPTIONS",
        ].join('\n'),
      },
    });
    expect(snapshot.incomplete).toBeUndefined();
    expect(describe1(snapshot, 'X_FRAME_OPTIONS')).toBe("'DENY'");
    expect(describe1(snapshot, 'LEAF')).toBe("'DENY'");
  });

  it('dir() over a module copies its upper-case names (dir is a builtin)', () => {
    // NetBox: for param in dir(configuration): globals()[param] = getattr(configuration, param)
    const snapshot = evaluate({
      files: {
        'conf.py': 'SESSION_COOKIE_SECURE = True\nlower = 1\n',
        'settings.py': [
          'import conf',
          'NAMES = [n for n in dir(conf) if n.isupper()]',
          'for param in dir(conf):',
          '    if param.isupper():',
          '        vars()[param] = getattr(conf, param)',
        ].join('\n'),
      },
    });
    expect(describe1(snapshot, 'NAMES')).toBe("['SESSION_COOKIE_SECURE']");
    expect(snapshot.diagnostics.map((d) => d.message).join('\n')).not.toContain('NameError');
  });
});

describe('messages name what a call is', () => {
  it('a standard-library call is not called third-party', () => {
    const snapshot = evaluate({
      source: "import urllib.parse\nHOST = urllib.parse.urlparse('https://x').hostname\n",
    });
    const host = snapshot.settings.get('HOST')?.value;
    expect(host?.kind === 'unknown' ? host.reason : '').toMatch(
      /^standard-library call urllib\.parse\.urlparse\(\)/,
    );
  });
});

/**
 * NetBox's `_import_from_path()` shape, reduced: a configuration file loaded by path with
 * `importlib.util.spec_from_file_location` + `module_from_spec` + `spec.loader.exec_module`, then
 * read with getattr/hasattr/dir. CPython (run-settings.py) is the oracle for every value.
 */
describe('importlib.util.spec_from_file_location on a repository file', () => {
  const loader = [
    'import importlib.util',
    'import os',
    'import sys',
    'def load_from_path(name, path):',
    '    path = os.path.abspath(path)',
    '    spec = importlib.util.spec_from_file_location(name, path)',
    '    if spec is None or spec.loader is None:',
    "        raise RuntimeError('cannot load ' + path)",
    '    module = importlib.util.module_from_spec(spec)',
    '    sys.modules[name] = module',
    '    spec.loader.exec_module(module)',
    '    return module',
  ];
  const files: Record<string, string> = {
    'proj/__init__.py': '',
    'proj/configuration.py': [
      "ALLOWED_HOSTS = ['netbox.example.com']",
      'SECURE_SSL_REDIRECT = True',
      'lower_name = 1',
      '',
    ].join('\n'),
    'proj/settings.py': [
      ...loader,
      'HERE = os.path.dirname(os.path.abspath(__file__))',
      "configuration = load_from_path('configuration', os.path.join(HERE, 'configuration.py'))",
      "ALLOWED_HOSTS = getattr(configuration, 'ALLOWED_HOSTS')",
      "SECURE_SSL_REDIRECT = getattr(configuration, 'SECURE_SSL_REDIRECT', False)",
      "SESSION_COOKIE_SECURE = getattr(configuration, 'SESSION_COOKIE_SECURE', False)",
      "HAS_REDIRECT = hasattr(configuration, 'SECURE_SSL_REDIRECT')",
      "HAS_KEY = hasattr(configuration, 'SECRET_KEY')",
      'NAMES = [n for n in dir(configuration) if n.isupper()]',
      'CONFIG_NAME = configuration.__name__',
      '',
    ].join('\n'),
  };

  it('runs the file through the confined reader and agrees with CPython', () => {
    const snapshot = evaluate({ files, module: 'proj.settings' });
    const cpython = runCPythonFiles(files, 'proj.settings');
    expect(cpython.raised).toBeUndefined();
    const names = cpython.names ?? {};
    expect(Object.keys(names).sort()).toEqual(
      [
        'ALLOWED_HOSTS',
        'CONFIG_NAME',
        'HAS_KEY',
        'HAS_REDIRECT',
        'HERE',
        'NAMES',
        'SECURE_SSL_REDIRECT',
        'SESSION_COOKIE_SECURE',
      ].sort(),
    );
    for (const [name, py] of Object.entries(names)) {
      const value = snapshot.settings.get(name)?.value;
      expect(value?.kind, name).not.toBe('unknown');
      expect(differs(py, value!), name).toBeUndefined();
    }
    expect(snapshot.incomplete).toBeUndefined();
    expect(snapshot.filesRead).toContain('proj/configuration.py');
  });

  it('a missing repository file raises FileNotFoundError as in CPython', () => {
    const missing = {
      ...files,
      'proj/settings.py': [
        ...loader,
        'HERE = os.path.dirname(os.path.abspath(__file__))',
        'try:',
        "    configuration = load_from_path('configuration', os.path.join(HERE, 'nope.py'))",
        "    LOADED = 'yes'",
        'except FileNotFoundError:',
        "    LOADED = 'missing'",
        '',
      ].join('\n'),
    };
    const snapshot = evaluate({ files: missing, module: 'proj.settings' });
    const cpython = runCPythonFiles(missing, 'proj.settings');
    expect(cpython.names?.LOADED).toEqual(['str', 'missing']);
    expect(describe1(snapshot, 'LOADED')).toBe("'missing'");
  });

  it('a path outside the repository or not known is undecided and never read', () => {
    const reads: string[] = [];
    const inner = memoryRepoFiles({
      ...files,
      'proj/settings.py': [
        ...loader,
        "outside = load_from_path('outside', '/etc/netbox/configuration.py')",
        "DEBUG = getattr(outside, 'DEBUG', False)",
        "escaped = load_from_path('escaped', os.path.join(os.path.dirname(__file__), '..', '..', 'configuration.py'))",
        "SECURE_SSL_REDIRECT = getattr(escaped, 'SECURE_SSL_REDIRECT', False)",
        "unknown_path = load_from_path('u', os.environ['CONFIG_PATH'])",
        "SESSION_COOKIE_SECURE = getattr(unknown_path, 'SESSION_COOKIE_SECURE', False)",
        '',
      ].join('\n'),
    });
    const recording: RepoFiles = {
      ...inner,
      read: (file) => {
        reads.push(file);
        return inner.read(file);
      },
    };
    const snapshot = evaluateSettingsModule({
      module: 'proj.settings',
      pythonPaths: [''],
      env: {},
      files: recording,
    });
    for (const name of ['DEBUG', 'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE'])
      expect(snapshot.settings.get(name)?.value.kind, name).toBe('unknown');
    expect(reads.filter((f) => !f.startsWith('proj/'))).toEqual([]);
    expect(reads).not.toContain('proj/configuration.py');
  });
});
