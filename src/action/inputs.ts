import * as core from '@actions/core';
import { parseEnvAssignments } from '../core/dotenv';
import { ConfigurationError } from '../core/errors';
import { FAIL_LEVELS, type FailLevel } from '../core/types';

export type CommentMode = 'auto' | 'always' | 'never';

/** Every action input, read and validated in one place (nothing else calls core.getInput). */
export interface ActionInputs {
  path: string;
  config?: string;
  failOn?: FailLevel;
  githubToken: string;
  history: 'auto' | 'off' | 'full' | 'range';
  base?: string;
  head?: string;
  env: Record<string, string>;
  envFile?: string;
  settingsModules: string[];
  pythonPaths: string[];
  djangoVersion?: string;
  baseline?: string;
  cacheFile?: string;
  sarifFile?: string;
  comment: CommentMode;
  checkRun: boolean;
}

function optional(name: string): string | undefined {
  const value = core.getInput(name).trim();
  return value === '' ? undefined : value;
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = optional(name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigurationError(
      `input '${name}' must be one of ${allowed.join(', ')}; got '${value}'`,
    );
  }
  return value as T;
}

function lines(name: string): string[] {
  return core
    .getInput(name)
    .split(/\r?\n|,/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export function readActionInputs(): ActionInputs {
  const failOn = optional('fail-on');
  if (failOn !== undefined && !(FAIL_LEVELS as readonly string[]).includes(failOn)) {
    throw new ConfigurationError(
      `input 'fail-on' must be one of ${FAIL_LEVELS.join(', ')}; got '${failOn}'`,
    );
  }
  const envText = core.getInput('env');
  const { values: env, invalidLines } = parseEnvAssignments(envText);
  if (invalidLines.length > 0) {
    throw new ConfigurationError(`input 'env' line ${invalidLines[0]}: expected KEY=VALUE`);
  }
  const djangoVersion = optional('django-version');
  if (djangoVersion !== undefined && !/^\d+\.\d+$/.test(djangoVersion)) {
    throw new ConfigurationError(
      `input 'django-version' must look like 5.2; got '${djangoVersion}'`,
    );
  }
  const checkRun = optional('check-run') ?? 'false';
  if (checkRun !== 'true' && checkRun !== 'false') {
    throw new ConfigurationError(`input 'check-run' must be true or false; got '${checkRun}'`);
  }
  const inputs: ActionInputs = {
    path: optional('path') ?? '.',
    githubToken: core.getInput('github-token'),
    history: oneOf('history', ['auto', 'off', 'full', 'range'] as const, 'auto'),
    env,
    settingsModules: lines('settings-module'),
    pythonPaths: lines('python-path'),
    comment: oneOf('comment', ['auto', 'always', 'never'] as const, 'auto'),
    checkRun: checkRun === 'true',
  };
  const set = <K extends keyof ActionInputs>(key: K, value: ActionInputs[K] | undefined) => {
    if (value !== undefined) inputs[key] = value;
  };
  set('config', optional('config'));
  set('failOn', failOn as FailLevel | undefined);
  set('base', optional('base'));
  set('head', optional('head'));
  set('envFile', optional('env-file'));
  set('djangoVersion', djangoVersion);
  set('baseline', optional('baseline'));
  set('cacheFile', optional('cache-file'));
  set('sarifFile', optional('sarif-file'));
  // The production profile's credentials are registered with the run's redactor (and masked)
  // by the action itself: see secretValuesOfEnvironment.
  return inputs;
}
