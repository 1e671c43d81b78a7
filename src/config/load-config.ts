import { ConfigurationError } from '../core/errors';
import type { ConfinedReader } from '../io/confined-reader';
import { readWorkflowFile } from '../io/output-files';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, PYPROJECT_FILE_NAME, type GuardConfig } from './config';
import { parseConfig, parseTomlConfig } from './parse-config';

/**
 * Finds and reads the configuration:
 * - a file the workflow names (`--config FILE` / input `config`): read from anywhere (trusted),
 *   YAML, or TOML with a `[tool.django-deploy-guard]` table when it ends in `.toml`;
 * - else `.django-deploy-guard.yml` at the scanned root;
 * - else `[tool.django-deploy-guard]` in `pyproject.toml` at the scanned root.
 * Both of the last two at once is an error naming both (which one is meant can't be guessed, and a
 * setting silently ignored is how a check gets switched off by mistake). Repository files are read
 * through the confined reader.
 */
export function loadConfig(
  reader: Pick<ConfinedReader, 'readText'>,
  configPath: string | undefined,
  resolveWorkflowPath: (path: string) => string,
): GuardConfig {
  if (configPath !== undefined) {
    const text = readWorkflowFile(resolveWorkflowPath(configPath));
    if (text === undefined) throw new ConfigurationError(`config file not found: ${configPath}`);
    if (!/\.toml$/i.test(configPath)) return parseConfig(text, configPath);
    const config = parseTomlConfig(text, configPath);
    if (!config)
      throw new ConfigurationError(`${configPath} has no [tool.django-deploy-guard] table`);
    return config;
  }
  const yaml = readRepositoryConfig(reader, CONFIG_FILE_NAME);
  // pyproject.toml is mostly someone else's file: one that leads outside is noted by the reader
  // and skipped, not an error.
  const tomlRead = reader.readText(PYPROJECT_FILE_NAME);
  const toml = tomlRead.kind === 'text' ? tomlRead.content : undefined;
  // Only a pyproject.toml that mentions the tool is parsed: a broken one is not our business.
  const fromToml =
    toml !== undefined && toml.includes('django-deploy-guard')
      ? parseTomlConfig(toml, PYPROJECT_FILE_NAME)
      : undefined;
  if (yaml !== undefined && fromToml !== undefined)
    throw new ConfigurationError(
      `configuration in both ${CONFIG_FILE_NAME} and [tool.django-deploy-guard] of ${PYPROJECT_FILE_NAME}; keep one of them`,
      PYPROJECT_FILE_NAME,
      fromToml.line,
    );
  if (yaml !== undefined) return parseConfig(yaml, CONFIG_FILE_NAME);
  return fromToml ?? EMPTY_CONFIG;
}

function readRepositoryConfig(
  reader: Pick<ConfinedReader, 'readText'>,
  path: string,
): string | undefined {
  const read = reader.readText(path);
  if (read.kind === 'outside')
    throw new ConfigurationError(
      `${path} is a symlink that leads outside the repository; it was not read`,
    );
  return read.kind === 'text' ? read.content : undefined;
}
