import type { Logger } from '../core/logger';
import type { RuleMeta } from '../core/types';
import type { ScanResult } from '../core/scan-result';
import type { Annotation } from '../report/annotations';
import { buildAllAnnotations } from '../report/annotations';
import { escapeMarkdown, truncateText } from '../report/escape';
import type { GitHubClient } from './client';
import { describeApiError, statusOf } from './client';

/**
 * A check run with the findings as annotations (workflow commands show only 10 per level).
 * https://docs.github.com/en/rest/checks/runs#create-a-check-run
 *
 * It is created already completed, with its conclusion and the first 50 annotations, so that no
 * failure later (a rate limit, a network error, a cancelled job) can leave it `in_progress`
 * forever; further annotations are added by updates, which GitHub accepts on a completed run.
 * The Checks API takes at most 50 annotations per request and the client paces writes at one a
 * second, so at most CHECK_ANNOTATIONS_MAX annotations are sent, the most severe first (a few
 * seconds, not 500 requests for 25,000 findings); the check run's text lists the others, and the
 * job summary and the SARIF report have every finding.
 */

export const CHECK_RUN_NAME = 'django-deploy-guard';
export const CHECK_ANNOTATIONS_PER_REQUEST = 50;
/** 20 requests: nobody reads more on a pull request; code scanning (SARIF) takes the bulk. */
export const CHECK_ANNOTATIONS_MAX = 1000;
/** `output.summary` and `output.text` are limited to 65535 characters. */
export const CHECK_OUTPUT_MAX_CHARS = 65_535;
/** Annotation messages are limited to 64 KB; titles are kept short. */
const ANNOTATION_MESSAGE_MAX_CHARS = 60_000;
const ANNOTATION_TITLE_MAX_CHARS = 255;

export type CheckAnnotationLevel = 'failure' | 'warning' | 'notice';

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: CheckAnnotationLevel;
  title: string;
  message: string;
}

export interface PublishCheckRunParams {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  /** The commit to attach to: for pull requests the PR head SHA, not the merge commit. */
  headSha: string;
  result: ScanResult;
  rules: readonly RuleMeta[];
  /** The job summary markdown (`renderSummary`); cut to fit `output.summary`. */
  summaryMarkdown: string;
  /** Link shown as "Details", e.g. the workflow run. */
  detailsUrl?: string;
  name?: string;
  /** A pull request from a fork: its token never has `checks: write`, so don't even try. */
  isFork?: boolean;
  logger: Logger;
  /** For tests; CHECK_ANNOTATIONS_MAX otherwise. */
  maxAnnotations?: number;
}

export interface CheckRunOutcome {
  action: 'created' | 'skipped' | 'failed';
  checkRunId?: number;
  /** Requests made after the create (one per further batch of ≤ 50 annotations). */
  updates: number;
  /** Annotations the check run holds. */
  annotations: number;
  /** Findings that are not annotations on the check run (over the cap, or a request failed). */
  notAnnotated: number;
  notice?: string;
}

export function toCheckAnnotation(annotation: Annotation): CheckAnnotation {
  return {
    path: annotation.file,
    start_line: annotation.startLine,
    end_line: annotation.endLine,
    ...(annotation.startColumn !== undefined ? { start_column: annotation.startColumn } : {}),
    ...(annotation.endColumn !== undefined ? { end_column: annotation.endColumn } : {}),
    annotation_level: annotation.level === 'error' ? 'failure' : annotation.level,
    title: truncateText(annotation.title, ANNOTATION_TITLE_MAX_CHARS),
    message: truncateText(annotation.message, ANNOTATION_MESSAGE_MAX_CHARS),
  };
}

const CUT_NOTE =
  '\n\n> [!NOTE]\n> Cut to fit the check run; the job summary and the SARIF report have every finding.\n';

/** Cuts markdown to the Checks API limit at a line boundary, with a note saying so. */
export function fitCheckOutput(markdown: string, max: number = CHECK_OUTPUT_MAX_CHARS): string {
  if (markdown.length <= max) return markdown;
  const room = max - CUT_NOTE.length;
  const cut = markdown.lastIndexOf('\n', room);
  return `${truncateText(markdown, cut > 0 ? cut + 1 : room).replace(/…$/, '')}${CUT_NOTE}`;
}

