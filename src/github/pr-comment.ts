import type { Logger } from '../core/logger';
import { COMMENT_MARKER } from '../report/comment';
import type { GitHubClient } from './client';
import { describeApiError, statusOf } from './client';
import { resolveTokenLogin } from './token-identity';

/**
 * The one pull-request comment we keep up to date: found by its hidden marker among ALL the
 * issue's comments, edited on every run. A missing permission never fails the run.
 * https://docs.github.com/en/rest/issues/comments
 */

export const COMMENT_MODES = ['auto', 'always', 'never'] as const;
/** `auto`: post only when there is something to say (or a comment to update); `always`; `never`. */
export type CommentMode = (typeof COMMENT_MODES)[number];

export interface PublishCommentParams {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  pullRequestNumber: number;
  /** From `renderComment`; must start with COMMENT_MARKER. */
  body: string;
  mode: CommentMode;
  /** Whether this run found anything (`hasCommentWorthyFindings`). */
  hasFindings: boolean;
  /** Head repository ≠ base repository: the token is read-only, so don't even try. */
  isFork: boolean;
  logger: Logger;
  /**
   * Only a comment by this login counts as ours (e.g. `github-actions[bot]`). Unset: the token's
   * own identity is looked up (`resolveTokenLogin`). Given as undefined: looked up already, and
   * unknown (so a failing lookup is not retried once per publisher).
   */
  authorLogin?: string | undefined;
}

export type CommentAction = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

export interface CommentOutcome {
  action: CommentAction;
  commentId?: number;
  /** Why it was skipped or failed; the caller shows it as a notice (never fails the run). */
  notice?: string;
}

interface ListedComment {
  id: number;
  body?: string | null;
  user?: { login: string; type?: string } | null;
}

/**
 * Our comment starts with the marker (a reply quoting it starts with `>`) AND was written by the
 * token's own identity: anyone taking part in the pull request can paste the marker into a comment
 * of theirs, and editing it would put our report under their name (and let them rewrite it).
 * With the identity unknown, nothing is ours.
 */
function findOurComment(
  comments: readonly ListedComment[],
  authorLogin: string | undefined,
): ListedComment | undefined {
  if (authorLogin === undefined) return undefined;
  return comments.find(
    (c) => c.user?.login === authorLogin && c.body?.trimStart().startsWith(COMMENT_MARKER),
  );
}

function fallback(error: unknown, doing: string): CommentOutcome {
  const status = statusOf(error);
  if (status === 403 || status === 401 || status === 404) {
    return {
      action: 'skipped',
      notice: `Skipped the pull-request comment: could not ${doing} (${describeApiError(error)}). Give the workflow \`permissions: pull-requests: write\` to get it; findings are still in the annotations and the job summary.`,
    };
  }
  return {
    action: 'failed',
    notice: `Could not ${doing} the pull-request comment (${describeApiError(error)}); findings are still in the annotations and the job summary.`,
  };
}

/** Creates, edits or leaves alone the report comment on a pull request. Never throws. */
export async function publishPullRequestComment(
  params: PublishCommentParams,
): Promise<CommentOutcome> {
  const { octokit, owner, repo, pullRequestNumber, body, mode, logger } = params;
  if (mode === 'never') return { action: 'skipped' };
  if (params.isFork) {
    return {
      action: 'skipped',
      notice:
        'Skipped the pull-request comment: this pull request comes from a fork, whose token is read-only. Findings are in the annotations and the job summary.',
    };
  }
  const authorLogin =
    'authorLogin' in params ? params.authorLogin : await resolveTokenLogin(octokit);
  if (authorLogin === undefined)
    logger.warning(
      'Could not tell which account the token acts as: an earlier report comment will not be updated, a new one is posted instead.',
    );
  let existing: ListedComment | undefined;
  try {
    // Paginate: a busy pull request has more than one page of comments and ours may be on any.
    const comments = (await octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: pullRequestNumber,
      per_page: 100,
    })) as ListedComment[];
    existing = findOurComment(comments, authorLogin);
  } catch (error) {
    return fallback(error, 'list the comments of');
  }
  try {
    if (existing) {
      if (existing.body === body) return { action: 'unchanged', commentId: existing.id };
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
      logger.info(`Updated the report comment on pull request #${pullRequestNumber}.`);
      return { action: 'updated', commentId: existing.id };
    }
    if (mode === 'auto' && !params.hasFindings) return { action: 'skipped' };
    const created = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: pullRequestNumber,
      body,
    });
    logger.info(`Posted the report comment on pull request #${pullRequestNumber}.`);
    return { action: 'created', commentId: created.data.id };
  } catch (error) {
    return fallback(error, existing ? 'edit' : 'post');
  }
}
