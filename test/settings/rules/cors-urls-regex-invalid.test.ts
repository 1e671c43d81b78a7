import { corsUrlsRegexInvalid } from '../../../src/settings/rules/cors-urls-regex-invalid';
import { testAppCheck } from '../../helpers/rule-tester';
import { CORS_APPS as APPS } from './snapshot-builder';

testAppCheck(corsUrlsRegexInvalid, 'corsheaders.', {
  valid: [],
  invalid: [
    {
      name: 'E009 urls regex list',
      settings: { ...APPS, CORS_URLS_REGEX: ['^/api/'] },
      lines: [2],
    },
  ],
});
