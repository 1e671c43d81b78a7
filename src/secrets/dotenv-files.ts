import { parseDotenv } from '../dotenv';
import { baseNameOf } from './text-lines';

/**
 * Which paths are dotenv files, which of those are templates, and their entries.
 * Paths: `.env`, `.env.*`, `.env-*`, `*.env`, `*.env.*`, anything under `.envs/`
 * (cookiecutter-django's layout).
 */

/** Extensions that make a `.env.*` name a source file rather than an env file. */
const NOT_ENV_EXTENSIONS =
  /\.(py|pyc|js|mjs|cjs|ts|tsx|jsx|json|md|rst|html|j2|jinja2?|sh|ps1|bat|vault|gpg|age|enc|lock|sample\.py)$/;

export function isDotenvPath(path: string): boolean {
  const base = baseNameOf(path);
  const underEnvs = /(^|\/)\.envs\//i.test(path);
  if (underEnvs) return true;
  if (NOT_ENV_EXTENSIONS.test(base)) return false;
  return (
    base === '.env' ||
    base.startsWith('.env.') ||
    base.startsWith('.env-') ||
    base.startsWith('.env_') ||
    base.endsWith('.env') ||
    /^[^.][\w-]*\.env\.[\w-]+$/.test(base)
  );
}

/**
 * `.env.example`, `.env-template`, `.env.sample`, `.env.dist`, `*.example`, `example.env`,
 * `app.env.tmpl`, …: files meant to hold placeholders, judged by their content.
 */
export function isDotenvTemplatePath(path: string): boolean {
  const base = baseNameOf(path);
  return /(^|[._-])(examples?|samples?|templates?|tpl|tmpl|dist|defaults?|skel)([._-]|$)/.test(
    base,
  );
}

export interface DotenvEntry {
  key: string;
  value: string;
  /** 1-based. */
  line: number;
}

/**
 * The entries of a dotenv file as python-dotenv reads them (src/dotenv/): quotes, escapes,
 * multi-line quoted values read whole, ` #` comments, `export`; lines it cannot parse and keys
 * without a value are skipped. Values are not interpolated: `${VAR}` is a reference, not a secret.
 * python-dotenv (and docker compose) read `TOKEN= # none yet` as the value `# none yet`; a person
 * wrote a comment there, not a secret, so a value that is `#` then a blank is left out too
 * (`#a(b)c`, which a Django key may be, stays).
 */
export function dotenvFileEntries(content: string): DotenvEntry[] {
  return parseDotenv(content, 'python-dotenv', { interpolate: false }).entries.flatMap(
    ({ key, value, line }) =>
      value === undefined || /^#(\s|$)/.test(value) ? [] : [{ key, value, line }],
  );
}
