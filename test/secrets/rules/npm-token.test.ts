import { npmToken } from '../../../src/secrets/rules/npm-token';
import { testSecretRule } from '../../helpers/rule-tester';
import { seededRandom } from './scan-helpers';

testSecretRule(npmToken, {
  random: seededRandom(),
  valid: [
    { path: 'frontend/.npmrc', content: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' },
    {
      path: 'frontend/.npmrc',
      content: '//registry.npmjs.org/:_authToken=npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n',
    },
  ],
  invalid: [
    {
      kind: 'npm-token',
      runs: 40,
      places: [
        (t) => ({
          path: 'frontend/.npmrc',
          content: `registry=https://registry.npmjs.org/\n\n//registry.npmjs.org/:_authToken=${t}\n`,
        }),
      ],
    },
  ],
});
