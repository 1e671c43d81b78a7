/**
 * A small stand-in for api.github.com on 127.0.0.1, for tests that drive the REAL Octokit client.
 *
 * Every request is checked against GitHub's published OpenAPI description (@octokit/openapi):
 * method + path template, path and query parameter types, and the request body (required
 * properties, types, enums, maxItems, maxLength). A request the real API would reject is answered
 * 422/404 AND recorded in `state.violations`, so tests can assert there were none.
 *
 * State (issue comments, check runs) lives in memory; responses follow GitHub's shapes, status
 * codes and `Link` pagination. Tokens can be made read-only: writes then get GitHub's
 * 403 "Resource not accessible by integration". Faults can be injected per operation (rate limits
 * as GitHub answers them, server errors), and the API can live under a path prefix like GitHub
 * Enterprise Server's `/api/v3`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, unknown>;

export type Access = 'read' | 'write' | 'none';

/** What a token may do, per GitHub permission scope. */
export interface TokenPermissions {
  /** `issues`/`pull-requests` (issue comments on PRs). Default `write`. */
  issues?: Access;
  /** `checks`. Default `write`. */
  checks?: Access;
  /**
   * Login of the token's identity; default `github-actions[bot]`. A `…[bot]` login is an
   * installation token: `GET /user` answers 403, GraphQL's `viewer` names the bot.
   */
  login?: string;
}

export interface GitHubServerOptions {
  /**
   * Known tokens and what they may do. When omitted, any token may do anything; when given,
   * unknown tokens get 401 "Bad credentials".
   */
  tokens?: Record<string, TokenPermissions>;
  /** Serve the API under this prefix, as GitHub Enterprise Server does (`/api/v3`). */
  pathPrefix?: string;
}

/** An answer the server gives instead of handling a request, `times` times (default once). */
export interface GitHubServerFault {
  /** `METHOD /path/{template}` as in GitHub's description. */
  operation: string;
  status: number;
  headers?: Record<string, string>;
  body: Json;
  times?: number;
}

/**
 * A secondary rate limit as GitHub answers it: 403 (or 429) with `retry-after` and this message.
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 */
export function secondaryRateLimit(
  operation: string,
  retryAfterSeconds: number,
  status: 403 | 429 = 403,
): GitHubServerFault {
  return {
    operation,
    status,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: String(status),
    },
  };
}

/** A primary rate limit: `x-ratelimit-remaining: 0` until `x-ratelimit-reset`. */
export function primaryRateLimit(operation: string, resetInSeconds: number): GitHubServerFault {
  return {
    operation,
    status: 403,
    headers: {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '5000',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetInSeconds),
    },
    body: {
      message: 'API rate limit exceeded for installation ID 1.',
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit',
      status: '403',
    },
  };
}

/** A server error (502 Bad Gateway, as GitHub's front end answers when the API times out). */
export function serverError(operation: string, times = 1, status = 502): GitHubServerFault {
  return { operation, status, times, body: { message: 'Server Error' } };
}

export interface StoredComment {
  repository: string;
  issueNumber: number;
  id: number;
  body: string;
  login: string;
  userType: 'Bot' | 'User';
  createdAt: string;
  updatedAt: string;
}

export interface StoredCheckRun {
  repository: string;
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  detailsUrl?: string;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: Record<string, Json>[];
}

export interface StoredReview {
  repository: string;
  pullNumber: number;
  id: number;
  body: string;
  login: string;
  commitId: string;
  event: string;
}

export interface StoredReviewComment {
  repository: string;
  pullNumber: number;
  reviewId: number;
  id: number;
  path: string;
  line: number;
  startLine?: number;
  side: string;
  body: string;
  login: string;
  updatedAt: string;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** `METHOD /path/{template}` when it matched GitHub's description. */
  operation?: string;
  status: number;
  body?: Json;
}

