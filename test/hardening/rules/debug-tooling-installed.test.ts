import { debugToolingInstalled } from '../../../src/hardening/rules/debug-tooling-installed';
import { testSettingsRule } from '../../helpers/rule-tester';

testSettingsRule(debugToolingInstalled, {
  valid: [
    {
      name: 'clean',
      spec: {
        settings: {
          INSTALLED_APPS: ['django.contrib.admin'],
          MIDDLEWARE: ['django.middleware.security.SecurityMiddleware'],
        },
      },
    },
  ],
  invalid: [
    {
      name: 'toolbar app + middleware, extensions config',
      spec: {
        settings: {
          INSTALLED_APPS: ['debug_toolbar', 'django_extensions.apps.DjangoExtensionsConfig'],
          MIDDLEWARE: ['debug_toolbar.middleware.DebugToolbarMiddleware'],
        },
      },
      findings: [{ line: 1 }, { line: 1 }, { line: 2 }],
    },
    {
      name: 'one unknown app does not hide the toolbar',
      spec: { settings: { INSTALLED_APPS: [{ $unknown: 'computed' }, 'debug_toolbar'] } },
      findings: [{ line: 1 }],
    },
  ],
});
