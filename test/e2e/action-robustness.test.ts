/**
 * The built action as the runner runs it, when the runner or GitHub is not on the happy path:
 * every case is a notice, the scan still runs and decides, and the outputs are written.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../src/report/comment';
import { serverError, startGitHubServer, type GitHubServer } from '../helpers/github-server';
import { generateSecret, randomString } from '../helpers/secret-generators';
import { parseWorkflowCommands } from '../helpers/workflow-commands';
import {
  commitAll,
  maskCommandFor,
  runBuiltActionAsync,
  writeTree,
  type ActionRun,
} from './run-built';

function repository() {
  const key = generateSecret('django-key');
  const workspace = writeTree({ 'app/settings.py': `SECRET_KEY = '${key}'\n` });
  commitAll(workspace);
  const head = spawnSync('git', ['rev-parse', 'HEAD'], {
    cwd: workspace,
    encoding: 'utf8',
  }).stdout.trim();
  // The pull request's base: the empty tree's commit, so the key is new in the pull request.
  const base = spawnSync('git', ['commit-tree', '4b825dc642cb6eb9a060e54bf8d69288fbee4904'], {
    cwd: workspace,
    encoding: 'utf8',
    input: 'base\n',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 't@example.invalid',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 't@example.invalid',
    },
  }).stdout.trim();
  return { workspace, key, head, base };
}

function pullRequest(head: string, base: string) {
  return {
    number: 7,
    pull_request: {
      number: 7,
      base: { sha: base, ref: 'main', repo: { full_name: 'acme/shop' } },
      head: { sha: head, ref: 'feature', repo: { full_name: 'acme/shop' } },
    },
    repository: { full_name: 'acme/shop', default_branch: 'main' },
  };
}

const notices = (run: ActionRun) =>
  parseWorkflowCommands(run.stdout)
    .filter((c) => c.name === 'notice')
    .map((c) => c.message);

/** The scan ran and decided: a failed step for the committed key, with every output written. */
function expectDecided(run: ActionRun) {
  expect(run.stdout).not.toContain('internal error');
  expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  expect(run.code).toBe(1);
  expect(run.outputs.failed).toBe('true');
  expect(run.outputs['highest-severity']).toBe('critical');
  expect(run.outputs['report-json']).toMatch(/django-deploy-guard-report\.json$/);
}

