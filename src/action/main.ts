import { join, resolve } from 'node:path';
import { ConfigurationError } from '../core/errors';
import type { ScanResult } from '../core/scan-result';
import { Redactor } from '../core/redactor';
import { secretValuesOfEnvironment } from '../core/secret-names';
import { createGitHubClient } from '../github/client';
import { MERGE_BASE_WITH_DEFAULT_BRANCH, resolveEvent, type EventContext } from '../github/event';
import { publishCheckRun } from '../github/check-run';
import { publishPullRequestComment } from '../github/pr-comment';
import { createProgressReporter } from '../history/progress';
import { ruleMetas } from '../registry';
import { selectAnnotations } from '../report/annotations';
import { hasCommentWorthyFindings, renderComment } from '../report/comment';
import { renderJson } from '../report/json';
import { blobUrl, type RepositoryLinks } from '../report/links';
import { computeOutputs } from '../report/outputs';
import { renderSarif } from '../report/sarif';
import { renderSummary } from '../report/summary';
import { runScan, type HistoryOption } from '../scan/run-scan';
import { readWorkflowFile, writeOutputFile } from '../io/output-files';
import { createActionChannels, redactRequests, type ActionChannels } from './channels';
import { readActionInputs, type ActionInputs } from './inputs';

const ZERO_SHA = '0000000000000000000000000000000000000000';

