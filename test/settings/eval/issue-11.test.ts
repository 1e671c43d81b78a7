import { describe, expect, it } from 'vitest';
import { checkSettingsSource } from '../../../src/settings/analyze';
import { checkCase, evaluate } from './harness';

/**
 * Wrong answers of the settings evaluator that CPython disagreed with (issue 11): each case is
 * what CPython gives for the same source.
 */

describe('evaluator agrees with CPython (issue 11 regressions)', () => {
  it('`not A and B` is `(not A) and B`', () => {
    checkCase({
      name: 'not precedence',
      source: 'DEBUG = not "" and False\nA = not 0 or 5\nB = not 1 == 2 and 3\n',
      expect: { DEBUG: 'False', A: 'True', B: '3' },
    });
    const ids = checkSettingsSource({
      file: 'proj/settings.py',
      source: 'DEBUG = not "" and False\n',
    }).map((f) => f.ruleId);
    expect(ids).not.toContain('security.W018');
  });

  it('a bare `yield` and a starred comprehension target are valid Python', () => {
    const snapshot = evaluate({
      source:
        'def gen():\n    yield\n\nX = [a for a, *rest in [(1, 2, 3), (4,)]]\nREST = [rest for a, *rest in [(1, 2, 3)]]\nSEND_USAGE_TELEMETRY = True\n',
    });
    expect(snapshot.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    checkCase({
      name: 'yield and starred target',
      source:
        'def gen():\n    yield\n\nX = [a for a, *rest in [(1, 2, 3), (4,)]]\nREST = [rest for a, *rest in [(1, 2, 3)]]\nSEND_USAGE_TELEMETRY = True\n',
      expect: { X: '[1, 4]', REST: '[[2, 3]]', SEND_USAGE_TELEMETRY: 'True' },
    });
  });
});

describe('class-based settings exported with setattr (the readthedocs pattern)', () => {
  const files = {
    'proj/__init__.py': '',
    'proj/core.py': [
      'import inspect',
      'import sys',
      'class Settings:',
      '    @classmethod',
      '    def load_settings(cls, module_name):',
      '        self = cls()',
      '        module = sys.modules[module_name]',
      '        for member, value in inspect.getmembers(self):',
      '            if member.isupper() and not member.startswith("_"):',
      '                if isinstance(value, property):',
      '                    value = value.fget(self)',
      '                setattr(module, member, value)',
      '',
    ].join('\n'),
    'proj/base.py': [
      'from .core import Settings',
      'class BaseSettings(Settings):',
      '    DEBUG = False',
      '    ALLOWED_HOSTS = ["docs.example.com"]',
      '    SECURE_SSL_REDIRECT = True',
      '    @property',
      '    def MIDDLEWARE(self):',
      '        return ["django.middleware.security.SecurityMiddleware", "django.middleware.csrf.CsrfViewMiddleware"]',
      '',
    ].join('\n'),
    'proj/production.py': [
      'from .base import BaseSettings',
      'class ProductionSettings(BaseSettings):',
      '    SESSION_COOKIE_SECURE = True',
      '    @property',
      '    def SECRET_KEY(self):',
      '        return "k" * 10 + "s" * 45',
      'ProductionSettings.load_settings(__name__)',
      '',
    ].join('\n'),
  };

  it('exports the class attributes and properties into the module', () => {
    checkCase({
      name: 'readthedocs pattern',
      files,
      module: 'proj.production',
      expect: {
        DEBUG: 'False',
        ALLOWED_HOSTS: "['docs.example.com']",
        SECURE_SSL_REDIRECT: 'True',
        SESSION_COOKIE_SECURE: 'True',
        MIDDLEWARE: {
          repr: "['django.middleware.security.SecurityMiddleware', 'django.middleware.csrf.CsrfViewMiddleware']",
        },
      },
    });
  });

  it('a statement the evaluator cannot follow makes the defaults it may have replaced undecided', () => {
    const findings = checkSettingsSource({
      file: 'proj/settings.py',
      source: [
        'import sys',
        'def export(values):',
        '    for k, v in values:',
        '        setattr(sys.modules[__name__], k, v)',
        'export(load_from_somewhere())',
        '',
      ].join('\n'),
    });
    const decided = findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId);
    // No confident W001/W002/W003/W020 from Django's defaults: they may have been replaced.
    expect(decided).not.toContain('security.W001');
    expect(decided).not.toContain('security.W009');
    expect(decided).not.toContain('security.W020');
  });
});

describe('the production process model (sys.argv, sys.modules)', () => {
  it('decides "test" in sys.argv and "pytest" in sys.modules as a WSGI server process', () => {
    checkCase({
      name: 'process model',
      source: [
        'import sys',
        'TESTING = "test" in sys.argv or "pytest" in sys.modules',
        'RUNSERVER = len(sys.argv) > 1 and sys.argv[1] == "runserver"',
        'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]',
        'if not TESTING:',
        '    MIDDLEWARE += ["whitenoise.middleware.WhiteNoiseMiddleware"]',
        '',
      ].join('\n'),
      expect: {
        TESTING: 'False',
        RUNSERVER: 'False',
        MIDDLEWARE:
          "['django.middleware.security.SecurityMiddleware', 'whitenoise.middleware.WhiteNoiseMiddleware']",
      },
    });
  });

  it('DJANGO_DEPLOY_GUARD_ARGV in the env profile replaces the model', () => {
    checkCase({
      name: 'argv override',
      source: 'import sys\nTESTING = sys.argv[1:2] == ["test"]\n',
      env: { DJANGO_DEPLOY_GUARD_ARGV: 'manage.py test' },
      expect: { TESTING: 'True' },
    });
  });
});

describe('known facts about values through merged branches', () => {
  const source = [
    'try:',
    '    import debug_toolbar  # noqa',
    '    HAS_TOOLBAR = True',
    'except ImportError:',
    '    HAS_TOOLBAR = False',
    'MIDDLEWARE = [',
    '    "django.middleware.security.SecurityMiddleware",',
    '    "django.middleware.clickjacking.XFrameOptionsMiddleware",',
    '    "django.middleware.csrf.CsrfViewMiddleware",',
    ']',
    'if HAS_TOOLBAR:',
    '    MIDDLEWARE = MIDDLEWARE + ["debug_toolbar.middleware.DebugToolbarMiddleware"]',
    'import os',
    'ALLOWED_HOSTS = ["app.example.com"] + os.environ["EXTRA_HOSTS"].split(",")',
    'INSTALLED_APPS = ["django.contrib.sessions", *os.environ["EXTRA_APPS"].split(",")]',
    '',
  ].join('\n');

  it('a value that is one of several lists keeps what they share', () => {
    const snapshot = evaluate({ source, env: { EXTRA_HOSTS: 'x' } });
    const mw = snapshot.settings.get('MIDDLEWARE')!.value;
    expect(mw.kind).toBe('unknown');
    expect(mw.kind === 'unknown' ? mw.facts?.contains?.length : 0).toBe(3);
  });

  it('decides W001, W002 and W020 from the facts (no undecided finding for them)', () => {
    const findings = checkSettingsSource({ file: 'proj/settings.py', source });
    const ids = findings.map((f) => f.ruleId);
    expect(ids).not.toContain('security.W001');
    expect(ids).not.toContain('security.W002');
    expect(ids).not.toContain('security.W020');
  });
});
