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

  it('points at the dict entry that lists it, not at a later +=', () => {
    const findings = findingsOf(
      rule,
      `${DRF_APPS}REST_FRAMEWORK = {\n    "DEFAULT_AUTHENTICATION_CLASSES": (\n        "rest_framework.authentication.BasicAuthentication",\n    ),\n}\nREST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] += ("rest_framework.authentication.TokenAuthentication",)\n`,
    );
    expect(findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['DDG228', 'project/settings.py', 3],
    ]);
  });

  it("invalid: a project's subclass, by its name", () => {
    const findings = findingsOf(
      rule,
      `${DRF_APPS}REST_FRAMEWORK = {'DEFAULT_AUTHENTICATION_CLASSES': ['app.auth.AppBasicAuthentication', 'rest_framework.authentication.TokenAuthentication']}\n`,
    );
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['DDG228', 'low']]);
    expect(findings[0]!.message).toContain(
      'app.auth.AppBasicAuthentication (by its name, a BasicAuthentication)',
    );
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
