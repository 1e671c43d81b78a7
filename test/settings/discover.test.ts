import { describe, expect, it } from 'vitest';
import { memoryRepoFiles } from '../../src/core/repo-files';
import { defaultPythonPaths, discoverSettings } from '../../src/settings/discover';

const SETTINGS = 'DEBUG = False\nINSTALLED_APPS = []\n';

/** cookiecutter-django's layout (django-rules.md §3.6–3.7). */
const cookiecutter: Record<string, string> = {
  'config/__init__.py': '',
  'config/settings/__init__.py': '',
  'config/settings/base.py': SETTINGS,
  'config/settings/local.py': 'from .base import *\n',
  'config/settings/production.py': 'from .base import *\n',
  'config/settings/test.py': 'from .base import *\n',
  'config/wsgi.py':
    'import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
  'config/asgi.py':
    'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n',
  'manage.py':
    'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n',
  'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "--ds=config.settings.test --reuse-db"\n',
};

function discover(repo: Record<string, string>) {
  return discoverSettings(Object.keys(repo), memoryRepoFiles(repo));
}

const modulesOf = (repo: Record<string, string>) =>
  discover(repo).modules.map((m) => [m.module, m.file, m.reason]);

describe('discoverSettings', () => {
  it('follows wsgi.py over asgi.py and manage.py pointing at local settings', () => {
    expect(modulesOf(cookiecutter)).toEqual([
      [
        'config.settings.production',
        'config/settings/production.py',
        'config/wsgi.py:3 os.environ.setdefault("DJANGO_SETTINGS_MODULE", …)',
      ],
    ]);
  });

  it('prefers DJANGO_SETTINGS_MODULE in a deploy env file', () => {
    const repo = {
      ...cookiecutter,
      'config/settings/prod_eu.py': SETTINGS,
      '.envs/.production/.django':
        '# prod\nexport DJANGO_SETTINGS_MODULE="config.settings.prod_eu"\n',
    };
    expect(modulesOf(repo)).toEqual([
      [
        'config.settings.prod_eu',
        'config/settings/prod_eu.py',
        'DJANGO_SETTINGS_MODULE in .envs/.production/.django:2',
      ],
    ]);
  });

  it('reads Dockerfile ENV in both syntaxes', () => {
    const base = { ...cookiecutter, 'config/wsgi.py': '' };
    expect(
      modulesOf({
        ...base,
        Dockerfile: 'FROM python\nENV DJANGO_SETTINGS_MODULE=config.settings.production\n',
      })[0]?.[2],
    ).toBe('Dockerfile:2 sets DJANGO_SETTINGS_MODULE');
    expect(
      modulesOf({
        ...base,
        Dockerfile: 'FROM python\nENV DJANGO_SETTINGS_MODULE config.settings.production\n',
      })[0]?.[0],
    ).toBe('config.settings.production');
  });

  it('reads compose environment and env_file', () => {
    const repo = {
      ...cookiecutter,
      'config/wsgi.py': '',
      'docker-compose.production.yml':
        'services:\n  django:\n    env_file:\n      - ./.envs/.prod.env\n',
      '.envs/.prod.env': 'DJANGO_SETTINGS_MODULE=config.settings.production\n',
    };
    expect(modulesOf(repo)).toEqual([
      [
        'config.settings.production',
        'config/settings/production.py',
        'DJANGO_SETTINGS_MODULE in .envs/.prod.env:1 (env_file of docker-compose.production.yml:4)',
      ],
    ]);
    const inline = {
      ...cookiecutter,
      'config/wsgi.py': '',
      'compose.yml':
        'services:\n  web:\n    environment:\n      DJANGO_SETTINGS_MODULE: config.settings.production\n',
    };
    expect(modulesOf(inline)[0]?.[2]).toBe('compose.yml:4 sets DJANGO_SETTINGS_MODULE');
  });

  it.each([
    [
      'fly.toml',
      '[env]\n  DJANGO_SETTINGS_MODULE = "config.settings.production"\n',
      'fly.toml:2 sets DJANGO_SETTINGS_MODULE',
    ],
    [
      'app.yaml',
      'env_variables:\n  DJANGO_SETTINGS_MODULE: config.settings.production\n',
      'app.yaml:2 sets DJANGO_SETTINGS_MODULE',
    ],
    [
      'k8s/web.yaml',
      'env:\n  - name: DJANGO_SETTINGS_MODULE\n    value: "config.settings.production"\n',
      'k8s/web.yaml:2 sets DJANGO_SETTINGS_MODULE',
    ],
    [
      // DigitalOcean App Platform (babybuddy's .do/deploy.template.yaml): scope and type between.
      '.do/deploy.template.yaml',
      'envs:\n  - key: DEBUG\n    value: "False"\n  - key: DJANGO_SETTINGS_MODULE\n    scope: RUN_AND_BUILD_TIME\n    type: GENERAL\n    value: "config.settings.production"\n  - key: SECRET_KEY\n    type: SECRET\n',
      '.do/deploy.template.yaml:4 sets DJANGO_SETTINGS_MODULE',
    ],
    [
      'gunicorn.conf.py',
      'raw_env = ["DJANGO_SETTINGS_MODULE=config.settings.production"]\n',
      'gunicorn.conf.py:1 sets DJANGO_SETTINGS_MODULE',
    ],
  ])('reads platform config %s', (file, content, reason) => {
    const repo = { ...cookiecutter, 'config/wsgi.py': '', [file]: content };
    expect(modulesOf(repo)).toEqual([
      ['config.settings.production', 'config/settings/production.py', reason],
    ]);
  });

  it("a name or key entry's value belongs to its own list item, not the next one", () => {
    const repo = {
      ...cookiecutter,
      'config/wsgi.py': '',
      'k8s/web.yaml':
        'env:\n  - name: DJANGO_SETTINGS_MODULE\n    valueFrom:\n      configMapKeyRef: {name: x}\n  - name: OTHER\n    value: config.settings.production\n',
    };
    expect(modulesOf(repo).map(([, , reason]) => reason)).not.toContain(
      'k8s/web.yaml:2 sets DJANGO_SETTINGS_MODULE',
    );
  });

  it('follows a Procfile gunicorn target to its wsgi.py', () => {
    const repo = {
      ...cookiecutter,
      Procfile: 'release: python manage.py migrate\nweb: gunicorn config.wsgi:application\n',
    };
    expect(modulesOf(repo)[0]?.[2]).toBe(
      'Procfile:2 serves config/wsgi.py, which defaults DJANGO_SETTINGS_MODULE (line 3)',
    );
  });

  it('reads --settings= in a Procfile', () => {
    const repo = {
      ...cookiecutter,
      'config/settings/heroku.py': SETTINGS,
      Procfile: 'web: python manage.py runserver --settings=config.settings.heroku\n',
    };
    expect(modulesOf(repo)[0]?.slice(0, 2)).toEqual([
      'config.settings.heroku',
      'config/settings/heroku.py',
    ]);
  });

  it('falls back to file names when only manage.py (pointing at local) says anything', () => {
    const repo = { ...cookiecutter, 'config/wsgi.py': '', 'config/asgi.py': '' };
    const result = discover(repo);
    expect(result.modules.map((m) => [m.module, m.reason])).toEqual([
      [
        'config.settings.production',
        'file name config/settings/production.py looks like production settings',
      ],
    ]);
    expect(result.notes).toContain(
      'set aside config.settings.local: local/dev settings (manage.py:2 os.environ.setdefault("DJANGO_SETTINGS_MODULE", …))',
    );
  });

  it('never picks test settings: by name, or named only by the test runner', () => {
    const repo = {
      'proj/__init__.py': '',
      'proj/ci_run.py': SETTINGS,
      'proj.settings_test.py': SETTINGS,
      'proj/settings.py': SETTINGS,
      'proj/wsgi.py': 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings_test")\n',
      'pytest.ini': '[pytest]\nDJANGO_SETTINGS_MODULE = proj.ci_run\n',
    };
    const result = discover(repo);
    expect(result.modules.map((m) => [m.module, m.reason])).toEqual([
      ['proj.settings', 'only settings module found'],
    ]);
    expect(result.setAside.map((c) => c.module)).toEqual(['proj.settings_test']);
  });

  it("the test runner's module is a signal against, not a veto over the WSGI entry point", () => {
    const repo = {
      'proj/__init__.py': '',
      'proj/ci_run.py': SETTINGS,
      'proj/settings.py': SETTINGS,
      'proj/wsgi.py': 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.ci_run")\n',
      'pytest.ini': '[pytest]\nDJANGO_SETTINGS_MODULE = proj.ci_run\n',
    };
    expect(modulesOf(repo).map((m) => m[0])).toEqual(['proj.ci_run']);
  });

  it("uses startproject's settings.py", () => {
    const repo = {
      'manage.py': 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
      'mysite/settings.py': SETTINGS,
      'mysite/wsgi.py': "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
    };
    expect(modulesOf(repo)).toEqual([
      [
        'mysite.settings',
        'mysite/settings.py',
        'mysite/wsgi.py:1 os.environ.setdefault("DJANGO_SETTINGS_MODULE", …)',
      ],
    ]);
  });

  it('resolves modules under src/ and next to a nested manage.py', () => {
    const srcRepo = { 'src/shop/settings/prod.py': SETTINGS, 'src/shop/__init__.py': '' };
    expect(discover(srcRepo).pythonPaths).toEqual(['', 'src']);
    expect(modulesOf(srcRepo)[0]?.slice(0, 2)).toEqual([
      'shop.settings.prod',
      'src/shop/settings/prod.py',
    ]);
    const nested = {
      'backend/manage.py': '',
      'backend/core/wsgi.py': 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")\n',
      'backend/core/settings.py': SETTINGS,
    };
    expect(modulesOf(nested)[0]?.slice(0, 2)).toEqual([
      'core.settings',
      'backend/core/settings.py',
    ]);
  });

  it('notes a signal naming a module that is not in the repository', () => {
    const repo = {
      'app/wsgi.py': 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gone.settings")\n',
    };
    const result = discover(repo);
    expect(result.modules).toEqual([]);
    expect(result.notes).toEqual([
      'gone.settings named by app/wsgi.py:1 os.environ.setdefault("DJANGO_SETTINGS_MODULE", …) is not in the repository',
      'no production settings module found (only test or development projects, or none): the settings checks did not run; the secret and file checks did',
    ]);
  });

  it('ignores vendored directories', () => {
    const repo = { '.venv/lib/site-packages/django/conf/project_template/settings.py': SETTINGS };
    expect(discover(repo).modules).toEqual([]);
  });
});

