import { corsAllowedOriginsInvalid } from '../../../src/settings/rules/cors-allowed-origins-invalid';
import { testAppCheck } from '../../helpers/rule-tester';
import { CORS_APPS as APPS } from './snapshot-builder';

testAppCheck(corsAllowedOriginsInvalid, 'corsheaders.', {
  valid: [],
  invalid: [
    {
      name: 'E006 str origins',
      settings: { ...APPS, CORS_ALLOWED_ORIGINS: 'https://a.example.com' },
      lines: [2],
    },
    {
      name: 'E006 a set is not a Sequence',
      settings: { ...APPS, CORS_ALLOWED_ORIGINS: { kind: 'set', items: [] } },
      lines: [2],
    },
  ],
});
