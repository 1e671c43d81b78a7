import { describe, expect, it } from 'vitest';
import { fileFixes, settingsFixes } from '../../src/fix';
import { fileRules, secretRules, settingsRules } from '../../src/registry';

describe('fix registry', () => {
  it('keys every settings fix by the id of a settings rule', () => {
    const ids = new Set(settingsRules.map((rule) => rule.id));
    expect(Object.keys(settingsFixes).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('keys every file fix by the id of a secret or file rule', () => {
    const ids = new Set([...secretRules, ...fileRules].map((rule) => rule.id));
    expect(Object.keys(fileFixes).filter((id) => !ids.has(id))).toEqual([]);
  });
});
