import { detectDjangoSecretKeys, isPythonPath } from '../django-key';
import { defineSecretRule } from '../rule';

export const djangoSecretKeyCommitted = defineSecretRule({
  id: 'DDG101',
  name: 'django-secret-key-committed',
  severity: 'critical',
  fix: 'Read SECRET_KEY from the environment without a literal default, rotate the committed key and move the old one to SECRET_KEY_FALLBACKS only for as long as needed.',
  keywords: ['secret_key', 'django-insecure-'],
  // A key in CI configuration only has to let the test suite start.
  lowIn: ['ci'],
  detect: detectDjangoSecretKeys,
  // Outside Python, only `SECRET_KEY` lines and `django-insecure-` values are read (and a value is
  // reported once per file); Python is tokenized whole.
  scope: (path) => (isPythonPath(path) ? { kind: 'file' } : { kind: 'keyword-lines' }),
  docs: {
    summary: 'A Django SECRET_KEY (or fallback key) is committed as a literal.',
    whatItDoes:
      'Finds literal Django keys without running any code: `SECRET_KEY = "…"` (also annotated and ' +
      'keyword/dict forms), literal entries of `SECRET_KEY_FALLBACKS`, literal defaults of env reads ' +
      '(`os.environ.get("SECRET_KEY", "…")`, `os.getenv`, `env(…, default=…)`, `env.str`, ' +
      'decouple `config(…, default=…)`, `x or "…"`), and `SECRET_KEY` / `DJANGO_SECRET_KEY` / ' +
      '`secret_key` values in .env, INI, YAML (including django-cfg `config*.yaml`), TOML, JSON, ' +
      'Dockerfiles and docker-compose `environment:` (mapping and list forms). Any ' +
      '`django-insecure-` key is reported wherever it appears. Python is tokenized, so keys holding ' +
      '`#`, `(`, `)`, `%` or `=` (all in the alphabet of `get_random_secret_key`) are read whole; ' +
      'in .env and YAML files an unquoted value ends only at `#` preceded by whitespace. ' +
      'Empty values, env reads without a default, computed values and placeholders ' +
      '(`change-me`, `!!!SET DJANGO_SECRET_KEY!!!`, `<…>`, `${VAR}`, `{{ … }}`, `xxxx`, `dummy`, ' +
      'repeated characters, low-variety values such as `secretsecretsecret` or an alphabet run, ' +
      'stand-in words such as `irrelevant`, `notsecret`, `herokudefault`) are not reported; a key ' +
      'that merely contains `<…>` is judged by the rest. In Python, upper-case `SECRET_KEY` names ' +
      'count wherever they are assigned; lower-case `secret_key` (pydantic-settings, django-cfg) ' +
      'only in settings-shaped files (`settings.py`, `settings/`, `config.py`, `*_settings.py`), ' +
      'so a local variable in application code is not a Django key; keyword arguments of ' +
      '`override_settings(...)`, `modify_settings(...)` and `self.settings(...)` in tests are ' +
      'not reported. A literal key is `critical`; on a commented-out line, in test code, fixtures ' +
      'and test settings (`tests/`, `test_*.py`, `*_test.py`, `conftest.py`, `fixtures/`, ' +
      '`settings/test.py`) and in CI configuration (`.github/workflows/`, `circle.yml`, ' +
      '`.travis.yml`, `tox.ini`, `.gitlab-ci.yml`, `bitbucket-pipelines.yml`, `Jenkinsfile`, at any ' +
      'depth) it is at most `low` and the message says why.',
    whyBad:
      'SECRET_KEY signs sessions, password-reset tokens, messages and anything using ' +
      '`django.core.signing`. Anyone who can read the repository (or any clone, fork or CI log of ' +
      'it) can forge those signatures: log in as any user when signed-cookie sessions are used, ' +
      'craft password-reset links, or tamper with signed data. A key that reached git stays in ' +
      'history after it is deleted, so it must be rotated, not just removed.',
    badExample: {
      file: 'config/settings/production.py',
      content: [
        'from .base import *  # noqa',
        '',
        'DEBUG = False',
        'SECRET_KEY = "{{secret:django-key}}"',
        '',
      ].join('\n'),
    },
    goodExample: {
      file: 'config/settings/production.py',
      content: [
        'import environ',
        '',
        'env = environ.Env()',
        '',
        'DEBUG = False',
        'SECRET_KEY = env("DJANGO_SECRET_KEY")',
        'SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])',
        '',
      ].join('\n'),
    },
    useInstead:
      'Generate a fresh key (`python -c "from django.core.management.utils import ' +
      'get_random_secret_key; print(get_random_secret_key())"`), store it in the deployment\'s ' +
      'secret store, and read it with a required env read (`env("DJANGO_SECRET_KEY")` or ' +
      '`os.environ["DJANGO_SECRET_KEY"]`). Keep the old key in SECRET_KEY_FALLBACKS (read from the ' +
      'environment) only while existing sessions expire, then remove it.',
    references: [
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks',
      'https://docs.djangoproject.com/en/stable/topics/signing/',
      'https://github.com/django/django/blob/main/django/core/management/utils.py',
    ],
  },
});
