import { debugEnabled } from '../../../src/settings/rules/debug-enabled';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { ALL } from './snapshot-builder';

testDjangoCheck(debugEnabled, {
  valid: [{ name: 'DEBUG "" is falsy', versions: ALL, overrides: { DEBUG: '' } }],
  invalid: [
    { name: 'DEBUG True', versions: ALL, overrides: { DEBUG: true }, at: 'DEBUG' },
    { name: 'DEBUG "False" is truthy', versions: ALL, overrides: { DEBUG: 'False' }, at: 'DEBUG' },
  ],
});
