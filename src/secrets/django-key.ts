import { uniqueCharCount } from './entropy';
import { isPlaceholderValue } from './placeholders';
import { tokenizePython, type PyToken } from './python-tokens';
import { isDotenvPath } from './dotenv-files';
import { isSettingsShapedPath } from './path-context';
import type { SecretMatch, TextFile } from './rule';
import { baseNameOf, createLineIndex, linesMatching, type LineIndex } from './text-lines';

/**
 * Finding Django `SECRET_KEY` literals in Python settings and in the config files that feed them
 * (.env, INI, YAML, TOML, docker-compose). Python is tokenized, not pattern-matched, because a
 * Django key may contain `#`, `(`, `)`, `%` and `=`: the alphabet of
 * `django.core.management.utils.get_random_secret_key` is `a-z0-9!@#$%^&*(-_=+)`.
 * https://github.com/django/django/blob/main/django/core/management/utils.py
 */

/** Names that hold a Django key: `SECRET_KEY`, `DJANGO_SECRET_KEY`, `MYAPP_DJANGO_SECRET_KEY`, fallbacks. */
const KEY_NAME = /^(?:(?:[a-z0-9]+_)*django_)?secret_key(?:_fallbacks)?$/i;
/** The Django key alphabet, for `django-insecure-` keys found anywhere. */
const INSECURE_KEY = /django-insecure-[a-z0-9!@#$%^&*(\-_=+)]{20,}/g;

/** Calls that read an environment variable and may carry a literal default. */
const ENV_READERS = new Set([
  'get',
  'getenv',
  'setdefault',
  'config',
  'env',
  'str',
  'list',
  'tuple',
]);
/** Of those, the ones whose second positional argument is the default (not django-environ's `cast`). */
const POSITIONAL_DEFAULT = new Set(['get', 'getenv', 'setdefault', 'config', 'str']);

export function isPythonPath(path: string): boolean {
  return /\.(py|pyi|pyw)$/i.test(path);
}

export interface KeyHit {
  offset: number;
  line: number;
  secret: string;
  message: string;
}

export function detectDjangoSecretKeys(file: TextFile): SecretMatch[] {
  const index = createLineIndex(file.content);
  const python = isPythonPath(file.path);
  const hits = python
    ? findPythonKeyLiterals(file.content, isSettingsShapedPath(file.path))
    : findConfigKeyValues(file.path, file.content);
  // Sets, not scans of `hits`: a file with thousands of keys must stay linear.
  const seen = new Set(hits.map((hit) => hit.secret));
  if (python) {
    for (const hit of findCommentedKeys(file.content, isSettingsShapedPath(file.path))) {
      if (seen.has(hit.secret)) continue;
      seen.add(hit.secret);
      hits.push(hit);
    }
  }
  // A `django-insecure-` key already reported as (part of) a literal is not reported again.
  for (const secret of [...seen])
    for (const inner of secret.matchAll(INSECURE_KEY)) seen.add(inner[0]);
  for (const match of file.content.matchAll(INSECURE_KEY)) {
    const value = match[0];
    if (seen.has(value) || isPlaceholderValue(value)) continue;
    seen.add(value);
    hits.push({
      offset: match.index,
      line: index.lineAt(match.index),
      secret: value,
      message: 'django-insecure- key (the development key startproject generates) committed',
    });
  }
  return hits.sort((a, b) => a.offset - b.offset).map((hit) => toMatch(hit, index));
}

function toMatch(hit: KeyHit, index: LineIndex): SecretMatch {
  return {
    line: hit.line,
    column: index.columnAt(hit.offset),
    secret: hit.secret,
    message: hit.message,
  };
}

// ---------------------------------------------------------------------------------------------
// Python

/** No real settings expression is longer; a fallbacks list may be (one key per element). */
const MAX_EXPRESSION_TOKENS = 512;
const MAX_LIST_TOKENS = 20_000;

/**
 * Test helpers that take settings as keyword arguments: a key there only configures one test
 * (`@override_settings(SECRET_KEY="wrong-signing-key")`), it is not a committed setting.
 */
const TEST_SETTINGS_CALLS = new Set(['override_settings', 'modify_settings', 'settings']);

/**
 * Literal Django keys in Python source: assignments, fallbacks, dict entries, env-read defaults.
 * Upper-case `SECRET_KEY` names are Django settings wherever they are assigned; a lower-case
 * `secret_key` (a pydantic or django-cfg field, a dict key) counts only in a settings-shaped file
 * (`settingsShaped`): in application code it is just a variable.
 */
export function findPythonKeyLiterals(content: string, settingsShaped = true): KeyHit[] {
  const tokens = tokenizePython(content);
  const hits: KeyHit[] = [];
  const reported = new Set<number>();
  const visited = new Set<string>();
  // Unbalanced brackets in broken or hostile input would make every expression run to the end of
  // the file; a per-expression cap and a global step budget keep the walk linear.
  let budget = 64 * tokens.length + 10_000;
  const spend = (steps: number): boolean => (budget -= steps) > 0;

  const tokenAt = (i: number): PyToken | undefined => tokens[i];
  const isOp = (i: number, text: string): boolean => {
    const token = tokens[i];
    return token?.kind === 'op' && token.text === text;
  };

  const report = (start: number, value: string, message: string): void => {
    const token = tokenAt(start);
    if (!token || reported.has(start)) return;
    reported.add(start);
    if (isPlaceholderValue(value)) return;
    hits.push({ offset: token.offset, line: token.line, secret: value, message });
  };

  /** The name called by the innermost call whose parentheses hold token `k`, if any. */
  const enclosingCallName = (k: number): string | undefined => {
    const depth = tokenAt(k)?.depth ?? 0;
    const limit = Math.max(0, k - MAX_EXPRESSION_TOKENS);
    for (let j = k - 1; j >= limit; j--) {
      const token = tokens[j];
      if (!token || token.depth >= depth) continue;
      if (token.kind !== 'op' || token.text !== '(') return undefined;
      const callee = tokens[j - 1];
      return callee?.kind === 'name' ? callee.text : undefined;
    }
    return undefined;
  };

  /** First token index after the expression starting at `start`. */
  const expressionEnd = (start: number): number => {
    const depth = tokenAt(start)?.depth ?? 0;
    let j = start;
    const limit = Math.min(tokens.length, start + MAX_EXPRESSION_TOKENS);
    for (; j < limit; j++) {
      const token = tokens[j];
      if (!token || token.kind === 'newline' || token.depth < depth) break;
      if (
        token.depth === depth &&
        token.kind === 'op' &&
        (token.text === ',' || token.text === ':')
      )
        break;
    }
    return j;
  };

  /** A call `name(...)` at `nameIndex` reading an env var: report a literal default. */
  const visitEnvCall = (nameIndex: number, anyVariable: boolean, nesting: number): void => {
    const name = tokenAt(nameIndex);
    const paren = tokenAt(nameIndex + 1);
    if (!name || name.kind !== 'name' || !ENV_READERS.has(name.text)) return;
    if (!paren || paren.kind !== 'op' || paren.text !== '(') return;
    const variable = tokenAt(nameIndex + 2);
    if (!variable || variable.kind !== 'string') return;
    if (!anyVariable && !KEY_NAME.test(variable.text)) return;
    if (visited.has(`call:${nameIndex}`)) return;
    visited.add(`call:${nameIndex}`);
    const argDepth = paren.depth + 1;
    const limit = Math.min(tokens.length, nameIndex + MAX_EXPRESSION_TOKENS);
    let position = 0;
    let argStart = nameIndex + 2;
    for (let j = nameIndex + 2; j <= limit; j++) {
      const token = j < limit ? tokens[j] : undefined;
      const atEnd = !token || token.depth < argDepth || token.kind === 'newline';
      if (atEnd || (token.depth === argDepth && token.kind === 'op' && token.text === ',')) {
        const first = tokenAt(argStart);
        const message = `literal default of env read ${variable.text}`;
        if (first?.kind === 'name' && isOp(argStart + 1, '=')) {
          if (first.text === 'default') visitValue(argStart + 2, message, nesting + 1);
        } else if (position === 1 && POSITIONAL_DEFAULT.has(name.text)) {
          visitValue(argStart, message, nesting + 1);
        }
        position++;
        argStart = j + 1;
        if (atEnd) break;
      }
    }
  };

  /** An expression in value position: a literal (group), a list/tuple of them, an env read, `x or 'lit'`. */
  const visitValue = (start: number, message: string, nesting: number): void => {
    const first = tokenAt(start);
    if (!first || nesting > 6 || visited.has(`value:${start}`)) return;
    visited.add(`value:${start}`);
    const end = expressionEnd(start);
    if (!spend(end - start + 1)) return;
    if (first.kind === 'string' && !first.isExpression) {
      let j = start;
      let value = '';
      while (j < end && tokens[j]?.kind === 'string' && !tokens[j]?.isExpression) {
        value += tokens[j]?.text ?? '';
        j++;
      }
      const next = tokenAt(j);
      // `'%s' % x`, `'{}'.format(x)`, `'abc'[0]`: a computation, not the literal itself.
      const computed = next?.kind === 'op' && ['.', '%', '['].includes(next.text) && j < end;
      if (!computed) report(start, value, message);
    } else if (first.kind === 'op' && (first.text === '[' || first.text === '(')) {
      // Elements of a list or tuple (SECRET_KEY_FALLBACKS, environ.Env scheme tuples).
      const inner = first.depth + 1;
      let elementStart = start + 1;
      const limit = Math.min(tokens.length, start + MAX_LIST_TOKENS);
      for (let j = start + 1; j <= limit; j++) {
        const token = j < limit ? tokens[j] : undefined;
        if (!token || token.depth < inner || token.kind === 'newline') {
          visitValue(elementStart, message, nesting + 1);
          break;
        }
        if (token.depth === inner && token.kind === 'op' && token.text === ',') {
          visitValue(elementStart, message, nesting + 1);
          elementStart = j + 1;
        }
      }
    }
    for (let j = start; j < end; j++) {
      const token = tokens[j];
      if (!token) break;
      if (token.kind === 'name' && isOp(j + 1, '(')) visitEnvCall(j, true, nesting);
      if (
        token.kind === 'name' &&
        token.depth === first.depth &&
        (token.text === 'or' || token.text === 'else')
      )
        visitValue(
          j + 1,
          message.startsWith('literal default') ? message : `literal fallback ${message}`,
          nesting + 1,
        );
    }
  };

  for (let k = 0; k < tokens.length && budget > 0; k++) {
    const token = tokens[k];
    if (!token) continue;
    if (token.kind === 'name' && ENV_READERS.has(token.text) && isOp(k + 1, '(')) {
      visitEnvCall(k, false, 0);
      continue;
    }
    if ((token.kind !== 'name' && token.kind !== 'string') || !KEY_NAME.test(token.text)) continue;
    const name = token.text;
    if (!settingsShaped && name !== name.toUpperCase()) continue;
    if (token.depth > 0 && TEST_SETTINGS_CALLS.has(enclosingCallName(k) ?? '')) continue;
    const isFallbacks = /_fallbacks$/i.test(name);
    let valueStart: number | undefined;
    let message: string;
    if (token.kind === 'string') {
      if (isOp(k + 1, ':')) valueStart = k + 2;
      // `os.environ["SECRET_KEY"] = "..."`
      else if (isOp(k + 1, ']') && isOp(k + 2, '=')) valueStart = k + 3;
      else continue;
      message = `Django ${name} literal in a settings dict`;
    } else if (isOp(k + 1, '=') || isOp(k + 1, '+=') || isOp(k + 1, ':=')) {
      valueStart = k + 2;
      message =
        token.depth === 0
          ? `Django ${name} literal assigned in settings`
          : `Django ${name} literal passed as a keyword argument`;
    } else if (isOp(k + 1, ':') && token.depth === 0) {
      // Annotated assignment `SECRET_KEY: str = '...'` (also pydantic-settings fields).
      for (let j = k + 2; j < tokens.length; j++) {
        const next = tokens[j];
        if (!next || next.kind === 'newline') break;
        if (next.depth === 0 && next.kind === 'op' && next.text === '=') {
          valueStart = j + 1;
          break;
        }
      }
      message = `Django ${name} literal assigned in settings`;
    } else continue;
    if (valueStart === undefined) continue;
    if (isFallbacks) message = `literal key in Django ${name}`;
    visitValue(valueStart, message, 0);
  }
  return hits;
}

/** `# SECRET_KEY = '…'`: a key commented out is still committed. Quoted values only. */
const COMMENTED_KEY =
  /#\s*((?:(?:[A-Za-z0-9]+_)*DJANGO_)?SECRET_KEY(?:_FALLBACKS)?)\s*[:=]\s*[rRuUbB]?(["'])([^"'\r\n]+)\2/gi;

function findCommentedKeys(content: string, settingsShaped: boolean): KeyHit[] {
  const hits: KeyHit[] = [];
  for (const line of linesMatching(content, /secret_key/gi)) {
    if (!line.text.includes('#')) continue;
    for (const match of line.text.matchAll(COMMENTED_KEY)) {
      const name = match[1] ?? 'SECRET_KEY';
      if (!settingsShaped && name !== name.toUpperCase()) continue;
      const value = match[3] ?? '';
      if (isPlaceholderValue(value)) continue;
      hits.push({
        offset: line.offset + match.index,
        line: line.number,
        secret: value,
        message: `Django ${name} literal in a comment`,
      });
    }
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------
// .env, INI, YAML, TOML, docker-compose, Dockerfile, JSON

const KEY_PATTERN = '((?:(?:[A-Za-z0-9]+_)*DJANGO_)?SECRET_KEY(?:_FALLBACKS)?)';
/** `KEY=value`, `export KEY=value`, `ENV KEY=value`, `KEY: value`, `- KEY=value`, `"KEY": "value"`. */
const CONFIG_LINE = new RegExp(
  `^\\s*(?:export\\s+|ENV\\s+|set\\s+)?(?:-\\s+)?(["']?)${KEY_PATTERN}\\1\\s*(=|:(?=\\s|$))(.*)$`,
  'i',
);
/** docker-compose list form with the whole item quoted: `- "DJANGO_SECRET_KEY=value"`. */
const QUOTED_ITEM = new RegExp(`^\\s*-\\s*(["'])${KEY_PATTERN}=(.*)\\1\\s*(?:#.*)?$`, 'i');

export type ConfigFormat = 'yaml' | 'ini' | 'other';

function configFormatOf(path: string): ConfigFormat {
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.(ini|cfg)$/i.test(path)) return 'ini';
  return 'other';
}

/**
 * Files whose `KEY=value` / `KEY: value` lines are configuration. In anything else (JavaScript,
 * Markdown, HTML…) the same shape is often code (`SECRET_KEY: process.env.SECRET_KEY`), so a value
 * there must look like a generated key to count (see `looksLikeGeneratedKey`).
 */
function isConfigPath(path: string): boolean {
  const base = baseNameOf(path);
  return (
    isDotenvPath(path) ||
    /\.(ya?ml|toml|ini|cfg|conf|json|properties|env|sh|bash|zsh|tfvars)$/.test(base) ||
    base.startsWith('dockerfile') ||
    base.endsWith('.dockerfile') ||
    base === 'procfile' ||
    !base.includes('.')
  );
}

/** Django's alphabet plus base64 (`openssl rand -base64`), 20+ characters, some variety. */
function looksLikeGeneratedKey(value: string): boolean {
  return /^[A-Za-z0-9!@#$%^&*()\-_=+/]{20,}$/.test(value) && uniqueCharCount(value) >= 8;
}

/**
 * The literal value after `KEY=` / `KEY:`. Quoted values end at the closing quote; an unquoted
 * value ends at ` #` (whitespace then `#`) or the line end. A bare `#` stays in the value because
 * a Django key may contain `#` (python-dotenv and docker-compose agree: `#` starts a comment only
 * after whitespace). INI values are taken whole: configparser has no inline comments by default.
 * Returns undefined when the value is not a literal (YAML block scalars).
 */
export function parseConfigValue(rest: string, format: ConfigFormat): string | undefined {
  // configparser (and so python-decouple's settings.ini) has no inline comments by default.
  if (format === 'ini') {
    const whole = rest.trim();
    return /^(["']).*\1$/.test(whole) ? whole.slice(1, -1) : whole;
  }
  if (/^\s+#/.test(rest)) return '';
  const text = rest.trim();
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    for (let i = 1; i < text.length; i++) {
      const char = text[i];
      if (char === '\\' && quote === '"') {
        i++;
        continue;
      }
      if (char === quote) {
        const body = text.slice(1, i);
        return quote === '"' ? body.replace(/\\(["\\])/g, '$1') : body;
      }
    }
    return text.slice(1);
  }
  const comment = /\s#/.exec(text);
  let value = (comment ? text.slice(0, comment.index) : text).trim();
  if (format === 'yaml') {
    if (/^[|>][-+0-9]*$/.test(value)) return undefined;
    // YAML tags (`!!str x`, `!ENV ${X}`) are not part of the value.
    const tag = /^!!?[A-Za-z][\w-]*\s+(.*)$/.exec(value);
    if (tag) value = parseConfigValue(tag[1] ?? '', 'other') ?? '';
  }
  return value;
}

function describeConfigFile(path: string): string {
  const base = baseNameOf(path);
  if (
    /(^|\/)\.envs\//.test(path) ||
    base === '.env' ||
    base.startsWith('.env.') ||
    base.endsWith('.env')
  )
    return '.env file';
  if (/(^|[-_.])(docker-)?compose[^/]*\.ya?ml$/.test(base)) return 'docker-compose environment';
  if (/\.ya?ml$/.test(base)) return 'YAML config';
  if (base.endsWith('.toml')) return 'TOML config';
  if (/\.(ini|cfg)$/.test(base)) return 'INI config';
  if (base.endsWith('.json')) return 'JSON config';
  if (base === 'dockerfile' || base.endsWith('.dockerfile')) return 'Dockerfile';
  return 'committed file';
}

export function findConfigKeyValues(path: string, content: string): KeyHit[] {
  const hits: KeyHit[] = [];
  const format = configFormatOf(path);
  const strict = !isConfigPath(path);
  const where = describeConfigFile(path);
  for (const line of linesMatching(content, /secret_key/gi)) {
    let name: string | undefined;
    let values: string[] = [];
    const quotedItem = QUOTED_ITEM.exec(line.text);
    if (quotedItem) {
      name = quotedItem[2];
      values = [quotedItem[3] ?? ''];
    } else {
      const match = CONFIG_LINE.exec(line.text);
      if (!match) continue;
      name = match[2];
      const rest = match[4] ?? '';
      const value = parseConfigValue(rest, format);
      if (value === undefined) continue;
      values = [value];
      if (/_fallbacks$/i.test(name ?? '')) {
        const trimmed = rest.trim();
        values = trimmed.startsWith('[')
          ? Array.from(trimmed.matchAll(/"([^"]*)"|'([^']*)'/g), (m) => m[1] ?? m[2] ?? '')
          : value.split(',');
      }
    }
    for (const raw of values) {
      const value = raw.trim();
      if (isPlaceholderValue(value) || (strict && !looksLikeGeneratedKey(value))) continue;
      const at = line.text.indexOf(value);
      hits.push({
        offset: line.offset + Math.max(0, at),
        line: line.number,
        secret: value,
        message: `Django secret key literal in ${where} (${name ?? 'SECRET_KEY'})`,
      });
    }
  }
  return hits;
}
