import { contentTypeNosniffDisabled } from '../../../src/settings/rules/content-type-nosniff-disabled';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { ALL } from './snapshot-builder';

testDjangoCheck(contentTypeNosniffDisabled, {
  valid: [{ name: 'nosniff default True', versions: ALL, overrides: {} }],
  invalid: [
    {
      name: 'nosniff "True" is not True',
      versions: ALL,
      overrides: { SECURE_CONTENT_TYPE_NOSNIFF: 'True' },
      at: 'SECURE_CONTENT_TYPE_NOSNIFF',
    },
  ],
});
