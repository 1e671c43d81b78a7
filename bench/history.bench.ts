/**
 * History scan benchmark: `npm run bench:history [-- [--runs N] [--peer-runs N] [REPO ...]]`.
 *
 * For each repository (a git directory, bare or not; without one, a generated 20,000-commit
 * repository, see history-repo.ts) it prints one table, every figure the median of `--runs`
 * rounds (default 3) run interleaved, so load on a shared machine hits every row alike:
 *
 *   - the floor: `git cat-file --batch-all-objects --batch --unordered` (every object once, pack
 *     order: git's fastest read) and the same in object-id order;
 *   - ours: a full scan (first run, writing a cache), the cached rerun, a 50-commit range, and a
 *     50-commit range whose last commit adds a new Django key (a commit made for the benchmark
 *     on top of HEAD, reachable from no ref, so the full scans don't see it);
 *   - gitleaks and TruffleHog on the same repository, when installed
 *     (`scripts/install-history-peers.sh`, or on PATH), `--peer-runs` times (default 1);
 *
 * each as wall and CPU seconds, peak memory and the ratio of wall time to the `--unordered` floor.
 * `--keep-findings DIR` copies each full scan's findings there, to compare two builds.
 * It also checks that the findings are right: the full scan and the new-key range are run once
 * more in the reference mode (no byte prefilter, every blob decoded) and must give identical
 * findings; the run exits 1 when they don't.
 *
 * Every measurement runs in its own process from an ncc bundle of history-child.ts (the bundler
 * of dist/), so peak memory is per measurement and the code measured is the code shipped. Peak
 * memory is the process tree's, as GNU time reports it for the peers: the largest of node's own
 * and each git's (git's pack mapping once made it the larger).
 * Goals (issue 12): full ≤ 1.5× the --unordered floor, peak < 300 MB, cached rerun < 5 % of the
 * first run, 50-commit range with a new key < 2 s.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Measurement } from './history-child';
import { COMMITS, GENERATOR_VERSION, generateRepository } from './history-repo';
import { SCAN_NODE_FLAGS, scanEnvironment } from '../src/io/scan-process';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '3' },
    'peer-runs': { type: 'string', default: '1' },
    /** Copy each repository's full-scan findings here (to compare two builds). */
    'keep-findings': { type: 'string' },
  },
});
const RUNS = Math.max(1, Number(flags.runs));
const PEER_RUNS = Math.max(0, Number(flags['peer-runs']));

function git(repo: string, args: string[], env?: NodeJS.ProcessEnv): string {
  return execFileSync('git', ['-C', repo, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, ...env },
  }).trim();
}

// ---- the measured code, bundled -----------------------------------------------------------------

function ncc(entry: string, out: string): void {
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
      'build',
      entry,
      '-o',
      out,
      '--target',
      'es2022',
      '--transpile-only',
      '-q',
    ],
    { cwd: root, stdio: 'inherit' },
  );
}

/** The child bundle, with the history scan's worker bundle beside it (as scripts/build.mjs does). */
function bundleChild(dir: string): string {
  ncc(join(here, 'history-child.ts'), dir);
  const entry = join(root, 'src/history/scan-worker.ts');
  if (existsSync(entry)) {
    const worker = join(dir, 'worker');
    ncc(entry, worker);
    copyFileSync(join(worker, 'index.js'), join(dir, 'history-worker.js'));
  }
  return join(dir, 'index.js');
}

/**
 * One measurement in its own process, started with the flags and the environment the CLI and
 * the action run their scan under (src/io/scan-process.ts). Its peak memory is that of the whole
 * process tree, the largest of node's own and each git it started (GNU time reports the largest
 * descendant), as the peers' is: the child can only see its own.
 */
