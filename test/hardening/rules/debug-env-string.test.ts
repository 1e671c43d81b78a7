import { debugEnvString } from '../../../src/hardening/rules/debug-env-string';
import { testSettingsRule } from '../../helpers/rule-tester';

testSettingsRule(debugEnvString, {
  valid: [
    {
      name: 'bool cast',
      spec: { settings: { DEBUG: { value: false, envVar: 'DJANGO_DEBUG' } } },
    },
    { name: 'literal False', spec: { settings: { DEBUG: false } } },
    { name: 'unset', spec: {} },
  ],
  invalid: [
    {
      name: "env value 'False'",
      spec: { settings: { DEBUG: { value: 'False', line: 3, envVar: 'DJANGO_DEBUG' } } },
      findings: [{ line: 3, envVar: 'DJANGO_DEBUG', severity: 'high' }],
    },
    {
      name: 'str default used',
      spec: {
        settings: {
          DEBUG: { value: '0', line: 2, envVar: 'DEBUG', usedDefault: true, defaultText: "'0'" },
        },
      },
      findings: [{ line: 2, envVar: 'DEBUG' }],
    },
    {
      name: 'empty str: off by accident',
      spec: { settings: { DEBUG: { value: '', line: 5, envVar: 'DEBUG' } } },
      findings: [{ line: 5, envVar: 'DEBUG', severity: 'medium' }],
    },
  ],
});