function readEventPayload(channels: ActionChannels): unknown {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    const text = readWorkflowFile(path);
    return text === undefined ? {} : (JSON.parse(text) as unknown);
  } catch {
    channels.notice('Could not read the event payload; scanning as for an unknown event.');
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

/** The assumptions of the run, in the log too (not only in the summary), in one group. */
function logWhatWasScanned(channels: ActionChannels, result: ScanResult): void {
  channels.startGroup('django-deploy-guard: what was checked');
  if (result.settings.length === 0) channels.info('settings: no Django settings module found');
  for (const s of result.settings) {
    channels.info(
      `settings module ${s.module} (${s.file}): ${s.reason}; Django ${s.djangoVersion} (${s.djangoVersionSource})`,
    );
    channels.info(
      `env profile sets: ${s.envSet.length > 0 ? s.envSet.join(', ') : 'nothing'}${s.envUnsetWithDefault.length > 0 ? `; left unset (code defaults apply): ${s.envUnsetWithDefault.join(', ')}` : ''}`,
    );
  }
  const h = result.history;
  channels.info(
    h.mode === 'off'
      ? 'history: not scanned'
      : `history: ${h.mode}${h.base ? ` ${h.base.slice(0, 12)}..${(h.head ?? 'HEAD').slice(0, 12)}` : ''}, ${h.commits} commits, ${h.blobs} blobs${h.shallow ? ' (shallow clone)' : ''}`,
  );
  for (const note of result.notes) channels.info(`note: ${note}`);
  channels.endGroup();
}

/** The action: scan, mask, annotate, summarise, comment, write reports and outputs, decide. */
export async function runAction(): Promise<void> {
  const redactor = new Redactor();
  // The runner's own tokens and credentials first: no message of this run may print them.
  for (const { value, pieces } of secretValuesOfEnvironment(process.env))
    redactor.add(value, { pieces });
  const channels = createActionChannels(redactor);
  const actionLogger = channels.logger;
  try {
    const inputs = readActionInputs();
    redactor.add(inputs.githubToken);
    for (const { value, pieces } of secretValuesOfEnvironment(inputs.env))
      redactor.add(value, { pieces });
    channels.maskSecrets();
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const root = resolve(workspace, inputs.path);
    const event = resolveEvent(
      process.env.GITHUB_EVENT_NAME ?? '',
      readEventPayload(channels),
      process.env,
    );
    if (event.notice) channels.notice(event.notice);
    const plan = historyPlan(inputs, event);
    if (plan.mode === 'range' && !plan.base) {
      channels.notice(
        'No range in the event payload and no `base` input: scanning the full history.',
      );
      plan.mode = 'full';
    }

    const outcome = await runScan({
      root,
      logger: actionLogger,
      redactor,
      env: inputs.env,
      history: plan.mode,
      progress: createProgressReporter('log', (line) => channels.info(line.replace(/\n$/, ''))),
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
    channels.maskSecrets();

    const { result } = outcome;
    const rules = ruleMetas();
    const links = repositoryLinks(result.commit ?? process.env.GITHUB_SHA);
    logWhatWasScanned(channels, result);

    const selection = selectAnnotations(result, rules);
    for (const a of selection.annotations) {
      const properties = {
        file: a.file,
        startLine: a.startLine,
        endLine: a.endLine,
        ...(a.startColumn !== undefined ? { startColumn: a.startColumn } : {}),
        ...(a.endColumn !== undefined ? { endColumn: a.endColumn } : {}),
        title: a.title,
      };
      if (a.level === 'error') channels.error(a.message, properties);
      else if (a.level === 'warning') channels.warning(a.message, properties);
      else channels.notice(a.message, properties);
    }

    const reportDir = process.env.RUNNER_TEMP ?? workspace;
    const reportJson = join(reportDir, 'django-deploy-guard-report.json');
    writeOutputFile(reportJson, renderJson(result), redactor);
    let sarifFile: string | undefined;
    if (inputs.sarifFile) {
      sarifFile = resolve(workspace, inputs.sarifFile);
      writeOutputFile(
        sarifFile,
        renderSarif(result, rules, {
          ...(links
            ? {
                repositoryUri: `${links.serverUrl}/${links.repository}`,
                blobUrl: (commit: string, file: string, line: number) =>
                  blobUrl(links, commit, file, line),
              }
            : {}),
          ...(process.env.GITHUB_REF ? { ref: process.env.GITHUB_REF } : {}),
        }),
        redactor,
      );
    }

    const summaryMarkdown = renderSummary(result, rules, {
      annotationsNotShown: selection.notShown,
      ...(links ? { links } : {}),
    });
    await channels.writeSummary(summaryMarkdown);

    const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '/').split('/');
    const octokit = () =>
      redactRequests(createGitHubClient(inputs.githubToken, process.env.GITHUB_API_URL), redactor);
    // An empty token (e.g. `${{ secrets.PAT }}` on a fork, where secrets are not passed): the
    // report still stands in the log, the summary and the outputs.
    const canUseApi = inputs.githubToken.trim() !== '';
    const wantsApi = (event.pullRequest && inputs.comment !== 'never') || inputs.checkRun;
    if (wantsApi && !canUseApi)
      channels.notice(
        'The github-token input is empty: no pull-request comment and no check run this time (the findings are in the annotations, the job summary and the outputs).',
      );
    if (canUseApi && event.pullRequest && inputs.comment !== 'never') {
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
        if (commentOutcome.notice) channels.notice(commentOutcome.notice);
      }
    }
    // The PR head, not GITHUB_SHA: on pull_request that is the merge commit, and a check run
    // attached to it does not show on the pull request.
    const checkSha = event.pullRequest?.headSha ?? process.env.GITHUB_SHA ?? result.commit;
    if (canUseApi && inputs.checkRun && owner && repo && checkSha) {
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
      if (checkOutcome.notice) channels.notice(checkOutcome.notice);
    }

    for (const [name, value] of Object.entries(
      computeOutputs(result, { reportJson, ...(sarifFile ? { sarifFile } : {}) }),
    )) {
      channels.setOutput(name, value);
    }
    if (result.summary.failed) channels.setFailed(`django-deploy-guard: ${result.summary.reason}`);
    else channels.info(`django-deploy-guard passed: ${result.summary.reason}`);
  } catch (error) {
    if (error instanceof ConfigurationError)
      channels.setFailed(`django-deploy-guard: ${error.message}`);
    else channels.setFailed(`django-deploy-guard: internal error: ${(error as Error).message}`);
  }
}
