import { describe, expect, it } from 'vitest';
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
