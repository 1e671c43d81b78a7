import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { ConfigurationError } from '../core/errors';
import { tryCompileGlob } from '../core/glob';
import { FAIL_LEVELS, SEVERITIES, type Severity } from '../core/types';
import type { AllowlistEntry, GuardConfig, RuleSetting } from './config';

const TOP_LEVEL_KEYS = [
  'fail-on',
  'exclude',
  'rules',
  'allowlist',
  'settings-module',
  'python-path',
  'django-version',
  'env-file',
  'history',
  'baseline',
] as const;

/**
 * Parses and validates `.django-deploy-guard.yml`. Every mistake is a ConfigurationError naming the
 * file and line: an unknown key or a wrong type must never be silently ignored, or a typo in
 * `fail-on` would quietly let a leak through.
 */
export function parseConfig(text: string, file: string): GuardConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const lineOf = (node: Node | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const fail = (message: string, node?: Node | null): never => {
    throw new ConfigurationError(message, file, lineOf(node));
  };

  const firstError = doc.errors[0];
  if (firstError) {
    const line = firstError.linePos?.[0]?.line ?? 1;
    throw new ConfigurationError(`invalid YAML: ${firstError.message.split('\n')[0]}`, file, line);
  }
  const config: GuardConfig = { file, exclude: [], rules: new Map(), allowlist: [], keyLines: {} };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === '')))
    return config;
  if (!isMap(root)) return fail('the configuration must be a mapping of keys to values', root);

  const seen = new Set<string>();
  for (const pair of (root as YAMLMap<unknown, unknown>).items) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value as Node | null;
    if (seen.has(key)) fail(`duplicate key '${key}'`, keyNode);
    seen.add(key);
    config.keyLines![key] = lineOf(keyNode);
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) {
      fail(`unknown key '${key}'; known keys: ${TOP_LEVEL_KEYS.join(', ')}`, keyNode);
    }
    switch (key as (typeof TOP_LEVEL_KEYS)[number]) {
      case 'fail-on':
        config.failOn = oneOf(value, FAIL_LEVELS, 'fail-on', fail);
        break;
      case 'exclude':
        config.exclude = globList(value, fail);
        break;
      case 'settings-module':
        config.settingsModules = stringList(value, 'settings-module', fail);
        break;
      case 'python-path':
        config.pythonPaths = stringList(value, 'python-path', fail);
        break;
      case 'django-version': {
        const version = scalarString(value, 'django-version', fail);
        if (!/^\d+\.\d+$/.test(version))
          fail(`django-version must look like 5.2, got '${version}'`, value);
        config.djangoVersion = version;
        break;
      }
      case 'env-file':
        config.envFile = scalarString(value, 'env-file', fail);
        break;
      case 'history':
        config.history = oneOf(value, ['off', 'full', 'range'] as const, 'history', fail);
        break;
      case 'baseline':
        config.baseline = scalarString(value, 'baseline', fail);
        break;
      case 'rules':
        config.rules = parseRules(value, fail, lineOf);
        break;
      case 'allowlist':
        config.allowlist = parseAllowlist(value, fail, lineOf);
        break;
    }
  }
  return config;
}

type Fail = (message: string, node?: Node | null) => never;

function scalarString(node: Node | null, key: string, fail: Fail): string {
  if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
    return fail(`'${key}' must be a non-empty string`, node);
  }
  return node.value.trim();
}

function oneOf<T extends string>(
  node: Node | null,
  allowed: readonly T[],
  key: string,
  fail: Fail,
): T {
  const value = isScalar(node) ? String(node.value) : undefined;
  if (value === undefined || !(allowed as readonly string[]).includes(value)) {
    return fail(
      `'${key}' must be one of ${allowed.join(', ')}; got ${value === undefined ? 'a non-scalar' : `'${value}'`}`,
      node,
    );
  }
  return value as T;
}

