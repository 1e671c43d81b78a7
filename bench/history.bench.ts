/**
 * History scan benchmark: `npm run bench:history [REPO]`.
 *
 * Without REPO, generates (once, cached under .cache/bench-repo/<generator version>) a
 * deterministic repository of 20,000+ commits and 100,000+ distinct blobs with branches, merges,
 * annotated tags and a few planted secrets, using `git fast-import`. Then times, each in its own
 * process so peak memory (maxRSS) is per measurement:
 *   - our full scan (cold, writing a cache), and the same scan again (cache warm);
 *   - the floor: `git cat-file --batch-all-objects --batch` (every object, read once), and the
 *     same with `--unordered` (pack order, git's fastest possible read);
 *   - `git log -p --all -U0` (what log-based scanners read);
 *   - a 50-commit range at the tip of main.
 * Targets: full ≤ 1.5× floor; range < 2 s; peak RSS < 300 MB; warm rerun < 10% of the cold one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../src/core/logger';
import { scanHistory, type HistoryScanOptions } from '../src/history/scan-history';
import { secretRules } from '../src/secrets/rules/index';

const GENERATOR_VERSION = 'v2';
const COMMITS = 20_000;
const FILES_PER_COMMIT = 6;
const PATHS = 4_000;
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

// ---- deterministic generator -------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'user order invoice payment account session cache queue worker report export import ' +
  'profile address product cart item price total status created updated deleted owner group ' +
  'permission token request response handler view model form serializer field value count'
).split(' ');

/** Random characters from a key alphabet: generated at run time, never committed anywhere. */
function randomKey(random: () => number, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)';
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}

function moduleText(random: () => number, path: string, version: number): string {
  const lines = [
    `"""${path} (revision ${version})."""`,
    'import os',
    'from django.db import models',
    '',
  ];
  const blocks = 6 + Math.floor(random() * 10);
  for (let b = 0; b < blocks; b++) {
    const name = `${WORDS[Math.floor(random() * WORDS.length)]}_${Math.floor(random() * 1000)}`;
    lines.push(`def ${name}(request, ${WORDS[b % WORDS.length]}=None):`);
    lines.push(
      `    value = ${Math.floor(random() * 100000)} + len(str(${WORDS[(b * 7) % WORDS.length]}))`,
    );
    if (random() < 0.15) lines.push(`    password = os.environ.get("DB_PASSWORD_${b}")`);
    if (random() < 0.1) lines.push(`    url = "postgres://app@db:5432/${name}"`);
    lines.push(`    return {"${name}": value, "rev": ${version}}`, '');
  }
  return lines.join('\n');
}

function pathFor(index: number): string {
  const app = `app${index % 40}`;
  const kind = ['views', 'models', 'forms', 'serializers', 'tasks', 'utils'][index % 6] ?? 'misc';
  return `src/${app}/${kind}_${Math.floor(index / 240)}.py`;
}

interface Change {
  path: string;
  text?: string;
  blobMark?: number;
}

