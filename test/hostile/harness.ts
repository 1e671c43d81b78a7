/**
 * The hostile-input suite's tools: planted values, every output channel of the CLI and of the
 * action (run as the runner runs it, against a local GitHub API that records every request body),
 * and a search of every channel for every planted value in every form a leak can take.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeMarkdown } from '../../src/report/escape';
import { runBuiltActionAsync, runBuiltCli } from '../e2e/run-built';
import type { GitHubServer } from '../helpers/github-server';

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function pick(alphabet: string): string {
  return alphabet[randomBytes(1)[0]! % alphabet.length]!;
}

/**
 * A value generated now, secret-shaped, with a digit at least every fourth character so that every
 * 9-character piece of it is distinctive (a piece that is a plain word is not evidence).
 */
export function plantedValue(length = 32, extra = ''): string {
  let out = '';
  for (let i = 0; i < length; i++) out += i % 4 === 3 ? pick('0123456789') : pick(ALNUM + extra);
  return out;
}

/** A 50-character Django key over `get_random_secret_key`'s alphabet (with symbols). */
export function plantedDjangoKey(): string {
  return plantedValue(50, '!@#$%^&*(-_=+)');
}

/** Every form a leak of `value` can take in a channel. */
export function leakForms(value: string): string[] {
  return [
    value,
    value.toLowerCase(),
    escapeMarkdown(value),
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
  ];
}

export interface Leak {
  channel: string;
  /** Which planted value (by its label, never the value) and which piece of it. */
  planted: string;
  piece: string;
}

/** Lines the runner itself consumes to mask values: the only place a planted value may appear. */
function withoutMaskCommands(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith('::add-mask::'))
    .join('\n');
}

/**
 * Searches every channel for each planted value and each 9-character piece of it, in raw,
 * lower-cased, markdown-, JSON- and percent-encoded forms. Returns leaks described without the
 * value itself (an assertion message must not print the secret either).
 */
export function findLeaks(
  channels: Record<string, string>,
  planted: Record<string, string>,
): Leak[] {
  const leaks: Leak[] = [];
  for (const [channel, rawText] of Object.entries(channels)) {
    const text = withoutMaskCommands(rawText);
    const lower = text.toLowerCase();
    for (const [label, value] of Object.entries(planted)) {
      const pieces = new Set([value]);
      for (let i = 0; i + 9 <= value.length; i++) pieces.add(value.slice(i, i + 9));
      for (const piece of pieces) {
        // Case-insensitive: a leak in any letter case is a leak.
        for (const form of leakForms(piece)) {
          if (lower.includes(form.toLowerCase())) {
            leaks.push({
              channel,
              planted: label,
              piece: piece === value ? 'whole value' : `piece at ${value.indexOf(piece)}`,
            });
            break;
          }
        }
      }
    }
  }
  return leaks;
}

/** All files under a directory, as channel name → content (reports, caches, baselines). */
function filesUnder(dir: string, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isFile()) out[`${prefix}/${name}`] = readFileSync(full, 'utf8');
  }
  return out;
}

export interface CliChannels {
  channels: Record<string, string>;
  /** Exit code per format. */
  codes: Record<string, number | null>;
  stderr: Record<string, string>;
  stdout: Record<string, string>;
}

/**
 * Runs the built CLI in every format (text with and without colour, JSON, SARIF, and `--output`
 * files), plus `--update-baseline` and `--cache`, and collects every channel.
 */
export function runCliEverywhere(
  root: string,
  args: readonly string[] = [],
  env: Record<string, string> = {},
): CliChannels {
  const outDir = mkdtempSync(join(tmpdir(), 'ddg-hostile-out-'));
  const channels: Record<string, string> = {};
  const codes: Record<string, number | null> = {};
  const stderr: Record<string, string> = {};
  const stdout: Record<string, string> = {};
  const runs: Record<string, string[]> = {
    text: ['--format', 'text', '--no-color'],
    json: ['--format', 'json'],
    sarif: ['--format', 'sarif'],
    'json-file': [
      '--format',
      'json',
      '--output',
      join(outDir, 'report.json'),
      '--cache',
      join(outDir, 'history-cache.json'),
    ],
    'sarif-file': ['--format', 'sarif', '--output', join(outDir, 'report.sarif')],
    baseline: ['--baseline', join(outDir, 'baseline.json'), '--update-baseline'],
  };
  for (const [name, extra] of Object.entries(runs)) {
    const run = runBuiltCli(['scan', root, ...args, ...extra], { env });
    codes[name] = run.code;
    channels[`cli ${name} stdout`] = run.stdout;
    channels[`cli ${name} stderr`] = run.stderr;
    stdout[name] = run.stdout;
    stderr[name] = run.stderr;
  }
  Object.assign(channels, filesUnder(outDir, 'cli file'));
  return { channels, codes, stderr, stdout };
}

export interface ActionChannelsRun {
  channels: Record<string, string>;
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Runs the built action as the runner does and collects every channel, API bodies included. */
export async function runActionEverywhere(options: {
  workspace: string;
  inputs: Record<string, string>;
  env?: Record<string, string>;
  eventName?: string;
  payload?: unknown;
  server?: GitHubServer;
}): Promise<ActionChannelsRun> {
  const outDir = mkdtempSync(join(tmpdir(), 'ddg-hostile-action-'));
  const run = await runBuiltActionAsync({
    workspace: options.workspace,
    inputs: {
      'sarif-file': join(outDir, 'results.sarif'),
      'cache-file': join(outDir, 'history-cache.json'),
      ...options.inputs,
    },
    ...(options.eventName ? { eventName: options.eventName } : {}),
    ...(options.payload !== undefined ? { payload: options.payload } : {}),
    env: {
      ...(options.server ? { GITHUB_API_URL: options.server.url } : {}),
      ...options.env,
    },
  });
  const channels: Record<string, string> = {
    'action stdout': run.stdout,
    'action stderr': run.stderr,
    'action GITHUB_OUTPUT': JSON.stringify(run.outputs),
    'action summary': run.summary,
    ...filesUnder(outDir, 'action file'),
    ...filesUnder(run.runnerTemp, 'runner temp'),
  };
  for (const [i, request] of (options.server?.state.requests ?? []).entries()) {
    channels[`api ${i} ${request.method} ${request.url}`] = JSON.stringify(request.body ?? null);
  }
  return {
    channels,
    code: run.code,
    stdout: run.stdout,
    stderr: run.stderr,
    outputs: run.outputs,
    summary: run.summary,
  };
}

/** `git init` + commit everything with a fixed identity (the repository the attacker sends). */
export function commitRepository(root: string, message = 'hostile'): void {
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Mallory',
    GIT_AUTHOR_EMAIL: 'mallory@example.invalid',
    GIT_COMMITTER_NAME: 'Mallory',
    GIT_COMMITTER_EMAIL: 'mallory@example.invalid',
    GIT_AUTHOR_DATE: '2024-01-01T12:00:00Z',
    GIT_COMMITTER_DATE: '2024-01-01T12:00:00Z',
  };
  for (const args of [
    ['init', '-q', '-b', 'main'],
    ['add', '-A'],
    ['commit', '-q', '-m', message],
  ]) {
    const r = spawnSync('git', args, { cwd: root, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  }
}
