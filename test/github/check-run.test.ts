import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/core/logger';
import type { Finding } from '../../src/core/types';
import {
  CHECK_OUTPUT_MAX_CHARS,
  fitCheckOutput,
  publishCheckRun,
  type PublishCheckRunParams,
} from '../../src/github/check-run';
import { createGitHubClient } from '../../src/github/client';
import { renderSummary } from '../../src/report/summary';
import { COMMIT, RULES, makeFinding, makeResult } from '../report/fixtures';
import { startGitHubServer, type GitHubServer } from '../helpers/github-server';

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

function params(result = makeResult(findings(120)), token = 'write-token'): PublishCheckRunParams {
  return {
    octokit: createGitHubClient(token, server.url),
    owner: 'acme',
    repo: 'shop',
    headSha: COMMIT,
    result,
    rules: RULES,
    summaryMarkdown: renderSummary(result, RULES),
    detailsUrl: 'https://github.com/acme/shop/actions/runs/42',
    logger: new RecordingLogger(),
  };
}

describe('publishCheckRun (real Octokit against the OpenAPI-checking server)', () => {
  it('carries every annotation: create, then 3 updates of at most 50 for 120 annotations', async () => {
    const outcome = await publishCheckRun(params());
    expect(outcome).toMatchObject({ action: 'created', updates: 3, annotations: 120 });
    const calls = server.state.requests.map((r) => r.operation);
    expect(calls).toEqual([
      'POST /repos/{owner}/{repo}/check-runs',
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
    ]);
    const sizes = server.state.requests.slice(1).map((r) => {
      const body = r.body as { output: { annotations: unknown[] } };
      return body.output.annotations.length;
    });
    expect(sizes).toEqual([50, 50, 20]);
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
  });

  it('completes with success and no annotations on a clean result', async () => {
    const outcome = await publishCheckRun(params(makeResult([])));
    expect(outcome).toMatchObject({ action: 'created', updates: 1, annotations: 0 });
    expect(server.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(server.state.checkRuns[0]?.output.title).toBe('No findings');
  });

  it('a 403 (no checks: write, or a fork token) is a notice, not a failure', async () => {
    const outcome = await publishCheckRun(params(makeResult(findings(3)), 'fork-token'));
    expect(outcome.action).toBe('skipped');
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
    const octokit = createGitHubClient('write-token', server.url);
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
