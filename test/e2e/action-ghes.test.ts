/**
 * The built action on GitHub Enterprise Server: the API lives under GITHUB_API_URL
 * (`https://HOST/api/v3`) and every link in what it writes points at GITHUB_SERVER_URL.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { secondaryRateLimit, startGitHubServer, type GitHubServer } from '../helpers/github-server';
import { generateSecret } from '../helpers/secret-generators';
import { parseWorkflowCommands } from '../helpers/workflow-commands';
import { commitAll, runBuiltActionAsync, writeTree } from './run-built';

const SERVER_URL = 'https://ghes.example.com';

function headOf(cwd: string): string {
  return spawnSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' }).stdout.trim();
}

describe('action on GitHub Enterprise Server', () => {
  let server: GitHubServer;
  beforeEach(async () => {
    server = await startGitHubServer({ pathPrefix: '/api/v3' });
  });
  afterEach(async () => {
    expect(server.state.violations).toEqual([]);
    await server.close();
  });

  it('calls the API under GITHUB_API_URL and links every location to GITHUB_SERVER_URL', async () => {
    const workspace = writeTree({
      'app/__init__.py': '',
      'app/settings.py': `SECRET_KEY = '${generateSecret('django-key')}'\n`,
    });
    commitAll(workspace);
    const head = headOf(workspace);
    const run = await runBuiltActionAsync({
      workspace,
      eventName: 'pull_request',
      payload: {
        number: 7,
        pull_request: {
          number: 7,
          base: { sha: head, ref: 'main', repo: { full_name: 'acme/shop' } },
          head: { sha: head, ref: 'feature', repo: { full_name: 'acme/shop' } },
        },
        repository: { full_name: 'acme/shop', default_branch: 'main' },
      },
      // base = head: every finding is already on the base; fail-scope all keeps them failing.
      inputs: {
        'fail-scope': 'all',
        'github-token': 'token',
        'check-run': 'true',
        comment: 'always',
        history: 'off',
        'sarif-file': 'guard.sarif',
      },
      env: {
        GITHUB_SERVER_URL: SERVER_URL,
        GITHUB_API_URL: server.url,
        GITHUB_SHA: head,
      },
    });
    expect(run.code).toBe(1);
    expect(server.url).toMatch(/\/api\/v3$/);
    expect(server.state.comments).toHaveLength(1);
    expect(server.state.checkRuns).toHaveLength(1);

    const location = `${SERVER_URL}/acme/shop/blob/${head}/app/settings.py#L1`;
    const comment = server.state.comments[0]!.body;
    const checkRun = server.state.checkRuns[0]!;
    const sarif = JSON.parse(readFileSync(join(workspace, 'guard.sarif'), 'utf8')) as {
      runs: { versionControlProvenance?: { repositoryUri: string }[] }[];
    };
    expect(comment).toContain(location);
    expect(run.summary).toContain(location);
    expect(checkRun.detailsUrl).toBe(`${SERVER_URL}/acme/shop/actions/runs/42`);
    expect(sarif.runs[0]?.versionControlProvenance?.[0]?.repositoryUri).toBe(
      `${SERVER_URL}/acme/shop`,
    );
    // The tool's own rule docs stay on github.com; nothing about the scanned repository does.
    for (const text of [comment, run.summary, checkRun.output.summary ?? '']) {
      expect(text.replace(/https:\/\/github\.com\/django-deploy-guard\/[^\s)]*/g, '')).not.toMatch(
        /github\.com/,
      );
    }
  });

  it('a server URL written with a trailing slash still gives clean links; a rate-limit wait is a warning in the log', async () => {
    const workspace = writeTree({
      'app/__init__.py': '',
      'app/settings.py': `SECRET_KEY = '${generateSecret('django-key')}'\n`,
    });
    commitAll(workspace);
    const head = headOf(workspace);
    server.state.faults.push(
      secondaryRateLimit('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', 1),
    );
    const run = await runBuiltActionAsync({
      workspace,
      eventName: 'pull_request',
      payload: {
        number: 7,
        pull_request: {
          number: 7,
          base: { sha: head, ref: 'main', repo: { full_name: 'acme/shop' } },
          head: { sha: head, ref: 'feature', repo: { full_name: 'acme/shop' } },
        },
        repository: { full_name: 'acme/shop', default_branch: 'main' },
      },
      // base = head: every finding is already on the base; fail-scope all keeps them failing.
      inputs: { 'github-token': 'token', comment: 'always', history: 'off', 'fail-scope': 'all' },
      env: { GITHUB_SERVER_URL: `${SERVER_URL}/`, GITHUB_API_URL: server.url, GITHUB_SHA: head },
    });
    expect(run.code).toBe(1);
    const location = `${SERVER_URL}/acme/shop/blob/${head}/app/settings.py#L1`;
    expect(server.state.comments).toHaveLength(1);
    expect(server.state.comments[0]!.body).toContain(location);
    expect(run.summary).toContain(location);
    expect(run.summary).not.toContain(`${SERVER_URL}//`);
    // Through the action's own (redacting) log channel, as a warning, not raw on stderr.
    const warnings = parseWorkflowCommands(run.stdout)
      .filter((c) => c.name === 'warning')
      .map((c) => c.message);
    expect(warnings).toContainEqual(
      expect.stringMatching(/^GitHub secondary rate limit on POST .*: retrying in 1 s\.$/),
    );
    expect(run.stderr).not.toContain('rate limit');
  });
});
