import { describe, expect, it } from 'vitest';
import { unknown } from '../../src/settings/value';
import {
  CSRF_MW,
  FULL_MIDDLEWARE,
  STRONG_KEY,
  decidedIds,
  hardenedSettings,
  runRules,
} from './rules/snapshot-builder';

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

const base = hardenedSettings();

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
