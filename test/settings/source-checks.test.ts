import { describe, expect, it } from 'vitest';
import { checkSettingsSource } from '../../src/settings/analyze';
import { djangoRules } from '../../src/settings/rules';
import { v } from './rules/snapshot-builder';

/**
 * Real settings source through the evaluator: ids and lines as a user would see them. Info
 * findings (undecided) are listed with a trailing `?`.
 */
function run(source: string, version = '5.2', env: Record<string, string> = {}): string[] {
  return checkSettingsSource({ file: 'project/settings.py', source, version: v(version), env })
    .filter((f) => !f.suppressed)
    .map((f) => `${f.ruleId}@${f.line}${f.severity === 'info' ? '?' : ''}`)
    .sort();
}

const HARDENED = `
SECRET_KEY = "example-" * 8
DEBUG = False
ALLOWED_HOSTS = ["www.example.com"]
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
`.trimStart();

describe('checks over evaluated source', () => {
  it('a hardened file passes on every version', () => {
    for (const version of ['3.2', '4.2', '5.2', '6.0']) expect(run(HARDENED, version)).toEqual([]);
  });

  it('DEBUG read from env without a cast: "False" in the env still turns DEBUG on', () => {
    const source = `import os\n${HARDENED.replace('DEBUG = False', 'DEBUG = os.environ.get("DJANGO_DEBUG", False)')}`;
    expect(run(source, '5.2', { DJANGO_DEBUG: 'False' })).toEqual(['security.W018@3']);
    expect(run(source, '5.2', {})).toEqual([]);
  });

  it('an env var without default makes the check undecided, at info, on its line', () => {
    const source = `import os\n${HARDENED.replace(
      'SECURE_SSL_REDIRECT = True',
      'SECURE_SSL_REDIRECT = os.environ["DJANGO_SECURE_SSL_REDIRECT"] == "1"',
    )}`;
    expect(run(source, '5.2')).toEqual(['security.W008@15?']);
    expect(run(source, '5.2', { DJANGO_SECURE_SSL_REDIRECT: '1' })).toEqual([]);
    expect(run(source, '5.2', { DJANGO_SECURE_SSL_REDIRECT: '0' })).toEqual(['security.W008@15']);
  });

  it('W010–W016 compare `is True` from 4.1 but truthiness on 3.2', () => {
    const source = HARDENED.replace(
      'SESSION_COOKIE_SECURE = True',
      'SESSION_COOKIE_SECURE = "False"',
    ).replace('CSRF_COOKIE_SECURE = True', 'CSRF_COOKIE_SECURE = "no"');
    expect(run(source, '3.2')).toEqual([]);
    expect(run(source, '4.2')).toEqual(['security.W012@15', 'security.W016@16']);
  });

  it('SILENCED_SYSTEM_CHECKS hides what it lists', () => {
    const source = `${HARDENED.replace('SECURE_SSL_REDIRECT = True', 'SECURE_SSL_REDIRECT = False')}SILENCED_SYSTEM_CHECKS = ["security.W008"]\n`;
    expect(run(source)).toEqual([]);
    const silenced = checkSettingsSource({ file: 'project/settings.py', source }).find(
      (f) => f.ruleId === 'security.W008',
    );
    expect(silenced?.suppressed).toEqual({
      kind: 'silenced',
      reason: 'listed in SILENCED_SYSTEM_CHECKS (project/settings.py:17)',
    });
  });

  it('an inline ignore on the deciding line suppresses with its reason', () => {
    const source = HARDENED.replace(
      'DEBUG = False',
      'DEBUG = True  # deploy-guard: ignore[security.W018] staging only',
    );
    const [finding] = checkSettingsSource({ file: 'project/settings.py', source }).filter(
      (f) => f.ruleId === 'security.W018',
    );
    expect(finding?.suppressed).toEqual({ kind: 'inline', reason: 'staging only' });
  });

  it('a str ALLOWED_HOSTS is a load error from 4.0, accepted by 3.2', () => {
    const source = HARDENED.replace(
      'ALLOWED_HOSTS = ["www.example.com"]',
      'ALLOWED_HOSTS = "www.example.com"',
    );
    expect(run(source, '3.2')).toEqual([]);
    expect(run(source, '5.2')).toEqual(['settings.E001@3']);
  });

  it('runs a version-specific rule at a version it exists in when no version is given', () => {
    const e100 = djangoRules.filter((r) => r.id === 'security.E100');
    const findings = checkSettingsSource({
      file: 'project/settings.py',
      source: 'DEFAULT_HASHING_ALGORITHM = "md5"\n',
      rules: e100,
    });
    expect(findings.map((f) => f.ruleId)).toEqual(['security.E100']);
  });

  it('keeps going on invalid Python: the broken line is Unknown, the rest is checked', () => {
    const source = HARDENED.replace('DEBUG = False', 'DEBUG = (True if\nX = 1');
    const findings = run(source);
    expect(findings).not.toContain('security.W018@3');
    expect(findings.every((f) => !f.startsWith('security.W020'))).toBe(true);
  });
});
