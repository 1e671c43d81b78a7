import { corsExposeHeadersInvalid } from '../../../src/settings/rules/cors-expose-headers-invalid';
import { testAppCheck } from '../../helpers/rule-tester';
import { CORS_APPS as APPS } from './snapshot-builder';

testAppCheck(corsExposeHeadersInvalid, 'corsheaders.', {
  valid: [],
  invalid: [
    {
      name: 'E008 expose headers',
      settings: { ...APPS, CORS_EXPOSE_HEADERS: 'x' },
      lines: [2],
    },
  ],
});
