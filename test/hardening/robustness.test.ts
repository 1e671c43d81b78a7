import { describe, expect, it } from 'vitest';
import { hardeningSettingsRules } from '../../src/hardening/rules/index';
import { checkSettingsSource } from '../../src/settings/analyze';
import type { PyValue } from '../../src/settings/value';
import { contextFor } from './support/settings-context';

/**
 * Settings are hostile input: every rule must survive any value in any setting it reads
 * (Unknown, opaque objects, wrong types, deep nesting) and say "undecided" rather than throw.
 */

const NAMES = [
  'DEBUG',
  'ALLOWED_HOSTS',
  'SECRET_KEY',
  'SECRET_KEY_FALLBACKS',
  'INSTALLED_APPS',
  'MIDDLEWARE',
  'CORS_ALLOW_ALL_ORIGINS',
  'CORS_ORIGIN_ALLOW_ALL',
  'CORS_ALLOWED_ORIGINS',
  'CORS_ORIGIN_WHITELIST',
  'CORS_ALLOWED_ORIGIN_REGEXES',
  'CORS_ALLOW_CREDENTIALS',
  'CSRF_TRUSTED_ORIGINS',
  'SECURE_PROXY_SSL_HEADER',
  'USE_X_FORWARDED_HOST',
  'SECURE_SSL_REDIRECT',
  'SILENCED_SYSTEM_CHECKS',
  'SESSION_COOKIE_SAMESITE',
  'SESSION_COOKIE_SECURE',
  'CSRF_COOKIE_SAMESITE',
  'AUTH_PASSWORD_VALIDATORS',
  'PASSWORD_HASHERS',
  'ROOT_URLCONF',
  'TEMPLATES',
  'SECURE_CSP',
  'CONTENT_SECURITY_POLICY',
  'CSP_SCRIPT_SRC',
  'CSP_DEFAULT_SRC',
];

let nested: PyValue = { kind: 'list', items: [] };
for (let i = 0; i < 200; i++) nested = { kind: 'list', items: [nested] };

const ODD_VALUES: PyValue[] = [
  { kind: 'unknown', reason: 'fuzz', envVar: 'FUZZ' },
  { kind: 'opaque', typeName: 'Thing' },
  { kind: 'none' },
  { kind: 'int', value: -1n },
  { kind: 'float', value: Number.NaN },
  { kind: 'bytes', value: '\u0000' },
  { kind: 'str', value: '\u0000../../etc/passwd' },
  {
    kind: 'dict',
    entries: [
      [
        { kind: 'unknown', reason: 'k' },
        { kind: 'unknown', reason: 'v' },
      ],
    ],
  },
  {
    kind: 'list',
    items: [
      { kind: 'unknown', reason: 'item' },
      { kind: 'opaque', typeName: 'Pattern' },
    ],
  },
  {
    kind: 'list',
    items: [
      {
        kind: 'dict',
        entries: [
          [
            { kind: 'str', value: 'NAME' },
            { kind: 'int', value: 1n },
          ],
        ],
      },
    ],
  },
  nested,
];

describe('hardening settings rules on hostile values', () => {
  it.each(ODD_VALUES.map((v, i) => [i, v] as const))(
    'value #%i in every setting never throws',
    (_i, value) => {
      const settings = Object.fromEntries(NAMES.map((n) => [n, { value: null }]));
      const ctx = contextFor({ settings, files: { 'project/settings.py': '' } });
      for (const name of NAMES)
        ctx.snapshot.settings.set(name, {
          value,
          provenance: { file: 'project/settings.py', line: 1 },
        });
      ctx.snapshot.calls.push({
        callee: 'sentry_sdk.init',
        file: 'project/settings.py',
        line: 1,
        keywords: new Map([['send_default_pii', value]]),
      });
      for (const rule of hardeningSettingsRules) {
        expect(() => rule.check(ctx), rule.id).not.toThrow();
        for (const match of rule.check(ctx)) expect(match.message.length).toBeGreaterThan(0);
      }
    },
  );

  it('invalid Python and binary settings give diagnostics, not crashes', () => {
    for (const source of [
      'def (:\n  ALLOWED_HOSTS = [',
      '\u0000\u0001\u0002',
      'ALLOWED_HOSTS = ' + '['.repeat(3000),
    ]) {
      expect(() =>
        checkSettingsSource({ file: 'project/settings.py', source, rules: hardeningSettingsRules }),
      ).not.toThrow();
    }
  });
});
