import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 5's bar, through the built CLI as a user runs it: every hardening rule fires on its
 * invalid fixture and stays quiet on its valid one (`scan PATH --history off --format json`).
 */
const FIXTURES = resolve('test/fixtures/hardening');
const CLI = resolve('dist/cli/index.js');

interface CaseJson {
  module?: string;
  env?: Record<string, string>;
  djangoVersion?: string;
}

function argsFor(dir: string): string[] {
  const args = ['scan', dir, '--history', 'off', '--format', 'json', '--fail-on', 'never'];
  const casePath = join(dir, 'case.json');
  if (!existsSync(casePath)) return args;
  const c = JSON.parse(readFileSync(casePath, 'utf8')) as CaseJson;
  if (c.module) args.push('--settings-module', c.module);
  if (c.djangoVersion) args.push('--django-version', c.djangoVersion);
  for (const [k, v] of Object.entries(c.env ?? {})) args.push('--env', `${k}=${v}`);
  return args;
}

function runCli(args: string[]): Promise<string[]> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && error.code !== 0) return reject(new Error(`${args.join(' ')}: ${stderr}`));
        const report = JSON.parse(stdout) as {
          findings: { ruleId: string; suppressed?: unknown; locations: { ruleId: string }[] }[];
        };
        // A rule about a secret value (DDG206, a literal SECRET_KEY) is a facet of that secret's
        // one finding: it fired when any location of an unsuppressed finding names it.
        resolvePromise(
          report.findings
            .filter((f) => !f.suppressed)
            .flatMap((f) => [f.ruleId, ...f.locations.map((l) => l.ruleId)]),
        );
      },
    );
  });
}

const ruleIds = readdirSync(FIXTURES)
  .filter((name) => /^DDG\d+$/.test(name))
  .sort();
const results = new Map<string, string[]>();

beforeAll(async () => {
  const jobs = ruleIds.flatMap((id) =>
    (['valid', 'invalid'] as const).map((kind) => ({ id, kind })),
  );
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      results.set(`${job.id}/${job.kind}`, await runCli(argsFor(join(FIXTURES, job.id, job.kind))));
    }
  };
  await Promise.all([worker(), worker()]);
}, 600_000);

describe('hardening rules through dist/cli/index.js', () => {
  it('has a fixture pair for every hardening rule', () => {
    expect(ruleIds.length).toBeGreaterThanOrEqual(36);
  });
  it.each(ruleIds)('%s fires on invalid/ and not on valid/', (id) => {
    expect(results.get(`${id}/invalid`)).toContain(id);
    expect(results.get(`${id}/valid`)).not.toContain(id);
  });
});
