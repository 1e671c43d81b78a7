import { corsOriginRegexesInvalid } from '../../../src/settings/rules/cors-origin-regexes-invalid';
import { testAppCheck } from '../../helpers/rule-tester';
import { CORS_APPS as APPS } from './snapshot-builder';

testAppCheck(corsOriginRegexesInvalid, 'corsheaders.', {
  valid: [
    {
      name: 'E007 compiled patterns pass',
      settings: {
        ...APPS,
        CORS_ALLOWED_ORIGIN_REGEXES: [{ kind: 'opaque', typeName: 're.Pattern' }],
      },
    },
  ],
  invalid: [
    {
      name: 'E007 regexes',
      settings: { ...APPS, CORS_ALLOWED_ORIGIN_REGEXES: '^https://.*$' },
      lines: [2],
    },
  ],
});
