import { describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/core/fingerprint';
import { hardeningSettingsRules } from '../../src/hardening/rules/index';
import { regexProblems } from '../../src/hardening/rules/cors-origin-regex-unanchored';
import { csrfOriginProblem } from '../../src/hardening/rules/csrf-trusted-origins-insecure';
import { findDefaultAdminRoutes } from '../../src/hardening/rules/admin-default-path';
import type { SettingsRule } from '../../src/settings/rule';
import { runSettingsRule, type ContextSpec } from './support/settings-context';
import { key, oldKey, password } from './support/settings-cases';

function ruleById(id: string): SettingsRule {
  const rule = hardeningSettingsRules.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}

describe('secret handling in settings findings', () => {
  const keyRules = ['DDG206', 'DDG207', 'DDG209'].map(ruleById);
  const specs: ContextSpec[] = [
    { settings: { SECRET_KEY: key } },
    {
      settings: { SECRET_KEY: { value: oldKey, envVar: 'K', usedDefault: true } },
      envReads: [
        {
          name: 'K',
          file: 'project/settings.py',
          line: 1,
          isSet: false,
          defaultText: `'${oldKey}'`,
        },
      ],
    },
    {
      settings: { SECRET_KEY_FALLBACKS: [oldKey] },
      files: { 'project/settings.py': `SECRET_KEY_FALLBACKS = ['${oldKey}']\n` },
    },
  ];

  it('never prints the key and links it by hash', () => {
    keyRules.forEach((rule, i) => {
      const seen = runSettingsRule(rule, specs[i]!);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.message).not.toContain(key);
      expect(seen[0]!.message).not.toContain(oldKey);
      expect(seen[0]!.secretHash).toBe(hashSecret(i === 0 ? key : oldKey));
    });
  });

  it('a credential setting never prints its value and hands it over for masking', () => {
    const [seen, ...rest] = runSettingsRule(ruleById('DDG226'), {
      settings: { DATABASES: { default: { PASSWORD: password } } },
      files: { 'project/settings.py': `DATABASES = {'default': {'PASSWORD': '${password}'}}\n` },
    });
    expect(rest).toEqual([]);
    expect(seen?.message).toBe(
      'DATABASES["default"]["PASSWORD"] is a literal password (set at project/settings.py:1)',
    );
    expect(seen?.secretHash).toBe(hashSecret(password));
    expect(seen?.secretValues).toEqual([password]);
  });

  it('a placeholder is named by kind only', () => {
    const [seen] = runSettingsRule(ruleById('DDG208'), {
      settings: { SECRET_KEY: 'change-me-now' },
    });
    expect(seen?.message).not.toContain('change-me-now');
  });
});

describe('pattern helpers', () => {
  it.each([
    ['^https://example\\.com$', []],
    ['^https://example\\.com\\Z', []],
    ['^https://([a-z0-9-]+\\.)?example\\.com(:\\d+)?$', []],
    ['^https://[a-z.]+\\.example\\.com$', []],
    ['^https://example\\.com', ['not anchored at the end ($ or \\Z)']],
    ['^https://app.example\\.com$', ['unescaped "." in the host matches any character']],
    ['^https://.*\\.example\\.com$', []],
  ])('regexProblems(%s)', (pattern, problems) => {
    expect(regexProblems(pattern)).toEqual(problems);
  });

  it.each([
    ['https://*.example.com', undefined],
    ['https://example.com', undefined],
    ['https://*', true],
    ['*', true],
    ['https://*.co', true],
    ['http://example.com', false],
    ['https://[::1]:8000', false],
  ])('csrfOriginProblem(%s)', (origin, wildcard) => {
    expect(csrfOriginProblem(origin)?.wildcard).toBe(wildcard);
  });

  it('finds admin routes across lines and forms', () => {
    const source =
      "urlpatterns = [\n    re_path(\n        r'^admin/',\n        admin.site.urls,\n    ),\n    path('api/', include('api.urls')),\n    path(\"admin/\", admin.site.urls),\n]\n";
    expect(findDefaultAdminRoutes(source)).toEqual([2, 7]);
  });
});
