import { join, resolve } from 'node:path';
import { ConfigurationError } from '../core/errors';
import type { ScanResult } from '../core/scan-result';
import { Redactor } from '../core/redactor';
import { secretValuesOfEnvironment } from '../core/secret-names';
import { createGitHubClient } from '../github/client';
import { MERGE_BASE_WITH_DEFAULT_BRANCH, resolveEvent, type EventContext } from '../github/event';
import { secretValuesOfOptions, type OptionValues, type ResolvedOptions } from '../config/options';
import { publishCheckRun } from '../github/check-run';
import { publishPullRequestComment } from '../github/pr-comment';
import { publishFixSuggestions } from '../github/pr-review';
import { resolveTokenLogin } from '../github/token-identity';
import { createGitClient } from '../git/git-client';
import { planSuggestions, renderOutsideFixes, type SuggestionPlan } from '../report/suggestions';
import { createProgressReporter } from '../history/progress';
import { ruleMetas } from '../registry';
import { selectAnnotations } from '../report/annotations';
import { hasCommentWorthyFindings, renderComment } from '../report/comment';
import { renderJson } from '../report/json';
import {
  blobUrl,
  repositoryLinksFromEnvironment,
  repositoryUrl,
  type RepositoryLinks,
} from '../report/links';
import { computeOutputs } from '../report/outputs';
import { renderSarif } from '../report/sarif';
import { renderSummary } from '../report/summary';
import { runScan } from '../scan/run-scan';
import { todayFrom } from '../dependencies/rule';
import { readWorkflowFile, writeOutputFile } from '../io/output-files';
import { createActionChannels, redactRequests, type ActionChannels } from './channels';
import { readActionInputs } from './inputs';
import { readRunnerEnvironment, type RunnerEnvironment } from './runner';

const ZERO_SHA = '0000000000000000000000000000000000000000';
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'merge_group']);

/**
 * The event payload, read by the action itself: a missing, unreadable or invalid file is a notice
 * and an empty payload (the scan still runs and decides), never a crash.
 */
function readEventPayload(runner: RunnerEnvironment, channels: ActionChannels): unknown {
  if (!runner.eventPath) return {};
  try {
    const text = readWorkflowFile(runner.eventPath);
    if (text === undefined) {
      channels.notice(
        'The event payload file (GITHUB_EVENT_PATH) does not exist; scanning as for an unknown event.',
      );
      return {};
    }
    return JSON.parse(text) as unknown;
  } catch {
    channels.notice(
      'Could not read the event payload (GITHUB_EVENT_PATH is unreadable or not JSON); scanning as for an unknown event.',
    );
    return {};
  }
}

/**
 * What the event decides when the inputs and the config file don't: the history mode, the range
 * and the default branch. Inputs and config win (`resolveOptions`).
 */
