import { describe, expect, it } from 'vitest';
import { memoryRepoFiles } from '../../../src/core/repo-files';
import { resolveModuleFile } from '../../../src/settings/eval/index';
import type { EvalCase } from './harness';
import { checkCase, evaluate } from './harness';

const splitSettings: Record<string, string> = {
  'config/__init__.py': '',
  'config/settings/__init__.py': '',
  'config/settings/base.py': [
    'import os',
    'DEBUG = False',
    'INSTALLED_APPS = ["django.contrib.sessions"]',
    'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]',
    '_PRIVATE = "hidden"',
    'PRODUCTION = os.getenv("ENVIRONMENT", "dev") == "production"',
    'SHARED = INSTALLED_APPS',
  ].join('\n'),
  'config/settings/production.py': [
    'from .base import *  # noqa: F403',
    'from .base import INSTALLED_APPS as APPS_ALIAS',
    'INSTALLED_APPS += ["anymail"]',
    'MIDDLEWARE.append("x")',
    'if PRODUCTION:',
    '    SECURE_SSL_REDIRECT = True',
    'else:',
    '    SECURE_SSL_REDIRECT = False',
    'try:',
    '    from .local import *',
    'except ImportError:',
    '    LOCAL = "missing"',
  ].join('\n'),
};

const cases: EvalCase[] = [
  {
    name: 'from .base import * then in-place += mutates the list base created',
    files: splitSettings,
    module: 'config.settings.production',
    env: { ENVIRONMENT: 'production' },
    expect: {
      DEBUG: { repr: 'False', file: 'config/settings/base.py', line: 2 },
      INSTALLED_APPS: {
        repr: "['django.contrib.sessions', 'anymail']",
        file: 'config/settings/production.py',
        line: 3,
      },
      SHARED: { repr: "['django.contrib.sessions', 'anymail']", file: 'config/settings/base.py' },
      APPS_ALIAS: "['django.contrib.sessions', 'anymail']",
      MIDDLEWARE: { repr: "['django.middleware.security.SecurityMiddleware', 'x']", line: 4 },
      _PRIVATE: 'absent',
      SECURE_SSL_REDIRECT: { repr: 'True', line: 6 },
      LOCAL: "'missing'",
    },
  },
  {
    name: 'if PRODUCTION: the other branch under another env',
    files: splitSettings,
    module: 'config.settings.production',
    env: { ENVIRONMENT: 'staging' },
    expect: {
      SECURE_SSL_REDIRECT: { repr: 'False', line: 8 },
      PRODUCTION: { repr: 'False', envVar: 'ENVIRONMENT' },
    },
  },
  {
    name: 'try: from .local import * runs when local.py exists',
    files: { ...splitSettings, 'config/settings/local.py': 'DEBUG = True\nLOCAL = "present"\n' },
    module: 'config.settings.production',
    expect: {
      DEBUG: { repr: 'True', file: 'config/settings/local.py', line: 1 },
      LOCAL: "'present'",
    },
  },
  {
    name: '__all__ restricts star imports; underscore names are skipped',
    files: {
      'pkg/__init__.py': '',
      'pkg/base.py': '__all__ = ["A", "_B"]\nA = 1\n_B = 2\nC = 3\n',
      'pkg/settings.py': 'from pkg.base import *\n',
    },
    module: 'pkg.settings',
    expect: { A: '1', _B: '2', C: 'absent' },
  },
  {
    name: 'import x.y as z, named imports, relative ..common, package __init__ and submodules',
    files: {
      'proj/__init__.py': '',
      'proj/common.py': 'TIMEOUT = 30\n',
      'proj/conf/__init__.py': 'FROM_INIT = "init"\n',
      'proj/conf/prod.py': [
        'from ..common import TIMEOUT',
        'from . import FROM_INIT',
        'import proj.common as common',
        'import proj.common',
        'from proj import common as c2',
        'T1 = TIMEOUT',
        'T2 = common.TIMEOUT + proj.common.TIMEOUT + c2.TIMEOUT',
        'I = FROM_INIT',
      ].join('\n'),
    },
    module: 'proj.conf.prod',
    expect: { T1: '30', T2: '90', I: "'init'" },
  },
  {
    name: 'pythonPaths: absolute imports resolve under a source root',
    files: {
      'src/app/__init__.py': '',
      'src/app/base.py': 'X = 1\n',
      'src/app/settings.py': 'from app.base import X\nY = X + 1\n',
    },
    module: 'app.settings',
    pythonPaths: ['src'],
    expect: { Y: '2' },
  },
  {
    name: 'circular imports are guarded (partial module, as in Python)',
    files: {
      'a.py': 'A = 1\nfrom b import *\nC = B + 1\n',
      'b.py': 'from a import A\nB = A + 1\n',
    },
    module: 'a',
    expect: { A: '1', B: '2', C: '3' },
  },
  {
    name: 'each module is evaluated once per evaluation',
    files: {
      'counter.py': 'HITS = []\nHITS.append(1)\n',
      'one.py': 'from counter import HITS\n',
      'settings.py': 'import one\nfrom counter import HITS\nimport counter\nN = len(HITS)\n',
    },
    expect: { N: '1' },
  },
  {
    name: 'a missing local module outside try is an ImportError warning; third-party modules are opaque',
    files: {
      'pkg/__init__.py': '',
      'pkg/settings.py':
        'from .nope import X\nimport requests\nfrom django.conf import global_settings\nA = requests.get("x")\nB = global_settings.MIDDLEWARE\n',
    },
    module: 'pkg.settings',
    expect: {
      X: { unknown: /No module named 'pkg\.nope'/ },
      A: { unknown: /third-party call requests\.get\(\)/ },
      B: { unknown: /global_settings/ },
    },
    diagnostics: [
      "settings import would fail: ModuleNotFoundError No module named 'pkg.nope'",
      'import requests: outside the repository',
    ],
  },
  {
    name: 'Unknown condition: both branches run; disagreeing names become Unknown naming the env var',
    source: [
      'import os',
      'import socket',
      'HOST = socket.gethostname()',
      'COMMON = ["a"]',
      'if HOST.startswith("prod"):',
      '    DEBUG = False',
      '    SAME = 1',
      '    COMMON.append("b")',
      'else:',
      '    DEBUG = True',
      '    SAME = 1',
      'if HOST or os.environ.get("X"):',
      '    AFTER = 2',
    ].join('\n'),
    expect: {
      DEBUG: { unknown: /depends on HOST\.startswith\("prod"\)/ },
      SAME: '1',
      COMMON: { unknown: /depends on HOST/ },
      AFTER: { unknown: /depends on/ },
    },
  },
  {
    name: 'Unknown condition from an env var with no default given (env decides): reason names it',
    source: [
      'import json, os',
      'FLAGS = json.loads(os.environ["FLAGS_JSON"]) if False else None',
      'V = os.environ["MODE"]',
      'if V == "prod":',
      '    DEBUG = False',
      'else:',
      '    DEBUG = True',
    ].join('\n'),
    expect: { DEBUG: { unknown: /depends on V == "prod" \(env MODE\)/, envVar: 'MODE' } },
    diagnostics: ["settings import would fail: KeyError 'MODE'"],
  },
  {
    name: 'try/except: KeyError from os.environ[...] runs the handler',
    source: [
      'import os',
      'try:',
      '    SECRET_KEY = os.environ["SECRET_KEY"]',
      'except KeyError:',
      '    SECRET_KEY = "fallback"',
      'finally:',
      '    DONE = True',
    ].join('\n'),
    expect: { SECRET_KEY: { repr: "'fallback'", line: 5 }, DONE: 'True' },
  },
  {
    name: 'bare except and except Exception catch; else runs when nothing is raised',
    source: [
      'try:',
      '    from missing_local import X',
      'except:',
      '    X = 1',
      'try:',
      '    Y = int("no")',
      'except Exception as e:',
      '    Y = 2',
      'try:',
      '    Z = 1',
      'except ValueError:',
      '    Z = 2',
      'else:',
      '    Z = 3',
    ].join('\n'),
    expect: { Y: '2', Z: '3' },
  },
  {
    name: 'syntax errors: the broken statement is skipped (its targets Unknown), the rest evaluates',
    source: ['A = 1', 'B = (2 +', 'C = 3', 'def f(:', '    pass', 'D = 4'].join('\n'),
    expect: { A: '1', D: '4' },
    diagnostics: ['invalid Python syntax near'],
  },
  {
    name: 'os.environ mutation in settings affects later reads',
    source: [
      'import os',
      'os.environ.setdefault("DJANGO_X", "from-setdefault")',
      'os.environ["DJANGO_Y"] = "assigned"',
      'X = os.environ["DJANGO_X"]',
      'Y = os.getenv("DJANGO_Y")',
      'HAS = "DJANGO_Y" in os.environ',
      'MISSING = "NOPE" in os.environ',
    ].join('\n'),
    env: {},
    expect: { X: "'from-setdefault'", Y: "'assigned'", HAS: 'True', MISSING: 'False' },
  },
  {
    name: 'setdefault does not override the given environment',
    source: [
      'import os',
      'os.environ.setdefault("DJANGO_X", "code")',
      'X = os.environ["DJANGO_X"]',
    ].join('\n'),
    env: { DJANGO_X: 'real' },
    expect: { X: { repr: "'real'", envVar: 'DJANGO_X' } },
  },
];