function measure(child: string, args: string[], env?: NodeJS.ProcessEnv): Measurement {
  const timing = join(mkdtempSync(join(tmpdir(), 'ddg-bench-time-')), 'time.txt');
  const timed = existsSync('/usr/bin/time');
  const command = timed
    ? [
        '/usr/bin/time',
        '-f',
        '%M',
        '-o',
        timing,
        process.execPath,
        ...SCAN_NODE_FLAGS,
        child,
        ...args,
      ]
    : [process.execPath, ...SCAN_NODE_FLAGS, child, ...args];
  const result = spawnSync(command[0]!, command.slice(1), {
    env: scanEnvironment({ ...process.env, ...env }),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`measurement ${args.join(' ')} failed`);
  const measurement = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Measurement;
  if (timed && existsSync(timing)) {
    const treeKb = Number(readFileSync(timing, 'utf8').trim().split('\n').at(-1));
    if (Number.isFinite(treeKb))
      measurement.maxRssMb = Math.max(measurement.maxRssMb, treeKb / 1024);
  }
  rmSync(dirname(timing), { recursive: true, force: true });
  return measurement;
}

// ---- peers ----------------------------------------------------------------------------------------

interface Peer {
  name: string;
  program: string;
  args(repo: string, out: string): string[];
}

function findPeer(program: string, pkg: string): string | undefined {
  const cache =
    process.env.HISTORY_PEERS_CACHE ??
    join(
      process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
      'django-deploy-guard',
      'history-peers',
    );
  const cached = join(cache, pkg, 'usr', 'bin', program);
  if (existsSync(cached)) return cached;
  const which = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : undefined;
}

function peerVersion(program: string, pkg: string): string {
  const cache =
    process.env.HISTORY_PEERS_CACHE ??
    join(
      process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
      'django-deploy-guard',
      'history-peers',
    );
  const stamp = join(cache, pkg, 'VERSION');
  return existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : program;
}

function peers(): Peer[] {
  const found: Peer[] = [];
  const gitleaks = findPeer('gitleaks', 'gitleaks');
  if (gitleaks)
    found.push({
      name: `gitleaks ${peerVersion(gitleaks, 'gitleaks')} detect (git log -p --all)`,
      program: gitleaks,
      args: (repo, out) => [
        'detect',
        '--source',
        repo,
        '--no-banner',
        '--log-level',
        'error',
        '--exit-code',
        '0',
        '--report-path',
        join(out, 'gitleaks.json'),
      ],
    });
  const trufflehog = findPeer('trufflehog', 'trufflehog');
  if (trufflehog)
    found.push({
      name: `TruffleHog ${peerVersion(trufflehog, 'trufflehog')} git (no verification)`,
      program: trufflehog,
      // A bare repository needs --bare, or TruffleHog scans nothing.
      args: (repo) => [
        'git',
        `file://${repo}`,
        '--no-update',
        '--no-verification',
        '--json',
        ...(git(repo, ['rev-parse', '--is-bare-repository']) === 'true' ? ['--bare'] : []),
      ],
    });
  return found;
}

/** A peer under GNU time: wall, user+system CPU (children included) and peak RSS. */
function measurePeer(peer: Peer, repo: string, out: string): Measurement | undefined {
  const timing = join(out, 'time.txt');
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %U %S %M', '-o', timing, peer.program, ...peer.args(repo, out)],
    { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 << 30 },
  );
  if (result.error || !existsSync(timing)) return undefined;
  const line = readFileSync(timing, 'utf8').trim().split('\n').at(-1) ?? '';
  const [wall = 0, user = 0, system = 0, rssKb = 0] = line.split(' ').map(Number);
  return {
    ms: wall * 1000,
    maxRssMb: rssKb / 1024,
    cpu: { self: user + system, git: 0 },
    detail: { exit: result.status },
  };
}

// ---- one repository -------------------------------------------------------------------------------

