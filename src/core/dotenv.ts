/**
 * Parses `KEY=VALUE` lines (a `.env` file or the action's multiline `env` input): `export KEY=V`,
 * matching outer quotes removed, blank lines and `#` comment lines skipped. Returns the pairs and
 * the 1-based lines that are not assignments, so callers can reject them with a clear message.
 */
export function parseEnvAssignments(text: string): {
  values: Record<string, string>;
  invalidLines: number[];
} {
  const values: Record<string, string> = {};
  const invalidLines: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(line);
    if (!match) {
      invalidLines.push(index + 1);
      return;
    }
    let value = match[2] ?? '';
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
    }
    values[match[1]!] = value;
  });
  return { values, invalidLines };
}
