import { corsAllowCredentialsNotBool } from '../../../src/settings/rules/cors-allow-credentials-not-bool';
import { testAppCheck } from '../../helpers/rule-tester';
import { CORS_APPS as APPS } from './snapshot-builder';

testAppCheck(corsAllowCredentialsNotBool, 'corsheaders.', {
  valid: [{ name: 'E003 bool passes', settings: { ...APPS, CORS_ALLOW_CREDENTIALS: true } }],
  invalid: [
    {
      name: 'E003 "True" is not a bool',
      settings: { ...APPS, CORS_ALLOW_CREDENTIALS: 'True' },
      lines: [2],
    },
  ],
});
