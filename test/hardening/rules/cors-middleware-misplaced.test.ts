import { corsMiddlewareMisplaced } from '../../../src/hardening/rules/cors-middleware-misplaced';
import { testSettingsRule } from '../../helpers/rule-tester';
import { CORS_BASE } from '../support/settings-cases';

testSettingsRule(corsMiddlewareMisplaced, {
  valid: [
    { name: 'first', spec: { settings: CORS_BASE } },
    { name: 'not installed', spec: { settings: { INSTALLED_APPS: [], MIDDLEWARE: [] } } },
  ],
  invalid: [
    {
      name: 'missing',
      spec: {
        settings: {
          INSTALLED_APPS: ['corsheaders'],
          MIDDLEWARE: ['django.middleware.common.CommonMiddleware'],
        },
      },
      findings: [{ line: 2 }],
    },
    {
      name: 'after whitenoise',
      spec: {
        settings: {
          INSTALLED_APPS: ['corsheaders'],
          MIDDLEWARE: [
            'whitenoise.middleware.WhiteNoiseMiddleware',
            'corsheaders.middleware.CorsMiddleware',
          ],
        },
      },
      findings: [{ line: 2 }],
    },
  ],
});
