import { sentrySendDefaultPii } from '../../../src/hardening/rules/sentry-send-default-pii';
import { testSettingsRule } from '../../helpers/rule-tester';

testSettingsRule(sentrySendDefaultPii, {
  valid: [
    {
      name: 'pii off',
      spec: {
        calls: [{ callee: 'sentry_sdk.init', line: 9, keywords: { send_default_pii: false } }],
      },
    },
    {
      name: 'not given',
      spec: { calls: [{ callee: 'sentry_sdk.init', line: 9, keywords: { dsn: 'x' } }] },
    },
  ],
  invalid: [
    {
      name: 'pii on',
      spec: {
        calls: [{ callee: 'sentry_sdk.init', line: 9, keywords: { send_default_pii: true } }],
      },
      findings: [{ line: 9 }],
    },
  ],
});
