import { describe, expect, it } from 'vitest';
import {
  blobUrl,
  commitUrl,
  renderLocation,
  repositoryLinksFromEnvironment,
  repositoryUrl,
} from '../../src/report/links';
import { makeFinding } from './fixtures';

const SHA = 'a'.repeat(40);

describe('links built from the runner environment', () => {
  it('GitHub Enterprise Server: every link is on GITHUB_SERVER_URL, none on github.com', () => {
    const links = repositoryLinksFromEnvironment(
      {
        GITHUB_SERVER_URL: 'https://ghes.example.com/',
        GITHUB_API_URL: 'https://ghes.example.com/api/v3',
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_RUN_ID: '42',
      },
      SHA,
    );
    expect(links).toEqual({
      serverUrl: 'https://ghes.example.com',
      repository: 'acme/shop',
      sha: SHA,
      runUrl: 'https://ghes.example.com/acme/shop/actions/runs/42',
    });
    const built = [
      repositoryUrl(links!),
      blobUrl(links!, SHA, 'app/settings.py', 3),
      commitUrl(links!, SHA),
      renderLocation(makeFinding({ ruleId: 'DDG101', file: 'app/settings.py', line: 3 }), links),
    ];
    expect(built).toEqual([
      'https://ghes.example.com/acme/shop',
      `https://ghes.example.com/acme/shop/blob/${SHA}/app/settings.py#L3`,
      `https://ghes.example.com/acme/shop/commit/${SHA}`,
      `[app/settings.py:3](https://ghes.example.com/acme/shop/blob/${SHA}/app/settings.py#L3)`,
    ]);
    expect(built.join('\n')).not.toContain('github.com');
  });

  it('github.com when GITHUB_SERVER_URL is unset or empty (act, some runners)', () => {
    for (const serverUrl of [undefined, '']) {
      expect(
        repositoryLinksFromEnvironment({
          GITHUB_SERVER_URL: serverUrl,
          GITHUB_REPOSITORY: 'acme/shop',
        }),
      ).toEqual({ serverUrl: 'https://github.com', repository: 'acme/shop' });
    }
  });

  it('no links outside a workflow', () => {
    expect(repositoryLinksFromEnvironment({})).toBeUndefined();
    expect(repositoryLinksFromEnvironment({ GITHUB_REPOSITORY: '' })).toBeUndefined();
  });
});
