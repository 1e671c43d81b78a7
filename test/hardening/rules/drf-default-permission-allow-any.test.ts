import { describe, expect, it } from 'vitest';
import { drfDefaultPermissionAllowAny as rule } from '../../../src/hardening/rules/drf-default-permission-allow-any';
import { DRF_APPS, findingsOf } from './check-source';

describe('DDG227 drf-default-permission-allow-any', () => {
  it.each([
    ['REST_FRAMEWORK not set', DRF_APPS, 1, "is DRF's default, AllowAny"],
    [
      'the key absent',
      `${DRF_APPS}REST_FRAMEWORK = {'PAGE_SIZE': 10}\n`,
      2,
      "is DRF's default, AllowAny",
    ],
    [
      'AllowAny, on its own line',
      `${DRF_APPS}REST_FRAMEWORK = {\n    'PAGE_SIZE': 10,\n    'DEFAULT_PERMISSION_CLASSES': ('rest_framework.permissions.AllowAny',),\n}\n`,
      4,
      'contains AllowAny',
    ],
    [
      'an empty list',
      `${DRF_APPS}REST_FRAMEWORK = {'DEFAULT_PERMISSION_CLASSES': []}\n`,
      2,
      'is empty',
    ],
  ])('invalid: %s', (_name, source, line, words) => {
    const findings = findingsOf(rule, source);
    expect(findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ['DDG227', 'medium', line],
    ]);
    expect(findings[0]!.message).toContain(words);
    expect(findings[0]!.message).toContain('use IsAuthenticated');
  });

  it.each([
    [
      'IsAuthenticated',
      `${DRF_APPS}REST_FRAMEWORK = {'DEFAULT_PERMISSION_CLASSES': ['rest_framework.permissions.IsAuthenticated']}\n`,
    ],
    ['DRF not installed', "INSTALLED_APPS = ['django.contrib.auth']\n"],
  ])('valid: %s', (_name, source) => {
    expect(findingsOf(rule, source)).toEqual([]);
  });

  it('undecided when the permission classes come from an unset env variable', () => {
    const findings = findingsOf(
      rule,
      `import os\n${DRF_APPS}REST_FRAMEWORK = {'DEFAULT_PERMISSION_CLASSES': os.environ['PERMS'].split(',')}\n`,
    );
    expect(findings.map((f) => [f.ruleId, f.severity, f.undecided])).toEqual([
      ['DDG227', 'info', true],
    ]);
  });
});
