import { describe, expect, it } from 'vitest';
import type { EvalCase } from './harness';
import { checkCase, evaluate } from './harness';

/** django-rules.md §3.1: plain os access. */
const osCases: EvalCase[] = [
  {
    name: 'os.getenv default is used unchanged when unset; env values are always str when set',
    source: [
      'import os',
      'DEBUG = os.getenv("DEBUG", False)',
      'HSTS = int(os.environ.get("HSTS", 0))',
      'FLAG = os.getenv("FLAG", "0") == "1"',
      'LOWER = os.environ.get("LOWER", "False").lower() in ("true", "1", "yes")',
      'NONE = os.getenv("NOT_SET")',
      'HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")',
      'B = bool(os.getenv("B_FLAG"))',
    ].join('\n'),
    env: { DEBUG: 'False', FLAG: '1', B_FLAG: 'False' },
    expect: {
      DEBUG: { repr: "'False'", envVar: 'DEBUG', usedDefault: false },
      HSTS: { repr: '0', envVar: 'HSTS', usedDefault: true, defaultText: '0' },
      FLAG: { repr: 'True', envVar: 'FLAG' },
      LOWER: { repr: 'False', envVar: 'LOWER', usedDefault: true, defaultText: '"False"' },
      NONE: { repr: 'None', envVar: 'NOT_SET', usedDefault: true },
      HOSTS: { repr: "['']", envVar: 'ALLOWED_HOSTS', usedDefault: true },
      B: { repr: 'True', envVar: 'B_FLAG' },
    },
  },
  {
    name: 'from os import environ, getenv',
    source:
      'from os import environ, getenv\nA = environ.get("A", "x")\nB = getenv("B")\nC = environ["C"]\n',
    env: { B: 'b', C: 'c' },
    expect: { A: "'x'", B: "'b'", C: { repr: "'c'", envVar: 'C' } },
  },
  {
    name: 'os.environ["X"] unset: Unknown with envVar and a KeyError warning',
    source: 'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n',
    expect: { SECRET_KEY: { unknown: /DJANGO_SECRET_KEY/, envVar: 'DJANGO_SECRET_KEY', line: 2 } },
    diagnostics: ["settings import would fail: KeyError 'DJANGO_SECRET_KEY'"],
  },
  {
    name: 'int() of a non-numeric env value: ValueError warning, Unknown',
    source: 'import os\nHSTS = int(os.getenv("HSTS", "0"))\n',
    env: { HSTS: 'one year' },
    expect: { HSTS: { unknown: /invalid literal for int/, envVar: 'HSTS' } },
    diagnostics: ['ValueError'],
  },
  {
    name: 'json.loads and ast.literal_eval of env values',
    source:
      'import os, json, ast\nA = json.loads(os.environ.get("A", "[]"))\nB = ast.literal_eval(os.getenv("B", "None"))\n',
    env: { A: '["x", 1, true, null]', B: "{'k': (1, 'v')}" },
    expect: {
      A: { repr: "['x', 1, True, None]", envVar: 'A' },
      B: { repr: "{'k': (1, 'v')}", envVar: 'B' },
    },
  },
  {
    name: 'strtobool is modelled; other third-party calls stay Unknown but keep the env var',
    source: [
      'import os',
      'from distutils.util import strtobool',
      'import somelib',
      'DEBUG = bool(strtobool(os.getenv("DEBUG", "False")))',
      'OTHER = somelib.parse(os.environ.get("OTHER", "x"))',
    ].join('\n'),
    env: { DEBUG: 'yes' },
    expect: {
      DEBUG: { repr: 'True', envVar: 'DEBUG' },
      OTHER: { unknown: /third-party call somelib\.parse\(\)/, envVar: 'OTHER' },
    },
  },
  {
    name: 'python-dotenv load_dotenv(): finds .env upwards, fills only unset vars, expands ${VAR}',
    files: {
      '.env': [
        'export DEBUG=True  # inline comment stripped',
        "SINGLE='lit ${HOME_X}'",
        'DOUBLE="a\\nb"',
        'URL=postgres://${DB_HOST:-localhost}/app',
        'GIVEN=file',
      ].join('\n'),
      'proj/__init__.py': '',
      'proj/settings.py': [
        'import os',
        'from dotenv import load_dotenv, dotenv_values',
        'LOADED = load_dotenv()',
        'DEBUG = os.getenv("DEBUG") == "True"',
        'SINGLE = os.environ["SINGLE"]',
        'DOUBLE = os.environ["DOUBLE"]',
        'URL = os.environ["URL"]',
        'GIVEN = os.environ["GIVEN"]',
        'VALUES = dotenv_values(".env")["GIVEN"]',
      ].join('\n'),
    },
    module: 'proj.settings',
    env: { GIVEN: 'real', DB_HOST: 'db' },
    expect: {
      LOADED: 'True',
      DEBUG: 'True',
      // python-dotenv 1.2 expands ${VAR} inside single quotes too (checked against the library).
      SINGLE: "'lit '",
      DOUBLE: "'a\\nb'",
      URL: "'postgres://db/app'",
      GIVEN: "'real'",
      VALUES: "'file'",
    },
  },
];

