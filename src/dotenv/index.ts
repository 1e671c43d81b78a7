import { parseDjangoEnviron } from './django-environ';
import { parseCompose } from './docker-compose';
import { parseInputs } from './env-options';
import { parseDecouple } from './python-decouple';
import { parsePythonDotenv } from './python-dotenv';
import type { DotenvDialect, DotenvOptions, DotenvParse } from './types';

/**
 * `.env` text, read the way each program that reads it does. The same file means different
 * things to different readers (`SECURE_SSL_REDIRECT=True # on` is `True` to python-dotenv and
 * docker compose, `True # on` to django-environ's `read_env`), so every caller names its
 * dialect instead of getting a general-purpose guess:
 *
 * - `python-dotenv`: python-dotenv 1.2 (`load_dotenv`, `dotenv_values`): quotes, escapes,
 *   multi-line quoted values, ` #` comments, `export`, `${VAR}` / `${VAR:-default}`.
 * - `django-environ`: django-environ 0.12 `Env.read_env`, line by line, with or without
 *   `parse_comments`.
 * - `python-decouple`: python-decouple 3.6 `RepositoryEnv` (`.env` next to the settings).
 * - `docker-compose`: docker compose 2.40 `env_file:` (compose-go 2.9 dotenv): compose
 *   interpolation (`$VAR`, `${VAR:-d}`, `${VAR:?err}`, `$$`), `KEY: value`, and a file it
 *   cannot read fails as a whole.
 * - `inputs`: the action's `env` / `env-file` inputs and the CLI's `--env` / `--env-from-file`:
 *   python-dotenv's syntax, no interpolation (a value is what the user wrote), and a line
 *   python-dotenv would skip (or a key without `=`) is an error naming the line.
 *
 * Each dialect is a port of the library's own parser, checked against the real library
 * (Debian's python3-dotenv, python3-django-environ, python3-decouple, docker-compose) by a
 * differential test over generated files (test/dotenv/dotenv-oracle.test.ts).
 */

export function parseDotenv(
  text: string,
  dialect: DotenvDialect,
  options: DotenvOptions = {},
): DotenvParse {
  switch (dialect) {
    case 'python-dotenv':
      return parsePythonDotenv(text, options);
    case 'django-environ':
      return parseDjangoEnviron(text, options.parseComments ?? false);
    case 'python-decouple':
      return parseDecouple(text);
    case 'docker-compose':
      return parseCompose(text, options.environment ?? (() => undefined));
    case 'inputs':
      return parseInputs(text);
  }
}

/** The value each key ends with (the last assignment wins); keys without a value left out. */
export function dotenvValues(parse: DotenvParse): Map<string, string> {
  const values = new Map<string, string>();
  for (const { key, value } of parse.entries) {
    if (value === undefined) values.delete(key);
    else values.set(key, value);
  }
  return values;
}

/**
 * The `inputs` dialect as the action inputs and CLI flags use it: the pairs, and the lines that
 * are not `KEY=VALUE` so the caller can reject them with a clear message.
 */
export function parseEnvAssignments(text: string): {
  values: Record<string, string>;
  invalidLines: number[];
} {
  const parsed = parseDotenv(text, 'inputs');
  return {
    values: Object.fromEntries(dotenvValues(parsed)),
    invalidLines: parsed.invalidLines,
  };
}

export type { DotenvDialect, DotenvEntry, DotenvOptions, DotenvParse } from './types';
