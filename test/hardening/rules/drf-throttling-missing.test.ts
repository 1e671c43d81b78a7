import { describe, expect, it } from 'vitest';
import { drfThrottlingMissing as rule } from '../../../src/hardening/rules/drf-throttling-missing';
import { DRF_APPS, findingsOf } from './check-source';

describe('DDG230 drf-throttling-missing', () => {
  it('invalid: no throttle classes (DRF’s default)', () => {
    const findings = findingsOf(rule, `${DRF_APPS}REST_FRAMEWORK = {}\n`);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['DDG230', 'low']]);
    expect(findings[0]!.message).toContain(
      'no default throttling, so every endpoint without its own throttle_classes accepts unlimited requests',
    );
  });

  it('invalid: a class without its rate, one finding per scope', () => {
    const findings = findingsOf(
      rule,
      `${DRF_APPS}REST_FRAMEWORK = {\n    'DEFAULT_THROTTLE_CLASSES': [\n        'rest_framework.throttling.AnonRateThrottle',\n        'rest_framework.throttling.UserRateThrottle',\n    ],\n    'DEFAULT_THROTTLE_RATES': {'user': '100/hour', 'anon': None},\n}\n`,
    );
    expect(findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([['DDG230', 'low', 3]]);
    expect(findings[0]!.message).toBe(
      "AnonRateThrottle is a default throttle but DEFAULT_THROTTLE_RATES has no rate for 'anon': DRF raises ImproperlyConfigured on the first request it throttles",
    );
  });

  it.each([
    [
      'both classes with rates',
      `${DRF_APPS}REST_FRAMEWORK = {'DEFAULT_THROTTLE_CLASSES': ['rest_framework.throttling.AnonRateThrottle', 'rest_framework.throttling.UserRateThrottle'], 'DEFAULT_THROTTLE_RATES': {'anon': '10/min', 'user': '100/min'}}\n`,
    ],
    [
      "a project's own throttle (its scope is in code)",
      `${DRF_APPS}REST_FRAMEWORK = {'DEFAULT_THROTTLE_CLASSES': ['api.throttles.BurstThrottle']}\n`,
    ],
    ['DRF not installed', 'INSTALLED_APPS = []\n'],
  ])('valid: %s', (_name, source) => {
    expect(findingsOf(rule, source)).toEqual([]);
  });
});
