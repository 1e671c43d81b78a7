import { describe, expect, it } from 'vitest';
import type { SecretRule } from '../../../src/secrets/rule';
import { awsAccessKey } from '../../../src/secrets/rules/aws-access-key';
import { githubToken } from '../../../src/secrets/rules/github-token';
import { slackToken } from '../../../src/secrets/rules/slack-token';
import { stripeSecretKey } from '../../../src/secrets/rules/stripe-secret-key';
import {
  generateSecret,
  mulberry32,
  testSeed,
  type SecretKind,
} from '../../helpers/secret-generators';
import { reportSeedOnFailure, scanWith, toCrlf } from './scan-helpers';

const seed = testSeed();
reportSeedOnFailure(seed);
const random = mulberry32(seed);

/** Generated tokens in a few surroundings; each must be found on line 3 with the severity. */
const POSITIVES: { rule: SecretRule; kind: SecretKind; severity: string }[] = [
  { rule: awsAccessKey, kind: 'aws-access-key-id', severity: 'critical' },
  { rule: githubToken, kind: 'github-token', severity: 'critical' },
  { rule: githubToken, kind: 'github-pat', severity: 'critical' },
  { rule: slackToken, kind: 'slack-token', severity: 'high' },
  { rule: slackToken, kind: 'slack-webhook', severity: 'high' },
  { rule: stripeSecretKey, kind: 'stripe-live-key', severity: 'critical' },
  { rule: stripeSecretKey, kind: 'stripe-test-key', severity: 'low' },
];

const SURROUNDINGS: ((secret: string) => { path: string; content: string })[] = [
  (secret) => ({ path: 'mysite/settings.py', content: `import os\n\nTOKEN = "${secret}"\n` }),
  (secret) => ({ path: '.env', content: `# tokens\nDEBUG=1\nTOKEN=${secret}\n` }),
  (secret) => ({
    path: 'deploy/values.yaml',
    content: `app:\n  env:\n    token: '${secret}' # prod\n`,
  }),
  (secret) => ({
    path: 'src/client.js',
    content: `// client\nconst headers = {\n  Authorization: \`Bearer ${secret}\`,\n};\n`,
  }),
];

describe('token rules: generated true positives', () => {
  it.each(POSITIVES)('$rule.id finds $kind', ({ rule, kind, severity }) => {
    for (let i = 0; i < 50; i++) {
      const secret = generateSecret(kind, random);
      for (const surround of SURROUNDINGS) {
        const file = surround(secret);
        for (const content of [file.content, toCrlf(file.content)]) {
          const hits = scanWith(rule, { path: file.path, content });
          expect(
            hits.map((hit) => [hit.rule.id, hit.match.line, hit.severity, hit.match.secret]),
          ).toEqual([[rule.id, 3, severity, secret]]);
        }
      }
    }
  });
});

describe('DDG105 aws-access-key', () => {
  it('pairs the key id with the secret access key in the same file', () => {
    const id = generateSecret('aws-access-key-id', random);
    const secret = generateSecret('aws-secret-access-key', random);
    const content = `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`;
    const [hit, ...rest] = scanWith(awsAccessKey, { path: '.aws/credentials', content });
    expect(rest).toEqual([]);
    expect(hit?.match.line).toBe(2);
    expect(hit?.match.secret).toBe(`${id}:${secret}`);
    expect(hit?.match.message).toMatch(/with its secret access key \(line 3\) in the same file$/);
  });

  it.each([
    'AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"\nAWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n',
    'AWS_ACCESS_KEY_ID = "AKIAXXXXXXXXXXXXXXXX"\n',
    'key = "AKIA1234"  # too short\n',
    'id = "XAKIAABCDEFGHIJKLMNOP"  # part of a longer word\n',
    'TIME_ZONE = "Asia/Tokyo"\n',
  ])('ignores %s', (content) => {
    expect(scanWith(awsAccessKey, { path: 'mysite/settings.py', content })).toEqual([]);
  });
});

describe('decoys for GitHub, Slack and Stripe', () => {
  it.each<[SecretRule, string]>([
    [githubToken, 'GITHUB_TOKEN = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n'],
    [githubToken, 'token = "ghp_short"\n'],
    [githubToken, 'token: ${{ secrets.GITHUB_TOKEN }}\n'],
    [slackToken, 'SLACK_TOKEN = "xoxb-your-token-here"\n'],
    [slackToken, 'SLACK_TOKEN = "xoxb-000000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx"\n'],
    [
      slackToken,
      'url = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"\n',
    ],
    [stripeSecretKey, 'STRIPE_PUBLISHABLE_KEY = "pk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv"\n'],
    [stripeSecretKey, 'STRIPE_SECRET_KEY = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"\n'],
    [stripeSecretKey, 'STRIPE_SECRET_KEY = "sk_live_..."\n'],
  ])('%s stays quiet on %s', (rule, content) => {
    expect(scanWith(rule, { path: 'mysite/settings.py', content })).toEqual([]);
  });
});
