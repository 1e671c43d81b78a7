import { describe, expect, it } from 'vitest';
import { unknown } from '../../../src/settings/value';
import {
  CSRF_MW,
  FULL_MIDDLEWARE,
  SESSION_MW,
  SM,
  STRONG_KEY,
  XFO_MW,
  decidedIds,
  hardenedSettings,
  runRules,
} from './snapshot-builder';

/**
 * Whole-file cases whose expected ids come from running Django 3.2.25 and 5.2.17
 * (django-rules.md §2, "Observed runs"): the ids must match exactly, per version.
 */
const oracleCases: {
  name: string;
  settings: Record<string, unknown>;
  expected: Record<string, string[]>;
}[] = [
  {
    name: 'SECRET_KEY="" only',
    settings: { SECRET_KEY: '' },
    expected: {
      '3.2': ['security.W001', 'security.W002', 'security.W003', 'security.W009', 'security.W020'],
      '5.2': ['security.W001', 'security.W002', 'security.W003', 'security.W009', 'security.W020'],
    },
  },
  {
    name: 'startproject-like',
    settings: {
      SECRET_KEY: `django-insecure-${'abcdefghij'.repeat(5)}`,
      DEBUG: true,
      INSTALLED_APPS: ['django.contrib.sessions'],
      MIDDLEWARE: FULL_MIDDLEWARE,
      X_FRAME_OPTIONS: 'SAMEORIGIN',
      SECURE_REFERRER_POLICY: 'same-origin, bogus',
      CSRF_TRUSTED_ORIGINS: ['example.com'],
      SECURE_CROSS_ORIGIN_OPENER_POLICY: 'bogus',
    },
    expected: {
      '3.2': [
        'security.E023',
        'security.W004',
        'security.W008',
        'security.W009',
        'security.W012',
        'security.W016',
        'security.W018',
        'security.W019',
        'security.W020',
      ],
      '5.2': [
        '4_0.E001',
        'security.E023',
        'security.E024',
        'security.W004',
        'security.W008',
        'security.W009',
        'security.W012',
        'security.W016',
        'security.W018',
        'security.W019',
        'security.W020',
      ],
    },
  },
  {
    name: 'truthy strings for cookie flags (is True from 4.1)',
    settings: {
      ...hardenedSettings(),
      SESSION_COOKIE_SECURE: 'False',
      CSRF_COOKIE_SECURE: 'no',
      SESSION_COOKIE_HTTPONLY: 1,
      SECURE_HSTS_INCLUDE_SUBDOMAINS: 1,
      SECRET_KEY_FALLBACKS: ['short', 'x'.repeat(60)],
      SECURE_CROSS_ORIGIN_OPENER_POLICY: 'bogus',
      CSRF_TRUSTED_ORIGINS: ['example.com'],
    },
    expected: {
      '3.2': ['security.W005'],
      '4.2': [
        '4_0.E001',
        'security.E024',
        'security.W005',
        'security.W012',
        'security.W015',
        'security.W016',
        'security.W025',
        'security.W025',
      ],
      '5.2': [
        '4_0.E001',
        'security.E024',
        'security.W005',
        'security.W012',
        'security.W015',
        'security.W016',
        'security.W025',
        'security.W025',
      ],
    },
  },
  {
    name: 'edge values (4-char key, DEBUG="False", "deny", "" referrer policy)',
    settings: {
      ...hardenedSettings(),
      SECRET_KEY: 'abcd'.repeat(20),
      DEBUG: 'False',
      ALLOWED_HOSTS: ['*'],
      SECURE_REFERRER_POLICY: '',
      X_FRAME_OPTIONS: 'deny',
      SECURE_HSTS_SECONDS: 60,
      SECURE_HSTS_INCLUDE_SUBDOMAINS: false,
      SECURE_HSTS_PRELOAD: false,
      SECURE_SSL_REDIRECT: false,
      SECURE_CONTENT_TYPE_NOSNIFF: 'yes',
    },
    expected: {
      '3.2': [
        'security.E023',
        'security.W005',
        'security.W006',
        'security.W008',
        'security.W009',
        'security.W018',
        'security.W019',
        'security.W021',
      ],
      '5.2': [
        'security.E023',
        'security.W005',
        'security.W006',
        'security.W008',
        'security.W009',
        'security.W018',
        'security.W019',
        'security.W021',
      ],
    },
  },
  {
    name: 'hardened settings',
    settings: hardenedSettings(),
    expected: { '3.2': [], '4.2': [], '5.2': [], '6.0': [] },
  },
];

