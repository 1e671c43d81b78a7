import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { baseName, isProductionName, isReference, MAX_FILE_CHARS } from './deployment-files';
import { parsePythonStringLiteral } from './support';

/**
 * A django-cfg configuration as the hardening rules need it, from either the legacy YAML
 * (`config.yaml`, `config.prod.yaml`, `config.production.yaml`) or a Python `DjangoConfig`
 * subclass/instance whose fields are literals. Only literals are read; anything computed is
 * `other` and never judged. (django-rules.md §4: env_mode defaults to production; production
 * without security_domains falls back to wildcard hosts and allow-all CORS in old releases.)
 */

export const DJANGO_CFG_FIELDS = [
  'debug',
  'environment',
  'env_mode',
  'security_domains',
  'secret_key',
  'ssl_redirect',
] as const;
export type DjangoCfgFieldName = (typeof DJANGO_CFG_FIELDS)[number];

export type DjangoCfgValue =
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'str'; value: string }
  | { kind: 'list'; items: { value: string; line: number }[] }
  | { kind: 'other' };

export interface DjangoCfgField {
  line: number;
  value: DjangoCfgValue;
}

export interface DjangoCfgConfig {
  format: 'yaml' | 'python';
  fields: Partial<Record<DjangoCfgFieldName, DjangoCfgField>>;
  /** true / false, or undefined when env_mode is computed (read from the environment). */
  production: boolean | undefined;
  /** Whether a comment or key mentions a proxy or TLS termination (why ssl_redirect is off). */
  mentionsProxy: boolean;
}

const YAML_NAMES = /^config(\.(prod|production))?\.ya?ml$/i;

export function isDjangoCfgYamlPath(path: string): boolean {
  return YAML_NAMES.test(baseName(path));
}

export function isDjangoCfgCandidatePath(path: string): boolean {
  return isDjangoCfgYamlPath(path) || path.endsWith('.py');
}

const PROXY_NOTE = /proxy|(ssl|tls)[\s_-]*terminat|terminat\w*\s+(ssl|tls)/i;

/** Parses a django-cfg config, or undefined when the file is not one. */
export function parseDjangoCfg(file: {
  path: string;
  content: string;
}): DjangoCfgConfig | undefined {
  if (file.content.length > MAX_FILE_CHARS) return undefined;
  if (isDjangoCfgYamlPath(file.path)) return parseYamlConfig(file.path, file.content);
  if (file.path.endsWith('.py')) return parsePythonConfig(file.path, file.content);
  return undefined;
}

function decideProduction(
  path: string,
  fields: DjangoCfgConfig['fields'],
  format: DjangoCfgConfig['format'],
): boolean | undefined {
  if (isProductionName(path)) return true;
  const mode = fields.env_mode ?? fields.environment;
  // django-cfg's default env_mode is production. A YAML file is loaded as it is; a Python config
  // without env_mode is switched at start-up by DJANGO_ENV/ENVIRONMENT/ENV (model_post_init),
  // which the repository doesn't show.
  if (mode === undefined) return format === 'yaml' ? true : undefined;
  const text =
    mode.value.kind === 'str'
      ? mode.value.value.replace(/^EnvironmentMode\./, '').toLowerCase()
      : undefined;
  if (text === undefined) return undefined;
  return !/^(dev|devel|develop|development|local|test|testing)$/.test(text);
}

function yamlValue(node: unknown, counter: LineCounter): DjangoCfgValue {
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return { kind: 'null' };
    if (typeof v === 'boolean') return { kind: 'bool', value: v };
    if (typeof v === 'string')
      return isReference(v) ? { kind: 'other' } : { kind: 'str', value: v };
    return { kind: 'other' };
  }
  if (isSeq(node)) {
    const items: { value: string; line: number }[] = [];
    for (const item of node.items) {
      if (isScalar(item) && typeof item.value === 'string') {
        items.push({
          value: item.value,
          line: counter.linePos((item as Node).range?.[0] ?? 0).line,
        });
      }
    }
    return { kind: 'list', items };
  }
  return node === null || node === undefined ? { kind: 'null' } : { kind: 'other' };
}

/** pydantic (django-cfg's model) coerces 'true'/'off'… for its bool fields; so do we. */
function coerceBool(key: string, value: DjangoCfgValue): DjangoCfgValue {
  if ((key !== 'debug' && key !== 'ssl_redirect') || value.kind !== 'str') return value;
  const text = value.value.trim().toLowerCase();
  if (/^(true|yes|on|1)$/.test(text)) return { kind: 'bool', value: true };
  if (/^(false|no|off|0)$/.test(text)) return { kind: 'bool', value: false };
  return value;
}

