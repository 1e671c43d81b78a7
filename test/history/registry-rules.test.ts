import { afterAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/core/fingerprint';
import { RecordingLogger } from '../../src/core/logger';
import { scanHistory } from '../../src/history/scan-history';
import { secretRules } from '../../src/secrets/rules/index';
import { cleanupGitRepos, createGitRepo } from '../helpers/git-repo';
import { generateSecret } from '../helpers/secret-generators';

afterAll(cleanupGitRepos);

/** The history scan with the real detectors, the way the pipeline calls it. */
describe('scanHistory with the secret rules registry', () => {
  it('reports a Django key removed from settings and a deleted .env, and nothing for env reads', async () => {
    const repo = createGitRepo();
    const key = generateSecret('django-key');
    repo.write(
      'config/settings/production.py',
      `DEBUG = False\nSECRET_KEY = "${key.replace(/["\\]/g, 'x')}"\n`,
    );
    repo.write('.env', 'DJANGO_SECRET_KEY=replace-me\nDATABASE_PASSWORD=${DB_PASSWORD}\n');
    const introduced = repo.commit('settings');
    repo.write(
      'config/settings/production.py',
      'import os\nDEBUG = False\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n',
    );
    repo.remove('.env');
    repo.commit('read from env');

    const result = await scanHistory({
      repoDir: repo.dir,
      mode: 'full',
      rules: secretRules,
      logger: new RecordingLogger(),
    });
    const keyFinding = result.findings.find((f) => f.ruleId === 'DDG101');
    expect(keyFinding).toMatchObject({
      file: 'config/settings/production.py',
      line: 2,
      commit: introduced,
      inHead: false,
      secretHash: hashSecret(key.replace(/["\\]/g, 'x')),
    });
    expect(result.findings.find((f) => f.ruleId === 'DDG102')).toMatchObject({
      file: '.env',
      inHead: false,
    });
    const text = JSON.stringify({ ...result, secretsToMask: undefined });
    expect(text.includes(key.replace(/["\\]/g, 'x'))).toBe(false);
  });
});
