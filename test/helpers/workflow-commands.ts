/**
 * A parser of workflow commands as the runner reads them: one per line, `::name props::message`,
 * after trimming whitespace; properties and message percent-decoded the runner's way.
 * https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs
 */
export interface ParsedCommand {
  name: string;
  properties: Record<string, string>;
  message: string;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return text
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

export function parseWorkflowCommands(output: string): ParsedCommand[] {
  const commands: ParsedCommand[] = [];
  // The runner splits on \r and \n alike; .NET's Trim() removes Unicode whitespace (not U+200B).
  for (const rawLine of output.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(
      /^[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/,
      '',
    );
    const legacy = /^##\[([^\]\s]+)/.exec(line);
    if (legacy) {
      commands.push({ name: `##[${legacy[1] ?? ''}]`, properties: {}, message: line });
      continue;
    }
    if (!line.startsWith('::')) continue;
    const end = line.indexOf('::', 2);
    if (end < 0) continue;
    const header = line.slice(2, end);
    const space = header.indexOf(' ');
    const name = space < 0 ? header : header.slice(0, space);
    const properties: Record<string, string> = {};
    if (space >= 0) {
      for (const pair of header.slice(space + 1).split(',')) {
        const eq = pair.indexOf('=');
        if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
      }
    }
    commands.push({ name, properties, message: unescapeData(line.slice(end + 2)) });
  }
  return commands;
}
