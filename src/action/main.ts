import * as core from '@actions/core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigurationError } from '../core/errors';
import type { Logger } from '../core/logger';
import { createGitHubClient } from '../github/client';
import { MERGE_BASE_WITH_DEFAULT_BRANCH, resolveEvent, type EventContext } from '../github/event';
import { publishCheckRun } from '../github/check-run';
import { publishPullRequestComment } from '../github/pr-comment';
import { createProgressReporter } from '../history/progress';
import { ruleMetas } from '../registry';
import { selectAnnotations } from '../report/annotations';
import { hasCommentWorthyFindings, renderComment } from '../report/comment';
import { renderJson } from '../report/json';
import type { RepositoryLinks } from '../report/links';
import { escapeLogLine } from '../report/escape';
import { computeOutputs } from '../report/outputs';
import { renderSarif } from '../report/sarif';
import { renderSummary } from '../report/summary';
import { runScan, type HistoryOption } from '../scan/run-scan';
import { readActionInputs, type ActionInputs } from './inputs';

const ZERO_SHA = '0000000000000000000000000000000000000000';

// Log lines may quote scanned content (paths, diagnostics): escaped so none can become a
// workflow command. core.warning/debug escape their message already; core.info does not.
const actionLogger: Logger = {
  info: (message) => core.info(escapeLogLine(message)),
  warning: (message) => core.warning(message),
  debug: (message) => core.debug(message),
};

function readEventPayload(): unknown {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path || !existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    core.notice('Could not read the event payload; scanning as for an unknown event.');
    return {};
  }
}

/** The history range: explicit inputs win, then the event payload; never the PR-commits API. */
function historyPlan(inputs: ActionInputs, event: EventContext) {
  const mode: HistoryOption = inputs.history === 'auto' ? event.historyMode : inputs.history;
  let base = inputs.base ?? event.base;
  // A new branch: the range starts at the merge base with the default branch.
  if (base === MERGE_BASE_WITH_DEFAULT_BRANCH) base = ZERO_SHA;
  const head = inputs.head ?? event.head;
  return { mode, base, head };
}

function repositoryLinks(sha: string | undefined): RepositoryLinks | undefined {
  const repository = process.env.GITHUB_REPOSITORY;
  if (!repository) return undefined;
  const serverUrl = process.env.GITHUB_SERVER_URL ?? 'https://github.com';
  const runId = process.env.GITHUB_RUN_ID;
  return {
    serverUrl,
    repository,
    ...(sha ? { sha } : {}),
    ...(runId ? { runUrl: `${serverUrl}/${repository}/actions/runs/${runId}` } : {}),
  };
}

