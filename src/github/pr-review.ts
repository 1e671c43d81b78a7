import type { Logger } from '../core/logger';
import {
  REVIEW_MARKER,
  renderReviewBody,
  suggestionKeyOf,
  type FixSuggestion,
} from '../report/suggestions';
import type { GitHubClient } from './client';
import { describeApiError, statusOf } from './client';
import { resolveTokenLogin } from './token-identity';

/**
 * Fixes as suggested changes on the pull request: one review of ours, whose comments are kept up
 * to date on every push. A comment whose fix is unchanged is left alone, one whose text changed
 * is edited in place, one whose fix is gone (applied, or no longer needed) is deleted. Only fixes
 * that have no comment yet are posted, in a new review (GitHub adds no comments to a submitted
 * review), so a push that changes nothing adds nothing. Only comments and reviews written by the
 * token's own identity are ours (anyone can paste our marker). Needs `pull-requests: write`.
 * https://docs.github.com/en/rest/pulls/reviews  https://docs.github.com/en/rest/pulls/comments
 */

export interface PublishSuggestionsParams {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  pullRequestNumber: number;
  /** The pull request's head commit: the suggestions' line numbers are its. */
  headSha: string;
  suggestions: readonly FixSuggestion[];
  isFork: boolean;
  logger: Logger;
  /** The token's login when the caller looked it up (undefined: unknown); else looked up here. */
  authorLogin?: string | undefined;
}

export interface SuggestionsOutcome {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  reviewId?: number;
  notice?: string;
}

interface ListedReviewComment {
  id: number;
  body: string;
  path: string;
  line?: number | null;
  start_line?: number | null;
  user?: { login: string } | null;
}

interface ListedReview {
  id: number;
  body?: string | null;
  user?: { login: string } | null;
}

function samePlace(comment: ListedReviewComment, suggestion: FixSuggestion): boolean {
  const start = comment.start_line ?? comment.line;
  return (
    comment.path === suggestion.path &&
    comment.line === suggestion.line &&
    start === suggestion.startLine
  );
}

/** Posts, edits and deletes our suggestion comments. Never throws. */
export async function publishFixSuggestions(
  params: PublishSuggestionsParams,
): Promise<SuggestionsOutcome> {
  const { octokit, owner, repo, pullRequestNumber: pull_number, logger } = params;
  const outcome: SuggestionsOutcome = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
  if (params.isFork) {
    if (params.suggestions.length > 0)
      outcome.notice =
        'Skipped the suggested fixes: this pull request comes from a fork, whose token is read-only. Run `django-deploy-guard fix` locally.';
    return outcome;
  }
  const login = 'authorLogin' in params ? params.authorLogin : await resolveTokenLogin(octokit);
  let step = 'list the review comments of';
  try {
    const comments = (
      (await octokit.paginate(octokit.rest.pulls.listReviewComments, {
        owner,
        repo,
        pull_number,
        per_page: 100,
      })) as ListedReviewComment[]
    ).filter((c) => login !== undefined && c.user?.login === login);
    const ours = new Map<string, ListedReviewComment>();
    for (const comment of comments) {
      const key = suggestionKeyOf(comment.body);
      if (key !== undefined && !ours.has(key)) ours.set(key, comment);
    }
    const toPost: FixSuggestion[] = [];
    for (const suggestion of params.suggestions) {
      const existing = ours.get(suggestion.key);
      if (existing && samePlace(existing, suggestion)) {
        ours.delete(suggestion.key);
        if (existing.body === suggestion.body) outcome.unchanged++;
        else {
          step = 'edit a suggestion on';
          await octokit.rest.pulls.updateReviewComment({
            owner,
            repo,
            comment_id: existing.id,
            body: suggestion.body,
          });
          outcome.updated++;
        }
      } else toPost.push(suggestion);
    }
    // What is left is ours and no longer suggested (applied, gone, or moved: posted again).
    for (const stale of ours.values()) {
      step = 'delete an outdated suggestion on';
      await octokit.rest.pulls.deleteReviewComment({ owner, repo, comment_id: stale.id });
      outcome.deleted++;
    }
    step = 'list the reviews of';
    const reviews = (await octokit.paginate(octokit.rest.pulls.listReviews, {
      owner,
      repo,
      pull_number,
      per_page: 100,
    })) as ListedReview[];
    const review = reviews.find(
      (r) => login !== undefined && r.user?.login === login && r.body?.startsWith(REVIEW_MARKER),
    );
    const body = renderReviewBody(params.suggestions);
    if (toPost.length === 0) {
      if (review) {
        outcome.reviewId = review.id;
        if (review.body !== body) {
          step = 'edit the review on';
          await octokit.rest.pulls.updateReview({
            owner,
            repo,
            pull_number,
            review_id: review.id,
            body,
          });
        }
      }
      return outcome;
    }
    step = 'post suggested fixes on';
    const created = await octokit.rest.pulls.createReview({
      owner,
      repo,
      pull_number,
      commit_id: params.headSha,
      event: 'COMMENT',
      body,
      comments: toPost.map((s) => ({
        path: s.path,
        line: s.line,
        side: 'RIGHT' as const,
        ...(s.startLine !== s.line
          ? { start_line: s.startLine, start_side: 'RIGHT' as const }
          : {}),
        body: s.body,
      })),
    });
    outcome.created = toPost.length;
    outcome.reviewId = created.data.id;
    logger.info(`Suggested ${toPost.length} fix(es) on pull request #${pull_number}.`);
    return outcome;
  } catch (error) {
    const status = statusOf(error);
    outcome.notice =
      status === 403 || status === 401 || status === 404
        ? `Skipped the suggested fixes: could not ${step} the pull request (${describeApiError(error)}). Give the workflow \`permissions: pull-requests: write\` to get them; \`django-deploy-guard fix\` applies them locally.`
        : `Could not ${step} the pull request (${describeApiError(error)}); \`django-deploy-guard fix\` applies the fixes locally.`;
    return outcome;
  }
}
