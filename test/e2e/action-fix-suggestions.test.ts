import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubServer } from '../helpers/github-server';
import { generateSecret } from '../helpers/secret-generators';
import { commitAll, runBuiltActionAsync, writeTree } from './run-built';

const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 't@example.invalid',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 't@example.invalid',
      GIT_AUTHOR_DATE: '2024-02-01T00:00:00Z',
      GIT_COMMITTER_DATE: '2024-02-01T00:00:00Z',
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};

const BASE_SETTINGS = `import os

MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']
SECRET_KEY = os.environ['DJANGO_SECRET_KEY']
SECURE_HSTS_SECONDS = 3600
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
`;

/**
 * The base commit has clean production settings; the pull request drops SECURE_SSL_REDIRECT (a new
 * finding whose fix goes after the import, a line the pull request does not touch) and adds DEBUG
 * on, a literal key and a wildcard host on lines of its own.
 */
function repository() {
  const workspace = writeTree({
    'project/__init__.py': '',
    'project/settings.py': `${BASE_SETTINGS}DEBUG = False\nALLOWED_HOSTS = ['example.com']\nSECURE_SSL_REDIRECT = True\n`,
    'requirements.txt': 'Django==5.2\n',
  });
  commitAll(workspace);
  const base = git(workspace, 'rev-parse', 'HEAD');
  git(workspace, 'checkout', '-q', '-b', 'feature');
  const key = generateSecret('django-key');
  writeTree(
    {
      'project/settings.py': `${BASE_SETTINGS.replace("SECRET_KEY = os.environ['DJANGO_SECRET_KEY']", () => `SECRET_KEY = '${key}'`)}DEBUG = True\nALLOWED_HOSTS = [\n    '*',\n]\n`,
    },
    workspace,
  );
  git(workspace, 'commit', '-q', '-am', 'settings for the demo');
  return { workspace, base, head: git(workspace, 'rev-parse', 'HEAD'), key };
}

function payload(base: string, head: string) {
  return {
    action: 'synchronize',
    number: 12,
    pull_request: {
      number: 12,
      base: { sha: base, ref: 'main', repo: { full_name: 'acme/shop' } },
      head: { sha: head, ref: 'feature', repo: { full_name: 'acme/shop' } },
    },
    repository: { full_name: 'acme/shop', default_branch: 'main' },
  };
}

describe('suggested fixes on a pull request (built action, real Octokit, local API)', () => {
  let server: GitHubServer;
  beforeEach(async () => {
    server = await startGitHubServer({
      tokens: { 'write-token': { issues: 'write', checks: 'write', login: 'github-actions[bot]' } },
    });
  });
  afterEach(async () => {
    expect(server.state.violations).toEqual([]);
    await server.close();
  });

  it('posts one review with suggestion blocks on the changed lines, and updates it in place on the next run', async () => {
    const { workspace, base, head, key } = repository();
    // GitHub refuses a review comment outside the diff: the server does too.
    server.state.diffLines = { 'project/settings.py': [4, 9, 10, 11, 12] };
    const run = () =>
      runBuiltActionAsync({
        workspace,
        eventName: 'pull_request',
        payload: payload(base, head),
        inputs: { 'github-token': 'write-token', history: 'off' },
        env: { GITHUB_API_URL: server.url, GITHUB_SHA: head },
      });
    const first = await run();
    expect(first.code).toBe(1);
    expect(server.state.reviews).toHaveLength(1);
    const review = server.state.reviews[0]!;
    expect(review.event).toBe('COMMENT');
    expect(review.commitId).toBe(head);
    expect(review.body).toContain('<!-- django-deploy-guard:fixes -->');
    const byLine = new Map(server.state.reviewComments.map((c) => [c.line, c]));
    expect([...byLine.keys()].sort((a, b) => a - b)).toEqual([4, 9, 12]);
    // The literal key, line 4: an env read, the key nowhere.
    const secretKey = byLine.get(4)!;
    expect(secretKey.startLine).toBeUndefined();
    expect(secretKey.body).toContain(
      '```suggestion\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n```',
    );
    // DEBUG, line 9: W018 and DDG204 would share it; one comment.
    expect(byLine.get(9)!.body).toContain(
      '```suggestion\nDEBUG = os.environ.get("DJANGO_DEBUG", "False") == "True"\n```',
    );
    // ALLOWED_HOSTS spans lines 10-12: a multi-line suggestion with its range.
    const hosts = byLine.get(12)!;
    expect(hosts.startLine).toBe(10);
    expect(hosts.side).toBe('RIGHT');
    expect(hosts.body).toContain(
      '```suggestion\nALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")\n```',
    );
    // SECURE_SSL_REDIRECT goes after the import (line 1, not changed): listed with the command.
    expect(server.state.comments).toHaveLength(1);
    const comment = server.state.comments[0]!.body;
    expect(comment).toContain('#### Fixes');
    expect(comment).toContain('npx django-deploy-guard fix --write');
    expect(comment).toMatch(/security\.W008\*\* project/);
    for (const text of [
      ...server.state.reviewComments.map((c) => c.body),
      review.body,
      comment,
      // `::add-mask::` hands the key to the runner to hide; no other line may hold it.
      first.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n'),
      first.summary,
    ])
      expect(text).not.toContain(key);

    const ids = server.state.reviewComments.map((c) => c.id).sort();
    const again = await run();
    expect(again.code).toBe(1);
    expect(server.state.reviews).toHaveLength(1);
    expect(server.state.reviewComments.map((c) => c.id).sort()).toEqual(ids);

    // The author commits the DEBUG suggestion: the next run deletes that comment, rewrites the
    // review's text in place, and posts no new review.
    const settings = readFileSync(join(workspace, 'project/settings.py'), 'utf8');
    writeFileSync(
      join(workspace, 'project/settings.py'),
      settings.replace('DEBUG = True', 'DEBUG = os.environ.get("DJANGO_DEBUG", "False") == "True"'),
    );
    git(workspace, 'commit', '-q', '-am', 'Apply suggestion');
    const pushed = git(workspace, 'rev-parse', 'HEAD');
    const afterPush = await runBuiltActionAsync({
      workspace,
      eventName: 'pull_request',
      payload: payload(base, pushed),
      inputs: { 'github-token': 'write-token', history: 'off' },
      env: { GITHUB_API_URL: server.url, GITHUB_SHA: pushed },
    });
    expect(afterPush.code).toBe(1);
    expect(server.state.reviews).toHaveLength(1);
    expect(server.state.reviews[0]!.body).toContain('suggests 2 fixes');
    expect(server.state.reviewComments.map((c) => c.line).sort((a, b) => a - b)).toEqual([4, 12]);
    expect(server.state.reviewComments.map((c) => c.id).sort()).toEqual(
      ids.filter((id) => id !== byLine.get(9)!.id),
    );
    const operations = server.state.requests.map((r) => r.operation ?? '');
    expect(
      operations.filter((o) => o === 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews'),
    ).toHaveLength(1);
    expect(operations).toContain(
      'PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}',
    );
    expect(operations).toContain('DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}');
    expect(server.state.comments).toHaveLength(1);
  });
});