/** django-rules.md §3.2: django-environ 0.11.2. */
const environCases: EvalCase[] = [
  {
    name: 'bool cast: int(v) != 0 first, then lower().strip() in true,on,ok,y,yes,1',
    source: [
      'import environ',
      'env = environ.Env()',
      'A = env.bool("A")',
      'B = env.bool("B")',
      'C = env.bool("C")',
      'D = env.bool("D")',
      'E = env.bool("E")',
      'F = env.bool("F")',
      'G = env.bool("G")',
    ].join('\n'),
    env: { A: '2', B: '-1', C: '0', D: 't', E: ' yes ', F: 'ok', G: '' },
    expect: { A: 'True', B: 'True', C: 'False', D: 'False', E: 'True', F: 'True', G: 'False' },
  },
  {
    name: 'defaults are NOT cast (env.bool default "True" stays a str); smart cast from type(default)',
    source: [
      'import environ',
      'env = environ.Env()',
      'A = env.bool("A", default="True")',
      'B = env.list("B", default="a,b")',
      'C = env("C", default=False)',
      'D = env("D", default=3)',
      'E = env.int("E", default="60")',
    ].join('\n'),
    env: { C: 'yes', D: '42' },
    expect: {
      A: { repr: "'True'", envVar: 'A', usedDefault: true, defaultText: '"True"' },
      B: { repr: "'a,b'", usedDefault: true },
      C: { repr: 'True', envVar: 'C', usedDefault: false },
      D: '42',
      E: "'60'",
    },
  },
  {
    name: 'env.list splits on "," without strip and drops empty items; cast per item',
    source: [
      'import environ',
      'env = environ.Env()',
      'HOSTS = env.list("HOSTS")',
      'PORTS = env.list("PORTS", cast=int)',
      'T = env.tuple("T")',
      'D = env.dict("D")',
    ].join('\n'),
    env: { HOSTS: 'a.com, b.com,,c', PORTS: '1,2', T: '(x,y)', D: 'a=1,b=2' },
    expect: {
      HOSTS: "['a.com', ' b.com', 'c']",
      PORTS: '[1, 2]',
      T: "('x', 'y')",
      D: "{'a': '1', 'b': '2'}",
    },
  },
  {
    name: 'scheme supplies cast and default (Env(X=(bool, False))) or cast only (Env(X=bool))',
    source: [
      'import environ',
      'env = environ.Env(DEBUG=(bool, False), HSTS=int, HOSTS=(list, []))',
      'DEBUG = env("DEBUG")',
      'HSTS = env("HSTS")',
      'HOSTS = env("HOSTS")',
    ].join('\n'),
    env: { DEBUG: 'on', HSTS: '3600' },
    expect: {
      DEBUG: { repr: 'True', envVar: 'DEBUG' },
      HSTS: '3600',
      HOSTS: { repr: '[]', usedDefault: true },
    },
  },
  {
    name: 'missing with no default: Unknown + ImproperlyConfigured diagnostic',
    source:
      'import environ\nenv = environ.Env()\nSECRET_KEY = env("DJANGO_SECRET_KEY")\nADMIN = env.str("ADMIN_URL")\n',
    expect: {
      SECRET_KEY: { unknown: /required/, envVar: 'DJANGO_SECRET_KEY' },
      ADMIN: { envVar: 'ADMIN_URL' },
    },
    diagnostics: ['ImproperlyConfigured: Set the DJANGO_SECRET_KEY environment variable'],
  },
  {
    name: '$OTHER proxies another variable; "" with default None becomes None; float with grouping',
    source: [
      'import environ',
      'env = environ.Env()',
      'A = env("A")',
      'B = env("B", default=None)',
      'F = env.float("F")',
    ].join('\n'),
    env: { A: '$OTHER', OTHER: 'proxied', B: '', F: '1,000.5' },
    expect: { A: "'proxied'", B: 'None', F: '1000.5' },
  },
  {
    name: 'env.db() parses the URL (ENGINE/NAME/...); env.cache() too',
    source: [
      'import environ',
      'env = environ.Env()',
      'DATABASES = {"default": env.db()}',
      'DATABASES["default"]["ATOMIC_REQUESTS"] = True',
      'LITE = env.db_url("LITE_URL", default="sqlite:///db.sqlite3")',
      'CACHES = {"default": env.cache("CACHE_URL", default="filecache:///var/tmp/cache")}',
    ].join('\n'),
    env: { DATABASE_URL: 'postgres://u:p@db.internal:5432/app' },
    expect: {
      DATABASES: {
        repr: "{'default': {'NAME': 'app', 'USER': 'u', 'PASSWORD': 'p', 'HOST': 'db.internal', 'PORT': 5432, 'ENGINE': 'django.db.backends.postgresql', 'ATOMIC_REQUESTS': True}}",
        line: 4,
      },
      LITE: {
        repr: "{'NAME': 'db.sqlite3', 'USER': '', 'PASSWORD': '', 'HOST': '', 'PORT': '', 'ENGINE': 'django.db.backends.sqlite3'}",
        usedDefault: true,
      },
      CACHES:
        "{'default': {'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache', 'LOCATION': '/var/tmp/cache'}}",
    },
  },
  {
    name: 'read_env applies a committed .env with setdefault semantics (the given env wins)',
    files: {
      '.env':
        'export DJANGO_DEBUG=True\nDJANGO_HOSTS="a.com,b.com"\nSECRET=\'x#notacomment\'\nGIVEN=file\n',
      'config/__init__.py': '',
      'config/settings.py': [
        'import environ',
        'from pathlib import Path',
        'BASE_DIR = Path(__file__).resolve().parent.parent',
        'env = environ.Env()',
        'env.read_env(str(BASE_DIR / ".env"))',
        'DEBUG = env.bool("DJANGO_DEBUG", False)',
        'HOSTS = env.list("DJANGO_HOSTS")',
        'SECRET = env("SECRET")',
        'GIVEN = env("GIVEN")',
      ].join('\n'),
    },
    module: 'config.settings',
    env: { GIVEN: 'real' },
    expect: {
      DEBUG: { repr: 'True', envVar: 'DJANGO_DEBUG' },
      HOSTS: "['a.com', 'b.com']",
      SECRET: "'x#notacomment'",
      GIVEN: "'real'",
    },
  },
  {
    name: 'read_env(overwrite=True), Env.read_env classmethod, os.path.join path, no-arg = .env next to settings',
    files: {
      'cfg/.env': 'LOCAL=here\n',
      'prod.env': 'GIVEN=file\n',
      'cfg/__init__.py': '',
      'cfg/settings.py': [
        'import os, environ',
        'ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))',
        'environ.Env.read_env(os.path.join(ROOT, "prod.env"), overwrite=True)',
        'environ.Env.read_env()',
        'env = environ.Env()',
        'GIVEN = env("GIVEN")',
        'LOCAL = env("LOCAL")',
      ].join('\n'),
    },
    module: 'cfg.settings',
    env: { GIVEN: 'real' },
    expect: { GIVEN: "'file'", LOCAL: "'here'" },
  },
  {
    name: 'read_env under an env-controlled flag (cookiecutter READ_DOT_ENV_FILE)',
    files: {
      '.env': 'DJANGO_DEBUG=True\n',
      'settings.py': [
        'import environ',
        'env = environ.Env()',
        'READ = env.bool("DJANGO_READ_DOT_ENV_FILE", default=False)',
        'if READ:',
        '    env.read_env(".env")',
        'DEBUG = env.bool("DJANGO_DEBUG", False)',
      ].join('\n'),
    },
    env: { DJANGO_READ_DOT_ENV_FILE: 'True' },
    expect: { DEBUG: 'True' },
  },
];

