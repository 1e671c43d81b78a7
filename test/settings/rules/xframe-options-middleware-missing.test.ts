import { xframeOptionsMiddlewareMissing } from '../../../src/settings/rules/xframe-options-middleware-missing';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { CSRF_MW, SESSION_MW, SM, ALL } from './snapshot-builder';

testDjangoCheck(xframeOptionsMiddlewareMissing, {
  valid: [],
  invalid: [
    {
      name: 'XFrameOptionsMiddleware missing',
      versions: ALL,
      overrides: { MIDDLEWARE: [SM, SESSION_MW, CSRF_MW] },
      at: 'MIDDLEWARE',
    },
  ],
});
