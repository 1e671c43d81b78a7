import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/core/logger';
import type { Finding } from '../../src/core/types';
import {
  CHECK_ANNOTATIONS_MAX,
  CHECK_OUTPUT_MAX_CHARS,
  fitCheckOutput,
  publishCheckRun,
  type PublishCheckRunParams,
} from '../../src/github/check-run';
import { createGitHubClient } from '../../src/github/client';
import { renderSummary } from '../../src/report/summary';
import { COMMIT, RULES, makeFinding, makeResult } from '../report/fixtures';
import {
  primaryRateLimit,
  secondaryRateLimit,
  serverError,
  startGitHubServer,
  type GitHubServer,
} from '../helpers/github-server';

const CREATE = 'POST /repos/{owner}/{repo}/check-runs';
const UPDATE = 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}';

let server: GitHubServer;

beforeEach(async () => {
  server = await startGitHubServer({
    tokens: { 'write-token': {}, 'fork-token': { checks: 'read', issues: 'read' } },
  });
});

afterEach(async () => {
  expect(server.state.violations).toEqual([]);
  await server.close();
});

function findings(count: number): Finding[] {
  const severities = ['critical', 'medium', 'low'] as const;
  return Array.from({ length: count }, (_, i) =>
    makeFinding({
      ruleId: 'security.W004',
      severity: severities[i % 3] ?? 'low',
      line: i + 1,
      fingerprint: `f${i}`,
    }),
  );
}

function params(
  result = makeResult(findings(120)),
  token = 'write-token',
  logger = new RecordingLogger(),
): PublishCheckRunParams {
  return {
    // Rate-limit waits and retry back-off in tens of milliseconds instead of seconds.
    octokit: createGitHubClient(token, server.url, { logger, millisecondsPerSecond: 10 }),
    owner: 'acme',
    repo: 'shop',
    headSha: COMMIT,
    result,
    rules: RULES,
    summaryMarkdown: renderSummary(result, RULES),
    detailsUrl: 'https://github.com/acme/shop/actions/runs/42',
    logger,
  };
}

const operations = () => server.state.requests.map((r) => `${r.operation} ${r.status}`);