export interface GitHubServerState {
  comments: StoredComment[];
  checkRuns: StoredCheckRun[];
  reviews: StoredReview[];
  reviewComments: StoredReviewComment[];
  /**
   * The lines of the pull request's diff (right side) by path, when a test sets them: a review
   * comment elsewhere gets GitHub's 422 "Line could not be resolved", as on github.com.
   */
  diffLines?: Record<string, readonly number[]>;
  requests: RecordedRequest[];
  /** Requests the real API would reject (unknown route, invalid parameters or body). */
  violations: string[];
  /** Injected answers, consumed in order by the requests they match. */
  faults: GitHubServerFault[];
  /** Adds comments as if someone had posted them before the run. */
  seedComments(
    repository: string,
    issueNumber: number,
    bodies: readonly string[],
    author?: { login: string; type: 'Bot' | 'User' },
  ): StoredComment[];
}

export interface GitHubServer {
  /** Base URL for Octokit (`baseUrl`) and `GITHUB_API_URL`. */
  url: string;
  state: GitHubServerState;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// The OpenAPI description, loaded once per test worker.

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  paramNames: string[];
  parameters: Schema[];
  requestBody?: { required?: boolean; schema?: Schema };
}

interface Description {
  root: Schema;
  operations: Operation[];
}

let description: Description | undefined;

function loadDescription(): Description {
  if (description) return description;
  const require = createRequire(import.meta.url);
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const root = JSON.parse(readFileSync(file, 'utf8')) as Schema;
  const operations: Operation[] = [];
  const paths = root.paths as Record<string, Record<string, Schema>>;
  for (const [template, item] of Object.entries(paths)) {
    const paramNames: string[] = [];
    const source = template
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{([^}]+)\}/g, (_, name: string) => {
        paramNames.push(name);
        return '([^/]+)';
      });
    for (const method of ['get', 'post', 'patch', 'put', 'delete']) {
      const operation = item[method];
      if (!operation) continue;
      const body = operation.requestBody as Schema | undefined;
      const resolvedBody = body ? (resolve(root, body) as Schema) : undefined;
      const content = resolvedBody?.content as Record<string, { schema?: Schema }> | undefined;
      operations.push({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${source}$`),
        paramNames,
        parameters: ((operation.parameters as Schema[] | undefined) ?? []).map(
          (p) => resolve(root, p) as Schema,
        ),
        requestBody: resolvedBody
          ? {
              required: resolvedBody.required === true,
              schema: content?.['application/json']?.schema,
            }
          : undefined,
      });
    }
  }
  // Literal segments beat parameters: `/repos/{o}/{r}/issues/comments/{id}` over `.../issues/{n}/...`.
  operations.sort((a, b) => a.paramNames.length - b.paramNames.length);
  description = { root, operations };
  return description;
}

function resolve(root: Schema, node: unknown): unknown {
  let current = node;
  for (let depth = 0; depth < 32; depth += 1) {
    if (typeof current !== 'object' || current === null || !('$ref' in current)) return current;
    const ref = (current as { $ref: string }).$ref;
    current = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], root);
  }
  return current;
}

/** Basic JSON-schema checks: type, required, properties, items, enum, maxItems, maxLength, *Of. */
function validate(
  root: Schema,
  schemaNode: unknown,
  value: unknown,
  at: string,
  errors: string[],
): void {
  const schema = resolve(root, schemaNode) as Schema | undefined;
  if (!schema || typeof schema !== 'object') return;
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key] as unknown[] | undefined;
    if (options) {
      const passing = options.some((option) => {
        const sub: string[] = [];
        validate(root, option, value, at, sub);
        return sub.length === 0;
      });
      if (!passing) errors.push(`${at}: matches none of ${key}`);
    }
  }
  for (const part of (schema.allOf as unknown[] | undefined) ?? [])
    validate(root, part, value, at, errors);
  if (value === null) {
    if (schema.nullable !== true && schema.type !== 'null' && schema.type !== undefined) {
      errors.push(`${at}: must not be null`);
    }
    return;
  }
  const type = schema.type as string | string[] | undefined;
  const types = type === undefined ? [] : Array.isArray(type) ? type : [type];
  if (types.length > 0 && !types.some((t) => hasType(value, t))) {
    errors.push(`${at}: expected ${types.join('|')}, got ${JSON.stringify(value)?.slice(0, 60)}`);
    return;
  }
  const allowed = schema.enum as unknown[] | undefined;
  if (allowed && !allowed.includes(value))
    errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (
    typeof value === 'string' &&
    typeof schema.maxLength === 'number' &&
    value.length > schema.maxLength
  ) {
    errors.push(`${at}: longer than ${schema.maxLength}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
      errors.push(`${at}: more than ${schema.maxItems} items`);
    }
    value.forEach((item, index) => validate(root, schema.items, item, `${at}[${index}]`, errors));
  } else if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const name of (schema.required as string[] | undefined) ?? []) {
      if (!(name in record)) errors.push(`${at}: missing required property ${name}`);
    }
    const properties = (schema.properties as Record<string, unknown> | undefined) ?? {};
    for (const [name, child] of Object.entries(record)) {
      if (name in properties) validate(root, properties[name], child, `${at}.${name}`, errors);
    }
  }
}

