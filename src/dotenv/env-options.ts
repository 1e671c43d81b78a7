import { pythonDotenvBindings } from './python-dotenv';
import { pythonTextMode } from './python-text';
import type { DotenvEntry, DotenvParse } from './types';

// The inputs: python-dotenv's syntax, values as written, strict.

export function parseInputs(text: string): DotenvParse {
  const normalised = pythonTextMode(text);
  const entries: DotenvEntry[] = [];
  const invalidLines: number[] = [];
  for (const binding of pythonDotenvBindings(normalised)) {
    if (binding.error) invalidLines.push(binding.startLine);
    else if (binding.key !== undefined && binding.value === undefined)
      invalidLines.push(binding.line);
    else if (binding.key !== undefined)
      entries.push({ key: binding.key, value: binding.value, line: binding.line });
  }
  return { entries, invalidLines };
}