/** The action: scan, mask, annotate, summarise, comment, write reports and outputs, decide. */
export async function runAction(): Promise<void> {
  try {
    const inputs = readActionInputs();
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const root = resolve(workspace, inputs.path);
    const event = resolveEvent(
      process.env.GITHUB_EVENT_NAME ?? '',
      readEventPayload(),
      process.env,
    );
    if (event.notice) core.notice(event.notice);
    const plan = historyPlan(inputs, event);
    if (plan.mode === 'range' && !plan.base) {
      core.notice('No range in the event payload and no `base` input: scanning the full history.');
      plan.mode = 'full';
    }

    const outcome = await runScan({
      root,
      logger: actionLogger,
      env: inputs.env,
      history: plan.mode,
      progress: createProgressReporter('log', (line) =>
        core.info(escapeLogLine(line.replace(/\n$/, ''))),
      ),
      ...(inputs.config ? { configPath: inputs.config } : {}),
      ...(inputs.failOn ? { failOn: inputs.failOn } : {}),
      ...(plan.mode === 'range' && plan.base ? { base: plan.base } : {}),
      ...(plan.mode === 'range' && plan.head ? { head: plan.head } : {}),
      ...(event.defaultBranch ? { defaultBranch: `origin/${event.defaultBranch}` } : {}),
      ...(inputs.envFile ? { envFile: inputs.envFile } : {}),
      ...(inputs.settingsModules.length ? { settingsModules: inputs.settingsModules } : {}),
      ...(inputs.pythonPaths.length ? { pythonPaths: inputs.pythonPaths } : {}),
      ...(inputs.djangoVersion ? { djangoVersion: inputs.djangoVersion } : {}),
      ...(inputs.baseline ? { baselinePath: inputs.baseline } : {}),
      ...(inputs.cacheFile ? { cacheFile: inputs.cacheFile } : {}),
    });
    // Mask every detected value before anything about the findings is printed.
    for (const secret of outcome.secretsToMask) core.setSecret(secret);

    const { result } = outcome;
    const rules = ruleMetas();
    const links = repositoryLinks(result.commit ?? process.env.GITHUB_SHA);

    const selection = selectAnnotations(result, rules);
    for (const a of selection.annotations) {
      const properties = {
        file: a.file,
        startLine: a.startLine,
        endLine: a.endLine,
        title: a.title,
      };
      if (a.level === 'error') core.error(a.message, properties);
      else if (a.level === 'warning') core.warning(a.message, properties);
      else core.notice(a.message, properties);
    }

    const reportDir = process.env.RUNNER_TEMP ?? workspace;
    const reportJson = join(reportDir, 'django-deploy-guard-report.json');
    writeFileSync(reportJson, renderJson(result));
    let sarifFile: string | undefined;
    if (inputs.sarifFile) {
      sarifFile = resolve(workspace, inputs.sarifFile);
      mkdirSync(dirname(sarifFile), { recursive: true });
      writeFileSync(
        sarifFile,
        renderSarif(result, rules, {
          ...(links ? { repositoryUri: `${links.serverUrl}/${links.repository}` } : {}),
          ...(process.env.GITHUB_REF ? { ref: process.env.GITHUB_REF } : {}),
        }),
      );
    }

    const summaryMarkdown = renderSummary(result, rules, {
      annotationsNotShown: selection.notShown,
      ...(links ? { links } : {}),
    });
    await core.summary.addRaw(summaryMarkdown).write();

    const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '/').split('/');
    const octokit = () => createGitHubClient(inputs.githubToken, process.env.GITHUB_API_URL);
    if (event.pullRequest && inputs.comment !== 'never') {
      if (owner && repo) {
        const commentOutcome = await publishPullRequestComment({
          octokit: octokit(),
          owner,
          repo,
          pullRequestNumber: event.pullRequest.number,
          body: renderComment(result, rules, links ? { links } : {}),
          mode: inputs.comment,
          hasFindings: hasCommentWorthyFindings(result),
          isFork: event.pullRequest.isFork,
          logger: actionLogger,
        });
        if (commentOutcome.notice) core.notice(commentOutcome.notice);
      }
    }
    // The PR head, not GITHUB_SHA: on pull_request that is the merge commit, and a check run
    // attached to it does not show on the pull request.
    const checkSha = event.pullRequest?.headSha ?? process.env.GITHUB_SHA ?? result.commit;
    if (inputs.checkRun && owner && repo && checkSha) {
      const checkOutcome = await publishCheckRun({
        octokit: octokit(),
        owner,
        repo,
        headSha: checkSha,
        result,
        rules,
        summaryMarkdown,
        logger: actionLogger,
        ...(links?.runUrl ? { detailsUrl: links.runUrl } : {}),
        ...(event.pullRequest ? { isFork: event.pullRequest.isFork } : {}),
      });
      if (checkOutcome.notice) core.notice(checkOutcome.notice);
    }

    for (const [name, value] of Object.entries(
      computeOutputs(result, { reportJson, ...(sarifFile ? { sarifFile } : {}) }),
    )) {
      core.setOutput(name, value);
    }
    if (result.summary.failed) core.setFailed(`django-deploy-guard: ${result.summary.reason}`);
    else core.info(`django-deploy-guard passed: ${result.summary.reason}`);
  } catch (error) {
    if (error instanceof ConfigurationError)
      core.setFailed(`django-deploy-guard: ${error.message}`);
    else core.setFailed(`django-deploy-guard: internal error: ${(error as Error).message}`);
  }
}
