import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  relaunchArguments,
  runsWithScanFlags,
  SCAN_ENVIRONMENT,
  SCAN_NODE_FLAGS,
} from '../../src/io/scan-process';
import { writeTree } from './run-built';

/**
 * The built entries run the scan in a node child started with SCAN_NODE_FLAGS (the runner starts
 * the action's node without flags). What each node process of a run was started with is recorded
 * by a preloaded probe (NODE_OPTIONS=--require, which every node of the run inherits).
 */
interface ProbeRecord {
  pid: number;
  ppid: number;
  execArgv?: string[];
  arena?: string;
  exit?: number;
}

const PROBE = `
const { appendFileSync } = require('node:fs');
const file = process.env.PROBE_FILE;
const write = (record) => appendFileSync(file, JSON.stringify(record) + '\\n');
write({ pid: process.pid, ppid: process.ppid, execArgv: process.execArgv, arena: process.env.MALLOC_ARENA_MAX });
process.on('exit', (code) => write({ pid: process.pid, ppid: process.ppid, exit: code }));
if (process.env.PROBE_HANG === '1' && process.execArgv.includes('${SCAN_NODE_FLAGS[0]}'))
  setInterval(() => {}, 1000);
`;

function probeSetup(): { env: NodeJS.ProcessEnv; records: () => ProbeRecord[] } {
  const dir = mkdtempSync(join(tmpdir(), 'ddg-scan-process-'));
  const probe = join(dir, 'probe.cjs');
  const file = join(dir, 'records.jsonl');
  writeFileSync(probe, PROBE);
  return {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_OPTIONS: `--require=${probe}`,
      PROBE_FILE: file,
    },
    records: () =>
      existsSync(file)
        ? readFileSync(file, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as ProbeRecord)
        : [],
  };
}

/** The two processes of a run: the entry the runner started, and the scan's child. */
function processesOf(records: ProbeRecord[]) {
  const started = records.filter((record) => record.execArgv !== undefined);
  expect(started).toHaveLength(2);
  const parent = started.find((record) => !record.execArgv!.includes(SCAN_NODE_FLAGS[0]!))!;
  const child = started.find((record) => record.execArgv!.includes(SCAN_NODE_FLAGS[0]!))!;
  expect(parent).toBeDefined();
  expect(child).toBeDefined();
  expect(child.ppid).toBe(parent.pid);
  const exitOf = (pid: number) => records.find((r) => r.pid === pid && r.exit !== undefined)?.exit;
  return { parent, child, childExit: exitOf(child.pid) };
}

describe('the scan runs in a node child started with the scan flags', () => {
  it('knows when it already runs with them, or with the workflow’s own value', () => {
    expect(runsWithScanFlags([])).toBe(false);
    expect(runsWithScanFlags(['--enable-source-maps'], '--require=/x.cjs')).toBe(false);
    expect(runsWithScanFlags([...SCAN_NODE_FLAGS])).toBe(true);
    expect(runsWithScanFlags([], '--max-old-space-size=4096 --max-semi-space-size=32')).toBe(true);
    expect(runsWithScanFlags(['--max-semi-space-size-extra=1'])).toBe(false);
  });

  it('starts the same script with the flags first and node’s own options kept', () => {
    expect(
      relaunchArguments(['--import', 'tsx'], ['/usr/bin/node', '/a/cli.js', 'scan', '--x']),
    ).toEqual([...SCAN_NODE_FLAGS, '--import', 'tsx', '/a/cli.js', 'scan', '--x']);
  });

  it('the built CLI: one child with the flags, its output and exit code passed through', () => {
    const project = writeTree({ 'settings.py': 'SECRET_KEY = "x"\n' });
    const { env, records } = probeSetup();
    const run = spawnSync(
      process.execPath,
      [resolve('dist/cli/index.js'), 'scan', project, '--format', 'json'],
      { cwd: project, env, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string }[] };
    expect(report.findings.map((finding) => finding.ruleId)).toContain('security.W009');
    const { parent, child, childExit } = processesOf(records());
    expect(childExit).toBe(1);
    // One malloc arena in the scan's process, unless the workflow chose a number.
    expect(parent.arena).toBeUndefined();
    expect(child.arena).toBe(SCAN_ENVIRONMENT.MALLOC_ARENA_MAX);
    const chosen = probeSetup();
    spawnSync(process.execPath, [resolve('dist/cli/index.js'), '--version'], {
      cwd: project,
      env: { ...chosen.env, MALLOC_ARENA_MAX: '4' },
    });
    expect(processesOf(chosen.records()).child.arena).toBe('4');

    const usage = spawnSync(process.execPath, [resolve('dist/cli/index.js'), '--no-such-flag'], {
      cwd: project,
      env: probeSetup().env,
      encoding: 'utf8',
    });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/no-such-flag/);
  });

  it('the built action: the runner’s node starts the scan’s, and ends with its exit code', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'ddg-scan-process-action-'));
    const { env, records } = probeSetup();
    // No runner variables: the action fails with its own message, from the child.
    const run = spawnSync(process.execPath, [resolve('dist/index.js')], {
      cwd: workspace,
      env,
      encoding: 'utf8',
    });
    const { childExit } = processesOf(records());
    expect(childExit).toBeDefined();
    expect(run.status).toBe(childExit);
    expect(run.stdout + run.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('a signal to the entry stops the scan’s child, and ends the entry by the same signal', async () => {
    const project = writeTree({ 'settings.py': 'DEBUG = False\n' });
    const { env, records } = probeSetup();
    const entry = spawn(process.execPath, [resolve('dist/cli/index.js'), 'scan', project], {
      cwd: project,
      env: { ...env, PROBE_HANG: '1' },
      stdio: 'ignore',
    });
    // The child hangs (the probe keeps it alive) once it has started.
    while (records().filter((record) => record.execArgv !== undefined).length < 2)
      await new Promise((done) => setTimeout(done, 50));
    const { child } = processesOf(records());
    const ended = new Promise<NodeJS.Signals | null>((done) =>
      entry.once('exit', (_code, signal) => done(signal)),
    );
    entry.kill('SIGTERM');
    expect(await ended).toBe('SIGTERM');
    const alive = () => {
      try {
        process.kill(child.pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    while (alive()) await new Promise((done) => setTimeout(done, 50));
    expect(alive()).toBe(false);
  });
});