function stringList(node: Node | null, key: string, fail: Fail): string[] {
  if (isScalar(node) && typeof node.value === 'string') return [node.value];
  if (!isSeq(node)) return fail(`'${key}' must be a list of strings`, node);
  return node.items.map((item) => scalarString(item as Node, `${key}[]`, fail));
}

/** `exclude`: each pattern must compile, or the error names its line. */
function globList(node: Node | null, fail: Fail): string[] {
  const items = isSeq(node) ? (node.items as Node[]) : [node];
  const patterns = stringList(node, 'exclude', fail);
  patterns.forEach((pattern, index) => {
    const compiled = tryCompileGlob(pattern);
    if (!compiled.ok)
      fail(`invalid exclude pattern '${pattern}': ${compiled.reason}`, items[index]);
  });
  return patterns;
}

function parseRules(
  node: Node | null,
  fail: Fail,
  lineOf: (n: Node | null | undefined) => number,
): Map<string, RuleSetting> {
  const rules = new Map<string, RuleSetting>();
  if (node === null || (isScalar(node) && node.value === null)) return rules;
  if (!isMap(node))
    return fail("'rules' must map rule ids to on, off, a severity, or {enabled, severity}", node);
  for (const pair of node.items) {
    const keyNode = pair.key as Node;
    const id = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value as Node | null;
    const line = lineOf(keyNode);
    if (isScalar(value)) {
      const v = value.value;
      if (v === true || v === 'on') rules.set(id, { enabled: true, line });
      else if (v === false || v === 'off') rules.set(id, { enabled: false, line });
      else if (typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v)) {
        rules.set(id, { enabled: true, severity: v as Severity, line });
      } else {
        fail(
          `rule '${id}': expected on, off or a severity (${SEVERITIES.join(', ')}), got '${String(v)}'`,
          value,
        );
      }
    } else if (isMap(value)) {
      const setting: RuleSetting = { enabled: true, line };
      for (const inner of value.items) {
        const k = isScalar(inner.key) ? String(inner.key.value) : '';
        const v = inner.value as Node | null;
        if (k === 'enabled') {
          if (!isScalar(v) || typeof v.value !== 'boolean')
            fail(`rule '${id}': 'enabled' must be true or false`, v);
          setting.enabled = (v as { value: boolean }).value;
        } else if (k === 'severity') {
          setting.severity = oneOf(v, SEVERITIES, `rules.${id}.severity`, fail);
        } else {
          fail(`rule '${id}': unknown key '${k}'; use 'enabled' or 'severity'`, inner.key as Node);
        }
      }
      rules.set(id, setting);
    } else {
      fail(`rule '${id}': expected on, off, a severity or {enabled, severity}`, value ?? keyNode);
    }
  }
  return rules;
}

function parseAllowlist(
  node: Node | null,
  fail: Fail,
  lineOf: (n: Node | null | undefined) => number,
): AllowlistEntry[] {
  if (node === null || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) return fail("'allowlist' must be a list of {fingerprint, reason}", node);
  return node.items.map((item) => {
    const entry = item as Node;
    if (!isMap(entry))
      return fail('each allowlist entry must be a mapping with fingerprint and reason', entry);
    let fingerprint: string | undefined;
    let reason: string | undefined;
    for (const pair of entry.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = pair.value as Node | null;
      if (k === 'fingerprint') fingerprint = scalarString(v, 'allowlist[].fingerprint', fail);
      else if (k === 'reason') reason = scalarString(v, 'allowlist[].reason', fail);
      else
        fail(`allowlist entry: unknown key '${k}'; use fingerprint and reason`, pair.key as Node);
    }
    if (!fingerprint) return fail('allowlist entry is missing its fingerprint', entry);
    if (!reason)
      return fail(`allowlist entry ${fingerprint} needs a reason (why is it safe?)`, entry);
    return { fingerprint, reason, line: lineOf(entry) };
  });
}
