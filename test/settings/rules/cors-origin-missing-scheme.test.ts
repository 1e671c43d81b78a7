import { corsOriginMissingScheme } from '../../../src/settings/rules/cors-origin-missing-scheme';
import { testAppCheck } from '../../helpers/rule-tester';
import { CORS_APPS as APPS } from './snapshot-builder';

testAppCheck(corsOriginMissingScheme, 'corsheaders.', {
  valid: [],
  invalid: [
    {
      name: 'E013 origins without scheme or host; null and file:// are special',
      settings: {
        ...APPS,
        CORS_ALLOWED_ORIGINS: [
          'example.com',
          'localhost:3000',
          'null',
          'file://',
          'https://ok.example.com',
        ],
      },
      lines: [2, 2],
    },
    {
      name: 'E013 via the old alias',
      settings: { ...APPS, CORS_ORIGIN_WHITELIST: ['example.com'] },
      lines: [2],
    },
    {
      name: 'E013 for CORS_REPLACE_HTTPS_REFERER',
      settings: { ...APPS, CORS_REPLACE_HTTPS_REFERER: true },
      lines: [2],
    },
  ],
});
