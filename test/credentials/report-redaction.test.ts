import { afterAll, describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/core/logger';
import { REDACTED, Redactor } from '../../src/core/redactor';
import { runScan } from '../../src/scan/run-scan';
import { cleanupGitRepos, createGitRepo } from '../helpers/git-repo';
import { generateSecret, mulberry32, testSeed } from '../helpers/secret-generators';
import { reportSeedOnFailure } from '../secrets/rules/scan-helpers';

const seed = testSeed();
reportSeedOnFailure(seed);
const random = mulberry32(seed);

/** A redactor that registers nothing: the same run, without redaction. */
class NoRedaction extends Redactor {
  override add(): boolean {
    return false;
  }
}

afterAll(() => cleanupGitRepos());

/**
 * The redactor replaces secrets, not words. The report of a run on a repository full of
 * common-word "secrets" (values such as `Password`, `ec2-instance-connect`, next to real secrets
 * whose text holds `https://`) is the same with and without redaction, except for the secret
 * values themselves: docs URLs, rule names, messages and paths are never blanked (seen on wagtail,
 * healthchecks, saleor and a committed botocore).
 */
describe('the JSON report with and without redaction', () => {
  it('differs only in the secret values', async () => {
    const hook = generateSecret('slack-webhook', random);
    const token = generateSecret('github-token', random);
    const key = generateSecret('django-key', random);
    const repo = createGitRepo();
    repo.write('notify/hooks.py', `SLACK_HOOK = "${hook}"\n`);
    repo.write('shop/settings.py', `DEBUG = False\nSECRET_KEY = "${key}"\n`);
    repo.write(
      'config/app.yaml',
      'password: Password\nservice_secret: ec2-instance-connect\nadmin_password: Kennwort\n',
    );
    repo.write('vendor-docs/botocore/data/ec2-instance-connect/2018-04-02/notes.md', `${token}\n`);
    repo.commit('a shop');
    const scan = (redactor: Redactor) =>
      runScan({
        root: repo.dir,
        given: { history: 'full', failOn: 'never' },
        logger: new RecordingLogger(),
        redactor,
      });
    const redactor = new Redactor();
    const redacted = JSON.stringify((await scan(redactor)).result, null, 1);
    const plain = JSON.stringify((await scan(new NoRedaction())).result, null, 1);
    // The secrets were registered, and they are redacted wherever they appear.
    for (const value of [hook, token, key]) {
      expect(redactor.maskable()).toContain(value);
      expect(redactor.redact(`x ${value} y`)).toBe(`x ${REDACTED} y`);
    }
    let expected = plain;
    for (const value of [hook, token, key]) expected = expected.split(value).join(REDACTED);
    const a = redacted.split('\n'),
      b = expected.split('\n');
    const diff = a.map((l, i) => (l === b[i] ? '' : `${l}  <>  ${b[i]}`)).filter(Boolean);
    expect(diff).toEqual([]);
    expect(redacted).toBe(expected);
    // What the report is about is still there to read.
    expect(redacted).toContain(
      'vendor-docs/botocore/data/ec2-instance-connect/2018-04-02/notes.md',
    );
    expect(redacted).toMatch(/"docsUrl": "https:\/\//);
    expect(redacted).not.toContain(REDACTED);
  });
});
