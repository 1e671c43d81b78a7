import type { Logger } from '../core/logger';
import type { RuleMeta } from '../core/types';
import type { ScanResult } from '../core/scan-result';
import type { Annotation } from '../report/annotations';
import { buildAllAnnotations } from '../report/annotations';
import { truncateText } from '../report/escape';
import type { GitHubClient } from './client';
import { messageOf, statusOf } from './client';

/**
 * A check run that carries EVERY annotation (workflow commands show only 10 per level). The
 * Checks API takes at most 50 annotations per request, so they go in batches of updates.
 * https://docs.github.com/en/rest/checks/runs#update-a-check-run
 */

export const CHECK_RUN_NAME = 'django-deploy-guard';
export const CHECK_ANNOTATIONS_PER_REQUEST = 50;
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
}

export interface CheckRunOutcome {
  action: 'created' | 'skipped' | 'failed';
  checkRunId?: number;
  /** Requests made after the create (one per batch of ≤ 50 annotations, at least one). */
  updates: number;
  annotations: number;
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

/** Cuts markdown to the Checks API limit at a line boundary, with a note saying so. */
export function fitCheckOutput(markdown: string, max: number = CHECK_OUTPUT_MAX_CHARS): string {
  if (markdown.length <= max) return markdown;
  const note =
    '\n\n> [!NOTE]\n> Cut to fit the check run; the job summary and the SARIF report have every finding.\n';
  const room = max - note.length;
  const cut = markdown.lastIndexOf('\n', room);
  return `${truncateText(markdown, cut > 0 ? cut + 1 : room).replace(/…$/, '')}${note}`;
}

export function checkRunTitle(result: ScanResult): string {
  const { summary } = result;
  if (summary.total === 0) return 'No findings';
  const status = summary.failed ? 'failed' : 'passed';
  return `${summary.total} finding${summary.total === 1 ? '' : 's'} (highest: ${summary.highestSeverity}), ${status}`;
}

/** Creates the check run, then adds every annotation in batches of 50 and completes it. Never throws. */
export async function publishCheckRun(params: PublishCheckRunParams): Promise<CheckRunOutcome> {
  const { octokit, owner, repo, result, logger } = params;
  const annotations = buildAllAnnotations(result, params.rules).map(toCheckAnnotation);
  if (params.isFork) {
    return {
      action: 'skipped',
      updates: 0,
      annotations: annotations.length,
      notice:
        'Skipped the check run: this pull request comes from a fork, whose token cannot write checks. Findings are in the annotations and the job summary.',
    };
  }
  const output = { title: checkRunTitle(result), summary: fitCheckOutput(params.summaryMarkdown) };
  let checkRunId: number | undefined;
  let updates = 0;
  try {
    const created = await octokit.rest.checks.create({
      owner,
      repo,
      name: params.name ?? CHECK_RUN_NAME,
      head_sha: params.headSha,
      status: 'in_progress',
      ...(params.detailsUrl ? { details_url: params.detailsUrl } : {}),
    });
    checkRunId = created.data.id;
    const batches: CheckAnnotation[][] = [];
    for (let i = 0; i < annotations.length; i += CHECK_ANNOTATIONS_PER_REQUEST) {
      batches.push(annotations.slice(i, i + CHECK_ANNOTATIONS_PER_REQUEST));
    }
    if (batches.length === 0) batches.push([]);
    for (const [index, batch] of batches.entries()) {
      const last = index === batches.length - 1;
      await octokit.rest.checks.update({
        owner,
        repo,
        check_run_id: checkRunId,
        output: { ...output, annotations: batch },
        ...(last
          ? {
              status: 'completed' as const,
              conclusion: result.summary.failed ? ('failure' as const) : ('success' as const),
            }
          : {}),
      });
      updates += 1;
    }
    logger.info(
      `Check run ${checkRunId}: ${annotations.length} annotations in ${updates} updates.`,
    );
    return { action: 'created', checkRunId, updates, annotations: annotations.length };
  } catch (error) {
    const status = statusOf(error);
    const base = {
      updates,
      annotations: annotations.length,
      ...(checkRunId !== undefined ? { checkRunId } : {}),
    };
    if (status === 403 || status === 401 || status === 404) {
      return {
        ...base,
        action: 'skipped',
        notice: `Skipped the check run (HTTP ${status}: ${messageOf(error)}). \`check-run: true\` needs \`permissions: checks: write\`, which a fork's token never has; findings are still in the annotations and the job summary.`,
      };
    }
    return {
      ...base,
      action: 'failed',
      notice: `Could not publish the check run (${status !== undefined ? `HTTP ${status}: ` : ''}${messageOf(error)}); findings are still in the annotations and the job summary.`,
    };
  }
}