describe('action robustness (dist/index.js as the runner runs it)', () => {
  let server: GitHubServer;
  beforeEach(async () => {
    server = await startGitHubServer({
      tokens: {
        'workflow-token': { login: 'github-actions[bot]' },
      },
    });
  });
  afterEach(async () => {
    expect(server.state.violations).toEqual([]);
    await server.close();
  });

  it('an invalid event JSON: a notice, the scan runs and decides (no crash inside Octokit)', async () => {
    const { workspace } = repository();
    const dir = mkdtempSync(join(tmpdir(), 'ddg-event-'));
    const garbage = join(dir, 'event.json');
    writeFileSync(garbage, '{"pull_request": {"number": 7, "head": ');
    const run = await runBuiltActionAsync({
      workspace,
      eventName: 'pull_request',
      inputs: { history: 'off', 'github-token': 'workflow-token', comment: 'always' },
      env: { GITHUB_EVENT_PATH: garbage, GITHUB_API_URL: server.url },
    });
    expectDecided(run);
    expect(notices(run)).toContainEqual(expect.stringMatching(/^Could not read the event payload/));
    expect(run.summary).toContain('DDG101');
  });

  it('an unreadable event path (a directory) and a missing one: a notice each, never a crash', async () => {
    const { workspace } = repository();
    for (const eventPath of [
      mkdtempSync(join(tmpdir(), 'ddg-event-dir-')),
      '/nonexistent/event.json',
    ]) {
      const run = await runBuiltActionAsync({
        workspace,
        eventName: 'push',
        inputs: { history: 'off' },
        env: { GITHUB_EVENT_PATH: eventPath },
      });
      expectDecided(run);
      expect(notices(run)).toContainEqual(expect.stringMatching(/event payload/));
      // @actions/github's own "does not exist" line (printed bypassing our channels) is gone.
      expect(run.stdout).not.toContain('GITHUB_EVENT_PATH /nonexistent');
    }
  });

  it('no GITHUB_STEP_SUMMARY: a notice, outputs written', async () => {
    const { workspace } = repository();
    const run = await runBuiltActionAsync({
      workspace,
      inputs: { history: 'off' },
      env: { GITHUB_STEP_SUMMARY: '' },
    });
    expectDecided(run);
    expect(notices(run)).toContainEqual(expect.stringMatching(/GITHUB_STEP_SUMMARY is unset/));
  });

  it('an empty token with a comment and a check run wanted: a notice, no API call', async () => {
    const { workspace, head, base } = repository();
    const run = await runBuiltActionAsync({
      workspace,
      eventName: 'pull_request',
      payload: pullRequest(head, base),
      inputs: { history: 'off', 'github-token': '', 'check-run': 'true', comment: 'always' },
      env: { GITHUB_API_URL: server.url },
    });
    expectDecided(run);
    expect(notices(run)).toContainEqual(expect.stringMatching(/github-token input is empty/));
    expect(server.state.requests).toEqual([]);
  });

  it('GitHub failing (502 on every call): notices, the check run and comment skipped, outputs written', async () => {
    const { workspace, head, base } = repository();
    server.state.faults.push(
      serverError('POST /graphql', 20),
      serverError('GET /user', 20),
      serverError('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', 20),
      serverError('POST /repos/{owner}/{repo}/check-runs', 20),
    );
    const run = await runBuiltActionAsync({
      workspace,
      eventName: 'pull_request',
      payload: pullRequest(head, base),
      inputs: { history: 'off', 'github-token': 'workflow-token', 'check-run': 'true' },
      env: { GITHUB_API_URL: server.url, GITHUB_SHA: head },
    });
    expectDecided(run);
    expect(notices(run)).toContainEqual(expect.stringMatching(/pull-request comment \(HTTP 502/));
    expect(notices(run)).toContainEqual(expect.stringMatching(/check run.*HTTP 502/i));
  });

  it("a participant's comment that starts with the marker is never edited; ours is", async () => {
    const { workspace, head, base } = repository();
    const [pasted] = server.state.seedComments(
      'acme/shop',
      7,
      [`${COMMENT_MARKER}\nlooks fine to me!`],
      {
        login: 'mallory',
        type: 'User',
      },
    );
    const run = () =>
      runBuiltActionAsync({
        workspace,
        eventName: 'pull_request',
        payload: pullRequest(head, base),
        inputs: { history: 'off', 'github-token': 'workflow-token' },
        env: { GITHUB_API_URL: server.url },
      });
    expectDecided(await run());
    const patches = () => server.state.requests.filter((r) => r.method === 'PATCH');
    expect(patches()).toEqual([]);
    expect(server.state.comments.find((c) => c.id === pasted?.id)?.body).toContain('looks fine');
    const ours = server.state.comments.filter((c) => c.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);

    server.state.comments.find((c) => c.id === ours[0]!.id)!.body = `${COMMENT_MARKER}\nstale`;
    expectDecided(await run());
    expect(patches().map((r) => r.url)).toEqual([
      `/repos/acme/shop/issues/comments/${ours[0]!.id}`,
    ]);
    expect(server.state.comments.find((c) => c.id === pasted?.id)?.body).toContain('looks fine');
  });

  it('boolean inputs take YAML spellings (check-run: True, yes, ON); another value names the input', async () => {
    const { workspace, head } = repository();
    const accepted = await runBuiltActionAsync({
      workspace,
      inputs: { history: 'off', 'check-run': 'True', 'github-token': 'workflow-token' },
      env: { GITHUB_API_URL: server.url, GITHUB_SHA: head },
    });
    expectDecided(accepted);
    expect(server.state.checkRuns).toHaveLength(1);
    for (const spelling of ['TRUE', 'yes', 'On', 'False', 'no', 'OFF']) {
      const run = await runBuiltActionAsync({
        workspace,
        inputs: { history: 'off', 'check-run': spelling, 'github-token': 'workflow-token' },
        env: { GITHUB_API_URL: server.url, GITHUB_SHA: head },
      });
      expectDecided(run);
    }
    expect(server.state.checkRuns).toHaveLength(4);

    const refused = await runBuiltActionAsync({ workspace, inputs: { 'check-run': 'enabled' } });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      /^::error::django-deploy-guard: input 'check-run' must be true or false \(or yes\/no, on\/off in any case\); got 'enabled'/m,
    );
  });

  it('the env input: a secret-shaped value under an ordinary name is masked and never printed; DEBUG=False is not masked', async () => {
    // Mixed case and digits, no symbol: random-looking, yet not the shape of any known token.
    const origin = `aZ9${randomString('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 37, Math.random)}`;
    const workspace = writeTree({
      'proj/__init__.py': '',
      'proj/settings.py':
        "import os\nDEBUG = os.environ.get('DEBUG') == 'True'\nCSRF_TRUSTED_ORIGINS = [os.environ['APP_ORIGIN']]\nALLOWED_HOSTS = ['shop.example']\n",
    });
    commitAll(workspace);
    const run = await runBuiltActionAsync({
      workspace,
      inputs: {
        history: 'off',
        'settings-module': 'proj.settings',
        env: `DEBUG=False\nAPP_ORIGIN=${origin}`,
      },
    });
    expect(run.stdout).not.toContain('internal error');
    const lines = run.stdout.split('\n');
    expect(lines).toContain(maskCommandFor(origin));
    expect(lines).not.toContain(maskCommandFor('False'));
    const firstMask = lines.indexOf(maskCommandFor(origin));
    expect(lines.slice(0, firstMask).join('\n')).not.toContain(origin);
    const elsewhere = [
      lines.filter((l) => !l.startsWith('::add-mask::')).join('\n'),
      run.stderr,
      run.summary,
      JSON.stringify(run.outputs),
    ].join('\n');
    // 4_0.E001 would quote the origin: the redactor replaced it.
    expect(elsewhere).toContain('4_0.E001');
    expect(elsewhere).not.toContain(origin);
    expect(elsewhere).not.toContain(origin.slice(5, 20));
  });
});
