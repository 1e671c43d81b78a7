import * as core from '@actions/core';
import type { Logger } from '../core/logger';
import type { Redactor } from '../core/redactor';
import type { GitHubClient } from '../github/client';
import { escapeLogLine } from '../report/escape';

/**
 * Every way the action speaks to the runner, through the run's redactor: log lines, annotations,
 * the failure line, outputs, the job summary, and (through `redactRequests`) every GitHub API
 * request body. Nothing else in the action calls `@actions/core` output functions.
 */

export interface AnnotationProperties {
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
  title?: string;
}

export interface ActionChannels {
  readonly redactor: Redactor;
  /** For the scan and the publishers: log lines are escaped so none becomes a workflow command. */
  readonly logger: Logger;
  info(message: string): void;
  notice(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
  error(message: string, properties?: AnnotationProperties): void;
  setFailed(message: string): void;
  setOutput(name: string, value: string): void;
  /** Appends to the job summary; false (with a notice) when the runner offers none. */
  writeSummary(markdown: string): Promise<boolean>;
  /**
   * Registers the values the redactor judged to be secrets with the runner's own log masking
   * (`::add-mask::`). Only those: never short or common words, which masking would blank from
   * the whole log.
   */
  maskSecrets(): void;
  startGroup(name: string): void;
  endGroup(): void;
}

export function createActionChannels(redactor: Redactor): ActionChannels {
  const text = (message: string) => redactor.redact(message);
  const props = (p: AnnotationProperties | undefined): core.AnnotationProperties | undefined => {
    if (!p) return undefined;
    const out: core.AnnotationProperties = { ...p };
    if (p.file !== undefined) out.file = text(p.file);
    if (p.title !== undefined) out.title = text(p.title);
    return out;
  };
  const masked = new Set<string>();
  const channels: ActionChannels = {
    redactor,
    logger: {
      info: (message) => core.info(escapeLogLine(text(message))),
      warning: (message) => core.warning(text(message)),
      debug: (message) => core.debug(text(message)),
    },
    info: (message) => core.info(escapeLogLine(text(message))),
    notice: (message, p) => core.notice(text(message), props(p)),
    warning: (message, p) => core.warning(text(message), props(p)),
    error: (message, p) => core.error(text(message), props(p)),
    setFailed: (message) => core.setFailed(text(message)),
    setOutput: (name, value) => core.setOutput(name, text(value)),
    async writeSummary(markdown) {
      if (!process.env.GITHUB_STEP_SUMMARY) {
        channels.notice(
          'This runner offers no job summary (GITHUB_STEP_SUMMARY is unset): the full report is in the report JSON and the log.',
        );
        return false;
      }
      try {
        await core.summary.addRaw(text(markdown)).write();
        return true;
      } catch (error) {
        channels.notice(`The job summary could not be written: ${(error as Error).message}`);
        return false;
      }
    },
    maskSecrets() {
      for (const value of redactor.maskable()) {
        if (masked.has(value)) continue;
        masked.add(value);
        core.setSecret(value);
      }
    },
    startGroup: (name) => core.startGroup(escapeLogLine(text(name))),
    endGroup: () => core.endGroup(),
  };
  return channels;
}

/**
 * Redacts every request body the client sends (PR comment, check run, annotations): the last gate
 * before text leaves for GitHub.
 */
export function redactRequests(octokit: GitHubClient, redactor: Redactor): GitHubClient {
  octokit.hook.before('request', (options) => {
    for (const key of Object.keys(options)) {
      if (['method', 'url', 'baseUrl', 'headers', 'request', 'mediaType'].includes(key)) continue;
      options[key] = redactor.redactDeep(options[key]);
    }
  });
  return octokit;
}
