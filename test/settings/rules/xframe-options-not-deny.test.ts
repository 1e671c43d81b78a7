import { xframeOptionsNotDeny } from '../../../src/settings/rules/xframe-options-not-deny';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { CSRF_MW, SESSION_MW, SM, ALL } from './snapshot-builder';

testDjangoCheck(xframeOptionsNotDeny, {
  valid: [
    { name: 'default DENY', versions: ALL, overrides: {} },
    {
      name: 'no XFO middleware, no W019',
      versions: ALL,
      overrides: { X_FRAME_OPTIONS: 'SAMEORIGIN', MIDDLEWARE: [SM, SESSION_MW, CSRF_MW] },
    },
  ],
  invalid: [
    {
      name: 'X_FRAME_OPTIONS SAMEORIGIN',
      versions: ALL,
      overrides: { X_FRAME_OPTIONS: 'SAMEORIGIN' },
      at: 'X_FRAME_OPTIONS',
    },
    {
      name: 'X_FRAME_OPTIONS "deny" (case-sensitive)',
      versions: ALL,
      overrides: { X_FRAME_OPTIONS: 'deny' },
      at: 'X_FRAME_OPTIONS',
    },
  ],
});