function asText(value: Json | undefined): string {
  return typeof value === 'string' ? value : '';
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return true;
  }
}

/** A path or query parameter arrives as text; check it parses as its declared type. */
function validateParameterText(
  schemaNode: unknown,
  text: string,
  at: string,
  errors: string[],
): void {
  const schema = (resolve(loadDescription().root, schemaNode) ?? {}) as Schema;
  if (schema.type === 'integer' && !/^-?\d+$/.test(text))
    errors.push(`${at}: expected integer, got '${text}'`);
  if (schema.type === 'boolean' && text !== 'true' && text !== 'false')
    errors.push(`${at}: expected boolean`);
  const allowed = schema.enum as unknown[] | undefined;
  if (allowed && !allowed.includes(text)) errors.push(`${at}: '${text}' not in enum`);
}

// ---------------------------------------------------------------------------------------------
// The server.

const FORBIDDEN = {
  message: 'Resource not accessible by integration',
  documentation_url: 'https://docs.github.com/rest',
  status: '403',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {
    super(String(status));
  }
}

/** Starts the server on an ephemeral port of 127.0.0.1. */
export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const spec = loadDescription();
  let nextId = 1000;
  let clock = Date.UTC(2024, 0, 1, 0, 0, 0);
  const now = () => new Date((clock += 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z');

  const state: GitHubServerState = {
    comments: [],
    checkRuns: [],
    reviews: [],
    reviewComments: [],
    requests: [],
    violations: [],
    faults: [],
    seedComments(repository, issueNumber, bodies, author = { login: 'someone', type: 'User' }) {
      return bodies.map((body) => {
        const time = now();
        const comment: StoredComment = {
          repository,
          issueNumber,
          id: (nextId += 1),
          body,
          login: author.login,
          userType: author.type,
          createdAt: time,
          updatedAt: time,
        };
        state.comments.push(comment);
        return comment;
      });
    },
  };

  let baseUrl = '';

  const user = (login: string, type: 'Bot' | 'User') => ({
    login,
    id: login.length * 1000 + 1,
    node_id: `U_${login}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${login.length}`,
    gravatar_id: '',
    url: `${baseUrl}/users/${encodeURIComponent(login)}`,
    html_url: `https://github.com/${encodeURIComponent(login)}`,
    type,
    site_admin: false,
  });

  const commentJson = (c: StoredComment): Json => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${baseUrl}/repos/${c.repository}/issues/comments/${c.id}`,
    html_url: `https://github.com/${c.repository}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${baseUrl}/repos/${c.repository}/issues/${c.issueNumber}`,
    body: c.body,
    user: user(c.login, c.userType),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: c.userType === 'Bot' ? 'NONE' : 'MEMBER',
  });

  const checkRunJson = (run: StoredCheckRun): Json => ({
    id: run.id,
    node_id: `CR_${run.id}`,
    head_sha: run.headSha,
    external_id: '',
    url: `${baseUrl}/repos/${run.repository}/check-runs/${run.id}`,
    html_url: `https://github.com/${run.repository}/runs/${run.id}`,
    details_url: run.detailsUrl ?? null,
    status: run.status,
    conclusion: run.conclusion,
    started_at: '2024-01-01T00:00:00Z',
    completed_at: run.status === 'completed' ? '2024-01-01T00:01:00Z' : null,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.annotations.length,
      annotations_url: `${baseUrl}/repos/${run.repository}/check-runs/${run.id}/annotations`,
    },
    name: run.name,
    check_suite: { id: 1 },
    app: null,
    pull_requests: [],
  });

  const reviewJson = (r: StoredReview): Json => ({
    id: r.id,
    node_id: `PRR_${r.id}`,
    user: user(r.login, r.login.endsWith('[bot]') ? 'Bot' : 'User'),
    body: r.body,
    state: 'COMMENTED',
    html_url: `https://github.com/${r.repository}/pull/${r.pullNumber}#pullrequestreview-${r.id}`,
    pull_request_url: `${baseUrl}/repos/${r.repository}/pulls/${r.pullNumber}`,
    commit_id: r.commitId,
    author_association: 'NONE',
    _links: { html: { href: '' }, pull_request: { href: '' } },
  });

  const reviewCommentJson = (c: StoredReviewComment): Json => ({
    id: c.id,
    node_id: `PRRC_${c.id}`,
    pull_request_review_id: c.reviewId,
    url: `${baseUrl}/repos/${c.repository}/pulls/comments/${c.id}`,
    path: c.path,
    line: c.line,
    start_line: c.startLine ?? null,
    side: c.side,
    start_side: c.startLine !== undefined ? c.side : null,
    body: c.body,
    user: user(c.login, c.login.endsWith('[bot]') ? 'Bot' : 'User'),
    created_at: c.updatedAt,
    updated_at: c.updatedAt,
    author_association: 'NONE',
  });

  const findReviewComment = (repository: string, id: string): StoredReviewComment => {
    const comment = state.reviewComments.find(
      (c) => c.repository === repository && c.id === Number(id),
    );
    if (!comment)
      throw new HttpError(404, { message: 'Not Found', documentation_url: '', status: '404' });
    return comment;
  };

  function permissionsOf(request: IncomingMessage): TokenPermissions {
    const header = request.headers.authorization ?? '';
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(header)?.[1];
    if (!options.tokens) return {};
    if (!token || !(token in options.tokens)) {
      throw new HttpError(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
    }
    return options.tokens[token] ?? {};
  }

  function requireAccess(
    permissions: TokenPermissions,
    scope: 'issues' | 'checks',
    access: 'read' | 'write',
  ) {
    const granted = permissions[scope] ?? 'write';
    if (granted === 'write' || (granted === 'read' && access === 'read')) return;
    throw new HttpError(403, FORBIDDEN);
  }

  function paginate(request: URL, items: Json[], response: ServerResponse): Json[] {
    const perPage = Math.min(100, Math.max(1, Number(request.searchParams.get('per_page') ?? 30)));
    const page = Math.max(1, Number(request.searchParams.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string) => {
      const url = new URL(request.toString());
      url.searchParams.set('per_page', String(perPage));
      url.searchParams.set('page', String(p));
      return `<${baseUrl}${url.pathname}${url.search}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'));
    if (links.length > 0) response.setHeader('Link', links.join(', '));
    return items.slice((page - 1) * perPage, page * perPage);
  }

  function handle(
    operation: Operation,
    params: Record<string, string>,
    url: URL,
    body: Json | undefined,
    permissions: TokenPermissions,
    response: ServerResponse,
  ): { status: number; json: Json } {
    const repository = `${params.owner}/${params.repo}`;
    const login = permissions.login ?? 'github-actions[bot]';
    const key = `${operation.method} ${operation.template}`;
    const record = (body ?? {}) as Record<string, Json>;
    switch (key) {
      case 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        requireAccess(permissions, 'issues', 'read');
        const issueNumber = Number(params.issue_number);
        const all = state.comments
          .filter((c) => c.repository === repository && c.issueNumber === issueNumber)
          .map(commentJson);
        return { status: 200, json: paginate(url, all, response) };
      }
      case 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        requireAccess(permissions, 'issues', 'write');
        const time = now();
        const comment: StoredComment = {
          repository,
          issueNumber: Number(params.issue_number),
          id: (nextId += 1),
          body: asText(record.body),
          login,
          userType: login.endsWith('[bot]') ? 'Bot' : 'User',
          createdAt: time,
          updatedAt: time,
        };
        state.comments.push(comment);
        return { status: 201, json: commentJson(comment) };
      }
      case 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': {
        requireAccess(permissions, 'issues', 'write');
        const comment = state.comments.find(
          (c) => c.repository === repository && c.id === Number(params.comment_id),
        );
        if (!comment)
          throw new HttpError(404, { message: 'Not Found', documentation_url: '', status: '404' });
        // Only the author may edit a comment (an integration can't edit a person's comment).
        if (comment.login !== login) throw new HttpError(403, FORBIDDEN);
        comment.body = asText(record.body);
        comment.updatedAt = now();
        return { status: 200, json: commentJson(comment) };
      }
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments': {
        requireAccess(permissions, 'issues', 'read');
        const all = state.reviewComments
          .filter((c) => c.repository === repository && c.pullNumber === Number(params.pull_number))
          .map(reviewCommentJson);
        return { status: 200, json: paginate(url, all, response) };
      }
      case 'PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}': {
        requireAccess(permissions, 'issues', 'write');
        const comment = findReviewComment(repository, params.comment_id ?? '');
        if (comment.login !== login) throw new HttpError(403, FORBIDDEN);
        comment.body = asText(record.body);
        comment.updatedAt = now();
        return { status: 200, json: reviewCommentJson(comment) };
      }
      case 'DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}': {
        requireAccess(permissions, 'issues', 'write');
        const comment = findReviewComment(repository, params.comment_id ?? '');
        if (comment.login !== login) throw new HttpError(403, FORBIDDEN);
        state.reviewComments.splice(state.reviewComments.indexOf(comment), 1);
        return { status: 204, json: null };
      }
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews': {
        requireAccess(permissions, 'issues', 'read');
        const all = state.reviews
          .filter((r) => r.repository === repository && r.pullNumber === Number(params.pull_number))
          .map(reviewJson);
        return { status: 200, json: paginate(url, all, response) };
      }
      case 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': {
        requireAccess(permissions, 'issues', 'write');
        const pullNumber = Number(params.pull_number);
        const comments = (record.comments ?? []) as Record<string, Json>[];
        for (const c of comments) {
          const lines = state.diffLines?.[asText(c.path)];
          const wanted = [Number(c.start_line ?? c.line), Number(c.line)];
          if (state.diffLines && (!lines || wanted.some((n) => !lines.includes(n))))
            throw new HttpError(422, {
              message: 'Unprocessable Entity',
              errors: ['Line could not be resolved'],
              documentation_url: 'https://docs.github.com/rest/pulls/reviews',
              status: '422',
            });
        }
        const review: StoredReview = {
          repository,
          pullNumber,
          id: (nextId += 1),
          body: asText(record.body),
          login,
          commitId: asText(record.commit_id),
          event: asText(record.event),
        };
        state.reviews.push(review);
        for (const c of comments) {
          const stored: StoredReviewComment = {
            repository,
            pullNumber,
            reviewId: review.id,
            id: (nextId += 1),
            path: asText(c.path),
            line: Number(c.line),
            side: typeof c.side === 'string' ? c.side : 'RIGHT',
            body: asText(c.body),
            login,
            updatedAt: now(),
          };
          if (typeof c.start_line === 'number') stored.startLine = c.start_line;
          state.reviewComments.push(stored);
        }
        return { status: 200, json: reviewJson(review) };
      }
      case 'PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}': {
        requireAccess(permissions, 'issues', 'write');
        const review = state.reviews.find(
          (r) => r.repository === repository && r.id === Number(params.review_id),
        );
        if (!review)
          throw new HttpError(404, { message: 'Not Found', documentation_url: '', status: '404' });
        if (review.login !== login) throw new HttpError(403, FORBIDDEN);
        review.body = asText(record.body);
        return { status: 200, json: reviewJson(review) };
      }
      case 'GET /user': {
        // An installation token (GITHUB_TOKEN, a GitHub App's) has no user to show.
        if (login.endsWith('[bot]')) throw new HttpError(403, FORBIDDEN);
        return { status: 200, json: user(login, 'User') };
      }
      case 'POST /repos/{owner}/{repo}/check-runs': {
        requireAccess(permissions, 'checks', 'write');
        const output = (record.output ?? {}) as Record<string, Json>;
        const run: StoredCheckRun = {
          repository,
          id: (nextId += 1),
          name: asText(record.name),
          headSha: asText(record.head_sha),
          status: typeof record.status === 'string' ? record.status : 'queued',
          conclusion: typeof record.conclusion === 'string' ? record.conclusion : null,
          output: {
            title: typeof output.title === 'string' ? output.title : null,
            summary: typeof output.summary === 'string' ? output.summary : null,
            text: typeof output.text === 'string' ? output.text : null,
          },
          annotations: ((output.annotations ?? []) as Record<string, Json>[]).slice(),
        };
        if (typeof record.details_url === 'string') run.detailsUrl = record.details_url;
        if (run.conclusion !== null) run.status = 'completed';
        state.checkRuns.push(run);
        return { status: 201, json: checkRunJson(run) };
      }
      case 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': {
        requireAccess(permissions, 'checks', 'write');
        const run = state.checkRuns.find(
          (r) => r.repository === repository && r.id === Number(params.check_run_id),
        );
        if (!run)
          throw new HttpError(404, { message: 'Not Found', documentation_url: '', status: '404' });
        if (typeof record.status === 'string') run.status = record.status;
        if (typeof record.conclusion === 'string') {
          run.conclusion = record.conclusion;
          run.status = 'completed';
        }
        const output = record.output as Record<string, Json> | undefined;
        if (output) {
          if (typeof output.title === 'string') run.output.title = output.title;
          if (typeof output.summary === 'string') run.output.summary = output.summary;
          if (typeof output.text === 'string') run.output.text = output.text;
          // The Checks API appends annotations on every update.
          run.annotations.push(...((output.annotations ?? []) as Record<string, Json>[]));
        }
        return { status: 200, json: checkRunJson(run) };
      }
      default:
        state.violations.push(`${key}: described by GitHub but not implemented by the test server`);
        throw new HttpError(501, { message: `Not implemented: ${key}` });
    }
  }

  async function readBody(request: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  async function onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const entry: RecordedRequest = { method, url: `${url.pathname}${url.search}`, status: 0 };
    state.requests.push(entry);
    const send = (status: number, json: Json, headers: Record<string, string> = {}) => {
      entry.status = status;
      response.statusCode = status;
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.setHeader('X-GitHub-Media-Type', 'github.v3; format=json');
      response.end(status === 204 ? undefined : JSON.stringify(json));
    };
    try {
      const text = await readBody(request);
      let body: Json | undefined;
      if (text !== '') {
        try {
          body = JSON.parse(text) as Json;
        } catch {
          state.violations.push(`${method} ${url.pathname}: body is not JSON`);
          throw new HttpError(400, { message: 'Problems parsing JSON' });
        }
      }
      entry.body = body;
      const prefix = options.pathPrefix ?? '';
      // GraphQL lives at /graphql (GitHub Enterprise Server: /api/graphql beside /api/v3).
      if (url.pathname === (prefix === '' ? '/graphql' : prefix.replace(/\/v3$/, '/graphql'))) {
        entry.operation = 'POST /graphql';
        const fault = state.faults.find((f) => f.operation === entry.operation);
        if (fault) {
          fault.times = (fault.times ?? 1) - 1;
          if (fault.times <= 0) state.faults.splice(state.faults.indexOf(fault), 1);
          send(fault.status, fault.body, fault.headers);
          return;
        }
        const permissions = permissionsOf(request);
        const query = (body as { query?: unknown } | undefined)?.query;
        if (
          method !== 'POST' ||
          typeof query !== 'string' ||
          !/^\s*(query\s*)?\{\s*viewer\s*\{\s*login\s*\}\s*\}\s*$/.test(query)
        ) {
          state.violations.push(`${method} ${url.pathname}: only { viewer { login } } is served`);
          throw new HttpError(400, { message: 'Unsupported query' });
        }
        send(200, { data: { viewer: { login: permissions.login ?? 'github-actions[bot]' } } });
        return;
      }
      if (!url.pathname.startsWith(`${prefix}/`)) {
        state.violations.push(`${method} ${url.pathname}: outside the API prefix '${prefix}'`);
        throw new HttpError(404, { message: 'Not Found' });
      }
      url.pathname = url.pathname.slice(prefix.length);
      const operation = spec.operations.find(
        (o) => o.method === method && o.pattern.test(url.pathname),
      );
      if (!operation) {
        state.violations.push(`${method} ${url.pathname}: no such operation in GitHub's REST API`);
        throw new HttpError(404, {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest',
        });
      }
      entry.operation = `${operation.method} ${operation.template}`;
      const match = operation.pattern.exec(url.pathname) ?? [];
      const params: Record<string, string> = {};
      operation.paramNames.forEach((name, index) => {
        params[name] = decodeURIComponent(match[index + 1] ?? '');
      });
      const errors: string[] = [];
      for (const parameter of operation.parameters) {
        const name = String(parameter.name);
        if (parameter.in === 'path')
          validateParameterText(parameter.schema, params[name] ?? '', `path.${name}`, errors);
        if (parameter.in === 'query') {
          const value = url.searchParams.get(name);
          if (value !== null)
            validateParameterText(parameter.schema, value, `query.${name}`, errors);
          else if (parameter.required === true) errors.push(`query.${name}: required`);
        }
      }
      if (operation.requestBody) {
        if (body === undefined) {
          if (operation.requestBody.required) errors.push('body: required');
        } else {
          validate(spec.root, operation.requestBody.schema, body, 'body', errors);
        }
      }
      if (errors.length > 0) {
        state.violations.push(`${entry.operation}: ${errors.join('; ')}`);
        throw new HttpError(422, {
          message: 'Invalid request.',
          errors: errors.map((e) => ({ message: e })),
          documentation_url: 'https://docs.github.com/rest',
          status: '422',
        });
      }
      const fault = state.faults.find((f) => f.operation === entry.operation);
      if (fault) {
        fault.times = (fault.times ?? 1) - 1;
        if (fault.times <= 0) state.faults.splice(state.faults.indexOf(fault), 1);
        send(fault.status, fault.body, fault.headers);
        return;
      }
      const permissions = permissionsOf(request);
      const { status, json } = handle(operation, params, url, body, permissions, response);
      send(status, json);
    } catch (error) {
      if (error instanceof HttpError) send(error.status, error.body);
      else send(500, { message: String(error) });
    }
  }

  const server = createServer((request, response) => {
    void onRequest(request, response);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}${options.pathPrefix ?? ''}`;
  return {
    url: baseUrl,
    state,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}
