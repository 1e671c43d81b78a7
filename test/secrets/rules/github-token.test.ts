import { githubToken } from '../../../src/secrets/rules/github-token';
import { testSecretRule } from '../../helpers/rule-tester';
import { seededRandom, TOKEN_SURROUNDINGS } from './scan-helpers';

testSecretRule(githubToken, {
  random: seededRandom(),
  valid: [
    {
      path: 'mysite/settings.py',
      content: 'GITHUB_TOKEN = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n',
    },
    { path: 'mysite/settings.py', content: 'token = "ghp_short"\n' },
    { path: 'mysite/settings.py', content: 'token: ${{ secrets.GITHUB_TOKEN }}\n' },
  ],
  invalid: [
    { kind: 'github-token', places: TOKEN_SURROUNDINGS, runs: 50 },
    { kind: 'github-pat', places: TOKEN_SURROUNDINGS, runs: 50 },
  ],
});