/** django-rules.md §3.3: python-decouple 3.8. */
const decoupleCases: EvalCase[] = [
  {
    name: 'config(): default IS cast; bool rule; Csv; Choices',
    source: [
      'from decouple import config, Csv, Choices',
      'DEBUG = config("DEBUG", default="True", cast=bool)',
      'OFF = config("OFF", default=False, cast=bool)',
      'HOSTS = config("HOSTS", cast=Csv())',
      'PORTS = config("PORTS", default="1, 2", cast=Csv(int))',
      'T = config("T", cast=bool)',
      'EMPTY = config("EMPTY", cast=bool)',
      'MODE = config("MODE", default="prod", cast=Choices(["prod", "dev"]))',
      'N = config("N", default=5, cast=int)',
    ].join('\n'),
    env: { HOSTS: ' a.com , "b,c" ,,d', T: 't', EMPTY: '' },
    expect: {
      DEBUG: { repr: 'True', envVar: 'DEBUG', usedDefault: true },
      OFF: 'False',
      HOSTS: "['a.com', 'b,c', 'd']",
      PORTS: '[1, 2]',
      T: 'True',
      EMPTY: 'False',
      MODE: "'prod'",
      N: '5',
    },
  },
  {
    name: 'config(cast=bool) on an invalid value raises ValueError: Unknown + diagnostic',
    source: 'from decouple import config\nDEBUG = config("DEBUG", cast=bool)\nX = config("X")\n',
    env: { DEBUG: '2' },
    expect: {
      DEBUG: { unknown: /Not a boolean/, envVar: 'DEBUG' },
      X: { unknown: /UndefinedValueError/, envVar: 'X' },
    },
    diagnostics: ['ValueError Not a boolean: 2', 'UndefinedValueError: X not found'],
  },
  {
    name: 'AutoConfig walks up from the settings directory: settings.ini [settings] before .env; os.environ first',
    files: {
      'settings.ini': '[settings]\nDEBUG=True\nSECRET_KEY = from-ini\n[other]\nX=1\n',
      '.env': 'DEBUG=False\n',
      'proj/__init__.py': '',
      'proj/conf/__init__.py': '',
      'proj/conf/settings.py':
        'from decouple import config\nDEBUG = config("DEBUG", cast=bool)\nSECRET_KEY = config("SECRET_KEY")\nX = config("X", default="none")\n',
    },
    module: 'proj.conf.settings',
    env: { SECRET_KEY: 'from-env' },
    expect: { DEBUG: { repr: 'True', envVar: 'DEBUG' }, SECRET_KEY: "'from-env'", X: "'none'" },
  },
  {
    name: 'AutoConfig finds the nearest .env; Config(RepositoryEnv(path))',
    files: {
      'app/.env': 'DEBUG=on\nQUOTED="q v"\n',
      '.env.prod': 'DEBUG=off\n',
      'app/__init__.py': '',
      'app/settings.py': [
        'from decouple import config, Config, RepositoryEnv',
        'DEBUG = config("DEBUG", cast=bool)',
        'QUOTED = config("QUOTED")',
        'prod = Config(RepositoryEnv(".env.prod"))',
        'PROD_DEBUG = prod("DEBUG", cast=bool)',
      ].join('\n'),
    },
    module: 'app.settings',
    expect: { DEBUG: 'True', QUOTED: "'q v'", PROD_DEBUG: 'False' },
  },
];

