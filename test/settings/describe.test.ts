import { describe, expect, it } from 'vitest';
import { djangoDefault, isDjangoSetting } from '../../src/settings/defaults';
import {
  describeProvenance,
  describeSetting,
  describeSettingWithoutValue,
  describeUndecided,
} from '../../src/settings/describe';
import type { ResolvedSetting } from '../../src/settings/rule';
import { str, unknown } from '../../src/settings/value';
import { pyRepr } from '../../src/settings/value-ops';

const set = (over: Partial<ResolvedSetting>): ResolvedSetting => ({
  name: 'DEBUG',
  value: str('True'),
  isDefault: false,
  exists: true,
  ...over,
});

describe('describe', () => {
  it.each([
    [{ file: 'a.py', line: 3 }, 'set at a.py:3'],
    [{ file: 'a.py', line: 3, envVar: 'X' }, 'from env X at a.py:3'],
    [
      { file: 'a.py', line: 3, envVar: 'X', usedDefault: true, defaultText: "'True'" },
      "from env X at a.py:3; unset, so the code's default 'True' applies",
    ],
    // healthchecks: envbool("DEBUG", "True") reads os.getenv(name, default) in a helper.
    [
      { file: 'a.py', line: 3, envVar: 'X', usedDefault: true, defaultText: 'default' },
      "from env X at a.py:3; unset, so the code's default applies",
    ],
    [
      { file: 'a.py', line: 3, envVar: 'X', usedDefault: true, defaultText: 'True' },
      "from env X at a.py:3; unset, so the code's default True applies",
    ],
  ])('describeProvenance %j', (provenance, text) => {
    expect(describeProvenance(provenance)).toBe(text);
  });

  it('describes set and unset settings', () => {
    expect(describeSetting(set({ provenance: { file: 'a.py', line: 2 } }))).toBe(
      "DEBUG is 'True' (set at a.py:2)",
    );
    expect(
      describeSetting(
        set({ name: 'SECURE_HSTS_SECONDS', value: { kind: 'int', value: 0n }, isDefault: true }),
      ),
    ).toBe("SECURE_HSTS_SECONDS not set; Django's default is 0");
  });

  it('never shows the value of a secret', () => {
    const text = describeSettingWithoutValue(
      set({ name: 'SECRET_KEY', value: str('hunter2'), provenance: { file: 's.py', line: 9 } }),
    );
    expect(text).toBe('SECRET_KEY (set at s.py:9)');
  });

  it('explains Unknown values by env var or by reason', () => {
    expect(
      describeUndecided(set({ name: 'X_FLAG', value: unknown('unset', 'ENV_X') }), 'security.W008'),
    ).toBe(
      'X_FLAG depends on env ENV_X (unset): cannot decide security.W008; set ENV_X in the production env profile',
    );
    expect(
      describeUndecided(
        set({
          name: 'MIDDLEWARE',
          value: unknown('loop too long'),
          provenance: { file: 'cfg/base.py', line: 7 },
        }),
        'security.W001',
      ),
    ).toBe(
      'MIDDLEWARE could not be evaluated statically at cfg/base.py:7 (loop too long): cannot decide security.W001',
    );
  });
});

describe("Django's defaults per version", () => {
  const at = (name: string, major: number, minor: number) => {
    const value = djangoDefault(name, { major, minor });
    return value && pyRepr(value);
  };
  it.each([
    ['SECRET_KEY_FALLBACKS', 3, 2, undefined],
    ['SECRET_KEY_FALLBACKS', 4, 1, '[]'],
    ['SECURE_CROSS_ORIGIN_OPENER_POLICY', 3, 2, undefined],
    ['SECURE_CROSS_ORIGIN_OPENER_POLICY', 4, 0, "'same-origin'"],
    ['DEFAULT_HASHING_ALGORITHM', 3, 2, "'sha256'"],
    ['DEFAULT_HASHING_ALGORITHM', 4, 0, undefined],
    ['SECURE_CSP', 5, 2, undefined],
    ['SECURE_CSP', 6, 0, '{}'],
    ['X_FRAME_OPTIONS', 3, 2, "'DENY'"],
    ['SECURE_REFERRER_POLICY', 5, 2, "'same-origin'"],
    ['USE_TZ', 4, 2, 'False'],
    ['USE_TZ', 5, 0, 'True'],
    ['CORS_ALLOW_ALL_ORIGINS', 5, 2, undefined],
  ])('%s on %i.%i is %s', (name, major, minor, expected) => {
    expect(at(name, major, minor)).toBe(expected);
    expect(isDjangoSetting(name, { major, minor })).toBe(expected !== undefined);
  });

  it('hands out a fresh copy each time (lists are mutable)', () => {
    const a = djangoDefault('MIDDLEWARE', { major: 5, minor: 2 });
    const b = djangoDefault('MIDDLEWARE', { major: 5, minor: 2 });
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
  });
});