/** The check run's `text`: the findings that are not annotations, one table row each. */
export function renderNotAnnotated(
  annotations: readonly CheckAnnotation[],
  annotated: number,
): string {
  const rows = annotations.map(
    (a) =>
      `| ${escapeMarkdown(`${a.path}:${a.start_line}`)} | ${a.annotation_level} | ${escapeMarkdown(a.title)} |`,
  );
  return fitCheckOutput(
    [
      `### ${annotations.length} more finding${annotations.length === 1 ? '' : 's'}, not annotated`,
      '',
      `The check run annotates the ${annotated} most severe findings; these are the others.`,
      '',
      '| Location | Level | Rule |',
      '| --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
}

export function checkRunTitle(result: ScanResult): string {
  const { summary } = result;
  if (summary.total === 0) return 'No findings';
  const status = summary.failed ? 'failed' : 'passed';
  return `${summary.total} finding${summary.total === 1 ? '' : 's'} (highest: ${summary.highestSeverity}), ${status}`;
}

function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/**
 * Creates the check run completed with its conclusion, then adds the remaining annotations in
 * batches of 50. Never throws: a failure is a notice, and a created run is never left open.
 */
export async function publishCheckRun(params: PublishCheckRunParams): Promise<CheckRunOutcome> {
  const { octokit, owner, repo, result, logger } = params;
  const all = buildAllAnnotations(result, params.rules).map(toCheckAnnotation);
  if (params.isFork) {
    return {
      action: 'skipped',
      updates: 0,
      annotations: 0,
      notAnnotated: all.length,
      notice:
        'Skipped the check run: this pull request comes from a fork, whose token cannot write checks. Findings are in the annotations and the job summary.',
    };
  }
  const max = params.maxAnnotations ?? CHECK_ANNOTATIONS_MAX;
  const [first = [], ...rest] = batchesOf(all.slice(0, max), CHECK_ANNOTATIONS_PER_REQUEST);
  const overCap = all.slice(max);
  const output = {
    title: checkRunTitle(result),
    summary: fitCheckOutput(params.summaryMarkdown),
    ...(overCap.length > 0 ? { text: renderNotAnnotated(overCap, max) } : {}),
  };
  let checkRunId: number;
  try {
    const created = await octokit.rest.checks.create({
      owner,
      repo,
      name: params.name ?? CHECK_RUN_NAME,
      head_sha: params.headSha,
      status: 'completed',
      conclusion: result.summary.failed ? 'failure' : 'success',
      output: { ...output, annotations: first },
      ...(params.detailsUrl ? { details_url: params.detailsUrl } : {}),
    });
    checkRunId = created.data.id;
  } catch (error) {
    const status = statusOf(error);
    const base = { updates: 0, annotations: 0, notAnnotated: all.length };
    if (status === 403 || status === 401 || status === 404) {
      return {
        ...base,
        action: 'skipped',
        notice: `Skipped the check run (${describeApiError(error)}). \`check-run: true\` needs \`permissions: checks: write\`, which a fork's token never has; findings are still in the annotations and the job summary.`,
      };
    }
    return {
      ...base,
      action: 'failed',
      notice: `Could not create the check run (${describeApiError(error)}); findings are still in the annotations and the job summary.`,
    };
  }
  let annotated = first.length;
  let updates = 0;
  for (const batch of rest) {
    try {
      await octokit.rest.checks.update({
        owner,
        repo,
        check_run_id: checkRunId,
        output: { ...output, annotations: batch },
      });
    } catch (error) {
      return {
        action: 'created',
        checkRunId,
        updates,
        annotations: annotated,
        notAnnotated: all.length - annotated,
        notice: `Check run ${checkRunId} is complete, but only ${annotated} of ${all.length} findings became annotations (${describeApiError(error)}); the job summary has every finding.`,
      };
    }
    updates += 1;
    annotated += batch.length;
  }
  logger.info(
    `Check run ${checkRunId}: ${annotated} annotations in ${updates + 1} request${updates === 0 ? '' : 's'}${overCap.length > 0 ? `; ${overCap.length} more findings listed in its text` : ''}.`,
  );
  return {
    action: 'created',
    checkRunId,
    updates,
    annotations: annotated,
    notAnnotated: all.length - annotated,
  };
}
