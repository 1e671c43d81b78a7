import { proxySslHeaderWithForwardedHost } from '../../../src/hardening/rules/proxy-ssl-header-with-forwarded-host';
import { testSettingsRule } from '../../helpers/rule-tester';

testSettingsRule(proxySslHeaderWithForwardedHost, {
  valid: [
    {
      name: 'header only',
      spec: {
        settings: { SECURE_PROXY_SSL_HEADER: { $tuple: ['HTTP_X_FORWARDED_PROTO', 'https'] } },
      },
    },
  ],
  invalid: [
    {
      name: 'both',
      spec: {
        settings: {
          SECURE_PROXY_SSL_HEADER: { $tuple: ['HTTP_X_FORWARDED_PROTO', 'https'] },
          USE_X_FORWARDED_HOST: true,
        },
      },
      findings: [{ line: 2 }],
    },
  ],
});
