import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubServer } from '../helpers/github-server';
import { runBuiltActionAsync } from './run-built';
import { buildPullRequest, DEBUG_RULE, KEY_RULE, WEAKENINGS } from './pull-request-weakenings';

function pullRequestPayload(base: string, head: string) {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      base: { sha: base, ref: 'main', repo: { full_name: 'acme/shop' } },
      head: { sha: head, ref: 'feature', repo: { full_name: 'acme/shop' } },
    },
    repository: { full_name: 'acme/shop', default_branch: 'main' },
  };
}

interface Report {
  findings: { ruleId: string; message: string; delta?: string; suppressed?: unknown }[];
}

describe('the action on pull_request: the base branch decides, whatever the pull request changes', () => {
  let server: GitHubServer;
  beforeAll(async () => {
    server = await startGitHubServer({
      tokens: { 'write-token': { issues: 'write', checks: 'write', login: 'github-actions[bot]' } },
    });
  });
  afterAll(async () => {
    expect(server.state.violations).toEqual([]);
    await server.close();
  });

  it.each(WEAKENINGS.map((w) => [w.name, w] as const))(
    '%s: the run fails and the summary and comment name the weakening',
    async (_name, weakening) => {
      const { dir, base, head, key } = buildPullRequest(weakening);
      const run = await runBuiltActionAsync({
        workspace: dir,
        eventName: 'pull_request',
        payload: pullRequestPayload(base, head),
        inputs: { 'github-token': 'write-token' },
        env: { GITHUB_API_URL: server.url, GITHUB_SHA: head },
      });
      expect(run.code).toBe(1);
      expect(run.summary.split('\n')[0]).toBe('## django-deploy-guard: ❌ failed');
      expect(run.summary).toMatch(/\[DDG390\]\([^)]*guard-weakened-by-pull-request\.md\)/);
      expect(run.summary.indexOf('### New in this change')).toBeLessThan(
        run.summary.indexOf('What was assumed'),
      );
      const report = JSON.parse(readFileSync(run.outputs['report-json']!, 'utf8')) as Report;
      const active = (id: string) =>
        report.findings.filter((f) => f.ruleId === id && !f.suppressed).map((f) => f.delta);
      expect(active(KEY_RULE)).toEqual(['new']);
      expect(active(DEBUG_RULE)).toEqual(['new']);
      const guard = report.findings.filter((f) => f.ruleId === 'DDG390' && !f.suppressed);
      expect(guard.map((f) => f.message).join('\n')).toMatch(weakening.says!);
      expect(guard.every((f) => f.delta === 'new')).toBe(true);
      expect(server.state.comments).toHaveLength(1);
      const comment = server.state.comments[0]!;
      expect(comment.body).toMatch(/#### New in this change/);
      expect(comment.body).toMatch(/DDG390/);
      // The key appears once, in the ::add-mask:: command that masks it; nowhere else.
      const log = run.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n');
      for (const text of [log, run.summary, comment.body]) expect(text).not.toContain(key);
    },
  );
});