describe('Django checks: whole files, ids as Django reports them', () => {
  for (const { name, settings, expected } of oracleCases) {
    for (const [version, ids] of Object.entries(expected)) {
      it(`${name} on ${version}`, () => {
        expect(decidedIds(runRules(settings, version))).toEqual([...ids].sort());
      });
    }
  }
});

/**
 * One rule at a time over hardened settings: `line` is where the finding must point (the deciding
 * setting's line, or 1 for an unset setting), `false` means it must not fire.
 */
interface RuleCase {
  rule: string;
  versions: string[];
  name: string;
  settings: Record<string, unknown>;
  line: number | false;
}

const base = hardenedSettings();
/** Line of a setting in `{...base, ...overrides}` (object key order = snapshot line). */
const lineOf = (overrides: Record<string, unknown>, name: string): number =>
  Object.keys({ ...base, ...overrides }).indexOf(name) + 1;

function ruleCase(
  rule: string,
  versions: string[],
  name: string,
  overrides: Record<string, unknown>,
  fires: string | false,
): RuleCase {
  const settings = { ...base, ...overrides };
  for (const [key, value] of Object.entries(overrides))
    if (value === undefined) delete settings[key];
  return {
    rule,
    versions,
    name,
    settings,
    line: fires === false ? false : fires === '<unset>' ? 1 : lineOf(overrides, fires),
  };
}

const ALL = ['3.2', '4.2', '5.2', '6.0'];
const FROM_41 = ['4.2', '5.2', '6.0'];

