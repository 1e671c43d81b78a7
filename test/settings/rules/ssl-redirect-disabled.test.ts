import { sslRedirectDisabled } from '../../../src/settings/rules/ssl-redirect-disabled';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { ALL } from './snapshot-builder';

testDjangoCheck(sslRedirectDisabled, {
  valid: [],
  invalid: [
    {
      name: 'SSL redirect "True" str',
      versions: ALL,
      overrides: { SECURE_SSL_REDIRECT: 'True' },
      at: 'SECURE_SSL_REDIRECT',
    },
    {
      name: 'SSL redirect unset',
      versions: ALL,
      overrides: { SECURE_SSL_REDIRECT: undefined },
      at: '<unset>',
    },
  ],
});
