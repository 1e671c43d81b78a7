import { baseNameOf, splitLines } from './text-lines';

/**
 * Which paths are dotenv files, which of those are templates, and a forgiving parser for them.
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

/** `KEY=value`, `export KEY=value`, `KEY: value`; quotes, ` #` comments, invalid lines skipped. */
const ENTRY = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=|:(?=\s|$))(.*)$/;

/**
 * Parses a dotenv file the way python-dotenv and docker-compose read it, closely enough to find
 * keys and values: quoted values end at the closing quote (multi-line values keep their first
 * line), unquoted values end at ` #` (whitespace then `#`, since a bare `#` may be part of a key).
 */
export function parseDotenv(content: string): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  for (const line of splitLines(content)) {
    const match = ENTRY.exec(line.text);
    if (!match) continue;
    const raw = match[2] ?? '';
    // `KEY= # note` is a comment; `KEY=#abc` is a value (a Django key may start with `#`).
    const rest = /^\s+#/.test(raw) ? '' : raw.trim();
    let value: string;
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      const close = rest.indexOf(quote, 1);
      value = close === -1 ? rest.slice(1) : rest.slice(1, close);
    } else {
      const comment = /\s#/.exec(rest);
      value = (comment ? rest.slice(0, comment.index) : rest).trim();
    }
    entries.push({ key: match[1] ?? '', value, line: line.number });
  }
  return entries;
}