describe('evaluator: imports and branches', () => {
  for (const c of cases) it(c.name, () => checkCase(c));

  it('records the syntax error with file and line and marks broken targets Unknown', () => {
    const s = evaluate({ source: 'A = 1\nB = [1,\nC = 3\nD = 4\n' });
    const err = s.diagnostics.find((d) => d.severity === 'error');
    expect(err).toMatchObject({ file: 'settings.py', severity: 'error' });
    expect(err!.message).toMatch(/invalid Python syntax near/);
    const b = s.settings.get('B')?.value;
    expect(b?.kind === 'unknown' ? b.reason : b).toMatch(/syntax error at settings\.py:2/);
    expect(s.settings.get('D')?.value).toMatchObject({ kind: 'int', value: 4n });
  });

  it('reports filesRead and the settings file', () => {
    const s = evaluate({ files: splitSettings, module: 'config.settings.production' });
    expect(s.file).toBe('config/settings/production.py');
    expect(s.filesRead).toEqual(
      expect.arrayContaining(['config/settings/production.py', 'config/settings/base.py']),
    );
  });

  it('a missing settings module is an error diagnostic, not a throw', () => {
    const s = evaluate({ files: {}, module: 'nope.settings' });
    expect(s.settings.size).toBe(0);
    expect(s.diagnostics[0]?.severity).toBe('error');
    expect(s.diagnostics[0]?.message).toMatch(/not found/);
  });

  it('records non-modelled calls with their keyword arguments', () => {
    const s = evaluate({
      source:
        'import sentry_sdk\nsentry_sdk.init(dsn="https://k@o.ingest.sentry.io/1", send_default_pii=True, traces_sample_rate=1.0)\n',
    });
    const call = s.calls.find((c) => c.callee === 'sentry_sdk.init');
    expect(call).toMatchObject({ file: 'settings.py', line: 2 });
    expect(call!.keywords.get('send_default_pii')).toEqual({ kind: 'bool', value: true });
  });

  it.each([
    ['a.b', { 'a/b.py': '' }, 'a/b.py'],
    ['a.b', { 'a/b/__init__.py': '' }, 'a/b/__init__.py'],
    ['a', { 'src/a.py': '' }, 'src/a.py'],
    ['a..b', { 'a/b.py': '' }, undefined],
    ['missing', {}, undefined],
  ] as const)('resolveModuleFile(%s)', (module, files, expected) => {
    expect(resolveModuleFile(module, ['', 'src'], memoryRepoFiles({ ...files }))).toBe(expected);
  });
});