function parseYamlConfig(path: string, content: string): DjangoCfgConfig | undefined {
  const counter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(content, { lineCounter: counter, uniqueKeys: false });
  } catch {
    return undefined;
  }
  if (!isMap(doc.contents)) return undefined;
  const fields: DjangoCfgConfig['fields'] = {};
  let looksLikeDjangoCfg = false;
  let keyMentionsProxy = false;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) continue;
    if (PROXY_NOTE.test(key)) keyMentionsProxy = true;
    if (key === 'security_domains' || key === 'secret_key' || key === 'project_name')
      looksLikeDjangoCfg = true;
    if ((DJANGO_CFG_FIELDS as readonly string[]).includes(key)) {
      fields[key as DjangoCfgFieldName] = {
        line: counter.linePos((pair.key as Node).range?.[0] ?? 0).line,
        value: coerceBool(key, yamlValue(pair.value, counter)),
      };
    }
  }
  if (!looksLikeDjangoCfg) return undefined;
  const comments = content
    .split(/\r\n|\r|\n/)
    .filter((l) => /#/.test(l))
    .join('\n');
  return {
    format: 'yaml',
    fields,
    production: decideProduction(path, fields, 'yaml'),
    mentionsProxy: keyMentionsProxy || PROXY_NOTE.test(comments),
  };
}

/** `field: T = value`, `field = value` or `field=value` (a keyword argument), one per line. */
const PY_FIELD = new RegExp(
  `^[ \\t(,]*(${DJANGO_CFG_FIELDS.join('|')})\\s*(?::[^=\\n]*)?=(?!=)\\s*`,
  'gm',
);

function pythonValue(rest: string, startLine: number): DjangoCfgValue {
  const text = rest.replace(/^\s+/, '');
  const word = /^(True|False|None)\b/.exec(text);
  if (word)
    return word[1] === 'None' ? { kind: 'null' } : { kind: 'bool', value: word[1] === 'True' };
  const enumMode = /^EnvironmentMode\.([A-Z_]+)\b/.exec(text);
  if (enumMode) return { kind: 'str', value: enumMode[1]! };
  const literal =
    /^([rRuU]?(?:'[^'\n\\]*(?:\\.[^'\n\\]*)*'|"[^"\n\\]*(?:\\.[^"\n\\]*)*"))\s*(?:[,)#\n]|$)/.exec(
      text,
    );
  if (literal) {
    const value = parsePythonStringLiteral(literal[1]!);
    return value === undefined ? { kind: 'other' } : { kind: 'str', value };
  }
  if (text.startsWith('[') || text.startsWith('(')) {
    const close = text[0] === '[' ? ']' : ')';
    const end = text.indexOf(close);
    if (end === -1) return { kind: 'other' };
    const body = text.slice(1, end);
    const items: { value: string; line: number }[] = [];
    let line = startLine;
    for (const part of body.split(/(\n)/)) {
      if (part === '\n') {
        line++;
        continue;
      }
      for (const m of part.matchAll(/(?:^|,)\s*([rRuU]?(?:'[^'\\]*'|"[^"\\]*"))\s*(?=,|$|#)/g)) {
        const value = parsePythonStringLiteral(m[1]!);
        if (value !== undefined) items.push({ value, line });
      }
      const stripped = part
        .replace(/#.*$/, '')
        .replace(/[rRuU]?(?:'[^'\\]*'|"[^"\\]*")/g, '')
        .replace(/[\s,]/g, '');
      if (stripped !== '') return { kind: 'other' };
    }
    return { kind: 'list', items };
  }
  return { kind: 'other' };
}

function parsePythonConfig(path: string, content: string): DjangoCfgConfig | undefined {
  // A subclass `class X(DjangoConfig):` or an instance `DjangoConfig(...)`.
  if (!/\bclass\s+\w+\s*\([^)]*\bDjangoConfig\b[^)]*\)\s*:|\bDjangoConfig\s*\(/.test(content))
    return undefined;
  const fields: DjangoCfgConfig['fields'] = {};
  for (const match of content.matchAll(PY_FIELD)) {
    const name = match[1] as DjangoCfgFieldName;
    const start = match.index + match[0].length;
    const line = content.slice(0, match.index + match[0].search(/\w/)).split('\n').length;
    if (fields[name] !== undefined) continue;
    fields[name] = { line, value: pythonValue(content.slice(start, start + 4000), line) };
  }
  const comments = content
    .split(/\r\n|\r|\n/)
    .map((l) => /#(.*)$/.exec(l)?.[1] ?? '')
    .join('\n');
  return {
    format: 'python',
    fields,
    production: decideProduction(path, fields, 'python'),
    mentionsProxy: PROXY_NOTE.test(comments) || /\bproxy\w*\s*[:=]/i.test(content),
  };
}
