import { describe, expect, it } from 'vitest';
import { awsAccessKey } from '../../../src/secrets/rules/aws-access-key';
import { testSecretRule } from '../../helpers/rule-tester';
import { generateSecret } from '../../helpers/secret-generators';
import { scanWith, seededRandom, TOKEN_SURROUNDINGS } from './scan-helpers';

const random = seededRandom();

testSecretRule(awsAccessKey, {
  random,
  valid: [
    {
      name: "AWS's documented example key pair",
      path: 'mysite/settings.py',
      content:
        'AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"\nAWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n',
    },
    { path: 'mysite/settings.py', content: 'AWS_ACCESS_KEY_ID = "AKIAXXXXXXXXXXXXXXXX"\n' },
    { path: 'mysite/settings.py', content: 'key = "AKIA1234"  # too short\n' },
    {
      path: 'mysite/settings.py',
      content: 'id = "XAKIAABCDEFGHIJKLMNOP"  # part of a longer word\n',
    },
    { path: 'mysite/settings.py', content: 'TIME_ZONE = "Asia/Tokyo"\n' },
  ],
  invalid: [{ kind: 'aws-access-key-id', places: TOKEN_SURROUNDINGS, runs: 50 }],
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
});