describe('publishCheckRun (real Octokit against the OpenAPI-checking server)', () => {
  it('is created completed with its conclusion and 50 annotations, then 2 updates add the other 70', async () => {
    const outcome = await publishCheckRun(params());
    expect(outcome).toMatchObject({
      action: 'created',
      updates: 2,
      annotations: 120,
      notAnnotated: 0,
    });
    expect(operations()).toEqual([`${CREATE} 201`, `${UPDATE} 200`, `${UPDATE} 200`]);
    const sizes = server.state.requests.map((r) => {
      const body = r.body as { output: { annotations: unknown[] } };
      return body.output.annotations.length;
    });
    expect(sizes).toEqual([50, 50, 20]);
    expect(server.state.requests[0]?.body).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
    });
    const [run] = server.state.checkRuns;
    expect(run).toMatchObject({ headSha: COMMIT, status: 'completed', conclusion: 'failure' });
    expect(run?.annotations).toHaveLength(120);
    expect(run?.annotations[0]).toMatchObject({
      path: 'mysite/settings.py',
      annotation_level: 'failure',
      title: 'security.W004 hsts-not-set',
      start_line: 1,
      end_line: 1,
    });
    expect(new Set(run?.annotations.map((a) => a.annotation_level))).toEqual(
      new Set(['failure', 'warning', 'notice']),
    );
    expect(run?.output.summary).toContain('## django-deploy-guard: ❌ failed');
    expect(run?.output.title).toBe('120 findings (highest: critical), failed');
    expect(run?.output.text).toBeNull();
  });

  it('completes with success and no annotations on a clean result', async () => {
    const outcome = await publishCheckRun(params(makeResult([])));
    expect(outcome).toMatchObject({ action: 'created', updates: 0, annotations: 0 });
    expect(operations()).toEqual([`${CREATE} 201`]);
    expect(server.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(server.state.checkRuns[0]?.output.title).toBe('No findings');
  });

  it('a 403 (no checks: write, or a fork token) is a notice, not a failure', async () => {
    const outcome = await publishCheckRun(params(makeResult(findings(3)), 'fork-token'));
    expect(outcome.action).toBe('skipped');
    expect(outcome.notice).toContain('(HTTP 403: Resource not accessible by integration');
    expect(outcome.notice).toContain('checks: write');
    expect(server.state.checkRuns).toEqual([]);
  });

  it('skips a fork without a request', async () => {
    const outcome = await publishCheckRun({ ...params(makeResult(findings(3))), isFork: true });
    expect(outcome).toMatchObject({ action: 'skipped', updates: 0 });
    expect(outcome.notice).toContain('fork');
    expect(server.state.requests).toEqual([]);
  });

  it('cuts a long summary to the 65535-character limit with a note', () => {
    const long = Array.from({ length: 5000 }, (_, i) => `| row ${i} | ${'x'.repeat(40)} |`).join(
      '\n',
    );
    const fitted = fitCheckOutput(long);
    expect(fitted.length).toBeLessThanOrEqual(CHECK_OUTPUT_MAX_CHARS);
    expect(fitted).toContain('Cut to fit the check run');
    expect(fitted.startsWith('| row 0 |')).toBe(true);
    expect(fitCheckOutput('short')).toBe('short');
  });

  it('the server rejects what GitHub would (more than 50 annotations in one request)', async () => {
    const octokit = createGitHubClient('write-token', server.url, { millisecondsPerSecond: 10 });
    const annotation = {
      path: 'a.py',
      start_line: 1,
      end_line: 1,
      annotation_level: 'warning' as const,
      message: 'm',
    };
    await expect(
      octokit.rest.checks.create({
        owner: 'acme',
        repo: 'shop',
        name: 'x',
        head_sha: COMMIT,
        output: { title: 't', summary: 's', annotations: Array(51).fill(annotation) },
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(server.state.violations).toEqual([expect.stringContaining('more than 50 items')]);
    server.state.violations.length = 0;
  });
});

describe('publishCheckRun on a GitHub that rate-limits and fails', () => {
  it('waits out a secondary rate limit (403 with retry-after) and completes every annotation', async () => {
    server.state.faults.push(secondaryRateLimit(UPDATE, 2));
    const logger = new RecordingLogger();
    const outcome = await publishCheckRun(params(makeResult(findings(120)), 'write-token', logger));
    expect(outcome).toMatchObject({ action: 'created', annotations: 120, notAnnotated: 0 });
    expect(outcome.notice).toBeUndefined();
    expect(operations()).toEqual([
      `${CREATE} 201`,
      `${UPDATE} 403`,
      `${UPDATE} 200`,
      `${UPDATE} 200`,
    ]);
    expect(server.state.checkRuns[0]?.annotations).toHaveLength(120);
    expect(logger.lines).toContainEqual({
      level: 'warning',
      message: expect.stringMatching(
        /^GitHub secondary rate limit on PATCH .*: retrying in 2 s\.$/,
      ),
    });
  });

  it('waits out a 429 with retry-after on the create', async () => {
    server.state.faults.push(secondaryRateLimit(CREATE, 1, 429));
    const outcome = await publishCheckRun(params(makeResult(findings(3))));
    expect(outcome).toMatchObject({ action: 'created', annotations: 3 });
    expect(operations()).toEqual([`${CREATE} 429`, `${CREATE} 201`]);
    expect(server.state.checkRuns).toHaveLength(1);
    expect(server.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('retries a 502 and goes on', async () => {
    server.state.faults.push(serverError(UPDATE, 1));
    const outcome = await publishCheckRun(params());
    expect(outcome).toMatchObject({ action: 'created', annotations: 120, notAnnotated: 0 });
    expect(operations()).toEqual([
      `${CREATE} 201`,
      `${UPDATE} 502`,
      `${UPDATE} 200`,
      `${UPDATE} 200`,
    ]);
  });

  it('an update that keeps failing leaves the check run completed, with a notice', async () => {
    server.state.faults.push(serverError(UPDATE, 100));
    const outcome = await publishCheckRun(params());
    expect(outcome).toMatchObject({ action: 'created', updates: 0, annotations: 50 });
    expect(outcome.notice).toMatch(
      /^Check run \d+ is complete, but only 50 of 120 findings became annotations \(HTTP 502: Server Error\)/,
    );
    // One try and three retries, then it gives up.
    expect(operations()).toEqual([`${CREATE} 201`, ...Array(4).fill(`${UPDATE} 502`)]);
    expect(server.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('does not hold the job for a primary rate limit that resets in an hour', async () => {
    server.state.faults.push(primaryRateLimit(UPDATE, 3600));
    const logger = new RecordingLogger();
    const outcome = await publishCheckRun(params(makeResult(findings(120)), 'write-token', logger));
    expect(outcome.notice).toContain(
      'only 50 of 120 findings became annotations (HTTP 403: API rate limit exceeded',
    );
    expect(operations()).toEqual([`${CREATE} 201`, `${UPDATE} 403`]);
    expect(server.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(logger.lines).toContainEqual({
      level: 'warning',
      message: expect.stringMatching(/^GitHub primary rate limit on PATCH .*: giving up/),
    });
  });

  it('a DNS failure is "no response from GitHub", not HTTP 500', async () => {
    const octokit = createGitHubClient('write-token', 'http://api.github.invalid', {
      logger: new RecordingLogger(),
      millisecondsPerSecond: 1,
    });
    const outcome = await publishCheckRun({ ...params(makeResult(findings(3))), octokit });
    expect(outcome.action).toBe('failed');
    expect(outcome.notice).toMatch(
      /^Could not create the check run \(no response from GitHub: .*api\.github\.invalid/,
    );
    expect(outcome.notice).not.toContain('HTTP');
  });

  it(`25,000 findings: ${CHECK_ANNOTATIONS_MAX} annotations in 20 paced requests, the rest listed in the text`, async () => {
    const outcome = await publishCheckRun(params(makeResult(findings(25_000))));
    expect(outcome).toMatchObject({
      action: 'created',
      updates: 19,
      annotations: CHECK_ANNOTATIONS_MAX,
      notAnnotated: 25_000 - CHECK_ANNOTATIONS_MAX,
    });
    expect(server.state.requests).toHaveLength(20);
    const [run] = server.state.checkRuns;
    expect(run?.annotations).toHaveLength(CHECK_ANNOTATIONS_MAX);
    expect(run?.output.text).toMatch(/^### 24000 more findings, not annotated\n/);
    expect(run?.output.text?.length).toBeLessThanOrEqual(CHECK_OUTPUT_MAX_CHARS);
    expect(run?.output.text).toContain('Cut to fit the check run');
  });
});
