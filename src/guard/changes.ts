import { CONFIG_FILE_NAME, EMPTY_CONFIG, PYPROJECT_FILE_NAME } from '../config/config';
import { parseConfig, parseTomlConfig } from '../config/parse-config';
import { ConfigurationError } from '../core/errors';
import type { GuardChange, UnreadableConfig } from './rule';
import type { GuardConfig } from '../config/config';

/** A config file's text as the config reader reads it (YAML, or the TOML table). */
export function parseConfigText(text: string, path: string): GuardConfig {
  if (!/\.toml$/i.test(path)) return parseConfig(text, path);
  return parseTomlConfig(text, path) ?? { ...EMPTY_CONFIG, file: path };
}

/** A config load that failed, as data (the head's config may be broken on purpose). */
export function unreadableConfig(error: unknown): UnreadableConfig {
  if (error instanceof ConfigurationError)
    return { error: error.message, ...(error.line !== undefined ? { line: error.line } : {}) };
  throw error;
}

/**
 * The change a pull request makes by adding `path` with `content` where the base branch has
 * nothing: a config file against the empty config, any other file for the inline ignores it adds.
 */
export function guardChangeOfNewFile(path: string, content: string): GuardChange {
  const name = path.split('/').pop() ?? path;
  if (name === CONFIG_FILE_NAME || name === PYPROJECT_FILE_NAME) {
    let head: GuardConfig | UnreadableConfig;
    try {
      head = parseConfigText(content, path);
    } catch (error) {
      head = unreadableConfig(error);
    }
    return { kind: 'config', path, base: EMPTY_CONFIG, head, ruleSeverities: new Map() };
  }
  return { kind: 'source', path, headText: content };
}
