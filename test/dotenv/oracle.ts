/**
 * The real `.env` readers as oracles: python-dotenv, django-environ and python-decouple in one
 * Python process (oracle.py), docker compose's `config` for `env_file:`. Installed from Debian by
 * scripts/install-env-oracle.sh and scripts/install-django-oracle.sh; a missing oracle fails the
 * test (with the command to run), it never skips it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distPackagesFor } from '../parity/oracle';

const here = path.dirname(fileURLToPath(import.meta.url));
const SYSTEM_PYTHON = '/usr/bin/python3';

/** The only environment the readers run with: variables the generated files interpolate. */
export const ORACLE_ENVIRONMENT: Readonly<Record<string, string>> = {
  OUTSIDE: 'from-env',
  EMPTY_OUTSIDE: '',
};

export function envOracleRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ENV_ORACLE_CACHE) return env.ENV_ORACLE_CACHE;
  return path.join(
    env.XDG_CACHE_HOME || path.join(homedir(), '.cache'),
    'django-deploy-guard',
    'env-oracle',
  );
}

const dotenvPackages = () => path.join(envOracleRoot(), 'usr/lib/python3/dist-packages');
const composeBinary = () => path.join(envOracleRoot(), 'usr/bin/docker-compose');

/** Throws with the command to run when a reader is not installed. */
export function requireEnvOracle(): void {
  const missing = [
    [path.join(dotenvPackages(), 'dotenv/parser.py'), 'bash scripts/install-env-oracle.sh'],
    [composeBinary(), 'bash scripts/install-env-oracle.sh'],
    [
      path.join(distPackagesFor('5.2'), 'environ/environ.py'),
      'bash scripts/install-django-oracle.sh',
    ],
    [path.join(distPackagesFor('5.2'), 'decouple.py'), 'bash scripts/install-django-oracle.sh'],
  ].filter(([file]) => !existsSync(file!));
  if (missing.length > 0) {
    throw new Error(
      `the .env oracles are not installed (${missing.map(([f]) => f).join(', ')}): run ${[...new Set(missing.map(([, c]) => c))].join(' and ')}`,
    );
  }
}

type Value = string | null;

export interface PythonCase {
  /** [key, value, line of the key, line where the binding starts, error] */
  bindings: [string | null, Value, number, number, boolean][];
  dotenv: Record<string, Value>;
  dotenvRaw: Record<string, Value>;
  loadDotenv: Record<string, Value>;
  environ: { values: Record<string, string>; invalid: string[] };
  environComments: { values: Record<string, string>; invalid: string[] };
  decouple: Record<string, string>;
}

export interface PythonResults {
  versions: Record<string, string>;
  /** `os.environ` as the Python readers saw it (Python adds a few variables of its own). */
  environment: Record<string, string>;
  cases: Record<string, PythonCase>;
}

export type ComposeResult = { environment: Record<string, string> } | { error: string };

/** Writes the texts as `case-NNN.env` into a new directory; returns it and the names. */
export function writeCases(texts: readonly string[]): { dir: string; names: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ddg-dotenv-oracle-'));
  const names = texts.map((text, i) => {
    const name = `case-${String(i).padStart(4, '0')}.env`;
    writeFileSync(path.join(dir, name), text);
    return name;
  });
  return { dir, names };
}

export function readWithPython(dir: string): PythonResults {
  const run = spawnSync(SYSTEM_PYTHON, ['-s', path.join(here, 'oracle.py'), dir], {
    encoding: 'utf8',
    env: { ...ORACLE_ENVIRONMENT, PYTHONPATH: `${dotenvPackages()}:${distPackagesFor('5.2')}` },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`oracle.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as PythonResults;
}

interface ComposeConfig {
  services: Record<string, { environment?: Record<string, string | null> }>;
}

function runCompose(dir: string, names: readonly string[]): ComposeConfig | { error: string } {
  const services = names
    .map((name, i) => `  s${i}:\n    image: scratch\n    env_file: [${name}]\n`)
    .join('');
  const file = path.join(dir, 'compose.yaml');
  writeFileSync(file, `services:\n${services}`);
  const run = spawnSync(composeBinary(), ['-f', file, 'config', '--format', 'json'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...ORACLE_ENVIRONMENT },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) return { error: run.stderr.trim() };
  return JSON.parse(run.stdout) as ComposeConfig;
}

/** `config` writes `$` as `$$` so that its output can be read again; undo that. */
const unescapeDollars = (value: string | null) => (value ?? '').replace(/\$\$/g, '$');

/**
 * docker compose's reading of each file. The files our port expects to be accepted go in one run
 * (one service each); if compose rejects that run, every file is run alone. The others run
 * alone, so that each result comes from compose itself.
 */
export function readWithCompose(
  dir: string,
  names: readonly string[],
  expectedToFail: ReadonlySet<string>,
): Map<string, ComposeResult> {
  const results = new Map<string, ComposeResult>();
  const alone = (name: string) => {
    const config = runCompose(dir, [name]);
    results.set(name, 'error' in config ? config : environmentOf(config, 0));
  };
  const batch = names.filter((n) => !expectedToFail.has(n));
  const config = runCompose(dir, batch);
  if ('error' in config) batch.forEach(alone);
  else batch.forEach((name, i) => results.set(name, environmentOf(config, i)));
  names.filter((n) => expectedToFail.has(n)).forEach(alone);
  return results;
}

function environmentOf(config: ComposeConfig, index: number): ComposeResult {
  const environment = config.services[`s${index}`]?.environment ?? {};
  return {
    environment: Object.fromEntries(
      Object.entries(environment).map(([key, value]) => [key, unescapeDollars(value)]),
    ),
  };
}

export function composeVersion(): string {
  return spawnSync(composeBinary(), ['version', '--short'], { encoding: 'utf8' }).stdout.trim();
}

export const readText = (dir: string, name: string) => readFileSync(path.join(dir, name), 'utf8');
