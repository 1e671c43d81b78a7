import { secretKeyFallbacksLiteral } from '../../../src/hardening/rules/secret-key-fallbacks-literal';
import { testSettingsRule } from '../../helpers/rule-tester';
import { oldKey } from '../support/settings-cases';

testSettingsRule(secretKeyFallbacksLiteral, {
  valid: [
    {
      name: 'from env list',
      spec: { settings: { SECRET_KEY_FALLBACKS: { value: [oldKey], envVar: 'FALLBACKS' } } },
    },
    {
      name: 'older Django has no fallbacks',
      spec: {
        version: { major: 3, minor: 2 },
        settings: { SECRET_KEY_FALLBACKS: [oldKey] },
        files: { 'project/settings.py': `SECRET_KEY_FALLBACKS = ['${oldKey}']\n` },
      },
    },
    {
      name: 'item not written in source (read from env inside the list)',
      spec: {
        settings: { SECRET_KEY_FALLBACKS: [oldKey] },
        files: { 'project/settings.py': "SECRET_KEY_FALLBACKS = [os.environ['OLD']]\n" },
      },
    },
  ],
  invalid: [
    {
      name: 'literal fallback',
      spec: {
        settings: { SECRET_KEY_FALLBACKS: { value: [oldKey], line: 1 } },
        files: { 'project/settings.py': `SECRET_KEY_FALLBACKS = ['${oldKey}']\n` },
      },
      findings: [{ line: 1, severity: 'high' }],
    },
  ],
});
