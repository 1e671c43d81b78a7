// Real Django as the oracle: the parity corpus, the Debian-built Django cache and a runner for
// `django-admin check --deploy` (test/parity/oracle.py) over one case and one Django version.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ORACLE_VERSIONS = ['3.2', '4.2', '5.2'] as const;
export type OracleVersion = (typeof ORACLE_VERSIONS)[number];

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '../..');
export const PARITY_FIXTURES = path.join(REPO_ROOT, 'test/fixtures/parity');
export const INSTALL_SCRIPT = path.join(REPO_ROOT, 'scripts/install-django-oracle.sh');
const ORACLE_PY = path.join(here, 'oracle.py');

// Debian's python (3.11), never a version manager's shim that may come first on PATH.
const SYSTEM_PYTHON = '/usr/bin/python3';

/** One directory of test/fixtures/parity: a tiny Django project plus its case.json. */
export interface ParityCase {
  readonly name: string;
  readonly dir: string;
  /** Dotted settings module, e.g. `proj.settings.production`. */
  readonly module: string;
  /** Environment variables the case runs with (on top of a clean environment). */
  readonly env: Readonly<Record<string, string>>;
  /** Versions whose check ids are compared (expected.json has a list for each). */
  readonly versions: readonly OracleVersion[];
  readonly description: string;
  /** Extra PYTHONPATH entries, relative to the case directory. */
  readonly pythonPath: readonly string[];
  /** A fully hardened production config: Django reports nothing in scope on any version. */
  readonly hardened: boolean;
  /** Versions on which real Django crashes, with a substring of the expected crash. */
  readonly expectedCrashes: Readonly<Partial<Record<OracleVersion, string>>>;
}

/** test/fixtures/parity/<case>/expected.json, written by record-expected.ts from real Django. */
export type ExpectedIds = Partial<Record<OracleVersion, string[]>> & {
  djangoVersions: Partial<Record<OracleVersion, string>>;
};

export interface OracleRun {
  readonly version: OracleVersion;
  /** Exact version reported by the Django that ran, e.g. `5.2.18`. */
  readonly djangoVersion: string;
  readonly rc: number;
  /** In-scope ids, sorted, with multiplicity. */
  readonly ids: readonly string[];
  /** Every id Django printed, in output order. */
  readonly allIds: readonly string[];
  /** `ExceptionType: message` when Django crashed, else null. */
  readonly crash: string | null;
  readonly output: string;
}

/** Ids compared with our analyser: Django's security and compatibility checks, corsheaders. */
export function isInScope(id: string): boolean {
  return id.startsWith('security.') || id.startsWith('4_0.') || id.startsWith('corsheaders.');
}

/** In-scope ids sorted by code unit, duplicates kept (two weak fallbacks are two W025). */
export function toComparableIds(ids: Iterable<string>): string[] {
  return [...ids].filter(isInScope).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function oracleCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DJANGO_ORACLE_CACHE) return env.DJANGO_ORACLE_CACHE;
  const cacheHome = env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(cacheHome, 'django-deploy-guard', 'django-oracle');
}

export function distPackagesFor(version: OracleVersion): string {
  return path.join(oracleCacheRoot(), version, 'usr/lib/python3/dist-packages');
}

export function isOracleInstalled(): boolean {
  return ORACLE_VERSIONS.every(
    (version) =>
      existsSync(path.join(oracleCacheRoot(), version, 'VERSION')) &&
      existsSync(path.join(distPackagesFor(version), 'django/__init__.py')),
  );
}

let installChecked = false;

/**
 * Runs scripts/install-django-oracle.sh once per process: it returns in a fraction of a second
 * when the cache is complete, and repairs or builds it otherwise (the script, not this file,
 * knows what "complete" means). Throws with the script's own message on failure, so a test that
 * depends on the oracle fails instead of skipping.
 */
export function ensureOracleInstalled(): void {
  if (installChecked) return;
  const run = spawnSync('bash', [INSTALL_SCRIPT], { encoding: 'utf8', timeout: 900_000 });
  if (run.status !== 0 || !isOracleInstalled()) {
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
    throw new Error(
      `scripts/install-django-oracle.sh failed (exit ${run.status ?? run.signal ?? 'unknown'}):\n${output}`,
    );
  }
  installChecked = true;
}

function isOracleVersion(value: unknown): value is OracleVersion {
  return typeof value === 'string' && (ORACLE_VERSIONS as readonly string[]).includes(value);
}

