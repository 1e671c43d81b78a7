import { pyStrip, pythonTextMode } from './python-text';
import type { DotenvEntry, DotenvParse } from './types';

// python-decouple 3.6 (decouple.py, RepositoryEnv).

export function parseDecouple(text: string): DotenvParse {
  const entries: DotenvEntry[] = [];
  pythonTextMode(text)
    .split('\n')
    .forEach((raw, index) => {
      const line = pyStrip(raw);
      if (line === '' || line.startsWith('#') || !line.includes('=')) return;
      const eq = line.indexOf('=');
      const key = pyStrip(line.slice(0, eq));
      let value = pyStrip(line.slice(eq + 1));
      if (
        value.length >= 2 &&
        ((value.startsWith("'") && value.endsWith("'")) ||
          (value.startsWith('"') && value.endsWith('"')))
      )
        value = value.slice(1, -1);
      entries.push({ key, value, line: index + 1 });
    });
  return { entries, invalidLines: [] };
}
