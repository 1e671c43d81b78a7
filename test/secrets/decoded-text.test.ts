import { describe, expect, it } from 'vitest';
import { runSecretRules } from '../../src/secrets/detect';
import { secretRules } from '../../src/secrets/rules/index';
import { generateSecret, mulberry32, testSeed } from '../helpers/secret-generators';
import { reportSeedOnFailure } from './rules/scan-helpers';

const seed = testSeed();
reportSeedOnFailure(seed);
const random = mulberry32(seed);

const hits = (path: string, content: string) =>
  runSecretRules({ path, content }, secretRules).map(
    (raw) => `${raw.rule.id} ${raw.severity} ${path}:${raw.match.line}`,
  );

/**
 * The detectors' side of text that used to be skipped as binary: once a file with a stray NUL or
 * a UTF-16 `.env` is decoded (core/text-decode.ts decides that, for tree and history alike), every
 * detector sees its text as any other file's. The end-to-end half (the decoder no longer calling
 * such files binary) belongs to the bounded-input work and is tested there.
 */
describe('detectors on decoded text with a stray NUL or from UTF-16', () => {
  it('a stray NUL byte does not hide a token on the next line', () => {
    const token = generateSecret('github-token', random);
    expect(hits('scripts/release.py', `# header\u0000\nGITHUB_TOKEN = "${token}"\n`)).toEqual([
      'DDG106 critical scripts/release.py:2',
    ]);
  });

  it('a UTF-16 .env (BOM and all) is read like any .env once decoded', () => {
    const password = generateSecret('db-password', random);
    const bytes = Buffer.from(`\uFEFFDEBUG=False\r\nDB_PASSWORD=${password}\r\n`, 'utf16le');
    const text = new TextDecoder('utf-16le').decode(bytes);
    expect(hits('.env', text)).toEqual(['DDG102 high .env:2']);
  });
});