const ruleCases: RuleCase[] = [
  ruleCase(
    'security.W001',
    ALL,
    'SecurityMiddleware missing',
    { MIDDLEWARE: [SESSION_MW, CSRF_MW, XFO_MW] },
    'MIDDLEWARE',
  ),
  ruleCase('security.W001', ALL, 'MIDDLEWARE unset', { MIDDLEWARE: undefined }, '<unset>'),
  ruleCase(
    'security.W001',
    ALL,
    'a subclass does not count',
    { MIDDLEWARE: ['myapp.middleware.SecurityMiddleware'] },
    'MIDDLEWARE',
  ),
  ruleCase(
    'security.W001',
    ALL,
    'order is not checked',
    { MIDDLEWARE: [XFO_MW, CSRF_MW, SESSION_MW, SM] },
    false,
  ),
  ruleCase(
    'security.W002',
    ALL,
    'XFrameOptionsMiddleware missing',
    { MIDDLEWARE: [SM, SESSION_MW, CSRF_MW] },
    'MIDDLEWARE',
  ),
  ruleCase(
    'security.W003',
    ALL,
    'CsrfViewMiddleware missing',
    { MIDDLEWARE: [SM, SESSION_MW, XFO_MW] },
    'MIDDLEWARE',
  ),
  ruleCase('security.W004', ALL, 'HSTS 0', { SECURE_HSTS_SECONDS: 0 }, 'SECURE_HSTS_SECONDS'),
  ruleCase('security.W004', ALL, 'HSTS None', { SECURE_HSTS_SECONDS: null }, 'SECURE_HSTS_SECONDS'),
  ruleCase('security.W004', ALL, 'HSTS ""', { SECURE_HSTS_SECONDS: '' }, 'SECURE_HSTS_SECONDS'),
  ruleCase(
    'security.W004',
    ALL,
    'HSTS "0" is a truthy str and passes',
    { SECURE_HSTS_SECONDS: '0' },
    false,
  ),
  ruleCase('security.W004', ALL, 'HSTS unset', { SECURE_HSTS_SECONDS: undefined }, '<unset>'),
  ruleCase(
    'security.W004',
    ALL,
    'no SecurityMiddleware, no W004',
    { SECURE_HSTS_SECONDS: 0, MIDDLEWARE: [CSRF_MW] },
    false,
  ),
  ruleCase(
    'security.W005',
    ALL,
    'subdomains 1 is not True',
    { SECURE_HSTS_INCLUDE_SUBDOMAINS: 1 },
    'SECURE_HSTS_INCLUDE_SUBDOMAINS',
  ),
  ruleCase(
    'security.W005',
    ALL,
    'HSTS off: no W005',
    { SECURE_HSTS_SECONDS: 0, SECURE_HSTS_INCLUDE_SUBDOMAINS: false },
    false,
  ),
  ruleCase(
    'security.W006',
    ALL,
    'nosniff "True" is not True',
    { SECURE_CONTENT_TYPE_NOSNIFF: 'True' },
    'SECURE_CONTENT_TYPE_NOSNIFF',
  ),
  ruleCase('security.W006', ALL, 'nosniff default True', {}, false),
  ruleCase(
    'security.W008',
    ALL,
    'SSL redirect "True" str',
    { SECURE_SSL_REDIRECT: 'True' },
    'SECURE_SSL_REDIRECT',
  ),
  ruleCase(
    'security.W008',
    ALL,
    'SSL redirect unset',
    { SECURE_SSL_REDIRECT: undefined },
    '<unset>',
  ),
  ruleCase(
    'security.W009',
    ALL,
    'key of 49 chars',
    { SECRET_KEY: 'abcdefg'.repeat(7) },
    'SECRET_KEY',
  ),
  ruleCase(
    'security.W009',
    ALL,
    'key of 50 chars, 5 unique',
    { SECRET_KEY: 'abcde'.repeat(10) },
    false,
  ),
  ruleCase(
    'security.W009',
    ALL,
    'key of 50 chars, 4 unique',
    { SECRET_KEY: 'abcd'.repeat(12) + 'ab' },
    'SECRET_KEY',
  ),
  ruleCase(
    'security.W009',
    ALL,
    'insecure prefix',
    { SECRET_KEY: `django-insecure-${STRONG_KEY}` },
    'SECRET_KEY',
  ),
  ruleCase('security.W009', ALL, 'key unset', { SECRET_KEY: undefined }, '<unset>'),
  ruleCase('security.W009', ALL, 'key None', { SECRET_KEY: null }, 'SECRET_KEY'),
  // 30 astral characters are 60 UTF-16 units but 30 code points: too short for Django.
  ruleCase(
    'security.W009',
    ALL,
    'length in code points, not UTF-16 units',
    {
      SECRET_KEY: Array.from({ length: 30 }, (_, i) => String.fromCodePoint(0x1f600 + i)).join(''),
    },
    'SECRET_KEY',
  ),
  ruleCase(
    'security.W009',
    ALL,
    '50 astral code points pass',
    {
      SECRET_KEY: Array.from({ length: 50 }, (_, i) => String.fromCodePoint(0x1f600 + i)).join(''),
    },
    false,
  ),
  ruleCase(
    'security.W010',
    ['3.2'],
    'app only, "False" is truthy on 3.2',
    { SESSION_COOKIE_SECURE: 'False', MIDDLEWARE: [SM, CSRF_MW, XFO_MW] },
    false,
  ),
  ruleCase(
    'security.W010',
    FROM_41,
    'app only, "False" is not True from 4.1',
    { SESSION_COOKIE_SECURE: 'False', MIDDLEWARE: [SM, CSRF_MW, XFO_MW] },
    'SESSION_COOKIE_SECURE',
  ),
  ruleCase(
    'security.W010',
    ALL,
    'app only, False',
    { SESSION_COOKIE_SECURE: false, MIDDLEWARE: [SM, CSRF_MW, XFO_MW] },
    'SESSION_COOKIE_SECURE',
  ),
  ruleCase(
    'security.W010',
    ALL,
    'app and middleware give W012, not W010',
    { SESSION_COOKIE_SECURE: false },
    false,
  ),
  ruleCase(
    'security.W011',
    ALL,
    'middleware only',
    { SESSION_COOKIE_SECURE: false, INSTALLED_APPS: [] },
    'SESSION_COOKIE_SECURE',
  ),
  ruleCase(
    'security.W011',
    ALL,
    'neither app nor middleware',
    { SESSION_COOKIE_SECURE: false, INSTALLED_APPS: [], MIDDLEWARE: [SM, CSRF_MW, XFO_MW] },
    false,
  ),
  ruleCase('security.W012', ALL, 'both, unset', { SESSION_COOKIE_SECURE: undefined }, '<unset>'),
  ruleCase(
    'security.W012',
    ['3.2'],
    'both, 1 is truthy on 3.2',
    { SESSION_COOKIE_SECURE: 1 },
    false,
  ),
  ruleCase(
    'security.W012',
    FROM_41,
    'both, 1 is not True from 4.1',
    { SESSION_COOKIE_SECURE: 1 },
    'SESSION_COOKIE_SECURE',
  ),
  ruleCase(
    'security.W013',
    ALL,
    'httponly off, app only',
    { SESSION_COOKIE_HTTPONLY: false, MIDDLEWARE: [SM, CSRF_MW, XFO_MW] },
    'SESSION_COOKIE_HTTPONLY',
  ),
  ruleCase(
    'security.W014',
    ALL,
    'httponly off, middleware only',
    { SESSION_COOKIE_HTTPONLY: false, INSTALLED_APPS: [] },
    'SESSION_COOKIE_HTTPONLY',
  ),
  ruleCase(
    'security.W015',
    ALL,
    'httponly off, both',
    { SESSION_COOKIE_HTTPONLY: 0 },
    'SESSION_COOKIE_HTTPONLY',
  ),
  ruleCase(
    'security.W015',
    ['3.2'],
    'httponly 1 is truthy on 3.2',
    { SESSION_COOKIE_HTTPONLY: 1 },
    false,
  ),
  ruleCase(
    'security.W015',
    FROM_41,
    'httponly 1 is not True from 4.1',
    { SESSION_COOKIE_HTTPONLY: 1 },
    'SESSION_COOKIE_HTTPONLY',
  ),
  ruleCase(
    'security.W015',
    ALL,
    'httponly default True',
    { SESSION_COOKIE_HTTPONLY: undefined },
    false,
  ),
  ruleCase(
    'security.W016',
    ALL,
    'CSRF cookie not secure',
    { CSRF_COOKIE_SECURE: false },
    'CSRF_COOKIE_SECURE',
  ),
  ruleCase(
    'security.W016',
    ['3.2'],
    'CSRF cookie "no" is truthy on 3.2',
    { CSRF_COOKIE_SECURE: 'no' },
    false,
  ),
  ruleCase(
    'security.W016',
    FROM_41,
    'CSRF cookie "no" is not True from 4.1',
    { CSRF_COOKIE_SECURE: 'no' },
    'CSRF_COOKIE_SECURE',
  ),
  ruleCase(
    'security.W016',
    ALL,
    'CSRF_USE_SESSIONS exempts',
    { CSRF_COOKIE_SECURE: false, CSRF_USE_SESSIONS: true },
    false,
  ),
  ruleCase(
    'security.W016',
    ALL,
    'no CSRF middleware, no W016',
    { CSRF_COOKIE_SECURE: false, MIDDLEWARE: [SM, SESSION_MW, XFO_MW] },
    false,
  ),
  ruleCase('security.W018', ALL, 'DEBUG True', { DEBUG: true }, 'DEBUG'),
  ruleCase('security.W018', ALL, 'DEBUG "False" is truthy', { DEBUG: 'False' }, 'DEBUG'),
  ruleCase('security.W018', ALL, 'DEBUG "" is falsy', { DEBUG: '' }, false),
  ruleCase(
    'security.W019',
    ALL,
    'X_FRAME_OPTIONS SAMEORIGIN',
    { X_FRAME_OPTIONS: 'SAMEORIGIN' },
    'X_FRAME_OPTIONS',
  ),
  ruleCase(
    'security.W019',
    ALL,
    'X_FRAME_OPTIONS "deny" (case-sensitive)',
    { X_FRAME_OPTIONS: 'deny' },
    'X_FRAME_OPTIONS',
  ),
  ruleCase('security.W019', ALL, 'default DENY', {}, false),
  ruleCase(
    'security.W019',
    ALL,
    'no XFO middleware, no W019',
    { X_FRAME_OPTIONS: 'SAMEORIGIN', MIDDLEWARE: [SM, SESSION_MW, CSRF_MW] },
    false,
  ),
  ruleCase('security.W020', ALL, 'ALLOWED_HOSTS []', { ALLOWED_HOSTS: [] }, 'ALLOWED_HOSTS'),
  ruleCase('security.W020', ALL, "['*'] passes W020", { ALLOWED_HOSTS: ['*'] }, false),
  ruleCase('security.W020', ALL, "[''] passes W020", { ALLOWED_HOSTS: [''] }, false),
  ruleCase(
    'security.W021',
    ALL,
    'preload off',
    { SECURE_HSTS_PRELOAD: false },
    'SECURE_HSTS_PRELOAD',
  ),
  ruleCase(
    'security.W022',
    ALL,
    'referrer policy None',
    { SECURE_REFERRER_POLICY: null },
    'SECURE_REFERRER_POLICY',
  ),
  ruleCase(
    'security.W022',
    ALL,
    'referrer policy "" is E023, not W022',
    { SECURE_REFERRER_POLICY: '' },
    false,
  ),
  ruleCase(
    'security.E023',
    ALL,
    'str: "" yields {""}',
    { SECURE_REFERRER_POLICY: '' },
    'SECURE_REFERRER_POLICY',
  ),
  ruleCase(
    'security.E023',
    ALL,
    'list: [] is an empty set and passes',
    { SECURE_REFERRER_POLICY: [] },
    false,
  ),
  ruleCase(
    'security.E023',
    ALL,
    'str parts are stripped',
    { SECURE_REFERRER_POLICY: ' same-origin ,  origin ' },
    false,
  ),
  ruleCase(
    'security.E023',
    ALL,
    'list items are not stripped',
    { SECURE_REFERRER_POLICY: [' same-origin'] },
    'SECURE_REFERRER_POLICY',
  ),
  ruleCase(
    'security.E023',
    ALL,
    'case-sensitive',
    { SECURE_REFERRER_POLICY: 'Same-Origin' },
    'SECURE_REFERRER_POLICY',
  ),
  ruleCase('security.E023', ALL, 'None is W022 territory', { SECURE_REFERRER_POLICY: null }, false),
  ruleCase(
    'security.E023',
    ALL,
    'no SecurityMiddleware, no E023',
    { SECURE_REFERRER_POLICY: 'bogus', MIDDLEWARE: [CSRF_MW] },
    false,
  ),
  ruleCase(
    'security.E024',
    ['4.2', '5.2'],
    'COOP bogus',
    { SECURE_CROSS_ORIGIN_OPENER_POLICY: 'bogus' },
    'SECURE_CROSS_ORIGIN_OPENER_POLICY',
  ),
  ruleCase(
    'security.E024',
    ['4.2'],
    'COOP "" fails',
    { SECURE_CROSS_ORIGIN_OPENER_POLICY: '' },
    'SECURE_CROSS_ORIGIN_OPENER_POLICY',
  ),
  ruleCase(
    'security.E024',
    ['4.2'],
    'COOP None passes',
    { SECURE_CROSS_ORIGIN_OPENER_POLICY: null },
    false,
  ),
  ruleCase(
    'security.E024',
    ['3.2'],
    'COOP check does not exist in 3.2',
    { SECURE_CROSS_ORIGIN_OPENER_POLICY: 'bogus' },
    false,
  ),
  ruleCase(
    'security.W025',
    ['3.2'],
    'fallbacks check does not exist in 3.2',
    { SECRET_KEY_FALLBACKS: ['short'] },
    false,
  ),
  ruleCase(
    'security.W025',
    ['5.2'],
    'strong fallbacks pass',
    { SECRET_KEY_FALLBACKS: [STRONG_KEY] },
    false,
  ),
  ruleCase('security.E026', ['6.0'], 'SECURE_CSP list', { SECURE_CSP: [] }, 'SECURE_CSP'),
  ruleCase(
    'security.E026',
    ['6.0'],
    'SECURE_CSP_REPORT_ONLY False',
    { SECURE_CSP_REPORT_ONLY: false },
    'SECURE_CSP_REPORT_ONLY',
  ),
  ruleCase('security.E026', ['6.0'], 'SECURE_CSP None passes', { SECURE_CSP: null }, false),
  ruleCase(
    'security.E026',
    ['6.0'],
    'SECURE_CSP dict passes',
    { SECURE_CSP: { 'default-src': ["'self'"] } },
    false,
  ),
  ruleCase('security.E026', ['5.2'], 'no CSP check before 6.0', { SECURE_CSP: [] }, false),
  ruleCase(
    'security.E100',
    ['3.2'],
    'md5',
    { DEFAULT_HASHING_ALGORITHM: 'md5' },
    'DEFAULT_HASHING_ALGORITHM',
  ),
  ruleCase(
    'security.E100',
    ['3.2'],
    'sha1 is allowed',
    { DEFAULT_HASHING_ALGORITHM: 'sha1' },
    false,
  ),
  ruleCase('security.E100', ['4.2'], 'removed in 4.0', { DEFAULT_HASHING_ALGORITHM: 'md5' }, false),
  ruleCase(
    '4_0.E001',
    ['4.2', '5.2'],
    'origin without scheme',
    { CSRF_TRUSTED_ORIGINS: ['https://ok.example.com', 'example.com'] },
    'CSRF_TRUSTED_ORIGINS',
  ),
  ruleCase(
    '4_0.E001',
    ['3.2'],
    'no compatibility check in 3.2',
    { CSRF_TRUSTED_ORIGINS: ['example.com'] },
    false,
  ),
  ruleCase(
    'settings.E001',
    ['4.2', '5.2'],
    'str ALLOWED_HOSTS refuses to load',
    { ALLOWED_HOSTS: 'www.example.com' },
    'ALLOWED_HOSTS',
  ),
  ruleCase(
    'settings.E001',
    ['3.2'],
    'str ALLOWED_HOSTS is accepted by 3.2',
    { ALLOWED_HOSTS: 'www.example.com' },
    false,
  ),
  ruleCase(
    'settings.E001',
    ['5.2'],
    'str SECRET_KEY_FALLBACKS refuses to load',
    { SECRET_KEY_FALLBACKS: 'old' },
    'SECRET_KEY_FALLBACKS',
  ),
  ruleCase(
    'settings.E001',
    ALL,
    'INSTALLED_APPS as a set is refused',
    { INSTALLED_APPS: { kind: 'set', items: [] } },
    'INSTALLED_APPS',
  ),
  ruleCase(
    'settings.E001',
    ALL,
    'INSTALLED_APPS as a tuple is fine',
    { INSTALLED_APPS: { kind: 'tuple', items: [] } },
    false,
  ),
];

