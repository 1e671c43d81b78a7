import { gitlabToken } from '../../../src/secrets/rules/gitlab-token';
import { testSecretRule } from '../../helpers/rule-tester';
import { inDotenv, inSettings, seededRandom } from './scan-helpers';

testSecretRule(gitlabToken, {
  random: seededRandom(),
  valid: [{ path: '.gitlab-ci.yml', content: 'variables:\n  TOKEN: glpat-xxxxxxxxxxxxxxxxxxxx\n' }],
  invalid: [
    {
      kind: 'gitlab-token',
      runs: 40,
      places: [inSettings('GITLAB_TOKEN'), inDotenv('CI_TOKEN')],
    },
  ],
});
