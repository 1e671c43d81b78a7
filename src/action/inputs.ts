import * as core from '@actions/core';
import { parseOptionText } from '../config/option-text';
import { OPTION_IDS, specOf, type OptionValues } from '../config/options';

/**
 * Every action input, read once from the options schema (nothing else calls `core.getInput`).
 * Only inputs that hold a value are returned: an empty input, or one left at a value meaning
 * "not given" (`history: auto`), lets the config file or the default decide (`resolveOptions`).
 * A wrong value is a ConfigurationError naming the input.
 */
export function readActionInputs(): OptionValues {
  const values: Record<string, unknown> = {};
  for (const id of OPTION_IDS) {
    const input = specOf(id).input;
    if (!input) continue;
    const value = parseOptionText(id, core.getInput(input.name), 'input');
    if (value !== undefined) values[id] = value;
  }
  return values;
}
