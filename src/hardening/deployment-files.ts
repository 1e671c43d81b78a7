import { posix } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { parseDotenv } from '../dotenv';

/**
 * Path classification and light parsers for the hardening file rules: production env files,
 * docker-compose files and django-cfg configs. Everything here is total: bad input gives empty
 * results, never an exception.
 */

/** Files larger than this are not parsed (a config this big is not hand-written). */
export const MAX_FILE_CHARS = 1_000_000;

export function baseName(path: string): string {
  return posix.basename(path);
}

/**
 * `.env.production`, `.env.prod` (and `.local` variants), `production.env`, and cookiecutter-
 * django's `.envs/.production/*`.
 */
export function isProductionEnvFilePath(path: string): boolean {
  const name = baseName(path);
  if (/^\.env\.(prod|production)(\.[\w-]+)?$/i.test(name)) return true;
  if (/^(prod|production)\.env$/i.test(name)) return true;
  return /(^|\/)\.envs\/\.(prod|production)\/[^/]+$/i.test(path);
}

export interface EnvEntry {
  key: string;
  value: string;
  line: number;
}

/**
 * The entries of a production env file, as python-dotenv reads it (src/dotenv/): docker
 * compose reads the same lines the same way (` #` comments, quotes, `export`), while django-environ
 * would keep `True # on` whole. Values are not interpolated (`${VAR}` is a reference, see
 * `isReference`); keys without a value are left out.
 */
export function parseEnvFile(content: string): EnvEntry[] {
  if (content.length > MAX_FILE_CHARS) return [];
  return parseDotenv(content, 'python-dotenv', { interpolate: false }).entries.flatMap(
    ({ key, value, line }) => (value === undefined ? [] : [{ key, value, line }]),
  );
}

/** Values that env casts (django-environ, decouple, pydantic) read as True. */
export function isTruthyEnvText(value: string): boolean {
  return /^(true|1|yes|y|on|t|ok)$/i.test(value.trim());
}

export function isFalsyEnvText(value: string): boolean {
  return /^(false|0|no|n|off|f|)$/i.test(value.trim());
}

/** `${VAR}`, `$VAR` and compose/swarm secret-file references are not literal values. */
export function isReference(value: string): boolean {
  return /\$\{?[A-Za-z_]/.test(value) || /^\/run\/secrets\//.test(value);
}

// ---------------------------------------------------------------------------------------------
// docker compose

/** `docker-compose.yml`, `docker-compose.prod.yml`, `compose.yaml`, `compose.production.yaml`… */
export function isComposePath(path: string): boolean {
  return /^(docker-compose|compose)([.-][\w.-]+)?\.ya?ml$/i.test(baseName(path));
}

export interface ComposeEnvEntry {
  service: string;
  key: string;
  /** Undefined for a key without a value (`- DEBUG`, `DEBUG:`), which passes the host's env through. */
  value: string | undefined;
  line: number;
}

export interface ComposeFile {
  env: ComposeEnvEntry[];
  /** env_file paths as written, resolved against the compose file's directory. */
  envFiles: string[];
  production: boolean;
}

function lineOf(counter: LineCounter, node: Node | null | undefined): number {
  const offset = node?.range?.[0];
  return offset === undefined ? 1 : counter.linePos(offset).line;
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value: unknown = node.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return undefined;
}

/** Reads the services' `environment:` and `env_file:` of a compose file; undefined if not YAML. */
export function parseCompose(path: string, content: string): ComposeFile | undefined {
  if (content.length > MAX_FILE_CHARS) return undefined;
  const counter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(content, { lineCounter: counter, uniqueKeys: false });
  } catch {
    return undefined;
  }
  const services = isMap(doc.contents) ? doc.contents.get('services', true) : undefined;
  if (!isMap(services)) return { env: [], envFiles: [], production: isProductionName(path) };
  const env: ComposeEnvEntry[] = [];
  const envFiles: string[] = [];
  const dir = posix.dirname(path);
  for (const pair of services.items) {
    const service = scalarText(pair.key) ?? '';
    if (!isMap(pair.value)) continue;
    const environment: unknown = pair.value.get('environment', true);
    if (isMap(environment)) {
      for (const item of environment.items) {
        const key = scalarText(item.key);
        if (key === undefined) continue;
        env.push({
          service,
          key,
          value: scalarText(item.value),
          line: lineOf(counter, item.key as Node),
        });
      }
    } else if (isSeq(environment)) {
      for (const item of environment.items) {
        const text = scalarText(item);
        if (text === undefined) continue;
        const eq = text.indexOf('=');
        env.push({
          service,
          key: (eq === -1 ? text : text.slice(0, eq)).trim(),
          value: eq === -1 ? undefined : text.slice(eq + 1),
          line: lineOf(counter, item as Node),
        });
      }
    }
    const envFile: unknown = pair.value.get('env_file', true);
    const written: string[] = [];
    if (isScalar(envFile)) written.push(scalarText(envFile) ?? '');
    else if (isSeq(envFile)) {
      for (const item of envFile.items) {
        if (isMap(item)) written.push(scalarText(item.get('path', true)) ?? '');
        else written.push(scalarText(item) ?? '');
      }
    }
    for (const file of written)
      if (file !== '') envFiles.push(posix.normalize(posix.join(dir, file)));
  }
  const production =
    isProductionName(path) ||
    env.some((e) => e.key === 'DJANGO_SETTINGS_MODULE' && /prod/i.test(e.value ?? '')) ||
    envFiles.some(isProductionEnvFilePath);
  return { env, envFiles, production };
}

/** A file name that says production: `docker-compose.prod.yml`, `production.yml`, `compose.production.yaml`. */
export function isProductionName(path: string): boolean {
  return /(^|[^a-z])prod(uction)?([^a-z]|$)/i.test(baseName(path));
}

/**
 * The env files a production compose file loads with `env_file:` (repository-relative). The
 * pipeline passes them to `withProductionEnvFiles` so the env-file rules cover them too.
 */
export function productionEnvFilesOf(file: { path: string; content: string }): string[] {
  if (!isComposePath(file.path)) return [];
  const compose = parseCompose(file.path, file.content);
  return compose?.production ? compose.envFiles : [];
}
