import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/core/logger';
import { createGitHubClient } from '../../src/github/client';
import { publishPullRequestComment, type PublishCommentParams } from '../../src/github/pr-comment';
import { COMMENT_MARKER, hasCommentWorthyFindings, renderComment } from '../../src/report/comment';
import { makeResult } from '../report/fixtures';
import { secondaryRateLimit, startGitHubServer, type GitHubServer } from '../helpers/github-server';

const REPO = 'acme/shop';
const PR = 7;
let server: GitHubServer;

beforeEach(async () => {
  server = await startGitHubServer({
    tokens: {
      'write-token': {},
      'read-only-token': { issues: 'read', checks: 'read' },
      'personal-token': { login: 'octo-user' },
    },
  });
});

afterEach(async () => {
  expect(server.state.violations).toEqual([]);
  await server.close();
});

function params(
  overrides: Partial<PublishCommentParams> & { result?: ReturnType<typeof makeResult> },
) {
  const result = overrides.result ?? makeResult();
  const base: PublishCommentParams = {
    octokit: createGitHubClient('write-token', server.url, { millisecondsPerSecond: 10 }),
    owner: 'acme',
    repo: 'shop',
    pullRequestNumber: PR,
    body: renderComment(result),
    mode: 'auto',
    hasFindings: hasCommentWorthyFindings(result),
    isFork: false,
    logger: new RecordingLogger(),
  };
  const rest: Partial<PublishCommentParams> & { result?: unknown } = { ...overrides };
  delete rest.result;
  return { ...base, ...rest };
}

const ours = () => server.state.comments.filter((c) => c.body.startsWith(COMMENT_MARKER));

