import { corsAllowAllOriginsNotBool } from '../../../src/settings/rules/cors-allow-all-origins-not-bool';
import { testAppCheck } from '../../helpers/rule-tester';
import { CORS_APPS as APPS } from './snapshot-builder';

testAppCheck(corsAllowAllOriginsNotBool, 'corsheaders.', {
  valid: [
    {
      name: 'E005 new name wins over alias',
      settings: { ...APPS, CORS_ALLOW_ALL_ORIGINS: false, CORS_ORIGIN_ALLOW_ALL: 1 },
    },
  ],
  invalid: [
    {
      name: 'E005 old alias',
      settings: { ...APPS, CORS_ORIGIN_ALLOW_ALL: 1 },
      lines: [2],
    },
  ],
});
