import { corsOriginHasPath } from '../../../src/settings/rules/cors-origin-has-path';
import { testAppCheck } from '../../helpers/rule-tester';
import { CORS_APPS as APPS } from './snapshot-builder';

testAppCheck(corsOriginHasPath, 'corsheaders.', {
  valid: [],
  invalid: [
    {
      name: 'E014 one per part',
      settings: {
        ...APPS,
        CORS_ALLOWED_ORIGINS: ['https://a.example.com/', 'https://b.example.com/x?y#z'],
      },
      lines: [2, 2, 2, 2],
    },
  ],
});
