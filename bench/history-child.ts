/**
 * One measurement of `npm run bench:history`, in a process of its own so that its peak memory
 * (maxRSS) is its own. Bundled with ncc like dist/, so what runs is what ships. Prints one JSON
 * line: wall milliseconds, CPU seconds (this process, and the git processes it waited for), peak
 * RSS, and what was scanned.
 *
 *   floor-unordered REPO | floor-ordered REPO
 *   scan REPO full|range [--cache FILE] [--base REV --head REV] [--reference] [--findings FILE]
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { silentLogger } from '../src/core/logger';
import { scanHistory } from '../src/history/scan-history';
import { secretRules } from '../src/secrets/rules/index';

export interface Measurement {
  ms: number;
  maxRssMb: number;
  /** CPU seconds of this process and of the git processes it waited for. */
  cpu: { self: number; git: number };
  detail: Record<string, unknown>;
}

/**
 * CPU time of waited-for child processes (git), from /proc/self/stat fields cutime + cstime. Wall
 * time on a shared machine swings with its load; CPU time is what the work itself costs.
 */
function childrenCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function floor(repo: string, unordered: boolean): Promise<Record<string, unknown>> {
  const args = [
    'cat-file',
    '--batch-all-objects',
    ...(unordered ? ['--unordered'] : []),
    '--batch',
  ];
  const bytes = await new Promise<number>((ok, fail) => {
    const child = spawn('git', ['-C', repo, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let total = 0;
    child.stdout.on('data', (chunk: Buffer) => (total += chunk.length));
    child.on('close', (code) => (code === 0 ? ok(total) : fail(new Error(`git exited ${code}`))));
  });
  return { bytes };
}

async function scan(argv: string[]): Promise<Record<string, unknown>> {
  const [repo = '', mode = ''] = argv;
  const { values } = parseArgs({
    args: argv.slice(2),
    options: {
      cache: { type: 'string' },
      base: { type: 'string' },
      head: { type: 'string' },
      reference: { type: 'boolean' },
      findings: { type: 'string' },
    },
  });
  if (mode !== 'full' && mode !== 'range') throw new Error(`unknown mode ${mode}`);
  const result = await scanHistory({
    repoDir: repo,
    mode,
    rules: secretRules,
    logger: silentLogger,
    ...(values.cache ? { cacheFile: values.cache } : {}),
    ...(values.base ? { base: values.base } : {}),
    ...(values.head ? { head: values.head } : {}),
    ...(values.reference ? { reference: true } : {}),
  });
  if (values.findings) writeFileSync(values.findings, JSON.stringify(result.findings, null, 1));
  const { warnings, ...coverage } = result.coverage;
  return {
    findings: result.findings.length,
    ...coverage,
    read: coverage.blobs - coverage.blobsFromCache,
    warnings: warnings.length,
  };
}

async function main(): Promise<void> {
  const [kind = '', ...rest] = process.argv.slice(2);
  const started = performance.now();
  const detail =
    kind === 'floor-unordered'
      ? await floor(rest[0] ?? '', true)
      : kind === 'floor-ordered'
        ? await floor(rest[0] ?? '', false)
        : await scan(rest);
  const ms = performance.now() - started;
  const usage = process.resourceUsage();
  const measurement: Measurement = {
    ms,
    maxRssMb: usage.maxRSS / 1024,
    cpu: { self: (usage.userCPUTime + usage.systemCPUTime) / 1e6, git: childrenCpuSeconds() },
    detail,
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

await main();