describe('defaultPythonPaths', () => {
  it('is the repository root alone for a flat project', () => {
    const repo = { 'manage.py': '', 'mysite/settings.py': '' };
    expect(defaultPythonPaths(Object.keys(repo), memoryRepoFiles(repo))).toEqual(['']);
  });
});

describe('DJANGO_SETTINGS_MODULE in the production environment', () => {
  const staging = { ...cookiecutter, 'config/settings/staging.py': 'from .base import *\n' };
  const withEnv = (repo: Record<string, string>, env: Record<string, string>) =>
    discoverSettings(Object.keys(repo), memoryRepoFiles(repo), undefined, env);

  it('chooses the module, over wsgi.py and every deployment file, as Django does', () => {
    const found = withEnv(staging, { DJANGO_SETTINGS_MODULE: 'config.settings.staging' });
    expect(found.modules).toEqual([
      {
        module: 'config.settings.staging',
        file: 'config/settings/staging.py',
        reason: 'DJANGO_SETTINGS_MODULE in the production environment',
      },
    ]);
  });

  it('a module that is not in the repository is a note; discovery goes on', () => {
    const found = withEnv(cookiecutter, { DJANGO_SETTINGS_MODULE: 'vendor.settings' });
    expect(found.modules.map((m) => m.module)).toEqual(['config.settings.production']);
    expect(found.notes).toContainEqual(expect.stringMatching(/^vendor\.settings named by/));
  });

  it('an empty value is unset', () => {
    expect(withEnv(cookiecutter, { DJANGO_SETTINGS_MODULE: ' ' }).modules[0]?.module).toBe(
      'config.settings.production',
    );
  });
});

