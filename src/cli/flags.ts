import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigurationError } from '../core/errors';
import { parseOptionText } from '../config/option-text';
import {
  cliPlaceholder,
  OPTION_IDS,
  specOf,
  type CliForm,
  type CliGroup,
  type OptionId,
  type OptionValues,
} from '../config/options';
import { TOOL_NAME } from '../version';

/**
 * The CLI's flags, derived from the options schema: `parseArgs`'s option table, the conversion
 * of what it parsed into typed option values, and `--help`.
 */

type ParseArgsOptions = NonNullable<ParseArgsConfig['options']>;

/** Every flag and alias the CLI accepts, as `parseArgs` wants them. */
export function cliParseOptions(): ParseArgsOptions {
  const table: ParseArgsOptions = {};
  for (const id of OPTION_IDS) {
    const spec = specOf(id);
    const cli = spec.cli;
    if (!cli || cli.positional) continue;
    const multiple = spec.kind === 'list' || spec.kind === 'env';
    const type = spec.kind === 'boolean' ? 'boolean' : 'string';
    table[cli.flag] = {
      type,
      ...(multiple ? { multiple } : {}),
      ...(cli.short ? { short: cli.short } : {}),
    };
    for (const alias of cli.aliases ?? [])
      table[alias] = { type, ...(multiple ? { multiple } : {}) };
  }
  return table;
}

export interface ParsedCommandLine {
  values: OptionValues;
  positionals: string[];
}

/** Parses argv into option values (only those given) and positionals; mistakes are usage errors. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const { values: raw, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: cliParseOptions(),
  });
  const values: Record<string, unknown> = {};
  for (const id of OPTION_IDS) {
    const spec = specOf(id);
    const cli = spec.cli;
    if (!cli || cli.positional) continue;
    const given = [cli.flag, ...(cli.aliases ?? [])].filter((flag) => raw[flag] !== undefined);
    if (given.length > 1)
      throw new ConfigurationError(`give ${given.map((f) => `--${f}`).join(' or ')}, not both`);
    const flag = given[0];
    if (flag === undefined) continue;
    const value = raw[flag];
    if (typeof value === 'boolean') values[id] = cli.negates ? !value : value;
    else if (value !== undefined) {
      // A string option's value(s): parseArgs gives strings for `type: 'string'`.
      const parsed = parseOptionText(id, value as string | string[], 'cli');
      if (parsed !== undefined) values[id] = parsed;
    }
  }
  return { values: values, positionals };
}

const GROUPS: { group: CliGroup; title: string }[] = [
  { group: 'output', title: 'Output' },
  { group: 'decision', title: 'Decision' },
  { group: 'settings', title: 'Settings deploy check' },
  { group: 'history', title: 'Git history' },
  { group: 'staged', title: 'Pre-commit' },
  { group: 'fix', title: 'Fixes (fix command)' },
  { group: 'general', title: '' },
];

/** `--format text|json|sarif`, `--fail-on LEVEL`, `-h, --help`. */
export function flagSynopsis(id: OptionId, flag?: string): string {
  const spec = specOf(id);
  const name = flag ?? spec.cli!.flag;
  const placeholder = cliPlaceholder(spec);
  const short = spec.cli?.short && flag === undefined ? `-${spec.cli.short}, ` : '';
  return `${short}--${name}${placeholder ? ` ${placeholder}` : ''}`;
}

/** The aliases `--help` and the README's CLI table offer. */
export function listedAliases(cli: CliForm): string[] {
  return (cli.aliases ?? []).filter((alias) => !(cli.unlisted ?? []).includes(alias));
}

export function renderHelp(): string {
  const width = 27;
  const line = (left: string, right: string) =>
    `  ${left.padEnd(width - 2)}${left.length >= width - 2 ? `\n${' '.repeat(width)}` : ''}${right}`;
  const sections = GROUPS.map(({ group, title }) => {
    const lines: string[] = [];
    for (const id of OPTION_IDS) {
      const cli = specOf(id).cli;
      if (!cli || cli.positional || cli.group !== group) continue;
      lines.push(line(flagSynopsis(id), cli.help));
      for (const alias of listedAliases(cli))
        lines.push(line(flagSynopsis(id, alias), cli.aliasHelp ?? `the same as --${cli.flag}`));
    }
    return title ? `${title}\n${lines.join('\n')}` : lines.join('\n');
  });
  return `Usage: ${TOOL_NAME} scan [PATH] [options]
       ${TOOL_NAME} scan --staged [FILE...] [options]
       ${TOOL_NAME} fix [PATH] [--write] [--rule ID] [options]

Checks a Django project for an insecure deployment configuration and committed secrets,
without running any of its code. PATH defaults to the current directory. \`fix\` prints the
mechanical fixes as a unified diff (\`--write\` applies them).

${sections.join('\n\n')}

Exit codes: 0 passed, 1 findings at or above --fail-on, 2 usage or configuration error.
`;
}
