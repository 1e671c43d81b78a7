/** Parsers for the env files the settings libraries read (no I/O: text in, pairs out). */
import { dotenvValues, parseDotenv } from '../../core/dotenv';

/** django-environ `Env.read_env` (src/core/dotenv.ts, dialect `django-environ`). */
export function parseDjangoEnvironFile(
  content: string,
  parseComments: boolean,
): Map<string, string> {
  return dotenvValues(parseDotenv(content, 'django-environ', { parseComments }));
}

/** python-decouple RepositoryEnv (src/core/dotenv.ts, dialect `python-decouple`). */
export function parseDecoupleEnvFile(content: string): Map<string, string> {
  return dotenvValues(parseDotenv(content, 'python-decouple'));
}

/**
 * python-decouple RepositoryIni: the `[settings]` section of settings.ini via configparser
 * (keys are case-insensitive, stored lower-cased; `key = value` or `key: value`; continuation
 * lines; `#`/`;` full-line comments).
 */
export function parseDecoupleIni(content: string): Map<string, string> {
  const out = new Map<string, string>();
  let inSettings = false;
  let lastKey: string | undefined;
  for (const raw of content.split(/\r\n|\r|\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') {
      lastKey = undefined;
      continue;
    }
    const section = /^\s*\[([^\]]+)\]/.exec(raw);
    if (section) {
      inSettings = section[1]!.trim() === 'settings';
      lastKey = undefined;
      continue;
    }
    if (!inSettings) continue;
    if (/^\s/.test(raw) && lastKey !== undefined) {
      out.set(lastKey, `${out.get(lastKey)}\n${raw.trim()}`);
      continue;
    }
    const m = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!m) continue;
    lastKey = m[1]!.trim().toLowerCase();
    out.set(lastKey, m[2]!.trim());
  }
  return out;
}

/**
 * python-dotenv `dotenv_values` / `load_dotenv` (src/core/dotenv.ts, dialect `python-dotenv`):
 * `${VAR}` / `${VAR:-default}` expand from the file's earlier values, then from `lookup`.
 */
export function parsePythonDotenv(
  content: string,
  lookup: (name: string) => string | undefined,
): Map<string, string> {
  return dotenvValues(parseDotenv(content, 'python-dotenv', { environment: lookup }));
}
