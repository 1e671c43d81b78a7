import { describe, expect, it } from 'vitest';
import { MERGE_BASE_WITH_DEFAULT_BRANCH, resolveEvent } from '../../src/github/event';

const BASE = 'a'.repeat(40);
const HEAD = 'b'.repeat(40);
const ZERO = '0'.repeat(40);
const ENV = { GITHUB_SHA: 'c'.repeat(40) };

function pullRequestPayload(headRepo: string | null) {
  return {
    number: 7,
    repository: { default_branch: 'main', full_name: 'acme/shop' },
    pull_request: {
      number: 7,
      base: { sha: BASE, ref: 'main', repo: { full_name: 'acme/shop' } },
      head: { sha: HEAD, ref: 'feature', repo: headRepo === null ? null : { full_name: headRepo } },
    },
  };
}

describe('resolveEvent', () => {
  it.each(['pull_request', 'pull_request_target'])(
    '%s: range from the payload, PR number, same repo',
    (name) => {
      expect(resolveEvent(name, pullRequestPayload('acme/shop'), ENV)).toEqual({
        eventName: name,
        historyMode: 'range',
        base: BASE,
        head: HEAD,
        defaultBranch: 'main',
        pullRequest: { number: 7, isFork: false, headSha: HEAD },
      });
    },
  );

  it('pull_request from a fork (or a deleted head repository) is a fork', () => {
    expect(
      resolveEvent('pull_request', pullRequestPayload('stranger/shop'), ENV).pullRequest?.isFork,
    ).toBe(true);
    expect(resolveEvent('pull_request', pullRequestPayload(null), ENV).pullRequest?.isFork).toBe(
      true,
    );
  });

  it('push to a feature branch scans before..after', () => {
    const payload = {
      ref: 'refs/heads/feature',
      before: BASE,
      after: HEAD,
      repository: { default_branch: 'main' },
    };
    expect(resolveEvent('push', payload, ENV)).toEqual({
      eventName: 'push',
      historyMode: 'range',
      base: BASE,
      head: HEAD,
      defaultBranch: 'main',
    });
  });

  it('push to the default branch scans the full history', () => {
    const payload = {
      ref: 'refs/heads/main',
      before: BASE,
      after: HEAD,
      repository: { default_branch: 'main' },
    };
    expect(resolveEvent('push', payload, ENV)).toEqual({
      eventName: 'push',
      historyMode: 'full',
      head: HEAD,
      defaultBranch: 'main',
    });
  });

  it('push creating a branch scans from its merge base with the default branch', () => {
    const payload = {
      ref: 'refs/heads/new',
      before: ZERO,
      after: HEAD,
      created: true,
      repository: { default_branch: 'main' },
    };
    expect(resolveEvent('push', payload, ENV)).toMatchObject({
      historyMode: 'range',
      base: MERGE_BASE_WITH_DEFAULT_BRANCH,
      head: HEAD,
    });
  });

  it('push deleting a branch has nothing to scan', () => {
    const payload = {
      ref: 'refs/heads/old',
      before: BASE,
      after: ZERO,
      deleted: true,
      repository: { default_branch: 'main' },
    };
    const context = resolveEvent('push', payload, ENV);
    expect(context.historyMode).toBe('off');
    expect(context.notice).toContain('refs/heads/old was deleted');
  });

  it('merge_group scans base_sha..head_sha', () => {
    const payload = {
      merge_group: { base_sha: BASE, head_sha: HEAD, head_ref: 'gh-readonly-queue/main/pr-7' },
    };
    expect(resolveEvent('merge_group', payload, ENV)).toEqual({
      eventName: 'merge_group',
      historyMode: 'range',
      base: BASE,
      head: HEAD,
    });
  });

  it.each(['workflow_dispatch', 'schedule'])('%s scans the full history', (name) => {
    expect(resolveEvent(name, { repository: { default_branch: 'trunk' } }, ENV)).toEqual({
      eventName: name,
      historyMode: 'full',
      head: ENV.GITHUB_SHA,
      defaultBranch: 'trunk',
    });
  });

  it('an unknown event scans the full history and says so', () => {
    const context = resolveEvent('issue_comment', { comment: { body: 'hi' } }, ENV);
    expect(context.historyMode).toBe('full');
    expect(context.notice).toContain("does not know the 'issue_comment' event");
  });

  it('a malformed payload never throws: full scan with a notice', () => {
    for (const payload of [
      undefined,
      null,
      'text',
      { pull_request: { base: { sha: '--output=x' }, head: { sha: HEAD } } },
    ]) {
      const context = resolveEvent('pull_request', payload, ENV);
      expect(context.historyMode).toBe('full');
      expect(context.notice).toContain('no valid pull_request.base.sha/head.sha');
    }
    expect(resolveEvent('push', { after: 'main; rm -rf /' }, {}).historyMode).toBe('full');
  });
});
