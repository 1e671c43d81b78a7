import { parseEnvAssignments } from '../dotenv';
import { ConfigurationError } from '../core/errors';
import {
  optionLabel,
  specOf,
  type OptionId,
  type OptionSurface,
  type OptionValue,
} from './options';

/**
 * Reads an option's value from text: a CLI flag (`--fail-on high`, repeated flags as a list) or an
 * action input (`INPUT_FAIL-ON`). Every mistake is a ConfigurationError naming the flag or input.
 * Pure.
 */

/**
 * The booleans of YAML (1.2's core schema, and 1.1's yes/no/on/off that many workflow authors
 * still write): `check-run: True`, `check-run: yes` and `check-run: ON` all mean true. The runner
 * passes an input as the text written, so the spelling is ours to read.
 * https://yaml.org/spec/1.2.2/#1032-tag-resolution https://yaml.org/type/bool.html
 */
const spellings = (...words: string[]) =>
  words.flatMap((word) => [word, word[0]!.toUpperCase() + word.slice(1), word.toUpperCase()]);
const TRUE_SPELLINGS = spellings('true', 'yes', 'on', 'y');
const FALSE_SPELLINGS = spellings('false', 'no', 'off', 'n');

/** A YAML boolean spelling's value; undefined for any other text. */
export function booleanOfText(text: string): boolean | undefined {
  const value = text.trim();
  if (TRUE_SPELLINGS.includes(value)) return true;
  if (FALSE_SPELLINGS.includes(value)) return false;
  return undefined;
}

export function parseBooleanText(text: string, label: string): boolean {
  const value = booleanOfText(text);
  if (value !== undefined) return value;
  throw new ConfigurationError(
    `${label} must be true or false (or yes/no, on/off in any case); got '${text.trim()}'`,
  );
}

export function isDjangoVersion(text: string): boolean {
  return /^\d+\.\d+$/.test(text);
}

/** An input's list: one item per line or comma; blank lines and `#` comments dropped. */
export function splitListText(text: string): string[] {
  return text
    .split(/\r?\n|,/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function parseEnvText(text: string, label: string): Record<string, string> {
  const { values, invalidLines } = parseEnvAssignments(text);
  if (invalidLines.length > 0)
    // The line number only: the text may hold credentials.
    throw new ConfigurationError(`${label} line ${invalidLines[0]}: expected KEY=VALUE`);
  return values;
}

/**
 * The value of option `id` given as `raw` on `surface`; undefined when it is empty (an action
 * input left at an empty default, or its `unsetValue`).
 */
export function parseOptionText<I extends OptionId>(
  id: I,
  raw: string | readonly string[],
  surface: Exclude<OptionSurface, 'config'>,
): OptionValue<I> | undefined {
  const spec = specOf(id);
  const label = optionLabel(id, surface);
  const texts = typeof raw === 'string' ? [raw] : raw;
  const text = (texts.at(-1) ?? '').trim();
  if (surface === 'input' && spec.input?.unsetValue !== undefined && text === spec.input.unsetValue)
    return undefined;
  let value: unknown;
  switch (spec.kind) {
    case 'boolean':
      if (text === '') return undefined;
      value = parseBooleanText(text, label);
      break;
    case 'enum':
      if (text === '') return undefined;
      if (!spec.values.includes(text))
        throw new ConfigurationError(
          `${label} must be one of ${spec.values.join(', ')}; got '${text}'`,
        );
      value = text;
      break;
    case 'version':
      if (text === '') return undefined;
      if (!isDjangoVersion(text))
        throw new ConfigurationError(`${label} must look like 5.2; got '${text}'`);
      value = text;
      break;
    case 'string':
    case 'path':
      if (text === '') return undefined;
      value = text;
      break;
    case 'list': {
      const items = surface === 'input' ? texts.flatMap(splitListText) : texts.map((t) => t.trim());
      if (items.length === 0) return undefined;
      value = items;
      break;
    }
    case 'env': {
      // A flag's value is one assignment: a newline inside it would smuggle in a second one.
      const bad = surface === 'cli' ? texts.find((t) => t.includes('\n')) : undefined;
      if (bad !== undefined) throw new ConfigurationError(`${label} expects KEY=VALUE`);
      const parsed =
        surface === 'cli'
          ? parseCliAssignments(texts, label)
          : parseEnvText(texts.join('\n'), label);
      if (Object.keys(parsed).length === 0) return undefined;
      value = parsed;
      break;
    }
    case 'globs':
    case 'rules':
    case 'allowlist':
      throw new Error(`option ${id} (${spec.kind}) has no text form`);
  }
  return value as OptionValue<I>;
}

/**
 * `--env KEY=VALUE`, one assignment per flag, the value kept byte for byte: the shell already
 * removed its quotes, and a value of spaces is what the process would see (`bool(' ')` is True).
 */
function parseCliAssignments(pairs: readonly string[], label: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const key = at > 0 ? pair.slice(0, at) : '';
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key))
      // Never the text itself: it may be a credential typed without its KEY=.
      throw new ConfigurationError(`${label} expects KEY=VALUE with KEY a variable name`);
    values[key] = pair.slice(at + 1);
  }
  return values;
}
