import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubServer } from '../helpers/github-server';
import { generateSecret } from '../helpers/secret-generators';
import { commitAll, runBuiltActionAsync, writeTree } from './run-built';
import { parseWorkflowCommands } from '../helpers/workflow-commands';

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

/** A repository whose last commit (the PR head) adds a Django key on top of a clean base. */
function repositoryWithPullRequest(keys = 1) {
  const workspace = writeTree({ 'app/__init__.py': '', 'README.md': 'shop\n' });
  commitAll(workspace);
  const base = git(workspace, 'rev-parse', 'HEAD');
  git(workspace, 'checkout', '-q', '-b', 'feature');
  const secrets: string[] = [];
  writeTree({ 'app/views.py': 'def index(request):\n    return None\n' }, workspace);
  for (let i = 0; i < keys; i++) {
    const key = generateSecret('django-key');
    secrets.push(key);
    writeTree({ [`app/settings_${i}.py`]: `SECRET_KEY = '${key}'\n` }, workspace);
  }
  git(workspace, 'add', '-A');
  git(workspace, 'commit', '-q', '-m', 'add settings');
  const head = git(workspace, 'rev-parse', 'HEAD');
  return { workspace, base, head, secrets };
}

function pullRequestPayload(base: string, head: string, fork = false) {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      base: { sha: base, ref: 'main', repo: { full_name: 'acme/shop' } },
      head: {
        sha: head,
        ref: 'feature',
        repo: { full_name: fork ? 'stranger/shop' : 'acme/shop' },
      },
    },
    repository: { full_name: 'acme/shop', default_branch: 'main' },
  };
}

