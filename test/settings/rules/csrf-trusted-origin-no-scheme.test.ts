import { csrfTrustedOriginNoScheme } from '../../../src/settings/rules/csrf-trusted-origin-no-scheme';
import { testDjangoCheck } from '../../helpers/rule-tester';

testDjangoCheck(csrfTrustedOriginNoScheme, {
  valid: [
    {
      name: 'no compatibility check in 3.2',
      versions: ['3.2'],
      overrides: { CSRF_TRUSTED_ORIGINS: ['example.com'] },
    },
  ],
  invalid: [
    {
      name: 'origin without scheme',
      versions: ['4.2', '5.2'],
      overrides: { CSRF_TRUSTED_ORIGINS: ['https://ok.example.com', 'example.com'] },
      at: 'CSRF_TRUSTED_ORIGINS',
    },
  ],
});
