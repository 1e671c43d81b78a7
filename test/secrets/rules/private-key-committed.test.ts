import { describe, expect, it } from 'vitest';
import { privateKeyCommitted as rule } from '../../../src/secrets/rules/private-key-committed';
import { generateSecret, mulberry32, testSeed } from '../../helpers/secret-generators';
import { reportSeedOnFailure, scanWith, toCrlf } from './scan-helpers';

const seed = testSeed();
reportSeedOnFailure(seed);
const random = mulberry32(seed);

describe('DDG103 private-key-committed', () => {
  it.each(['pem-private-key', 'openssh-private-key'] as const)(
    'reports a generated %s with its begin and end line',
    (kind) => {
      for (let i = 0; i < 20; i++) {
        const key = generateSecret(kind, random);
        const keyLines = key.split('\n').length;
        const content = `# deploy key\n\n${key}\ntrailing\n`;
        for (const text of [content, toCrlf(content)]) {
          const hits = scanWith(rule, { path: 'deploy/id_rsa', content: text });
          expect(hits.map((hit) => [hit.match.line, hit.match.endLine, hit.severity])).toEqual([
            [3, 2 + keyLines, 'critical'],
          ]);
        }
      }
    },
  );

  it('reads keys embedded in JSON strings with \\n escapes', () => {
    const key = generateSecret('pem-private-key', random).replace(/\n/g, '\\n');
    const content = `{\n  "type": "service_account",\n  "private_key": "${key}\\n",\n  "client_email": "x@y"\n}\n`;
    expect(
      scanWith(rule, { path: 'gcp.json', content }).map((hit) => [
        hit.match.line,
        hit.match.endLine,
      ]),
    ).toEqual([[3, 3]]);
  });

  it('reads a legacy encrypted PEM with headers', () => {
    const body = generateSecret('pem-private-key', random).split('\n').slice(1, -1);
    const content = [
      '-----BEGIN RSA PRIVATE KEY-----',
      'Proc-Type: 4,ENCRYPTED',
      'DEK-Info: AES-128-CBC,00FF',
      '',
      ...body,
      '-----END RSA PRIVATE KEY-----',
    ].join('\n');
    expect(scanWith(rule, { path: 'key.pem', content })).toHaveLength(1);
  });

  it.each([
    ['documentation stub', '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n'],
    [
      'placeholder body',
      '-----BEGIN RSA PRIVATE KEY-----\n<your key here>\n-----END RSA PRIVATE KEY-----\n',
    ],
    [
      'repeated characters',
      `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(64)}\n${'A'.repeat(64)}\n-----END PRIVATE KEY-----\n`,
    ],
    ['no end marker', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n'],
    [
      'mismatched end marker',
      `-----BEGIN EC PRIVATE KEY-----\n${'abcdEFGH1234+/'.repeat(8)}\n-----END PRIVATE KEY-----\n`,
    ],
    [
      'public key',
      `-----BEGIN PUBLIC KEY-----\n${'abcdEFGH1234+/'.repeat(8)}\n-----END PUBLIC KEY-----\n`,
    ],
    [
      'code that builds a marker',
      'HEADER = "-----BEGIN PRIVATE KEY-----"\nFOOTER = "-----END PRIVATE KEY-----"\n',
    ],
  ])('ignores a %s', (_name, content) => {
    expect(scanWith(rule, { path: 'docs/keys.md', content })).toEqual([]);
  });
});
