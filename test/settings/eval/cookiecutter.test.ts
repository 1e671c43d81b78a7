import { describe, expect, it } from 'vitest';
import type { EvalCase } from './harness';
import { checkCase, evaluate } from './harness';
import { cookiecutterProductionEnv, cookiecutterSettings } from './fixtures/cookiecutter';

describe('evaluator: cookiecutter-django-like split settings', () => {
  const production: EvalCase = {
    name: 'production with the .envs/.production/.django environment',
    files: cookiecutterSettings(),
    module: 'config.settings.production',
    env: cookiecutterProductionEnv,
    expect: {
      DEBUG: {
        repr: 'False',
        file: 'config/settings/base.py',
        envVar: 'DJANGO_DEBUG',
        usedDefault: true,
      },
      SECRET_KEY: { repr: "'!!!SET DJANGO_SECRET_KEY!!!'", envVar: 'DJANGO_SECRET_KEY', line: 20 },
      ALLOWED_HOSTS: { repr: "['.example.com']", envVar: 'DJANGO_ALLOWED_HOSTS' },
      SECURE_SSL_REDIRECT: {
        repr: 'False',
        envVar: 'DJANGO_SECURE_SSL_REDIRECT',
        usedDefault: false,
      },
      SECURE_HSTS_SECONDS: '60',
      SECURE_HSTS_PRELOAD: { repr: 'True', usedDefault: true, defaultText: 'True' },
      SESSION_COOKIE_SECURE: 'True',
      X_FRAME_OPTIONS: { repr: "'DENY'", file: 'config/settings/base.py' },
      STATIC_ROOT: "'/repo/staticfiles'",
      MEDIA_URL: "'https://bucket.s3.amazonaws.com/media/'",
      CORS_URLS_REGEX: "'^/api/.*$'",
    },
  };

  it(production.name, () => checkCase(production));

  it('in-place mutations land on the shared objects, comments inside literals are ignored', () => {
    const s = evaluate(production);
    const apps = s.settings.get('INSTALLED_APPS')!;
    expect(apps.provenance).toMatchObject({ file: 'config/settings/production.py', line: 114 });
    expect(apps.value.kind === 'list' && apps.value.items.at(-1)).toEqual({
      kind: 'str',
      value: 'anymail',
    });
    expect(apps.value.kind === 'list' && apps.value.items.length).toBe(21);
    const db = s.settings.get('DATABASES')!;
    expect(db.provenance).toMatchObject({ file: 'config/settings/production.py', line: 26 });
    const middleware = s.settings.get('MIDDLEWARE')!;
    expect(middleware.value.kind === 'list' && middleware.value.items[0]).toEqual({
      kind: 'str',
      value: 'django.middleware.security.SecurityMiddleware',
    });
    expect(s.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(
      s.calls.find((c) => c.callee === 'sentry_sdk.init')?.keywords.get('send_default_pii'),
    ).toEqual({
      kind: 'bool',
      value: true,
    });
  });

  it('local: DEBUG True, placeholder key from the default, USE_DOCKER branch Unknown', () =>
    checkCase({
      name: 'local',
      files: cookiecutterSettings(),
      module: 'config.settings.local',
      expect: {
        DEBUG: { repr: 'True', file: 'config/settings/local.py', line: 9 },
        SECRET_KEY: {
          repr: "'!!!SET DJANGO_SECRET_KEY!!!'",
          usedDefault: true,
          envVar: 'DJANGO_SECRET_KEY',
        },
        INTERNAL_IPS: {
          unknown: /depends on env\("USE_DOCKER"\) == "yes" \(env USE_DOCKER\)/,
          envVar: 'USE_DOCKER',
        },
      },
      diagnostics: ['ImproperlyConfigured: Set the USE_DOCKER environment variable'],
    }));
});
