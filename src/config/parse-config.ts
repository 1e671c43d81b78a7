import { ConfigurationError } from '../core/errors';
import { tryCompileGlob } from '../core/glob';
import { SEVERITIES, type Severity } from '../core/types';
import { isRepositoryRelative } from '../io/confined-reader';
import type { GuardConfig } from './config';
import { tomlTableToConfigNode, yamlToConfigNode, type ConfigNode } from './config-node';
import { isDjangoVersion } from './option-text';
import {
  configKeys,
  specOf,
  type AllowlistEntry,
  type OptionId,
  type RuleSetting,
} from './options';

/**
 * Validates a configuration document against the options schema. Every mistake is a
 * ConfigurationError naming the file and line: an unknown key or a wrong type must never be
 * silently ignored, or a typo in `fail-on` would quietly let a leak through.
 */

/** Parses and validates `.django-deploy-guard.yml` (or any YAML config file). */
export function parseConfig(text: string, file: string): GuardConfig {
  return validateConfig(yamlToConfigNode(text, file), file);
}

/**
 * Parses and validates `[tool.django-deploy-guard]` of a TOML file (`pyproject.toml`); undefined
 * when the file has no such table.
 */
export function parseTomlConfig(text: string, file: string): GuardConfig | undefined {
  const node = tomlTableToConfigNode(text, file);
  return node === undefined ? undefined : validateConfig(node, file);
}

type Fail = (message: string, line: number) => never;

function validateConfig(root: ConfigNode, file: string): GuardConfig {
  const fail: Fail = (message, line) => {
    throw new ConfigurationError(message, file, line);
  };
  const config: GuardConfig = { file, values: {}, keyLines: {}, line: root.line };
  if (root.type === 'null') return config;
  if (root.type !== 'map')
    return fail('the configuration must be a mapping of keys to values', root.line);
  const known = configKeys();
  const values: Record<string, unknown> = config.values;
  for (const { key, keyLine, value } of root.entries) {
    const id = known.get(key);
    if (id === undefined)
      return fail(`unknown key '${key}'; known keys: ${[...known.keys()].join(', ')}`, keyLine);
    config.keyLines[id] = keyLine;
    values[id] = readValue(id, key, value, fail);
  }
  return config;
}

function readValue(id: OptionId, key: string, node: ConfigNode, fail: Fail): unknown {
  const spec = specOf(id);
  const checkPath = (path: string, line: number) => {
    if (spec.config?.repositoryRelative && !isRepositoryRelative(path))
      fail(
        `'${key}' must be a path inside the repository (no absolute path, no '..'); set it as an action input or CLI flag to use a file elsewhere`,
        line,
      );
    return path;
  };
  switch (spec.kind) {
    case 'enum': {
      const value = node.type === 'string' ? node.value : undefined;
      if (value === undefined || !spec.values.includes(value))
        return fail(
          `'${key}' must be one of ${spec.values.join(', ')}; got ${describe(node)}`,
          node.line,
        );
      return value;
    }
    case 'boolean':
      if (node.type !== 'boolean')
        return fail(`'${key}' must be true or false; got ${describe(node)}`, node.line);
      return node.value;
    case 'string':
      return nonEmptyString(node, key, fail);
    case 'path':
      return checkPath(nonEmptyString(node, key, fail), node.line);
    case 'version': {
      if (node.type === 'number')
        return fail(
          `'${key}' must be a quoted string like '5.2' (a bare number loses digits: 5.10 reads as 5.1)`,
          node.line,
        );
      const version = nonEmptyString(node, key, fail);
      if (!isDjangoVersion(version))
        return fail(`${key} must look like 5.2, got '${version}'`, node.line);
      return version;
    }
    case 'list':
      return stringList(node, key, fail).map(({ value, line }) => checkPath(value, line));
    case 'globs':
      return stringList(node, key, fail).map(({ value, line }) => {
        const compiled = tryCompileGlob(value);
        if (!compiled.ok) fail(`invalid ${key} pattern '${value}': ${compiled.reason}`, line);
        return value;
      });
    case 'rules':
      return parseRules(node, fail);
    case 'allowlist':
      return parseAllowlist(node, fail);
    case 'env':
      return fail(`'${key}' can't be set in the configuration file`, node.line);
  }
}

