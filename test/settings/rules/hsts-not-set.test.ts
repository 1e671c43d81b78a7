import { hstsNotSet } from '../../../src/settings/rules/hsts-not-set';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { CSRF_MW, ALL } from './snapshot-builder';

testDjangoCheck(hstsNotSet, {
  valid: [
    {
      name: 'HSTS "0" is a truthy str and passes',
      versions: ALL,
      overrides: { SECURE_HSTS_SECONDS: '0' },
    },
    {
      name: 'no SecurityMiddleware, no W004',
      versions: ALL,
      overrides: { SECURE_HSTS_SECONDS: 0, MIDDLEWARE: [CSRF_MW] },
    },
  ],
  invalid: [
    {
      name: 'HSTS 0',
      versions: ALL,
      overrides: { SECURE_HSTS_SECONDS: 0 },
      at: 'SECURE_HSTS_SECONDS',
    },
    {
      name: 'HSTS None',
      versions: ALL,
      overrides: { SECURE_HSTS_SECONDS: null },
      at: 'SECURE_HSTS_SECONDS',
    },
    {
      name: 'HSTS ""',
      versions: ALL,
      overrides: { SECURE_HSTS_SECONDS: '' },
      at: 'SECURE_HSTS_SECONDS',
    },
    {
      name: 'HSTS unset',
      versions: ALL,
      overrides: { SECURE_HSTS_SECONDS: undefined },
      at: '<unset>',
    },
  ],
});
