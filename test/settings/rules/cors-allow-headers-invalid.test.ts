import { corsAllowHeadersInvalid } from '../../../src/settings/rules/cors-allow-headers-invalid';
import { testAppCheck } from '../../helpers/rule-tester';
import { CORS_APPS as APPS } from './snapshot-builder';

testAppCheck(corsAllowHeadersInvalid, 'corsheaders.', {
  valid: [],
  invalid: [
    {
      name: 'E001 str headers',
      settings: { ...APPS, CORS_ALLOW_HEADERS: 'authorization' },
      lines: [2],
    },
    {
      name: 'E001 non-str item',
      settings: { ...APPS, CORS_ALLOW_HEADERS: ['a', 1] },
      lines: [2],
    },
  ],
});
