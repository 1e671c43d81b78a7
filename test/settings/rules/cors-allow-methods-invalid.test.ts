import { corsAllowMethodsInvalid } from '../../../src/settings/rules/cors-allow-methods-invalid';
import { testAppCheck } from '../../helpers/rule-tester';
import { CORS_APPS as APPS } from './snapshot-builder';

testAppCheck(corsAllowMethodsInvalid, 'corsheaders.', {
  valid: [],
  invalid: [
    {
      name: 'E002 methods',
      settings: { ...APPS, CORS_ALLOW_METHODS: null },
      lines: [2],
    },
  ],
});
