import { describe, expect, it } from 'vitest';
import { drfBrowsableApiRenderer as rule } from '../../../src/hardening/rules/drf-browsable-api-renderer';
import { DRF_APPS, findingsOf } from './check-source';

describe('DDG229 drf-browsable-api-renderer', () => {
  it.each([
    ["DRF's default list", DRF_APPS],
    [
      'listed explicitly',
      `${DRF_APPS}REST_FRAMEWORK = {'DEFAULT_RENDERER_CLASSES': ('rest_framework.renderers.JSONRenderer', 'rest_framework.renderers.BrowsableAPIRenderer')}\n`,
    ],
  ])('invalid: %s', (_name, source) => {
    const findings = findingsOf(rule, source);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['DDG229', 'low']]);
  });

  it("invalid: a project's subclass, by its name", () => {
    const findings = findingsOf(
      rule,
      `${DRF_APPS}REST_FRAMEWORK = {'DEFAULT_RENDERER_CLASSES': ('rest_framework.renderers.JSONRenderer', 'app.api.renderers.FormlessBrowsableAPIRenderer')}\n`,
    );
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['DDG229', 'low']]);
    expect(findings[0]!.message).toContain('(by its name, a BrowsableAPIRenderer)');
  });

  it('valid: JSON only', () => {
    expect(
      findingsOf(
        rule,
        `${DRF_APPS}REST_FRAMEWORK = {'DEFAULT_RENDERER_CLASSES': ['rest_framework.renderers.JSONRenderer']}\n`,
      ),
    ).toEqual([]);
  });
});
