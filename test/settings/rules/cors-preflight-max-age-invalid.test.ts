import { corsPreflightMaxAgeInvalid } from '../../../src/settings/rules/cors-preflight-max-age-invalid';
import { testAppCheck } from '../../helpers/rule-tester';
import { CORS_APPS as APPS } from './snapshot-builder';

testAppCheck(corsPreflightMaxAgeInvalid, 'corsheaders.', {
  valid: [
    {
      name: 'E004 bool is an int in Python',
      settings: { ...APPS, CORS_PREFLIGHT_MAX_AGE: true },
    },
  ],
  invalid: [
    {
      name: 'E004 negative',
      settings: { ...APPS, CORS_PREFLIGHT_MAX_AGE: -1 },
      lines: [2],
    },
    {
      name: 'E004 str',
      settings: { ...APPS, CORS_PREFLIGHT_MAX_AGE: '60' },
      lines: [2],
    },
  ],
});
