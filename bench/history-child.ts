/**
 * One measurement of `npm run bench:history`, in a process of its own so that its peak memory
 * (maxRSS) is its own. Bundled with ncc like dist/, so what runs is what ships. Prints one JSON
 * line: wall milliseconds, CPU seconds (this process, and the git processes it waited for), peak
 * RSS, and what was scanned.
 *
 *   floor-unordered REPO | floor-ordered REPO
 *   scan REPO full|range [--cache FILE] [--base REV --head REV] [--reference] [--findings FILE]
 *
 * With DDG_BENCH_PHASES=1 in the environment, the scan's phase timings (its debug lines) go to
 * stderr, and so does the largest of each part of `process.memoryUsage()` sampled every 100 ms:
 * where the time and the memory of one run went, without a profiler. With DDG_BENCH_ALLOCATIONS=FILE,
 * V8's sampling heap profile of every allocation, collected garbage included, is written to FILE
 * (a .heapprofile for Chrome's tools): what makes the garbage collector work.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { silentLogger, type Logger } from '../src/core/logger';
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

const phaseLogger: Logger = {
  ...silentLogger,
  debug: (message) => process.stderr.write(`${message}\n`),
};

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
    logger: process.env.DDG_BENCH_PHASES === '1' ? phaseLogger : silentLogger,
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

/** Samples `process.memoryUsage()`; `stop()` writes the largest of each part to stderr. */
function sampleMemory(): { stop(): void } {
  const peak: Record<string, number> = {};
  const sample = () => {
    for (const [part, bytes] of Object.entries(process.memoryUsage()) as [string, number][])
      peak[part] = Math.max(peak[part] ?? 0, bytes);
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const mb = Object.entries(peak).map(
        ([part, bytes]) => `${part} ${(bytes / 2 ** 20).toFixed(0)}`,
      );
      process.stderr.write(`memory peaks (MB): ${mb.join(', ')}\n`);
    },
  };
}

/** Starts V8's sampling heap profiler, garbage included; `stop()` writes the profile to `file`. */
async function sampleAllocations(file: string): Promise<{ stop(): Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 256 * 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return {
    async stop() {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

async function main(): Promise<void> {
  const [kind = '', ...rest] = process.argv.slice(2);
  const allocationsFile = process.env.DDG_BENCH_ALLOCATIONS;
  const allocations = allocationsFile ? await sampleAllocations(allocationsFile) : undefined;
  const memory = process.env.DDG_BENCH_PHASES === '1' ? sampleMemory() : undefined;
  const started = performance.now();
  const detail =
    kind === 'floor-unordered'
      ? await floor(rest[0] ?? '', true)
      : kind === 'floor-ordered'
        ? await floor(rest[0] ?? '', false)
        : await scan(rest);
  const ms = performance.now() - started;
  memory?.stop();
  await allocations?.stop();
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