describe('evaluator: optional third-party imports', () => {
  it('try: import pkg / except ImportError: both paths merge (installation unknown)', () =>
    checkCase({
      name: 'optional import',
      source: [
        'INSTALLED_APPS = ["django.contrib.admin"]',
        'try:',
        '    import debug_toolbar',
        '    INSTALLED_APPS += ["debug_toolbar"]',
        '    HAS_TOOLBAR = True',
        'except ImportError:',
        '    HAS_TOOLBAR = False',
        'try:',
        '    import json',
        '    J = 1',
        'except ImportError:',
        '    J = 2',
        'SAME = 1',
      ].join('\n'),
      expect: {
        INSTALLED_APPS: { unknown: /depends on whether debug_toolbar is installed/ },
        HAS_TOOLBAR: { unknown: /debug_toolbar/ },
        J: '1',
        SAME: '1',
      },
    }));
});

describe('evaluator: django-split-settings include()', () => {
  it('runs included files in the settings namespace, globs sorted, optional() skipped when missing', () =>
    checkCase({
      name: 'split-settings',
      files: {
        'proj/__init__.py': '',
        'proj/settings/__init__.py': [
          'import os',
          'from split_settings.tools import include, optional',
          'ENV = os.environ.get("DJANGO_ENV", "development")',
          'include(',
          '    "components/*.py",',
          '    "environments/{0}.py".format(ENV),',
          '    optional("environments/local.py"),',
          ')',
        ].join('\n'),
        'proj/settings/components/a_base.py':
          'DEBUG = False\nINSTALLED_APPS = ["django.contrib.sessions"]\n',
        'proj/settings/components/b_apps.py': 'INSTALLED_APPS += ["app"]\n',
        'proj/settings/environments/production.py':
          'ALLOWED_HOSTS = ["example.com"]\nSECURE_SSL_REDIRECT = True\n',
      },
      module: 'proj.settings',
      env: { DJANGO_ENV: 'production' },
      expect: {
        DEBUG: { repr: 'False', file: 'proj/settings/components/a_base.py', line: 1 },
        INSTALLED_APPS: {
          repr: "['django.contrib.sessions', 'app']",
          file: 'proj/settings/components/b_apps.py',
        },
        ALLOWED_HOSTS: {
          repr: "['example.com']",
          file: 'proj/settings/environments/production.py',
        },
        ENV: { repr: "'production'", envVar: 'DJANGO_ENV' },
      },
    }));

  it('a missing required include is an import failure diagnostic', () =>
    checkCase({
      name: 'split-settings missing',
      files: {
        'settings.py': 'from split_settings.tools import include\ninclude("nope.py")\nA = 1\n',
      },
      expect: { A: '1' },
      diagnostics: ['settings import would fail: OSError No such file or directory: nope.py'],
    }));
});
