import { describe, expect, it } from 'vitest';
import { describe1, evaluate } from './harness';

/**
 * A statement that fails makes undecided only the module names it can bind. Settings it cannot
 * bind keep Django's defaults (the snapshot is not `incomplete`), as in CPython, where such a
 * statement either binds those names or stops the import. Each case is a real project's shape,
 * reduced to a few lines.
 */

describe('binding analysis: what a failed statement can bind', () => {
  it('a helper looping over an unknown directory listing binds only its target', () => {
    // TandoorRecipes: LANGUAGES = _discover_languages(), a loop over os.listdir() in a function.
    const snapshot = evaluate({
      source: [
        'import os',
        'def _discover_languages():',
        '    langs = []',
        "    for d in os.listdir('/srv/locale'):",
        '        langs.append((d, d))',
        '    return langs',
        'LANGUAGES = _discover_languages()',
        'DEBUG = False',
      ].join('\n'),
    });
    expect(snapshot.incomplete).toBeUndefined();
    expect(describe1(snapshot, 'DEBUG')).toBe('False');
  });

  it('a helper looping over json.load() binds only its target', () => {
    // kuma: _get_locales() iterates over json.load(open(...)).
    const snapshot = evaluate({
      source: [
        'import json',
        'def _get_locales():',
        '    out = {}',
        "    for k, v in json.load(open('locales.json')).items():",
        '        out[k] = v',
        '    return out',
        'LOCALES = _get_locales()',
      ].join('\n'),
    });
    expect(snapshot.incomplete).toBeUndefined();
    expect(snapshot.settings.get('LOCALES')?.value.kind).toBe('unknown');
  });

  it('a function declaring a global makes that name undecided, not every setting', () => {
    const snapshot = evaluate({
      source: [
        'import os',
        'def setup():',
        '    global SECURE_SSL_REDIRECT',
        "    for d in os.listdir('/x'):",
        '        SECURE_SSL_REDIRECT = d',
        'setup()',
      ].join('\n'),
    });
    expect(snapshot.incomplete).toBeUndefined();
    expect(snapshot.settings.get('SECURE_SSL_REDIRECT')?.value.kind).toBe('unknown');
  });

  it('a function that writes globals() still leaves the settings incomplete', () => {
    const snapshot = evaluate({
      source: [
        'import os',
        'def setup():',
        "    for d in os.listdir('/x'):",
        '        globals()[d] = 1',
        'setup()',
      ].join('\n'),
    });
    expect(snapshot.incomplete?.length).toBeGreaterThan(0);
  });

  it('a match statement in a function of another module binds only the imported name', () => {
    // paperless-ngx: a `match` inside a helper of the settings' own package.
    const snapshot = evaluate({
      files: {
        'settings.py': 'from helpers import parse\nMODE = parse("x")\nDEBUG = False\n',
        'helpers.py': [
          'def parse(v):',
          '    match v:',
          '        case "x":',
          '            return 1',
          '    return 2',
        ].join('\n'),
      },
    });
    expect(snapshot.incomplete).toBeUndefined();
    expect(describe1(snapshot, 'DEBUG')).toBe('False');
  });

  it('__path__ = __import__("pkgutil").extend_path(...) binds only __path__', () => {
    // Kiwi TCMS: tcms_settings_dir/__init__.py, imported by the settings.
    const snapshot = evaluate({
      files: {
        'settings_dir/__init__.py':
          '__path__ = __import__("pkgutil").extend_path(__path__, __name__)\n',
        'settings.py': 'import settings_dir\nDEBUG = False\n',
      },
    });
    expect(snapshot.incomplete).toBeUndefined();
    expect(describe1(snapshot, 'DEBUG')).toBe('False');
  });

  it('A, B = Setup.method(A, B) binds exactly the two names', () => {
    const snapshot = evaluate({
      source: [
        'import os',
        'class Setup:',
        '    @staticmethod',
        '    def do_settings(apps, middleware):',
        "        match os.environ.get('PLUGINS'):",
        '            case None:',
        '                return apps, middleware',
        '        return apps, middleware',
        "INSTALLED_APPS = ['django.contrib.admin']",
        "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']",
        'INSTALLED_APPS, MIDDLEWARE = Setup.do_settings(INSTALLED_APPS, MIDDLEWARE)',
      ].join('\n'),
    });
    expect(snapshot.incomplete).toBeUndefined();
    expect(snapshot.settings.get('INSTALLED_APPS')?.value.kind).toBe('unknown');
  });

  it('vars().update() with a dict of known keys binds those keys', () => {
    // DefectDojo: EMAIL_CONFIG = env.email_url(...); vars().update(EMAIL_CONFIG).
    const snapshot = evaluate({
      source: [
        'import environ',
        'env = environ.Env()',
        'EMAIL_CONFIG = env.email_url("DD_EMAIL_URL", default="smtp://user:pw@localhost:25")',
        'vars().update(EMAIL_CONFIG)',
        'DEBUG = False',
      ].join('\n'),
    });
    expect(snapshot.incomplete).toBeUndefined();
    expect(snapshot.settings.has('EMAIL_HOST')).toBe(true);
    expect(describe1(snapshot, 'DEBUG')).toBe('False');
  });

  it('vars().update() with known keys and values binds them', () => {
    const snapshot = evaluate({
      source:
        "vars().update({'SECURE_SSL_REDIRECT': True})\nglobals().update(X_FRAME_OPTIONS='DENY')",
    });
    expect(snapshot.incomplete).toBeUndefined();
    expect(describe1(snapshot, 'SECURE_SSL_REDIRECT')).toBe('True');
    expect(describe1(snapshot, 'X_FRAME_OPTIONS')).toBe("'DENY'");
  });
});