function parseCase(name: string, dir: string, raw: unknown): ParityCase {
  const fail = (why: string): never => {
    throw new Error(`test/fixtures/parity/${name}/case.json: ${why}`);
  };
  if (typeof raw !== 'object' || raw === null) return fail('not a JSON object');
  const spec = raw as Record<string, unknown>;
  if (typeof spec.module !== 'string' || !/^[A-Za-z_][\w.]*$/.test(spec.module)) {
    return fail('"module" must be a dotted module name');
  }
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries((spec.env ?? {}) as Record<string, unknown>)) {
    if (typeof value !== 'string') return fail(`env.${key} must be a string`);
    env[key] = value;
  }
  const versions = spec.versions ?? ORACLE_VERSIONS;
  if (!Array.isArray(versions) || !versions.every(isOracleVersion)) {
    return fail(`"versions" must list some of ${ORACLE_VERSIONS.join(', ')}`);
  }
  const expectedCrashes: Partial<Record<OracleVersion, string>> = {};
  for (const [version, crash] of Object.entries(
    (spec.expectedCrashes ?? {}) as Record<string, unknown>,
  )) {
    if (!isOracleVersion(version) || typeof crash !== 'string') {
      return fail('"expectedCrashes" maps a version to a crash substring');
    }
    if (versions.includes(version))
      return fail(`${version} is in both versions and expectedCrashes`);
    expectedCrashes[version] = crash;
  }
  const pythonPath = spec.pythonPath ?? [];
  if (!Array.isArray(pythonPath) || !pythonPath.every((entry) => typeof entry === 'string')) {
    return fail('"pythonPath" must be a list of paths relative to the case');
  }
  if (typeof spec.description !== 'string' || spec.description === '') {
    return fail('"description" is required');
  }
  return {
    name,
    dir,
    module: spec.module,
    env,
    versions,
    description: spec.description,
    pythonPath,
    hardened: spec.hardened === true,
    expectedCrashes,
  };
}

/** Every case of the corpus, sorted by name. */
export function loadParityCases(root: string = PARITY_FIXTURES): ParityCase[] {
  return readdirSync(root)
    .filter((name) => statSync(path.join(root, name)).isDirectory())
    .sort()
    .map((name) => {
      const dir = path.join(root, name);
      const raw: unknown = JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8'));
      return parseCase(name, dir, raw);
    });
}

export function readExpected(parityCase: ParityCase): ExpectedIds {
  const file = path.join(parityCase.dir, 'expected.json');
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: run \`npx tsx test/parity/record-expected.ts ${parityCase.name}\``,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8')) as ExpectedIds;
}

/** Every version the oracle runs for a case: the compared ones and the expected crashes. */
export function oracleVersionsOf(parityCase: ParityCase): OracleVersion[] {
  return ORACLE_VERSIONS.filter(
    (version) =>
      parityCase.versions.includes(version) || parityCase.expectedCrashes[version] !== undefined,
  );
}

interface RawOracleResult {
  django: string;
  rc: number;
  ids: string[];
  crash: string | null;
  output: string;
}

function pythonPathFor(parityCase: ParityCase, version: OracleVersion): string[] {
  return [
    parityCase.dir,
    ...parityCase.pythonPath.map((entry) => path.resolve(parityCase.dir, entry)),
    distPackagesFor(version),
  ];
}

// A clean environment: only what Python needs plus the case's own variables.
function caseEnvironment(parityCase: ParityCase, version: OracleVersion): Record<string, string> {
  return {
    PATH: '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    PYTHONPATH: pythonPathFor(parityCase, version).join(':'),
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONHASHSEED: '0',
    ...parityCase.env,
  };
}

function parseResultLine(line: string, context: string): RawOracleResult {
  const payload = JSON.parse(line.slice(RESULT_PREFIX.length)) as RawOracleResult & {
    error?: string;
  };
  if (payload.error !== undefined)
    throw new Error(`oracle.py failed for ${context}: ${payload.error}`);
  return payload;
}

const RESULT_PREFIX = 'ORACLE-RESULT ';

