import { corsAllowAllOrigins } from '../../../src/hardening/rules/cors-allow-all-origins';
import { testSettingsRule } from '../../helpers/rule-tester';
import { CORS_BASE } from '../support/settings-cases';

testSettingsRule(corsAllowAllOrigins, {
  valid: [
    { name: 'not installed', spec: { settings: { CORS_ALLOW_ALL_ORIGINS: true } } },
    {
      name: 'explicit list',
      spec: { settings: { ...CORS_BASE, CORS_ALLOWED_ORIGINS: ['https://app.example.com'] } },
    },
    {
      name: 'new name False wins over alias',
      spec: {
        settings: { ...CORS_BASE, CORS_ALLOW_ALL_ORIGINS: false, CORS_ORIGIN_ALLOW_ALL: true },
      },
    },
  ],
  invalid: [
    {
      name: 'allow all',
      spec: { settings: { ...CORS_BASE, CORS_ALLOW_ALL_ORIGINS: true } },
      findings: [{ line: 3 }],
    },
    {
      name: 'old alias',
      spec: { settings: { ...CORS_BASE, CORS_ORIGIN_ALLOW_ALL: true } },
      findings: [{ line: 3 }],
    },
    {
      name: 'installed by AppConfig path',
      spec: {
        settings: {
          INSTALLED_APPS: ['corsheaders.apps.CorsHeadersAppConfig'],
          MIDDLEWARE: CORS_BASE.MIDDLEWARE,
          CORS_ALLOW_ALL_ORIGINS: true,
        },
      },
      findings: [{ line: 3 }],
    },
  ],
});
