import { corsModelSettingRemoved } from '../../../src/settings/rules/cors-model-setting-removed';
import { testAppCheck } from '../../helpers/rule-tester';
import { CORS_APPS as APPS } from './snapshot-builder';

testAppCheck(corsModelSettingRemoved, 'corsheaders.', {
  valid: [],
  invalid: [
    {
      name: 'E012 CORS_MODEL set',
      settings: { ...APPS, CORS_MODEL: 'app.Model' },
      lines: [2],
    },
  ],
});