/** One fresh `/usr/bin/python3 oracle.py <module>` per run: the reference mode. */
function spawnOracle(parityCase: ParityCase, version: OracleVersion): Promise<RawOracleResult> {
  const context = `${parityCase.name} on Django ${version}`;
  return new Promise((resolve, reject) => {
    const child = spawn(SYSTEM_PYTHON, ['-s', ORACLE_PY, parityCase.module], {
      cwd: parityCase.dir,
      env: caseEnvironment(parityCase, version),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = stdout.split('\n').find((text) => text.startsWith(RESULT_PREFIX));
      if (code !== 0 || line === undefined) {
        reject(
          new Error(
            `oracle.py failed for ${context} (exit ${code ?? signal}):\n${stdout}${stderr}`,
          ),
        );
        return;
      }
      try {
        resolve(parseResultLine(line, context));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/**
 * `oracle.py --serve` for one Django version: Django's imports are paid once and every run is a
 * forked child, so a run costs a fraction of a fresh interpreter. Requests are answered in order.
 */
class OracleServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: {
    context: string;
    resolve: (result: RawOracleResult) => void;
    reject: (error: Error) => void;
  }[] = [];
  private stderr = '';
  private failure: Error | undefined;

  constructor(readonly version: OracleVersion) {
    this.child = spawn(SYSTEM_PYTHON, ['-s', ORACLE_PY, '--serve'], {
      cwd: REPO_ROOT,
      env: {
        PATH: '/usr/bin:/bin',
        LANG: 'C.UTF-8',
        PYTHONPATH: distPackagesFor(version),
        PYTHONDONTWRITEBYTECODE: '1',
        PYTHONHASHSEED: '0',
      },
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      if (!line.startsWith(RESULT_PREFIX)) return;
      const request = this.waiting.shift();
      if (request === undefined) return;
      try {
        request.resolve(parseResultLine(line, request.context));
      } catch (error) {
        request.reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    const fail = (why: string): void => {
      this.failure = new Error(`oracle.py --serve for Django ${version} ${why}:\n${this.stderr}`);
      for (const request of this.waiting.splice(0)) request.reject(this.failure);
    };
    this.child.on('error', (error) => fail(`could not start: ${error.message}`));
    this.child.on('exit', (code, signal) => fail(`exited (${code ?? signal})`));
  }

  get pending(): number {
    return this.waiting.length;
  }

  run(parityCase: ParityCase): Promise<RawOracleResult> {
    if (this.failure) return Promise.reject(this.failure);
    const context = `${parityCase.name} on Django ${this.version}`;
    const request = {
      dir: parityCase.dir,
      module: parityCase.module,
      env: caseEnvironment(parityCase, this.version),
      pythonPath: pythonPathFor(parityCase, this.version).slice(1, -1),
    };
    return new Promise((resolve, reject) => {
      this.waiting.push({ context, resolve, reject });
      this.child.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }
}

// Two servers per version: the machine has two cores.
const SERVERS_PER_VERSION = 2;
const servers = new Map<OracleVersion, OracleServer[]>();

function leastBusyServer(version: OracleVersion): OracleServer {
  let pool = servers.get(version);
  if (pool === undefined) {
    pool = [];
    servers.set(version, pool);
  }
  const idle = pool.find((server) => server.pending === 0);
  if (idle) return idle;
  if (pool.length < SERVERS_PER_VERSION) {
    const server = new OracleServer(version);
    pool.push(server);
    return server;
  }
  return pool.reduce((best, server) => (server.pending < best.pending ? server : best));
}

/** Stops the fork servers started by runOracle(..., 'server'). */
export function closeOracleServers(): void {
  for (const pool of servers.values()) for (const server of pool) server.close();
  servers.clear();
}

export type OracleMode = 'fresh' | 'server';

/**
 * Runs real `check --deploy` for one case on one version. Throws when Django crashes and the
 * case does not list that crash, or when an expected crash does not happen. `fresh` starts one
 * interpreter per run; `server` forks from a per-version server (close it with closeOracleServers). `fresh` starts one
 * interpreter per run; `server` forks from a per-version server (close it with closeOracleServers).
 */
export async function runOracle(
  parityCase: ParityCase,
  version: OracleVersion,
  mode: OracleMode = 'fresh',
): Promise<OracleRun> {
  const raw =
    mode === 'fresh'
      ? await spawnOracle(parityCase, version)
      : await leastBusyServer(version).run(parityCase);
  const expectedCrash = parityCase.expectedCrashes[version];
  const where = `${parityCase.name} on Django ${raw.django}`;
  if (raw.crash !== null && (expectedCrash === undefined || !raw.crash.includes(expectedCrash))) {
    throw new Error(`Django crashed for ${where}: ${raw.crash}\n${raw.output}`);
  }
  if (raw.crash === null && expectedCrash !== undefined) {
    throw new Error(`expected Django to crash with "${expectedCrash}" for ${where}, it did not`);
  }
  if (!raw.django.startsWith(`${version}.`)) {
    throw new Error(`the ${version} oracle cache runs Django ${raw.django}`);
  }
  return {
    version,
    djangoVersion: raw.django,
    rc: raw.rc,
    ids: toComparableIds(raw.ids),
    allIds: raw.ids,
    crash: raw.crash,
    output: raw.output,
  };
}

/** Maps with at most `concurrency` calls in flight (the machine has two cores). */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  concurrency: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
