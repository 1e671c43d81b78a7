import { describe, expect, it } from 'vitest';
import { checkSettingsSource } from '../../../src/settings/analyze';
import { checkCase, evaluate } from './harness';

/**
 * Wrong answers of the settings evaluator that CPython disagreed with, found on public projects:
 * each case is what CPython gives for the same source.
 */

describe('evaluator agrees with CPython (regressions)', () => {
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

describe('constructs that gave false notes', () => {
  it('PEP 604 unions, getLogger().setLevel, contextlib.suppress around an import, __path__', () => {
    const snapshot = evaluate({
      files: {
        'proj/__init__.py': 'PKG_DIRS = list(__path__)\n',
        'proj/settings.py': [
          'import contextlib, logging',
          'Number = int | float',
          'OptionalStr = str | None',
          'logging.getLogger("noisy").setLevel(logging.WARNING)',
          'with contextlib.suppress(ImportError):',
          '    from .local import *',
          'from . import PKG_DIRS',
          'DEBUG = False',
          '',
        ].join('\n'),
      },
      module: 'proj.settings',
    });
    expect(snapshot.diagnostics.map((d) => d.message)).toEqual([]);
    expect(snapshot.settings.get('DEBUG')?.value).toEqual({ kind: 'bool', value: false });
    expect(snapshot.settings.get('PKG_DIRS')?.value).toEqual({
      kind: 'list',
      items: [{ kind: 'str', value: '/repo/proj' }],
    });
  });

  it('a helper that raises only on a path CPython does not take reports nothing (saleor rlimit)', () => {
    const snapshot = evaluate({
      source: [
        'import os, resource',
        'from django.core.exceptions import ImproperlyConfigured',
        'def validate_and_set_rlimit(soft, hard):',
        '    soft = int(soft) if soft else None',
        '    hard = int(hard) if hard else None',
        '    if (soft is not None and hard is None) or (soft is None and hard is not None):',
        '        raise ImproperlyConfigured("Both limits must be set.")',
        '    soft_limit = soft * 1000 if soft else resource.RLIM_INFINITY',
        '    hard_limit = hard * 1000 if hard else resource.RLIM_INFINITY',
        '    if soft_limit > hard_limit:',
        '        raise ImproperlyConfigured("Soft memory limit cannot be greater.")',
        '    resource.setrlimit(resource.RLIMIT_DATA, (soft_limit, hard_limit))',
        'validate_and_set_rlimit(os.environ.get("SOFT_LIMIT"), os.environ.get("HARD_LIMIT"))',
        'DEBUG = False',
        '',
      ].join('\n'),
    });
    expect(snapshot.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(snapshot.settings.get('DEBUG')?.value).toEqual({ kind: 'bool', value: false });
  });
});

describe('the undecided reason names the real cause', () => {
  it('not an env var that was given, but the expression that is unknown', () => {
    const findings = checkSettingsSource({
      file: 'proj/settings.py',
      env: { DJANGO_DEV: '0' },
      source: [
        'import os, socket',
        'DEV = os.environ.get("DJANGO_DEV") == "1"',
        'MIDDLEWARE = []',
        'if DEV or socket.gethostname() == "builder":',
        '    MIDDLEWARE = ["x.Middleware"]',
        'else:',
        '    MIDDLEWARE = ["y.Middleware"]',
        '',
      ].join('\n'),
    });
    const w001 = findings.find((f) => f.ruleId === 'security.W001');
    expect(w001?.severity).toBe('info');
    expect(w001?.message).not.toMatch(/DJANGO_DEV/);
    expect(w001?.message).toMatch(/proj\/settings\.py:\d/);
    expect(w001?.message).toContain('socket.gethostname() == "builder"');
  });

  it('load_dotenv in an undecidable branch keeps the values given with --env', () => {
    checkCase({
      name: 'load_dotenv in a branch',
      files: {
        'settings.py': [
          'import os, socket',
          'from dotenv import load_dotenv',
          'if socket.gethostname() == "dev":',
          '    load_dotenv("config/dev.env")',
          'DEBUG = os.environ.get("DJANGO_DEBUG") == "1"',
          '',
        ].join('\n'),
        'config/dev.env': 'DJANGO_DEBUG=1\nOTHER=x\n',
      },
      env: { DJANGO_DEBUG: '0' },
      expect: { DEBUG: 'False' },
    });
  });
});

describe('standard library and settings libraries', () => {
  it('random/secrets draws make strong generated keys (W009 decided, not reported)', () => {
    for (const source of [
      'import random, string\nSECRET_KEY = "".join(random.SystemRandom().choice(string.printable) for _ in range(50))\n',
      'import secrets\nSECRET_KEY = secrets.token_urlsafe(50)\n',
      'import secrets, string\nSECRET_KEY = "".join(secrets.choice(string.ascii_letters + string.digits) for i in range(60))\n',
    ]) {
      const snapshot = evaluate({ source });
      const key = snapshot.settings.get('SECRET_KEY');
      expect(key?.value.kind, source).toBe('str');
      expect(key?.provenance?.generatedBy, source).toBeDefined();
      const ids = checkSettingsSource({ file: 'proj/settings.py', source }).map((f) => f.ruleId);
      expect(ids, source).not.toContain('security.W009');
    }
  });

  it('json.load of a file is labelled as a file read, not a third-party call', () => {
    const snapshot = evaluate({
      source:
        'import json\nwith open("/etc/app/config.json") as f:\n    CONFIG = json.load(f)\nX = json.load(open("conf/missing.json"))\n',
    });
    const x = snapshot.settings.get('X')?.value;
    expect(x?.kind === 'unknown' ? x.reason : '').toMatch(
      /file read at runtime; not in the repository/,
    );
    expect(x?.kind === 'unknown' ? x.reason : '').not.toMatch(/third-party/);
  });

  it('django-configurations: one note, no confident findings from values it cannot see', () => {
    const source = [
      'from configurations import Configuration, values',
      'class Prod(Configuration):',
      '    DEBUG = False',
      '    SECRET_KEY = values.SecretValue()',
      '    ALLOWED_HOSTS = values.ListValue(["example.com"])',
      '',
    ].join('\n');
    const snapshot = evaluate({ source });
    expect(
      snapshot.diagnostics.filter((d) => d.message.includes('django-configurations')),
    ).toHaveLength(1);
    const findings = checkSettingsSource({ file: 'proj/settings.py', source });
    const decided = findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId);
    for (const id of [
      'security.W009',
      'security.W020',
      'security.W001',
      'security.W002',
      'security.W003',
    ])
      expect(decided).not.toContain(id);
    expect(findings.filter((f) => f.undecided).length).toBeGreaterThan(0);
  });

  it('dynaconf and environs give one note each', () => {
    const snapshot = evaluate({
      source:
        'from environs import Env\nenv = Env()\nDEBUG = env.bool("DEBUG", False)\nimport dynaconf\nsettings = dynaconf.DjangoDynaconf(__name__)\n',
    });
    const notes = snapshot.diagnostics.map((d) => d.message);
    expect(notes.filter((m) => m.includes('use environs'))).toHaveLength(1);
    expect(notes.filter((m) => m.includes('use dynaconf'))).toHaveLength(1);
    expect(snapshot.settings.get('DEBUG')?.value.kind).toBe('unknown');
  });
});

describe('configparser and Enum', () => {
  it('reads settings from an INI file in the repository', () => {
    checkCase({
      name: 'configparser',
      files: {
        'settings.py': [
          'import configparser',
          'config = configparser.ConfigParser()',
          'config.read("conf/app.ini")',
          'config.read("conf/missing.ini")',
          'DEBUG = config.getboolean("app", "debug")',
          'ALLOWED_HOSTS = config.get("app", "hosts").split(",")',
          'HSTS = config.getint("security", "hsts", fallback=0)',
          'NAME = config["app"]["name"]',
          'HAS_DB = config.has_section("db")',
          '',
        ].join('\n'),
        'conf/app.ini': '[DEFAULT]\nname = shop\n\n[app]\ndebug = off\nhosts = a.com,b.com\n',
      },
      expect: {
        DEBUG: 'False',
        ALLOWED_HOSTS: "['a.com', 'b.com']",
        HSTS: '0',
        NAME: "'shop'",
        HAS_DB: 'False',
      },
    });
  });

  it('iterates an Enum class over its members', () => {
    checkCase({
      name: 'enum',
      source: [
        'from enum import Enum',
        'class Env(Enum):',
        '    PROD = "production"',
        '    STAGING = "staging"',
        '    LIVE = "production"',
        'NAMES = [e.name for e in Env]',
        'VALUES = [e.value for e in Env]',
        'IS_PROD = Env.PROD.value == "production"',
        'SAME = Env.PROD is Env.PROD',
        '',
      ].join('\n'),
      expect: {
        NAMES: "['PROD', 'STAGING']",
        VALUES: "['production', 'staging']",
        IS_PROD: 'True',
        SAME: 'True',
      },
    });
  });
});