function describe(node: ConfigNode): string {
  switch (node.type) {
    case 'string':
      return `'${node.value}'`;
    case 'number':
    case 'boolean':
      return `${String(node.value)}`;
    case 'null':
      return 'nothing';
    case 'list':
      return 'a list';
    case 'map':
      return 'a mapping';
    case 'other':
      return 'a value of another type';
  }
}

function nonEmptyString(node: ConfigNode, key: string, fail: Fail): string {
  if (node.type !== 'string' || node.value.trim() === '')
    return fail(`'${key}' must be a non-empty string`, node.line);
  return node.value.trim();
}

function stringList(node: ConfigNode, key: string, fail: Fail): { value: string; line: number }[] {
  if (node.type === 'string') return [{ value: node.value, line: node.line }];
  if (node.type !== 'list') return fail(`'${key}' must be a list of strings`, node.line);
  return node.items.map((item) => ({
    value: nonEmptyString(item, `${key}[]`, fail),
    line: item.line,
  }));
}

function parseRules(node: ConfigNode, fail: Fail): Map<string, RuleSetting> {
  const rules = new Map<string, RuleSetting>();
  if (node.type === 'null') return rules;
  if (node.type !== 'map')
    return fail(
      "'rules' must map rule ids to on, off, a severity, or {enabled, severity}",
      node.line,
    );
  for (const { key: id, keyLine: line, value } of node.entries) {
    if (value.type === 'boolean') rules.set(id, { enabled: value.value, line });
    else if (value.type === 'string') {
      const v = value.value;
      if (v === 'on') rules.set(id, { enabled: true, line });
      else if (v === 'off') rules.set(id, { enabled: false, line });
      else if ((SEVERITIES as readonly string[]).includes(v))
        rules.set(id, { enabled: true, severity: v as Severity, line });
      else
        fail(
          `rule '${id}': expected on, off or a severity (${SEVERITIES.join(', ')}), got '${v}'`,
          value.line,
        );
    } else if (value.type === 'map') {
      const setting: RuleSetting = { enabled: true, line };
      for (const inner of value.entries) {
        if (inner.key === 'enabled') {
          if (inner.value.type !== 'boolean')
            fail(`rule '${id}': 'enabled' must be true or false`, inner.value.line);
          else setting.enabled = inner.value.value;
        } else if (inner.key === 'severity') {
          const v = inner.value.type === 'string' ? inner.value.value : undefined;
          if (v === undefined || !(SEVERITIES as readonly string[]).includes(v))
            fail(
              `'rules.${id}.severity' must be one of ${SEVERITIES.join(', ')}; got ${describe(inner.value)}`,
              inner.value.line,
            );
          setting.severity = v as Severity;
        } else {
          fail(
            `rule '${id}': unknown key '${inner.key}'; use 'enabled' or 'severity'`,
            inner.keyLine,
          );
        }
      }
      rules.set(id, setting);
    } else {
      fail(`rule '${id}': expected on, off, a severity or {enabled, severity}`, value.line);
    }
  }
  return rules;
}

function parseAllowlist(node: ConfigNode, fail: Fail): AllowlistEntry[] {
  if (node.type === 'null') return [];
  if (node.type !== 'list')
    return fail("'allowlist' must be a list of {fingerprint, reason}", node.line);
  return node.items.map((entry) => {
    if (entry.type !== 'map')
      return fail('each allowlist entry must be a mapping with fingerprint and reason', entry.line);
    let fingerprint: string | undefined;
    let reason: string | undefined;
    for (const { key, keyLine, value } of entry.entries) {
      if (key === 'fingerprint')
        fingerprint = nonEmptyString(value, 'allowlist[].fingerprint', fail);
      else if (key === 'reason') reason = nonEmptyString(value, 'allowlist[].reason', fail);
      else fail(`allowlist entry: unknown key '${key}'; use fingerprint and reason`, keyLine);
    }
    if (!fingerprint) return fail('allowlist entry is missing its fingerprint', entry.line);
    if (!reason)
      return fail(`allowlist entry ${fingerprint} needs a reason (why is it safe?)`, entry.line);
    return { fingerprint, reason, line: entry.line };
  });
}
