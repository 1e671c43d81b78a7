import { corsAllowPrivateNetworkNotBool } from '../../../src/settings/rules/cors-allow-private-network-not-bool';
import { testAppCheck } from '../../helpers/rule-tester';
import { CORS_APPS as APPS } from './snapshot-builder';

testAppCheck(corsAllowPrivateNetworkNotBool, 'corsheaders.', {
  valid: [],
  invalid: [
    {
      name: 'E015 private network',
      settings: { ...APPS, CORS_ALLOW_PRIVATE_NETWORK: 'no' },
      lines: [2],
    },
  ],
});