/** django-rules.md §3.4: pydantic-settings (simple fields). */
const pydanticCases: EvalCase[] = [
  {
    name: 'BaseSettings fields: defaults, env override with env_prefix (case-insensitive), pydantic bool',
    source: [
      'from pydantic_settings import BaseSettings, SettingsConfigDict',
      'class AppSettings(BaseSettings):',
      '    model_config = SettingsConfigDict(env_prefix="DJANGO_")',
      '    debug: bool = False',
      '    secret_key: str = "dev"',
      '    allowed_hosts: list[str] = []',
      '    hsts: int = 0',
      '    required: str',
      's = AppSettings()',
      'DEBUG = s.debug',
      'SECRET_KEY = s.secret_key',
      'ALLOWED_HOSTS = s.allowed_hosts',
      'HSTS = s.hsts',
      'REQUIRED = s.required',
    ].join('\n'),
    env: { django_debug: 'YES', DJANGO_ALLOWED_HOSTS: '["a.com"]', DJANGO_HSTS: 'x' },
    expect: {
      DEBUG: { repr: 'True', envVar: 'django_debug' },
      SECRET_KEY: { repr: "'dev'", usedDefault: true },
      ALLOWED_HOSTS: "['a.com']",
      HSTS: { unknown: /invalid literal/ },
      REQUIRED: { unknown: /field required/ },
    },
  },
  {
    name: 'pydantic bool rejects " yes " and "2" (ValidationError → Unknown)',
    source:
      'from pydantic_settings import BaseSettings\nclass S(BaseSettings):\n    debug: bool = False\nDEBUG = S().debug\n',
    env: { DEBUG: '2' },
    expect: { DEBUG: { unknown: /valid boolean/ } },
  },
  {
    name: 'model_config env_file supplies values below the real environment',
    files: {
      '.env': 'APP_DEBUG=true\nAPP_NAME=from-file\n',
      'settings.py': [
        'from pydantic_settings import BaseSettings, SettingsConfigDict',
        'class S(BaseSettings):',
        '    model_config = SettingsConfigDict(env_prefix="APP_", env_file=".env")',
        '    debug: bool = False',
        '    name: str = "default"',
        's = S()',
        'DEBUG = s.debug',
        'NAME = s.name',
      ].join('\n'),
    },
    env: { APP_NAME: 'from-env' },
    expect: { DEBUG: { repr: 'True', envVar: 'APP_debug' }, NAME: "'from-env'" },
  },
];

describe('evaluator: os.environ', () => {
  for (const c of osCases) it(c.name, () => checkCase(c));
});
describe('evaluator: django-environ', () => {
  for (const c of environCases) it(c.name, () => checkCase(c));
});
describe('evaluator: python-decouple', () => {
  for (const c of decoupleCases) it(c.name, () => checkCase(c));
});
describe('evaluator: pydantic-settings', () => {
  for (const c of pydanticCases) it(c.name, () => checkCase(c));
});

describe('evaluator: envReads', () => {
  it('lists every env read with its default text and whether the given env sets it', () => {
    const s = evaluate({
      source:
        'import os, environ\nenv = environ.Env()\nA = os.getenv("A", "1")\nB = env.bool("B", default=True)\nC = os.environ.get("C")\n',
      env: { C: 'x' },
    });
    expect(s.envReads).toEqual([
      { name: 'A', file: 'settings.py', line: 3, defaultText: '"1"', isSet: false },
      { name: 'B', file: 'settings.py', line: 4, defaultText: 'True', isSet: false },
      { name: 'C', file: 'settings.py', line: 5, isSet: true },
    ]);
  });
});