function eventDefaults(event: EventContext): OptionValues {
  const defaults: OptionValues = { history: event.historyMode };
  // A new branch: the range starts at the merge base with the default branch.
  const base = event.base === MERGE_BASE_WITH_DEFAULT_BRANCH ? ZERO_SHA : event.base;
  if (base) defaults.base = base;
  if (event.head) defaults.head = event.head;
  if (event.defaultBranch) defaults.defaultBranch = `origin/${event.defaultBranch}`;
  return defaults;
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
  const runner = readRunnerEnvironment(process.env, process.cwd());
  const redactor = new Redactor();
  // The runner's own tokens and credentials first: no message of this run may print them.
  for (const { value, pieces } of secretValuesOfEnvironment(runner.variables))
    redactor.add(value, { pieces });
  const channels = createActionChannels(redactor);
  const actionLogger = channels.logger;
  try {
    const inputs = readActionInputs();
    // The token and the env input's credentials are masked before anything else is printed.
    for (const { value, pieces } of secretValuesOfOptions(inputs)) redactor.add(value, { pieces });
    channels.maskSecrets();
    const root = resolve(runner.workspace, inputs.path ?? '.');
    const event = resolveEvent(
      runner.eventName,
      readEventPayload(runner, channels),
      runner.variables,
    );
    if (event.notice) channels.notice(event.notice);

    const outcome = await runScan({
      root,
      given: inputs,
      surfaceDefaults: eventDefaults(event),
      rangeWithoutBase: 'full',
      // The base branch's rules decide a pull request (and a merge queue entry); a push is
      // judged by its own commit's, which its author could change anyway.
      verdictFromBase: PULL_REQUEST_EVENTS.has(event.eventName),
      logger: actionLogger,
      redactor,
      today: todayFrom(runner.variables, new Date()),
      progress: createProgressReporter('log', (line) => channels.info(line.replace(/\n$/, ''))),
    });
    // Mask every detected value before anything about the findings is printed.
    channels.maskSecrets();

    const { result, options } = outcome;
    const rules = ruleMetas();
    const links = repositoryLinksFromEnvironment(runner.variables, result.commit ?? runner.sha);
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

    const reportDir = runner.runnerTemp ?? runner.workspace;
    const reportJson = join(reportDir, 'django-deploy-guard-report.json');
    writeOutputFile(reportJson, renderJson(result), redactor);
    let sarifFile: string | undefined;
    if (options.sarifFile) {
      sarifFile = resolve(runner.workspace, options.sarifFile);
      writeOutputFile(
        sarifFile,
        renderSarif(result, rules, {
          ...(links
            ? {
                repositoryUri: repositoryUrl(links),
                blobUrl: (commit: string, file: string, line: number) =>
                  blobUrl(links, commit, file, line),
              }
            : {}),
          ...(runner.ref ? { ref: runner.ref } : {}),
        }),
        redactor,
      );
    }

    const summaryMarkdown = renderSummary(result, rules, {
      annotationsNotShown: selection.notShown,
      ...(links ? { links } : {}),
    });
    await channels.writeSummary(summaryMarkdown);

    await publishToGitHub({
      runner,
      channels,
      options,
      event,
      result,
      rules,
      summaryMarkdown,
      links,
      root,
    });

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

interface PublishContext {
  runner: RunnerEnvironment;
  channels: ActionChannels;
  options: ResolvedOptions;
  event: EventContext;
  result: ScanResult;
  rules: ReturnType<typeof ruleMetas>;
  summaryMarkdown: string;
  links: RepositoryLinks | undefined;
  /** The scanned directory (its git repository gives the pull request's changed lines). */
  root: string;
}

/**
 * Which fixes can be suggested on the pull request's changed lines: the lines its head adds
 * against the merge base (`git diff`, through the hardened client), in files whose checked-out
 * content is the head's. Without the commits (a shallow checkout), every fix is listed instead.
 */
async function planPullRequestFixes(
  context: PublishContext,
): Promise<{ plan: SuggestionPlan; notice?: string }> {
  const { event, result, root } = context;
  const nothingSuggested = {
    suggestions: [],
    outside: result.findings.filter((f) => f.autofix && !f.suppressed && f.current),
  };
  const fixable = result.findings.some((f) => f.autofix && !f.suppressed);
  if (!fixable || !event.base || !event.head) return { plan: nothingSuggested };
  try {
    const git = createGitClient(root);
    const mergeBase = await git.mergeBase(event.base, event.head);
    if (mergeBase === undefined)
      return {
        plan: nothingSuggested,
        notice:
          'No suggested fixes: the pull request base is not in the checkout (fetch-depth: 0 gives it); the fixes are listed in the comment.',
      };
    const added = await git.addedLines(mergeBase, event.head);
    const stale = await git.pathsChangedSince(event.head);
    return { plan: planSuggestions(result.findings, { added, stale }) };
  } catch (error) {
    return {
      plan: nothingSuggested,
      notice: `No suggested fixes: could not read the pull request's changes (${(error as Error).message}).`,
    };
  }
}

/**
 * The PR comment and the check run. Whatever happens here (no token, no permission, GitHub down)
 * is a notice: the findings are already in the log, the annotations and the summary, and the
 * outputs and the decision come after.
 */
async function publishToGitHub(context: PublishContext): Promise<void> {
  const { runner, channels, options, event, result, rules, summaryMarkdown, links } = context;
  const { owner, repo } = runner;
  const wantsComment = event.pullRequest !== undefined && options.comment !== 'never';
  const wantsSuggestions =
    event.pullRequest !== undefined && event.eventName === 'pull_request' && options.suggestFixes;
  const wantsApi = wantsComment || options.checkRun || wantsSuggestions;
  if (!wantsApi) return;
  // An empty token (e.g. `${{ secrets.PAT }}` on a fork, where secrets are not passed): the
  // report still stands in the log, the summary and the outputs.
  if (options.githubToken.trim() === '') {
    channels.notice(
      'The github-token input is empty: no pull-request comment and no check run this time (the findings are in the annotations, the job summary and the outputs).',
    );
    return;
  }
  if (!owner || !repo) {
    channels.notice(
      'GITHUB_REPOSITORY is not set: no pull-request comment and no check run this time.',
    );
    return;
  }
  const octokit = redactRequests(
    createGitHubClient(options.githubToken, runner.apiUrl, { logger: channels.logger }),
    channels.redactor,
  );
  try {
    // Once for both publishers: a lookup that fails is retried with back-off, not twice over.
    const authorLogin =
      (wantsComment || wantsSuggestions) && event.pullRequest?.isFork === false
        ? await resolveTokenLogin(octokit)
        : undefined;
    let fixLines: string[] = [];
    if (wantsSuggestions && event.pullRequest) {
      const { plan, notice } = await planPullRequestFixes(context);
      if (notice) channels.notice(notice);
      const suggested = await publishFixSuggestions({
        octokit,
        owner,
        repo,
        pullRequestNumber: event.pullRequest.number,
        headSha: event.pullRequest.headSha,
        suggestions: plan.suggestions,
        isFork: event.pullRequest.isFork,
        logger: channels.logger,
        authorLogin,
      });
      if (suggested.notice) channels.notice(suggested.notice);
      const posted = plan.suggestions.length - (suggested.notice ? plan.suggestions.length : 0);
      fixLines = renderOutsideFixes(
        suggested.notice ? [...plan.outside, ...suggestedFindings(result, plan)] : plan.outside,
        posted,
      );
    }
    if (wantsComment && event.pullRequest) {
      const commentOutcome = await publishPullRequestComment({
        octokit,
        owner,
        repo,
        pullRequestNumber: event.pullRequest.number,
        body: renderComment(result, { ...(links ? { links } : {}), fixes: fixLines }),
        mode: options.comment,
        hasFindings: hasCommentWorthyFindings(result),
        isFork: event.pullRequest.isFork,
        logger: channels.logger,
        authorLogin,
      });
      if (commentOutcome.notice) channels.notice(commentOutcome.notice);
    }
    // The PR head, not GITHUB_SHA: on pull_request that is the merge commit, and a check run
    // attached to it does not show on the pull request.
    const checkSha = event.pullRequest?.headSha ?? runner.sha ?? result.commit;
    if (options.checkRun && checkSha) {
      const checkOutcome = await publishCheckRun({
        octokit,
        owner,
        repo,
        headSha: checkSha,
        result,
        rules,
        summaryMarkdown,
        logger: channels.logger,
        ...(links?.runUrl ? { detailsUrl: links.runUrl } : {}),
        ...(event.pullRequest ? { isFork: event.pullRequest.isFork } : {}),
      });
      if (checkOutcome.notice) channels.notice(checkOutcome.notice);
    }
  } catch (error) {
    // The publishers never throw for API answers; this is the net for anything else.
    channels.notice(`Could not publish to GitHub: ${(error as Error).message}`);
  }
}

/** The findings behind the suggestions (listed in the comment when the review could not be posted). */
function suggestedFindings(result: ScanResult, plan: SuggestionPlan): ScanResult['findings'] {
  const keys = new Set(plan.suggestions.map((s) => s.key.split(':')[0]));
  return result.findings.filter((f) => keys.has(f.fingerprint) && !plan.outside.includes(f));
}
