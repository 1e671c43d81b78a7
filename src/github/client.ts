import { HttpClient } from '@actions/http-client';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import { fetch as undiciFetch } from 'undici';
import type { Logger } from '../core/logger';
import { TOOL_NAME, TOOL_VERSION } from '../version';

/**
 * Octokit with the REST methods, pagination, retries and throttling: what `@actions/github`'s
 * `getOctokit` builds, without importing `@actions/github`, whose module body parses
 * `GITHUB_EVENT_PATH` (twice) the moment it is loaded, so an unreadable or invalid event file
 * crashed the action before it could say anything. The action reads the payload itself.
 */
const ActionOctokit = Octokit.plugin(restEndpointMethods, paginateRest, retry, throttling);

/** The Octokit client the publishers take; tests build it against a local server. */
export type GitHubClient = InstanceType<typeof ActionOctokit>;

export interface GitHubClientOptions {
  /** Where to say that a request waits for a rate limit; Octokit's own log (stderr) if unset. */
  logger?: Logger;
  /**
   * Milliseconds per second (1000) of `retry-after`, of the retry back-off and of the pacing of
   * writes. Tests shorten it; the order and number of requests stay the same.
   */
  millisecondsPerSecond?: number;
}

/**
 * A rate-limited request is retried this many times, and only when GitHub asks to wait at most
 * this long: a primary limit that resets in half an hour is not worth holding a CI job for (the
 * findings are in the annotations and the job summary anyway).
 */
export const RATE_LIMIT_RETRIES = 3;
export const RATE_LIMIT_MAX_WAIT_SECONDS = 90;

/**
 * A client for `token` that survives real GitHub, as github/codeql-action's does:
 * - @octokit/plugin-throttling queues requests (content-creating ones at most one a second,
 *   GitHub's advice against secondary rate limits) and waits out 403/429 rate-limit answers as
 *   their `retry-after` or `x-ratelimit-reset` says;
 * - @octokit/plugin-retry retries server errors and network failures with back-off (never 4xx).
 * `baseUrl` defaults to `GITHUB_API_URL` (GitHub Enterprise Server and the tests' local server
 * set it), else https://api.github.com.
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api
 */
export function createGitHubClient(
  token: string,
  baseUrl?: string,
  options: GitHubClientOptions = {},
): GitHubClient {
  const unit = options.millisecondsPerSecond ?? 1000;
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      count: number,
    ) => {
      const wait = retryAfter <= RATE_LIMIT_MAX_WAIT_SECONDS && count < RATE_LIMIT_RETRIES;
      const message = wait
        ? `GitHub ${kind} rate limit on ${request.method} ${request.url}: retrying in ${retryAfter} s.`
        : `GitHub ${kind} rate limit on ${request.method} ${request.url}: giving up (retry after ${retryAfter} s).`;
      if (options.logger) options.logger.warning(message);
      else process.stderr.write(`${message}\n`);
      return wait;
    };
  const apiUrl = baseUrl || 'https://api.github.com';
  return new ActionOctokit({
    auth: `token ${token}`,
    baseUrl: apiUrl,
    userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
    request: proxiedRequest(apiUrl),
    retry: { retryAfterBaseValue: unit },
    throttle: {
      retryAfterBaseValue: unit,
      ...(unit !== 1000 ? scaledPacing(unit) : {}),
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    },
  });
}

/**
 * Self-hosted runners behind a proxy set `https_proxy`/`no_proxy`: requests go through it the way
 * `@actions/github` sends them (@actions/http-client decides, undici's fetch carries them).
 */
function proxiedRequest(apiUrl: string): { fetch?: typeof undiciFetch } {
  const dispatcher = new HttpClient().getAgentDispatcher(apiUrl);
  if (!dispatcher) return {};
  return { fetch: (url, init) => undiciFetch(url, { ...init, dispatcher }) };
}

/**
 * The throttling plugin's own pacing (content-creating requests one a second, those that notify
 * people one every three seconds), on a scaled clock and private to this client.
 */
function scaledPacing(unit: number) {
  const group = (id: string, seconds: number) =>
    new Bottleneck.Group({ id, maxConcurrent: 1, minTime: seconds * unit });
  return { write: group('octokit-write', 1), notifications: group('octokit-notifications', 3) };
}

/**
 * The HTTP status GitHub answered with, if it answered. A request that never got a response
 * (DNS failure, refused connection, TLS error) is an Octokit `RequestError` with status 500 but
 * no `response`: that is not an HTTP 500, so it has no status here.
 */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined;
  const { response } = error;
  if (typeof response !== 'object' || response === null || !('status' in response))
    return undefined;
  return typeof response.status === 'number' ? response.status : undefined;
}

/** The API's error message, without anything else from the response. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

/** `HTTP 503: message`, or `no response from GitHub: getaddrinfo ENOTFOUND …`. */
export function describeApiError(error: unknown): string {
  const status = statusOf(error);
  return status !== undefined
    ? `HTTP ${status}: ${messageOf(error)}`
    : `no response from GitHub: ${messageOf(error)}`;
}