describe('Django checks: one rule at a time', () => {
  for (const c of ruleCases) {
    for (const version of c.versions) {
      it(`${c.rule} ${c.name} (${version})`, () => {
        const findings = runRules(c.settings, version).filter((f) => f.ruleId === c.rule);
        if (c.line === false) {
          expect(findings).toEqual([]);
        } else {
          expect(findings.map((f) => [f.ruleId, f.line, f.severity !== 'info'])).toContainEqual([
            c.rule,
            c.line,
            true,
          ]);
        }
      });
    }
  }
});

describe('details of findings', () => {
  it('names each weak SECRET_KEY_FALLBACKS entry and fingerprints them apart', () => {
    const findings = runRules(
      { ...base, SECRET_KEY_FALLBACKS: ['a', STRONG_KEY, 'b'] },
      '5.2',
    ).filter((f) => f.ruleId === 'security.W025');
    expect(findings.map((f) => f.message.split(' ')[0])).toEqual([
      'SECRET_KEY_FALLBACKS[0]',
      'SECRET_KEY_FALLBACKS[2]',
    ]);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('never prints a SECRET_KEY value, only its length and variety', () => {
    const key = 'qwertyuiop-short';
    const [finding] = runRules({ ...base, SECRET_KEY: key }, '5.2').filter(
      (f) => f.ruleId === 'security.W009',
    );
    expect(finding?.message).toContain('16 characters');
    expect(finding?.message).not.toContain(key);
  });

  it('says "not set; Django\'s default is X" for an unset setting, at the module, line 1', () => {
    const settings = { ...base };
    delete settings.SECURE_SSL_REDIRECT;
    const [finding] = runRules(settings, '5.2').filter((f) => f.ruleId === 'security.W008');
    expect(finding).toMatchObject({ file: 'project/settings.py', line: 1, severity: 'medium' });
    expect(finding?.message).toMatch(/SECURE_SSL_REDIRECT not set; Django's default is False$/);
  });

  it('points at the file and line of the deciding setting and names its env var', () => {
    const [finding] = runRules(
      {
        ...base,
        DEBUG: {
          value: 'True',
          file: 'config/settings/base.py',
          line: 7,
          envVar: 'DJANGO_DEBUG',
          usedDefault: true,
          defaultText: "'True'",
        },
      },
      '5.2',
    ).filter((f) => f.ruleId === 'security.W018');
    expect(finding).toMatchObject({
      file: 'config/settings/base.py',
      line: 7,
      envVar: 'DJANGO_DEBUG',
      severity: 'high',
      source: 'settings',
    });
    expect(finding?.message).toContain(
      "from env DJANGO_DEBUG at config/settings/base.py:7; unset, so the code's default 'True' applies",
    );
    expect(finding?.docsUrl).toMatch(/debug-enabled\.md$/);
  });

  it('keeps the fingerprint when the setting moves to another line', () => {
    const at = (line: number) =>
      runRules({ ...base, DEBUG: { value: true, line } }, '5.2').find(
        (f) => f.ruleId === 'security.W018',
      )?.fingerprint;
    expect(at(3)).toBeDefined();
    expect(at(3)).toBe(at(40));
  });

  it('reports 4_0.E001 once per bad origin, and per character of a str (as Django iterates it)', () => {
    const list = runRules(
      { ...base, CSRF_TRUSTED_ORIGINS: ['a.com', 'b.com', 'https://c.com'] },
      '5.2',
    );
    expect(list.filter((f) => f.ruleId === '4_0.E001')).toHaveLength(2);
    const str = runRules({ ...base, CSRF_TRUSTED_ORIGINS: 'abc' }, '5.2');
    expect(str.filter((f) => f.ruleId === '4_0.E001')).toHaveLength(3);
  });
});

describe('Unknown values are never a silent pass or fail', () => {
  it('reports an undecidable W008 at info and names the env var to set', () => {
    const findings = runRules(
      {
        ...base,
        SECURE_SSL_REDIRECT: {
          value: unknown('env DJANGO_SECURE_SSL_REDIRECT is unset', 'DJANGO_SECURE_SSL_REDIRECT'),
          envVar: 'DJANGO_SECURE_SSL_REDIRECT',
        },
      },
      '5.2',
    ).filter((f) => f.ruleId === 'security.W008');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'info', envVar: 'DJANGO_SECURE_SSL_REDIRECT' });
    expect(findings[0]?.suppressed).toBeUndefined();
    expect(findings[0]?.message).toBe(
      'SECURE_SSL_REDIRECT depends on env DJANGO_SECURE_SSL_REDIRECT (env DJANGO_SECURE_SSL_REDIRECT is unset; at project/settings.py:9): cannot decide security.W008; set DJANGO_SECURE_SSL_REDIRECT in the production env profile',
    );
  });

  it('decides anyway when the Unknown cannot change the outcome', () => {
    // No SecurityMiddleware: W008 can't fire whatever SECURE_SSL_REDIRECT is.
    const findings = runRules(
      { ...base, MIDDLEWARE: [CSRF_MW], SECURE_SSL_REDIRECT: unknown('unset', 'X') },
      '5.2',
    ).filter((f) => f.ruleId === 'security.W008');
    expect(findings).toEqual([]);
  });

  it('reports an Unknown SECRET_KEY as undecided W009, not as weak', () => {
    const findings = runRules(
      { ...base, SECRET_KEY: unknown('env unset', 'DJANGO_SECRET_KEY') },
      '5.2',
    ).filter((f) => f.ruleId === 'security.W009');
    expect(findings.map((f) => [f.severity, f.envVar])).toEqual([['info', 'DJANGO_SECRET_KEY']]);
  });

  it('points an undecided list item at the list setting and fingerprints items apart', () => {
    const findings = runRules(
      {
        ...base,
        SECRET_KEY_FALLBACKS: { value: [STRONG_KEY, unknown('unset', 'OLD_KEY')], line: 30 },
      },
      '5.2',
    ).filter((f) => f.ruleId === 'security.W025');
    expect(findings.map((f) => [f.severity, f.line, f.envVar])).toEqual([['info', 30, undefined]]);
    expect(findings[0]?.message).toContain('SECRET_KEY_FALLBACKS[1] depends on env OLD_KEY');
  });

  it('reports an Unknown MIDDLEWARE as undecided for the middleware checks', () => {
    const findings = runRules({ ...base, MIDDLEWARE: unknown('computed by a helper') }, '5.2');
    const w001 = findings.filter((f) => f.ruleId === 'security.W001');
    expect(w001).toHaveLength(1);
    expect(w001[0]?.severity).toBe('info');
    expect(w001[0]?.message).toMatch(
      /could not be evaluated statically (at \S+ )?\(computed by a helper\)/,
    );
  });
});

describe('SILENCED_SYSTEM_CHECKS', () => {
  it('marks silenced ids at every level, errors included, and says where', () => {
    const findings = runRules(
      {
        ...base,
        DEBUG: true,
        SECURE_REFERRER_POLICY: 'bogus',
        SILENCED_SYSTEM_CHECKS: { value: ['security.W018', 'security.E023'], line: 42 },
      },
      '5.2',
    );
    const silenced = findings.filter((f) => f.suppressed?.kind === 'silenced');
    expect(silenced.map((f) => f.ruleId).sort()).toEqual(['security.E023', 'security.W018']);
    expect(silenced[0]?.suppressed?.reason).toBe(
      'listed in SILENCED_SYSTEM_CHECKS (project/settings.py:42)',
    );
  });

  it('cannot silence a load-time refusal', () => {
    const findings = runRules(
      { ...base, ALLOWED_HOSTS: 'x.example.com', SILENCED_SYSTEM_CHECKS: ['settings.E001'] },
      '5.2',
    ).filter((f) => f.ruleId === 'settings.E001');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.suppressed).toBeUndefined();
  });
});
