import { describe, expect, it } from 'vitest';
import { slackToken } from '../../../src/secrets/rules/slack-token';
import { testSecretRule } from '../../helpers/rule-tester';
import { generateSecret } from '../../helpers/secret-generators';
import { inSettings, inYaml, scanWith, seededRandom, TOKEN_SURROUNDINGS } from './scan-helpers';

const random = seededRandom();

testSecretRule(slackToken, {
  random,
  valid: [
    { path: 'mysite/settings.py', content: 'SLACK_TOKEN = "xoxb-your-token-here"\n' },
    {
      path: 'mysite/settings.py',
      content: 'SLACK_TOKEN = "xoxb-000000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx"\n',
    },
    {
      path: 'mysite/settings.py',
      content:
        'url = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"\n',
    },
    {
      path: 'shop/settings.py',
      content:
        'HOOK = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"\n',
    },
    {
      name: 'an encrypted Travis CI notification',
      path: '.travis.yml',
      content:
        'notifications:\n  slack:\n    secure: dGhpcyBpcyBlbmNyeXB0ZWQgYW5kIG5vdCBhIHRva2Vu\n',
    },
  ],
  invalid: [
    { kind: 'slack-token', places: TOKEN_SURROUNDINGS, runs: 50 },
    { kind: 'slack-webhook', places: TOKEN_SURROUNDINGS, runs: 50 },
    { kind: 'slack-webhook', places: [inSettings('SLACK_URL')], runs: 40 },
    {
      kind: 'slack-legacy-webhook',
      places: [inSettings('SLACK_URL'), inYaml('hook')],
      runs: 40,
      secretOf: (url) => url.slice(url.indexOf('token=') + 6),
    },
  ],
});

describe('DDG107 slack-token', () => {
  it('a legacy Slack webhook without the scheme and the Travis CI notification are found', () => {
    const hook = generateSecret('slack-webhook', random).replace('https://', '');
    expect(
      scanWith(slackToken, { path: 'shop/settings.py', content: `HOOK = "${hook}"\n` }).map(
        (hit) => hit.match.secret,
      ),
    ).toEqual([hook]);
    const token = generateSecret('generic-token', random).slice(0, 24);
    for (const content of [
      `language: python\nnotifications:\n  slack: shop:${token}\n`,
      `notifications:\n  slack:\n    rooms:\n      - shop:${token}#builds\n`,
    ]) {
      const hits = scanWith(slackToken, { path: '.travis.yml', content });
      expect(hits.map((hit) => [hit.severity, hit.match.secret])).toEqual([['high', token]]);
    }
  });
});
