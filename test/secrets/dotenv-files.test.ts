/** The entries the secret rules get from a dotenv file: python-dotenv's reading of it. */
import { describe, expect, it } from 'vitest';
import { dotenvFileEntries } from '../../src/secrets/dotenv-files';
import { dotenvFileCommitted } from '../../src/secrets/rules/dotenv-file-committed';
import { generateSecret } from '../helpers/secret-generators';
import { scanWith } from './rules/scan-helpers';

describe('dotenv entries for the secret rules', () => {
  it('a multi-line quoted value is read whole, on the line of its key', () => {
    const pem = generateSecret('pem-private-key');
    const content = `DEBUG=False\nPRIVATE_KEY="${pem}"\nNEXT=1\n`;
    const entries = dotenvFileEntries(content);
    expect(entries.map((e) => [e.key, e.line])).toEqual([
      ['DEBUG', 1],
      ['PRIVATE_KEY', 2],
      ['NEXT', 2 + pem.split('\n').length],
    ]);
    expect(entries[1]?.value).toBe(pem);
  });

  it('so the whole multi-line secret is masked, not only its first line', () => {
    const pem = generateSecret('pem-private-key');
    const [hit] = scanWith(dotenvFileCommitted, {
      path: '.env',
      content: `PRIVATE_KEY="${pem}"\n`,
    });
    expect(hit?.match.maskValues).toEqual([pem]);
  });

  it('comments, export, escapes and references as python-dotenv reads them', () => {
    const entries = dotenvFileEntries(
      [
        '# a comment',
        'export API_TOKEN=abc # note',
        "SINGLE='it\\'s'",
        'DOUBLE="tab\\there"',
        'REF=${OTHER}',
        'EMPTY_NOTE= # none yet',
        'KEY_ONLY',
        '',
      ].join('\n'),
    );
    expect(entries.map((e) => [e.key, e.value])).toEqual([
      ['API_TOKEN', 'abc'],
      ['SINGLE', "it's"],
      ['DOUBLE', 'tab\there'],
      ['REF', '${OTHER}'],
    ]);
  });
});
