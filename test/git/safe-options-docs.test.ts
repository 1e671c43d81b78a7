import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createGitProcess } from '../../src/git/process';
import {
  CONFIG_OVERRIDES,
  fetchRefusingKeys,
  GLOBAL_OPTIONS,
  hardenedEnv,
  patternOverrides,
  PATTERN_OVERRIDES,
  withConfigEntries,
} from '../../src/git/safe-options';
import { cleanupGitRepos, createGitRepo } from '../helpers/git-repo';

afterAll(cleanupGitRepos);

const doc = readFileSync(new URL('../../docs/git-hardening.md', import.meta.url), 'utf8');

describe('docs/git-hardening.md', () => {
  it('names every option, key and variable the client sets', () => {
    const missing = [
      ...GLOBAL_OPTIONS,
      ...CONFIG_OVERRIDES.map((entry) => entry.key),
      'core.excludesFile',
      ...Object.keys(hardenedEnv({})),
    ].filter((name) => !doc.includes(`\`${name}\``) && !doc.includes(`\`${name},`));
    expect(missing).toEqual([]);
    expect(PATTERN_OVERRIDES).toHaveLength(4);
    for (const name of [
      'filter.<driver>.clean',
      'remote.<name>.uploadpack',
      'http.<url>.sslVerify',
    ])
      expect(doc).toContain(name);
  });
});

describe('safe git options', () => {
  it('neutralises pattern keys as the configuration names them, even with = in a subsection', () => {
    const env = withConfigEntries(
      { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'a.b', GIT_CONFIG_VALUE_0: 'c' },
      patternOverrides([
        'filter.a=b.clean',
        'filter.x.required',
        'remote.Origin.uploadpack',
        'http.https://example.com/.sslverify',
        'core.fsmonitor',
      ]),
    );
    expect(env).toMatchObject({
      GIT_CONFIG_COUNT: '4',
      GIT_CONFIG_KEY_0: 'a.b',
      GIT_CONFIG_KEY_1: 'filter.a=b.clean',
      GIT_CONFIG_VALUE_1: '',
      GIT_CONFIG_KEY_2: 'remote.Origin.uploadpack',
      GIT_CONFIG_VALUE_2: 'git-upload-pack',
      GIT_CONFIG_KEY_3: 'http.https://example.com/.sslverify',
      GIT_CONFIG_VALUE_3: 'true',
    });
  });

  it('keeps the environment’s ssh command and protocol list, else sets neutral ones', () => {
    expect(hardenedEnv({ GIT_SSH: '/opt/my ssh' }).GIT_SSH_COMMAND).toBe(`'/opt/my ssh'`);
    expect(hardenedEnv({ GIT_SSH_COMMAND: 'ssh -i key' }).GIT_SSH_COMMAND).toBe('ssh -i key');
    expect(hardenedEnv({}).GIT_SSH_COMMAND).toBe('ssh');
    expect(hardenedEnv({}).GIT_ALLOW_PROTOCOL).toBe('file:git:http:https:ssh');
  });

  it('names the keys that make it refuse a fetch', () => {
    expect(
      fetchRefusingKeys([
        'http.proxy',
        'http.https://github.com/.proxy',
        'http.https://github.com/.extraheader',
        'remote.origin.url',
        'remote.origin.vcs',
        'url.git@evil:.insteadof',
        'http.sslcainfo',
      ]),
    ).toEqual([
      'http.https://github.com/.proxy',
      'http.proxy',
      'http.sslcainfo',
      'remote.origin.vcs',
      'url.git@evil:.insteadof',
    ]);
  });

  it('bounds the memory git maps and caches, whatever the repository configures', async () => {
    const repo = createGitRepo();
    const raised: [string, string][] = [
      ['core.packedGitWindowSize', '1g'],
      ['core.packedGitLimit', '64g'],
      ['core.deltaBaseCacheLimit', '8g'],
    ];
    for (const [key, value] of raised) repo.git(['config', key, value]);
    const config = await createGitProcess(repo.dir).repositoryConfig();
    // git's list shows the repository's value and then ours; the last one is the one git uses.
    const used = (key: string) => config.values.get(key.toLowerCase())?.at(-1);
    expect(used('core.packedGitWindowSize')).toBe('32m');
    expect(used('core.packedGitLimit')).toBe('256m');
    expect(used('core.deltaBaseCacheLimit')).toBe('96m');
    const { stdout } = await createGitProcess(repo.dir).run([
      'config',
      '--get',
      'core.packedGitLimit',
    ]);
    expect(stdout.trim()).toBe('256m');
  });
});
