import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/github/client';
import { startGitHubServer, type GitHubServer } from '../helpers/github-server';

let server: GitHubServer;

beforeEach(async () => {
  server = await startGitHubServer({ tokens: { good: {} } });
});

afterEach(async () => {
  await server.close();
});

/** The test server must hold requests to GitHub's published description, or it proves nothing. */
describe('startGitHubServer', () => {
  it('flags routes GitHub does not have', async () => {
    const octokit = createGitHubClient('good', server.url, { millisecondsPerSecond: 10 });
    await expect(
      octokit.request('GET /repos/{owner}/{repo}/no-such-thing', { owner: 'a', repo: 'b' }),
    ).rejects.toMatchObject({
      status: 404,
    });
    expect(server.state.violations).toEqual([expect.stringContaining('no such operation')]);
  });

  it('flags path parameters of the wrong type and missing required body properties', async () => {
    const octokit = createGitHubClient('good', server.url, { millisecondsPerSecond: 10 });
    await expect(
      octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: 'a',
        repo: 'b',
        // Deliberately wrong, as a buggy caller would send it.
        issue_number: 'seven' as unknown as number,
        body: 'x',
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      // Deliberately missing head_sha.
      octokit.request('POST /repos/{owner}/{repo}/check-runs', {
        owner: 'a',
        repo: 'b',
        name: 'x',
      } as unknown as { owner: string; repo: string; name: string; head_sha: string }),
    ).rejects.toMatchObject({ status: 422 });
    expect(server.state.violations).toEqual([
      expect.stringContaining('path.issue_number: expected integer'),
      expect.stringContaining('missing required property head_sha'),
    ]);
  });

  it('answers unknown tokens with 401 Bad credentials', async () => {
    const octokit = createGitHubClient('stolen', server.url, { millisecondsPerSecond: 10 });
    await expect(
      octokit.rest.issues.listComments({ owner: 'a', repo: 'b', issue_number: 1 }),
    ).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('Bad credentials') as unknown,
    });
  });

  it('pages with Link headers the way GitHub does', async () => {
    server.state.seedComments(
      'a/b',
      1,
      Array.from({ length: 5 }, (_, i) => `c${i}`),
    );
    const octokit = createGitHubClient('good', server.url, { millisecondsPerSecond: 10 });
    const page = await octokit.rest.issues.listComments({
      owner: 'a',
      repo: 'b',
      issue_number: 1,
      per_page: 2,
      page: 2,
    });
    expect(page.data.map((c) => c.body)).toEqual(['c2', 'c3']);
    expect(page.headers.link).toBe(
      [
        `<${server.url}/repos/a/b/issues/1/comments?per_page=2&page=1>; rel="prev"`,
        `<${server.url}/repos/a/b/issues/1/comments?per_page=2&page=3>; rel="next"`,
        `<${server.url}/repos/a/b/issues/1/comments?per_page=2&page=3>; rel="last"`,
        `<${server.url}/repos/a/b/issues/1/comments?per_page=2&page=1>; rel="first"`,
      ].join(', '),
    );
    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: 'a',
      repo: 'b',
      issue_number: 1,
      per_page: 2,
    });
    expect(all).toHaveLength(5);
    expect(server.state.violations).toEqual([]);
  });
});