describe('action on GitHub events, through real Octokit against a local API', () => {
  let server: GitHubServer;
  beforeEach(async () => {
    server = await startGitHubServer({
      tokens: {
        'write-token': { issues: 'write', checks: 'write', login: 'github-actions[bot]' },
        'read-token': { issues: 'read', checks: 'read', login: 'github-actions[bot]' },
      },
    });
  });
  afterEach(async () => {
    expect(server.state.violations).toEqual([]);
    await server.close();
  });

  it('a PR from a branch: scans the range, posts one comment, edits it on the next run, then says all clear', async () => {
    const { workspace, base, head, secrets } = repositoryWithPullRequest();
    const run = () =>
      runBuiltActionAsync({
        workspace,
        eventName: 'pull_request',
        payload: pullRequestPayload(base, head),
        inputs: { 'github-token': 'write-token' },
        env: { GITHUB_API_URL: server.url, GITHUB_SHA: head },
      });
    const first = await run();
    expect(first.code).toBe(1);
    expect(server.state.comments).toHaveLength(1);
    const comment = server.state.comments[0]!;
    expect(comment.body).toContain('<!-- django-deploy-guard -->');
    expect(comment.body).toContain('DDG101');
    for (const s of secrets) {
      expect(comment.body).not.toContain(s);
      expect(first.summary).not.toContain(s);
    }
    // History in range mode found the key that the PR introduced.
    const report = JSON.parse(
      (await import('node:fs')).readFileSync(first.outputs['report-json']!, 'utf8'),
    ) as { findings: { source: string; commit?: string }[]; history: { mode: string } };
    expect(report.history.mode).toBe('range');
    // ...as one finding with the tree copy of the same key, carrying the commit.
    expect(report.findings.some((f) => f.commit === head)).toBe(true);

    const second = await run();
    expect(second.code).toBe(1);
    expect(server.state.comments).toHaveLength(1);

    // Fix it: remove the key; the same comment now says all clear.
    git(workspace, 'rm', '-q', 'app/settings_0.py');
    git(workspace, 'commit', '-q', '-m', 'remove key');
    const fixedHead = git(workspace, 'rev-parse', 'HEAD');
    const fixed = await runBuiltActionAsync({
      workspace,
      eventName: 'pull_request',
      payload: pullRequestPayload(base, fixedHead),
      inputs: { 'github-token': 'write-token', history: 'off' },
      env: { GITHUB_API_URL: server.url, GITHUB_SHA: fixedHead },
    });
    expect(fixed.code).toBe(0);
    expect(server.state.comments).toHaveLength(1);
    expect(server.state.comments[0]!.body).toMatch(/all clear/i);
  });

  it('a PR from a fork with a read-only token: no comment, a notice, annotations and summary still there', async () => {
    const { workspace, base, head } = repositoryWithPullRequest();
    const run = await runBuiltActionAsync({
      workspace,
      eventName: 'pull_request',
      payload: pullRequestPayload(base, head, true),
      inputs: { 'github-token': 'read-token', 'check-run': 'true' },
      env: { GITHUB_API_URL: server.url, GITHUB_SHA: head },
    });
    expect(server.state.comments).toHaveLength(0);
    expect(server.state.checkRuns).toHaveLength(0);
    expect(run.stdout).toMatch(/^::notice::.*comment/im);
    expect(parseWorkflowCommands(run.stdout)).toContainEqual(
      expect.objectContaining({
        name: 'error',
        properties: expect.objectContaining({ file: 'app/settings_0.py', line: '1' }),
      }),
    );
    expect(run.summary).toContain('DDG101');
    // It fails for the finding, not for the missing permission.
    expect(run.stdout).toMatch(
      /^::error::django-deploy-guard: \d+ new finding\(s\) at or above high/m,
    );
  });

  it('a read-only token on a same-repository PR: the 403 becomes a notice, never a failure', async () => {
    const { workspace, base, head } = repositoryWithPullRequest(0);
    const run = await runBuiltActionAsync({
      workspace,
      eventName: 'pull_request',
      payload: pullRequestPayload(base, head),
      inputs: { 'github-token': 'read-token', comment: 'always', 'check-run': 'true' },
      env: { GITHUB_API_URL: server.url, GITHUB_SHA: head },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^::notice::.*pull-requests: write/im);
    expect(server.state.comments).toHaveLength(0);
  });

  it('check-run: true carries every annotation in batches of 50', async () => {
    const { workspace, base, head } = repositoryWithPullRequest(60);
    const run = await runBuiltActionAsync({
      workspace,
      eventName: 'pull_request',
      payload: pullRequestPayload(base, head),
      inputs: {
        'github-token': 'write-token',
        'check-run': 'true',
        comment: 'never',
        history: 'off',
      },
      env: { GITHUB_API_URL: server.url, GITHUB_SHA: head },
    });
    expect(run.code).toBe(1);
    expect(server.state.checkRuns).toHaveLength(1);
    const checkRun = server.state.checkRuns[0]!;
    expect(checkRun.headSha).toBe(head);
    expect(checkRun.conclusion).toBe('failure');
    expect(checkRun.annotations.length).toBeGreaterThanOrEqual(60);
    const writes = server.state.requests.filter((r) => r.operation?.includes('check-runs'));
    for (const request of writes) {
      const annotations =
        (request.body as { output?: { annotations?: unknown[] } } | undefined)?.output
          ?.annotations ?? [];
      expect(annotations.length).toBeLessThanOrEqual(50);
    }
    // Only 9 errors are printed as workflow commands (the failure line is the 10th); the summary
    // says how many were not shown.
    const printedErrors = parseWorkflowCommands(run.stdout).filter(
      (c) => c.name === 'error' && c.properties.file,
    );
    expect(printedErrors).toHaveLength(9);
    expect(run.summary).toMatch(/not shown/i);
  });

  it('a push and a merge group take their ranges from the payload', async () => {
    const { workspace, base, head } = repositoryWithPullRequest();
    const push = await runBuiltActionAsync({
      workspace,
      eventName: 'push',
      payload: {
        before: base,
        after: head,
        ref: 'refs/heads/feature',
        repository: { full_name: 'acme/shop', default_branch: 'main' },
      },
      inputs: { 'github-token': 'write-token' },
      env: { GITHUB_API_URL: server.url, GITHUB_SHA: head },
    });
    const pushReport = JSON.parse(
      (await import('node:fs')).readFileSync(push.outputs['report-json']!, 'utf8'),
    ) as {
      history: { mode: string; base?: string };
    };
    expect(pushReport.history.mode).toBe('range');
    const group = await runBuiltActionAsync({
      workspace,
      eventName: 'merge_group',
      payload: {
        merge_group: { base_sha: base, head_sha: head, head_ref: 'gh-readonly-queue/main/pr-7' },
        repository: { full_name: 'acme/shop', default_branch: 'main' },
      },
      inputs: { 'github-token': 'write-token' },
      env: { GITHUB_API_URL: server.url, GITHUB_SHA: head },
    });
    expect(group.code).toBe(1);
    expect(server.state.comments).toHaveLength(0);
    const unknown = await runBuiltActionAsync({
      workspace,
      eventName: 'deployment_status',
      payload: {},
      inputs: { 'github-token': 'write-token' },
      env: { GITHUB_API_URL: server.url, GITHUB_SHA: head },
    });
    expect(unknown.stdout).toMatch(/^::notice::.*does not know the 'deployment_status' event/m);
  });
});