describe('publishPullRequestComment (real Octokit against the OpenAPI-checking server)', () => {
  it('creates the comment once, then edits the same comment on every run', async () => {
    const first = await publishPullRequestComment(params({}));
    expect(first.action).toBe('created');
    const second = await publishPullRequestComment(params({ body: `${COMMENT_MARKER}\nchanged` }));
    expect(second).toEqual({ action: 'updated', commentId: first.commentId });
    expect(ours()).toHaveLength(1);
    expect(ours()[0]?.body).toBe(`${COMMENT_MARKER}\nchanged`);
    const third = await publishPullRequestComment(params({ body: `${COMMENT_MARKER}\nchanged` }));
    expect(third.action).toBe('unchanged');
    expect(
      server.state.requests
        .filter((r) => r.method !== 'GET' && r.operation !== 'POST /graphql')
        .map((r) => r.method),
    ).toEqual(['POST', 'PATCH']);
  });

  it('edits the comment to "all clear" once everything is fixed', async () => {
    await publishPullRequestComment(params({}));
    const clean = makeResult([]);
    const outcome = await publishPullRequestComment(params({ result: clean }));
    expect(outcome.action).toBe('updated');
    expect(ours()).toHaveLength(1);
    expect(ours()[0]?.body).toContain('all clear');
  });

  it('auto with nothing to say and no earlier comment posts nothing; always posts', async () => {
    const clean = makeResult([]);
    expect((await publishPullRequestComment(params({ result: clean }))).action).toBe('skipped');
    expect(server.state.comments).toEqual([]);
    expect(
      (await publishPullRequestComment(params({ result: clean, mode: 'always' }))).action,
    ).toBe('created');
    expect(ours()[0]?.body).toContain('all clear');
  });

  it('never does nothing at all', async () => {
    expect((await publishPullRequestComment(params({ mode: 'never' }))).action).toBe('skipped');
    expect(server.state.requests).toEqual([]);
  });

  it('finds its comment beyond the first page (>100 comments)', async () => {
    server.state.seedComments(
      REPO,
      PR,
      Array.from({ length: 230 }, (_, i) => `chatter ${i}`),
    );
    server.state.seedComments(REPO, PR, [`${COMMENT_MARKER}\nold report`], {
      login: 'github-actions[bot]',
      type: 'Bot',
    });
    server.state.seedComments(REPO, PR, ['more chatter']);
    const outcome = await publishPullRequestComment(params({}));
    expect(outcome.action).toBe('updated');
    expect(ours()).toHaveLength(1);
    expect(ours()[0]?.body).toContain('django-deploy-guard: ❌ failed');
    const pages = server.state.requests.filter((r) => r.method === 'GET');
    expect(pages.map((r) => new URL(r.url, server.url).searchParams.get('page') ?? '1')).toEqual([
      '1',
      '2',
      '3',
    ]);
  });

  it('ignores a marker pasted by someone else when the bot login is given', async () => {
    server.state.seedComments(REPO, PR, [`${COMMENT_MARKER}\nquoted by a person`], {
      login: 'alice',
      type: 'User',
    });
    const outcome = await publishPullRequestComment(params({ authorLogin: 'github-actions[bot]' }));
    expect(outcome.action).toBe('created');
    expect(server.state.comments.find((c) => c.login === 'alice')?.body).toContain(
      'quoted by a person',
    );
  });

  it("looks up the token's identity and adopts only that author's marked comment", async () => {
    server.state.seedComments(REPO, PR, [`${COMMENT_MARKER}\npasted by a person`], {
      login: 'alice',
      type: 'User',
    });
    const [bot] = server.state.seedComments(REPO, PR, [`${COMMENT_MARKER}\nold report`], {
      login: 'github-actions[bot]',
      type: 'Bot',
    });
    const outcome = await publishPullRequestComment(params({}));
    expect(outcome).toEqual({ action: 'updated', commentId: bot?.id });
    expect(server.state.comments.find((c) => c.login === 'alice')?.body).toContain(
      'pasted by a person',
    );
  });

  it("a personal token's comments are its user's: the workflow bot's marked comment is not adopted", async () => {
    server.state.seedComments(REPO, PR, [`${COMMENT_MARKER}\nby the workflow token`], {
      login: 'github-actions[bot]',
      type: 'Bot',
    });
    const [mine] = server.state.seedComments(REPO, PR, [`${COMMENT_MARKER}\nby the PAT`], {
      login: 'octo-user',
      type: 'User',
    });
    const octokit = createGitHubClient('personal-token', server.url, { millisecondsPerSecond: 10 });
    const outcome = await publishPullRequestComment(params({ octokit }));
    expect(outcome).toEqual({ action: 'updated', commentId: mine?.id });
    expect(server.state.comments.find((c) => c.login === 'github-actions[bot]')?.body).toContain(
      'by the workflow token',
    );
  });

  it('without GraphQL, GET /user names a personal token; a 403 there means the workflow token', async () => {
    const graphqlDown = { operation: 'POST /graphql', status: 404, body: { message: 'Not Found' } };
    const [person] = server.state.seedComments(REPO, PR, [`${COMMENT_MARKER}\nold`], {
      login: 'octo-user',
      type: 'User',
    });
    server.state.faults.push({ ...graphqlDown });
    const asPerson = await publishPullRequestComment(
      params({
        octokit: createGitHubClient('personal-token', server.url, { millisecondsPerSecond: 10 }),
      }),
    );
    expect(asPerson).toEqual({ action: 'updated', commentId: person?.id });

    server.state.faults.push({ ...graphqlDown });
    const asBot = await publishPullRequestComment(params({}));
    expect(asBot.action).toBe('created');
    expect(
      server.state.requests.filter((r) => r.operation === 'GET /user').map((r) => r.status),
    ).toEqual([200, 403]);
    expect(ours().find((c) => c.id !== person?.id)?.login).toBe('github-actions[bot]');
  });

  it('skips with a notice (no throw, no request) on a pull request from a fork', async () => {
    const outcome = await publishPullRequestComment(params({ isFork: true }));
    expect(outcome.action).toBe('skipped');
    expect(outcome.notice).toContain('fork');
    expect(server.state.requests).toEqual([]);
  });

  it('skips with a notice when the token may not write (403), never failing', async () => {
    const outcome = await publishPullRequestComment(
      params({
        octokit: createGitHubClient('read-only-token', server.url, { millisecondsPerSecond: 10 }),
      }),
    );
    expect(outcome.action).toBe('skipped');
    expect(outcome.notice).toContain('HTTP 403');
    expect(outcome.notice).toContain('pull-requests: write');
    expect(server.state.comments).toEqual([]);
    expect(server.state.requests.at(-1)?.status).toBe(403);
  });

  it('waits out a secondary rate limit on the post and posts once', async () => {
    server.state.faults.push(
      secondaryRateLimit('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', 1, 429),
    );
    const octokit = createGitHubClient('write-token', server.url, { millisecondsPerSecond: 10 });
    const outcome = await publishPullRequestComment(params({ octokit }));
    expect(outcome.action).toBe('created');
    expect(server.state.requests.map((r) => r.status)).toEqual([200, 200, 429, 201]);
    expect(ours()).toHaveLength(1);
  });

  it('a DNS failure is a notice saying GitHub did not answer, not "HTTP 500"', async () => {
    const octokit = createGitHubClient('write-token', 'http://api.github.invalid', {
      logger: new RecordingLogger(),
      millisecondsPerSecond: 1,
    });
    const outcome = await publishPullRequestComment(params({ octokit }));
    expect(outcome.action).toBe('failed');
    expect(outcome.notice).toMatch(
      /^Could not list the comments of the pull-request comment \(no response from GitHub: .*api\.github\.invalid/,
    );
    expect(outcome.notice).not.toContain('HTTP 500');
  });
});
