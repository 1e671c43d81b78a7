import { describe, expect, it } from 'vitest';
import { drfBasicAuthentication as rule } from '../../../src/hardening/rules/drf-basic-authentication';
import { DRF_APPS, findingsOf } from './check-source';

describe('DDG228 drf-basic-authentication', () => {
  it.each([
    ["DRF's default list", `${DRF_APPS}REST_FRAMEWORK = {}\n`],
    [
      'listed explicitly',
      `${DRF_APPS}REST_FRAMEWORK = {'DEFAULT_AUTHENTICATION_CLASSES': ['rest_framework.authentication.BasicAuthentication']}\n`,
    ],
  ])('invalid: %s', (_name, source) => {
    const findings = findingsOf(rule, source);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['DDG228', 'low']]);
    expect(findings[0]!.message).toContain('includes BasicAuthentication');
  });

  it.each([
    [
      'token and session only',
      `${DRF_APPS}REST_FRAMEWORK = {'DEFAULT_AUTHENTICATION_CLASSES': ['rest_framework.authentication.TokenAuthentication']}\n`,
    ],
    [
      'DRF not installed',
      "INSTALLED_APPS = ['django.contrib.auth']\nREST_FRAMEWORK = {}\nINSTALLED_APPS += []\n",
    ],
  ])('valid: %s', (_name, source) => {
    expect(findingsOf(rule, source)).toEqual([]);
  });
});