/** A commit on top of HEAD adding a settings file with a fresh Django key; no ref points at it. */
function commitNewKey(repo: string, scratch: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)';
  const bytes = randomBytes(50);
  const key = [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
  const content = `DEBUG = False\nSECRET_KEY = "${key}"\n`;
  const file = join(scratch, 'leak.py');
  writeFileSync(file, content);
  const id = git(repo, ['hash-object', '-w', file]);
  const env = { GIT_INDEX_FILE: join(scratch, 'index') };
  git(repo, ['read-tree', 'HEAD'], env);
  git(
    repo,
    ['update-index', '--add', '--cacheinfo', `100644,${id},config/settings/bench_leak.py`],
    env,
  );
  const tree = git(repo, ['write-tree'], env);
  return git(repo, ['commit-tree', tree, '-p', 'HEAD', '-m', 'bench: add a key'], {
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
    GIT_AUTHOR_DATE: '2030-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2030-01-01T00:00:00Z',
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface Row {
  label: string;
  samples: Measurement[];
}

function summarise(rows: Row[], floorWall: number): string[] {
  const lines = [
    '| measurement | wall s | CPU s (ours + git) | peak MB | wall / floor |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    if (row.samples.length === 0) continue;
    const wall = median(row.samples.map((m) => m.ms)) / 1000;
    const cpu = median(row.samples.map((m) => m.cpu.self + m.cpu.git));
    const self = median(row.samples.map((m) => m.cpu.self));
    const peak = Math.max(...row.samples.map((m) => m.maxRssMb));
    const cpuText =
      row.samples[0]!.cpu.git > 0
        ? `${cpu.toFixed(1)} (${self.toFixed(1)} + ${(cpu - self).toFixed(1)})`
        : cpu.toFixed(1);
    lines.push(
      `| ${row.label} | ${wall.toFixed(2)} | ${cpuText} | ${peak.toFixed(0)} | ${(wall / floorWall).toFixed(2)}× |`,
    );
  }
  return lines;
}

function benchRepository(child: string, repo: string): boolean {
  const scratch = mkdtempSync(join(tmpdir(), 'ddg-bench-'));
  try {
    const stats = {
      commits: Number(git(repo, ['rev-list', '--all', '--count'])),
      refs: git(repo, ['for-each-ref', '--format=x']).split('\n').length,
    };
    const head = git(repo, ['rev-parse', 'HEAD']);
    const rangeBase = git(repo, ['rev-parse', 'HEAD~50']);
    const keyCommit = commitNewKey(repo, scratch);
    const keyBase = git(repo, ['rev-parse', 'HEAD~49']);
    const cacheFile = join(scratch, 'cache.json');
    const rows: Record<string, Row> = {};
    const row = (key: string, label: string) => (rows[key] ??= { label, samples: [] });
    const floorU = row('floorU', 'floor: `cat-file --batch-all-objects --batch --unordered`');
    const floorO = row('floorO', 'floor: the same in object-id order');
    const full = row('full', 'ours: `--history full`, first run (writes the cache)');
    const threaded = row('threaded', 'ours: `--history full`, first run, 1 worker thread');
    const warm = row('warm', 'ours: `--history full`, cached rerun');
    const clean = row('clean', 'ours: range `HEAD~50..HEAD`');
    const newKey = row('newKey', 'ours: range `HEAD~49..<commit adding a key>`');
    const newKeyCached = row('newKeyCached', "ours: the same range, with the full scan's cache");
    for (let round = 0; round < RUNS; round++) {
      process.stderr.write(`  round ${round + 1}/${RUNS}\n`);
      floorU.samples.push(measure(child, ['floor-unordered', repo]));
      floorO.samples.push(measure(child, ['floor-ordered', repo]));
      rmSync(cacheFile, { force: true });
      const findings = round === 0 ? ['--findings', join(scratch, 'full.json')] : [];
      full.samples.push(measure(child, ['scan', repo, 'full', '--cache', cacheFile, ...findings]));
      warm.samples.push(measure(child, ['scan', repo, 'full', '--cache', cacheFile]));
      // Worker threads are off by default on 2 cores; this row is the measurement behind that.
      threaded.samples.push(measure(child, ['scan', repo, 'full'], { DDG_HISTORY_WORKERS: '1' }));
      clean.samples.push(
        measure(child, ['scan', repo, 'range', '--base', rangeBase, '--head', head]),
      );
      const keyFindings = round === 0 ? ['--findings', join(scratch, 'range.json')] : [];
      newKey.samples.push(
        measure(child, [
          'scan',
          repo,
          'range',
          '--base',
          keyBase,
          '--head',
          keyCommit,
          ...keyFindings,
        ]),
      );
      // A pull request run that restored the nightly full scan's cache (actions/cache).
      newKeyCached.samples.push(
        measure(child, [
          'scan',
          repo,
          'range',
          '--base',
          keyBase,
          '--head',
          keyCommit,
          '--cache',
          cacheFile,
        ]),
      );
    }
    const peerRows: Row[] = [];
    for (const peer of peers()) {
      const peerRow: Row = { label: peer.name, samples: [] };
      for (let run = 0; run < PEER_RUNS; run++) {
        process.stderr.write(`  ${peer.name} ${run + 1}/${PEER_RUNS}\n`);
        const measured = measurePeer(peer, repo, scratch);
        if (measured) peerRow.samples.push(measured);
      }
      peerRows.push(peerRow);
    }
    // The findings check: the reference mode decodes and scans every blob.
    measure(child, [
      'scan',
      repo,
      'full',
      '--reference',
      '--findings',
      join(scratch, 'full-ref.json'),
    ]);
    measure(child, [
      'scan',
      repo,
      'range',
      '--base',
      keyBase,
      '--head',
      keyCommit,
      '--reference',
      '--findings',
      join(scratch, 'range-ref.json'),
    ]);
    const same = (a: string, b: string) =>
      readFileSync(join(scratch, a), 'utf8') === readFileSync(join(scratch, b), 'utf8');
    const fullSame = same('full.json', 'full-ref.json');
    if (flags['keep-findings'])
      writeFileSync(
        join(flags['keep-findings'], `${basename(repo)}.json`),
        readFileSync(join(scratch, 'full.json')),
      );
    const rangeSame = same('range.json', 'range-ref.json');
    const count = (file: string) =>
      (JSON.parse(readFileSync(join(scratch, file), 'utf8')) as unknown[]).length;

    const detail = full.samples[0]!.detail;
    const floorWall = median(floorU.samples.map((m) => m.ms)) / 1000;
    const lines = [
      '',
      `### ${basename(repo)}: ${stats.commits.toLocaleString('en-US')} commits, ${Number(detail.blobs).toLocaleString('en-US')} blobs (${(Number(detail.bytes) / 1e6).toFixed(0)} MB read), ${stats.refs.toLocaleString('en-US')} refs`,
      '',
      `Medians of ${RUNS} run(s)${peerRows.length > 0 ? `; peers ${PEER_RUNS} run(s)` : ''}. Range \`HEAD~50..HEAD\`: ${String(clean.samples[0]?.detail.commits)} commits; new-key range: ${String(newKey.samples[0]?.detail.commits)} commits.`,
      '',
      ...summarise(
        [floorU, floorO, full, threaded, warm, clean, newKey, newKeyCached, ...peerRows],
        floorWall,
      ),
      '',
    ];
    const warmShare = median(warm.samples.map((m) => m.ms)) / median(full.samples.map((m) => m.ms));
    const peak = Math.max(
      ...[full, warm, clean, newKey, newKeyCached].flatMap((r) => r.samples.map((m) => m.maxRssMb)),
    );
    const fullRatio = median(full.samples.map((m) => m.ms)) / 1000 / floorWall;
    const newKeyWall = median(newKey.samples.map((m) => m.ms)) / 1000;
    const newKeyCachedWall = median(newKeyCached.samples.map((m) => m.ms)) / 1000;
    lines.push(
      `- full / --unordered floor: ${fullRatio.toFixed(2)}× (goal ≤ 1.5×) ${fullRatio <= 1.5 ? 'met' : 'missed'}`,
      `- cached rerun: ${(warmShare * 100).toFixed(1)} % of the first run (goal < 5 %) ${warmShare < 0.05 ? 'met' : 'missed'}`,
      `- range adding a new key: ${newKeyWall.toFixed(2)} s without a cache, ${newKeyCachedWall.toFixed(2)} s with the full scan's cache (goal < 2 s) ${newKeyCachedWall < 2 ? 'met with the cache' : 'missed'}${newKeyWall < 2 ? ', met without' : ''}`,
      `- peak memory: ${peak.toFixed(0)} MB (goal < 300 MB) ${peak < 300 ? 'met' : 'missed'}`,
      `- findings identical to the reference scan: full ${fullSame ? 'yes' : 'NO'} (${count('full.json')} findings), new-key range ${rangeSame ? 'yes' : 'NO'} (${count('range.json')} findings)`,
    );
    console.log(lines.join('\n'));
    return fullSame && rangeSame;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function generatedRepository(): Promise<string> {
  const repo = join(root, '.cache', 'bench-repo', GENERATOR_VERSION);
  if (!existsSync(join(repo, '.git'))) {
    const started = performance.now();
    const temp = `${repo}.tmp-${randomBytes(4).toString('hex')}`;
    console.log(`generating ${COMMITS.toLocaleString('en-US')} commits into ${temp} …`);
    await generateRepository(temp);
    renameSync(temp, repo);
    console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return repo;
}

async function main(): Promise<void> {
  const repos =
    positionals.length > 0 ? positionals.map((p) => resolve(p)) : [await generatedRepository()];
  const bundle = mkdtempSync(join(tmpdir(), 'ddg-bench-child-'));
  try {
    const child = bundleChild(bundle);
    console.log(
      `history benchmark: ${RUNS} run(s) each, node ${process.version}, ${git(root, ['--version'])}`,
    );
    let identical = true;
    for (const repo of repos) {
      process.stderr.write(`${repo}\n`);
      identical = benchRepository(child, repo) && identical;
    }
    if (!identical) {
      console.error('\nfindings differ from the reference scan');
      process.exitCode = 1;
    }
  } finally {
    rmSync(bundle, { recursive: true, force: true });
  }
}

await main();