/** Streams a fast-import script for the whole repository into `write`. */
async function generateRepository(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  run(['init', '-q', '-b', 'main', dir]);
  const child = spawn('git', ['-C', dir, 'fast-import', '--quiet', '--done'], {
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const done = new Promise<void>((ok, fail) =>
    child.on('close', (code) =>
      code === 0 ? ok() : fail(new Error(`fast-import exited ${code}`)),
    ),
  );
  let buffered: string[] = [];
  let size = 0;
  const flush = async () => {
    const text = buffered.join('');
    buffered = [];
    size = 0;
    if (!child.stdin.write(text)) await new Promise((ok) => child.stdin.once('drain', ok));
  };
  const emit = async (text: string) => {
    buffered.push(text);
    size += text.length;
    if (size > 1 << 20) await flush();
  };
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;

  const random = mulberry32(42);
  const versions = new Array<number>(PATHS).fill(0);
  let mark = 0;
  let time = Date.parse('2020-01-01T00:00:00Z') / 1000;
  let mainHead = 0;
  let commits = 0;
  const ident = (who: string) => `${who} <${who}@example.com> ${time} +0000`;

  const commit = async (
    ref: string,
    from: number,
    changes: Change[],
    message: string,
    merge?: number,
  ): Promise<number> => {
    const lines: string[] = [];
    for (const change of changes) {
      if (change.text !== undefined) {
        change.blobMark = ++mark;
        await emit(`blob\nmark :${change.blobMark}\n${data(change.text)}`);
      }
    }
    const commitMark = ++mark;
    time += 600;
    commits += 1;
    lines.push(`commit ${ref}\nmark :${commitMark}\n`);
    lines.push(`author ${ident('dev')}\ncommitter ${ident('dev')}\n${data(message)}`);
    if (from > 0) lines.push(`from :${from}\n`);
    if (merge) lines.push(`merge :${merge}\n`);
    for (const change of changes)
      lines.push(
        change.blobMark ? `M 100644 :${change.blobMark} ${change.path}\n` : `D ${change.path}\n`,
      );
    await emit(lines.join('') + '\n');
    return commitMark;
  };
  const edits = (count: number): Change[] =>
    Array.from({ length: count }, () => {
      const index = Math.floor(random() * PATHS);
      versions[index] = (versions[index] ?? 0) + 1;
      const path = pathFor(index);
      return { path, text: moduleText(random, path, versions[index] ?? 0) };
    });

  let branchNo = 0;
  while (commits < COMMITS) {
    if (commits % 60 === 30) {
      // A feature branch of 8 commits, merged back with --no-ff (or, one in ten, left unmerged).
      branchNo += 1;
      const ref = `refs/heads/feature/${branchNo}`;
      let tip = mainHead;
      const touched = new Map<string, number>();
      for (let i = 0; i < 8; i++) {
        const changes = edits(FILES_PER_COMMIT);
        tip = await commit(ref, tip, changes, `feature ${branchNo}: step ${i}`);
        for (const change of changes) touched.set(change.path, change.blobMark ?? 0);
      }
      if (branchNo % 10 !== 0) {
        mainHead = await commit(
          'refs/heads/main',
          mainHead,
          [...touched].map(([path, blobMark]) => ({ path, blobMark })),
          `Merge feature/${branchNo}`,
          tip,
        );
      }
      continue;
    }
    const changes = edits(FILES_PER_COMMIT);
    if (commits === 1000) {
      // A committed Django key, removed two commits later: only history holds it.
      changes.push({
        path: 'config/settings/production.py',
        text: `DEBUG = False\nSECRET_KEY = "${randomKey(random, 50)}"\n`,
      });
    }
    if (commits === 1002)
      changes.push({
        path: 'config/settings/production.py',
        text: 'import os\nDEBUG = False\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n',
      });
    if (commits === 5000)
      changes.push({
        path: '.env',
        text: `DEBUG=1\nDATABASE_URL=postgres://app:${randomKey(random, 20).replace(/[^a-z0-9]/g, 'x')}@db/app\n`,
      });
    if (commits === COMMITS - 20)
      changes.push({
        path: 'config/settings/staging.py',
        text: `SECRET_KEY = "${randomKey(random, 50)}"\n`,
      });
    mainHead = await commit('refs/heads/main', mainHead, changes, `change ${commits}`);
    if (commits % 500 === 0)
      await emit(
        `tag v${commits / 500}\nfrom :${mainHead}\ntagger ${ident('rel')}\n${data(`release ${commits / 500}`)}`,
      );
  }
  await emit('done\n');
  await flush();
  child.stdin.end();
  await done;
  run(['-C', dir, 'checkout', '-q', '-f', 'main']);
}

function run(args: string[]): string {
  const result = spawnSync('git', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

// ---- measurements ----------------------------------------------------------------------------------

interface Measurement {
  ms: number;
  maxRssMb: number;
  /** CPU seconds of the measuring process and of the git processes it waited for. */
  cpu: { self: number; git: number };
  detail?: Record<string, unknown>;
}

/** Runs one measurement in a child process (this file with --child), for its own maxRSS. */
function measureChild(args: string[]): Measurement {
  const result = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--child', ...args],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (result.status !== 0) throw new Error(`child ${args.join(' ')} failed`);
  const line = result.stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(line) as Measurement;
}

/**
 * CPU time of waited-for child processes (git), from /proc/self/stat fields cutime + cstime. Wall
 * time on a shared machine swings with its load; CPU time is what the scan itself costs.
 */
function childrenCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
    const ticks = Number(fields[13]) + Number(fields[14]);
    return ticks / 100;
  } catch {
    return Number.NaN;
  }
}

async function runChild(argv: string[]): Promise<void> {
  const [kind = '', repo = '', extra = '', head = 'HEAD'] = argv;
  const started = performance.now();
  let detail: Record<string, unknown> = {};
  if (kind === 'full' || kind === 'range') {
    const options: HistoryScanOptions = {
      repoDir: repo,
      mode: kind,
      rules: secretRules,
      logger: silentLogger,
      ...(kind === 'full' && extra ? { cacheFile: extra } : {}),
      ...(kind === 'range' ? { base: extra, head } : {}),
    };
    const result = await scanHistory(options);
    detail = {
      findings: result.findings.length,
      ...result.coverage,
      read: result.coverage.blobs - result.coverage.blobsFromCache,
    };
    delete detail.warnings;
  } else {
    const args =
      kind === 'floor'
        ? ['cat-file', '--batch-all-objects', '--batch']
        : kind === 'floor-unordered'
          ? ['cat-file', '--batch-all-objects', '--unordered', '--batch']
          : ['log', '-p', '--all', '-U0', '--no-color'];
    const bytes = await new Promise<number>((ok, fail) => {
      const child = spawn('git', ['-C', repo, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
      let total = 0;
      child.stdout.on('data', (chunk: Buffer) => (total += chunk.length));
      child.on('close', (code) =>
        code === 0 ? ok(total) : fail(new Error(`git ${kind} ${code}`)),
      );
    });
    detail = { bytes };
  }
  const ms = performance.now() - started;
  const usage = process.resourceUsage();
  const maxRssMb = usage.maxRSS / 1024;
  const cpu = { self: (usage.userCPUTime + usage.systemCPUTime) / 1e6, git: childrenCpuSeconds() };
  process.stdout.write(`${JSON.stringify({ ms, maxRssMb, cpu, detail })}\n`);
}

async function main(): Promise<void> {
  const repoArg = process.argv[2];
  let repo: string;
  if (repoArg) repo = resolve(repoArg);
  else {
    repo = join(root, '.cache', 'bench-repo', GENERATOR_VERSION);
    if (!existsSync(join(repo, '.git'))) {
      const started = performance.now();
      const temp = `${repo}.tmp-${randomBytes(4).toString('hex')}`;
      console.log(`generating ${COMMITS.toLocaleString('en-US')} commits into ${temp} …`);
      await generateRepository(temp);
      renameSync(temp, repo);
      console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  }
  const count = (args: string[]) => Number(run(['-C', repo, ...args]));
  const stats = {
    commits: count(['rev-list', '--all', '--count']),
    blobs: Number(
      spawnSync(
        'sh',
        [
          '-c',
          `git -C "${repo}" cat-file --batch-all-objects --batch-check='%(objecttype)' | grep -c '^blob$'`,
        ],
        {
          encoding: 'utf8',
        },
      ).stdout.trim(),
    ),
    refs: run(['-C', repo, 'for-each-ref', '--format=x']).split('\n').length,
  };
  console.log(`repository: ${repo}\n  ${JSON.stringify(stats)}`);

  const cacheDir = mkdtempSync(join(tmpdir(), 'ddg-bench-'));
  const cacheFile = join(cacheDir, 'history-cache.json');
  try {
    const floor = measureChild(['floor', repo]);
    // Pack order instead of object-id order: no random delta-chain walks, git's fastest read.
    const packOrder = measureChild(['floor-unordered', repo]);
    const full = measureChild(['full', repo, cacheFile]);
    const warm = measureChild(['full', repo, cacheFile]);
    const logP = measureChild(['log-p', repo]);
    // A clean 50-commit range (the usual pull request), and the last 50 commits, which add a
    // new key: proving it new means searching everything reachable from the base.
    const clean = measureChild([
      'range',
      repo,
      run(['-C', repo, 'rev-parse', 'HEAD~100']),
      'HEAD~50',
    ]);
    const range = measureChild(['range', repo, run(['-C', repo, 'rev-parse', 'HEAD~50'])]);

    const cpuOf = (m: Measurement) => m.cpu.self + m.cpu.git;
    const s = (m: Measurement) =>
      `${(m.ms / 1000).toFixed(2)} s wall, ${cpuOf(m).toFixed(1)} s CPU (node ${m.cpu.self.toFixed(1)} + git ${m.cpu.git.toFixed(1)}), peak ${m.maxRssMb.toFixed(0)} MB`;
    console.log(
      `floor  cat-file --batch-all-objects --batch: ${s(floor)} (${JSON.stringify(floor.detail)})`,
    );
    console.log(`floor  … --unordered (pack order):          ${s(packOrder)}`);
    console.log(
      `full   history scan (cold, writes cache):   ${s(full)} ${JSON.stringify(full.detail)}`,
    );
    console.log(
      `warm   history scan (cache):                 ${s(warm)} ${JSON.stringify(warm.detail)}`,
    );
    console.log(
      `log -p git log -p --all -U0:                 ${s(logP)} (${JSON.stringify(logP.detail)})`,
    );
    console.log(
      `range  HEAD~100..HEAD~50 (no secret):         ${s(clean)} ${JSON.stringify(clean.detail)}`,
    );
    console.log(
      `range  HEAD~50..HEAD (adds a new key):        ${s(range)} ${JSON.stringify(range.detail)}`,
    );
    const ratio = full.ms / floor.ms;
    const warmRatio = warm.ms / full.ms;
    const peak = Math.max(full.maxRssMb, warm.maxRssMb, clean.maxRssMb, range.maxRssMb);
    console.log('\nratios and targets');
    console.log(
      `  full / floor      = ${ratio.toFixed(2)}× wall, ${(cpuOf(full) / cpuOf(floor)).toFixed(2)}× CPU  (target ≤ 1.5×) ${ratio <= 1.5 ? 'ok' : 'MISSED'}`,
    );
    console.log(
      `  full / unordered  = ${(full.ms / packOrder.ms).toFixed(2)}× wall, ${(cpuOf(full) / cpuOf(packOrder)).toFixed(2)}× CPU  (listing history + running the detectors)`,
    );
    console.log(
      `  full / log -p     = ${(full.ms / logP.ms).toFixed(2)}× wall, ${(cpuOf(full) / cpuOf(logP)).toFixed(2)}× CPU`,
    );
    console.log(
      `  warm / cold       = ${(warmRatio * 100).toFixed(1)}%  (target < 10%) ${warmRatio < 0.1 ? 'ok' : 'MISSED'}`,
    );
    console.log(
      `  50-commit range   = ${(clean.ms / 1000).toFixed(2)} s  (target < 2 s) ${clean.ms < 2000 ? 'ok' : 'MISSED'}`,
    );
    console.log(
      `  … with a new key  = ${(range.ms / 1000).toFixed(2)} s  (searches all of base's history)`,
    );
    console.log(
      `  peak RSS (ours)   = ${peak.toFixed(0)} MB  (target < 300 MB) ${peak < 300 ? 'ok' : 'MISSED'}`,
    );
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await runChild(process.argv.slice(3));
else await main();