describe('env files are read by their reader (src/dotenv/)', () => {
  const base = {
    'config/__init__.py': '',
    'config/settings/__init__.py': '',
    'config/settings/local.py': SETTINGS,
    'config/settings/production.py': SETTINGS,
    'config/settings/eu.py': SETTINGS,
  };

  it("a compose env_file as docker compose reads it: comments don't count, `KEY: value` does", () => {
    const repo = {
      ...base,
      'docker-compose.production.yml':
        'services:\n  django:\n    image: app\n    env_file:\n      - ./deploy/django.env\n',
      'deploy/django.env':
        '# DJANGO_SETTINGS_MODULE=config.settings.local\nDJANGO_SETTINGS_MODULE: config.settings.eu\n',
    };
    expect(modulesOf(repo)).toEqual([
      [
        'config.settings.eu',
        'config/settings/eu.py',
        'DJANGO_SETTINGS_MODULE in deploy/django.env:2 (env_file of docker-compose.production.yml:5)',
      ],
    ]);
  });

  it('a deploy env file as python-dotenv reads it (export, quotes, inline comment)', () => {
    const repo = {
      ...base,
      '.env.production': 'export DJANGO_SETTINGS_MODULE="config.settings.eu" # EU\n',
    };
    expect(modulesOf(repo)[0]?.slice(0, 2)).toEqual([
      'config.settings.eu',
      'config/settings/eu.py',
    ]);
  });

  it("keeps the WSGI entry point's module when the test runner names it too", () => {
    // paperless-ngx: pyproject's pytest section sets DJANGO_SETTINGS_MODULE = "paperless.settings",
    // the same module src/paperless/wsgi.py defaults to; an app's constants settings.py exists.
    const repo = {
      'src/paperless/__init__.py': '',
      'src/paperless/settings.py': SETTINGS,
      'src/paperless/wsgi.py':
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paperless.settings")\n',
      'src/manage.py': 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paperless.settings")\n',
      'src/documents/__init__.py': '',
      'src/documents/settings.py': 'EXPORTER_FILE_NAME = "__exported_file_name__"\n',
      'pyproject.toml':
        '[tool.pytest.ini_options]\nDJANGO_SETTINGS_MODULE = "paperless.settings"\n',
    };
    const result = discover(repo);
    expect(result.modules.map((m) => [m.module, m.reason])).toEqual([
      [
        'paperless.settings',
        'src/paperless/wsgi.py:1 os.environ.setdefault("DJANGO_SETTINGS_MODULE", …)',
      ],
    ]);
    expect(result.notes.join('\n')).toContain("also the test runner's DJANGO_SETTINGS_MODULE");
  });

  it('never chooses a module that sets no Django setting', () => {
    const repo = {
      'documents/__init__.py': '',
      'documents/settings.py': 'EXPORTER_FILE_NAME = "x"\n',
    };
    const result = discover(repo);
    expect(result.modules).toEqual([]);
    expect(result.setAside).toEqual([
      {
        module: 'documents.settings',
        reason:
          'documents/settings.py sets none of INSTALLED_APPS, MIDDLEWARE, DATABASES, SECRET_KEY, ROOT_URLCONF',
      },
    ]);
  });

  it("never takes a library's test project settings as production, and says none was found", () => {
    // wagtail: wagtail/test/settings.py, reached through wagtail/test/manage.py.
    const repo = {
      'wagtail/__init__.py': '',
      'wagtail/test/__init__.py': '',
      'wagtail/test/settings.py': "SECRET_KEY = 'not-needed'\nINSTALLED_APPS = []\n",
      'wagtail/test/manage.py':
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wagtail.test.settings")\n',
    };
    const result = discover(repo);
    expect(result.modules).toEqual([]);
    expect(result.setAside.map((c) => c.module)).toContain('wagtail.test.settings');
    expect(result.notes.at(-1)).toMatch(/^no production settings module found/);
  });
});
