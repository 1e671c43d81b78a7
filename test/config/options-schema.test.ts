import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cliParseOptions, parseCommandLine, renderHelp } from '../../src/cli/flags';
import { parseOptionText } from '../../src/config/option-text';
import { parseConfig, parseTomlConfig } from '../../src/config/parse-config';
import { ConfigurationError } from '../../src/core/errors';
import {
  configKeys,
  inputDescription,
  inputNames,
  OPTION_IDS,
  resolveOptions,
  specOf,
} from '../../src/config/options';

/** The options schema is the only place a flag, an input or a config key is declared. */

const action = parse(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, { description: string; default: string }>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function configError(text: string): ConfigurationError {
  try {
    parseConfig(text, 'c.yml');
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

/** A valid YAML value for each config key, by kind. */
const SAMPLE_YAML: Record<string, string> = {
  enum: '', // filled from the option's values
  boolean: 'false',
  string: 'x',
  path: 'deploy/file',
  version: "'4.2'",
  list: '[a]',
  globs: "['tests/**']",
  rules: '{ DDG101: off }',
  allowlist: '[{ fingerprint: 0123456789abcdef, reason: test }]',
};

describe('the options schema', () => {
  it("action.yml declares exactly the schema's inputs, with its descriptions and defaults", () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...inputNames().keys()].sort());
    for (const [name, id] of inputNames()) {
      expect(action.inputs[name]?.description).toBe(inputDescription(id));
      expect(action.inputs[name]?.default).toBe(specOf(id).input?.default ?? '');
    }
  });

  it("the CLI's parseArgs table is exactly the schema's flags and aliases", () => {
    const flags = OPTION_IDS.flatMap((id) => {
      const cli = specOf(id).cli;
      return cli && !cli.positional ? [cli.flag, ...(cli.aliases ?? [])] : [];
    });
    expect(Object.keys(cliParseOptions()).sort()).toEqual(flags.sort());
    // ...and the CLI parses argv with that table only.
    const cliSources = sourceFiles('src').filter((file) =>
      readFileSync(file, 'utf8').includes('parseArgs('),
    );
    expect(cliSources).toEqual([join('src', 'cli', 'flags.ts')]);
    expect(readFileSync('src/cli/flags.ts', 'utf8')).toMatch(/options: cliParseOptions\(\)/);
  });

  it('--help shows every flag and alias except the unlisted ones', () => {
    const help = renderHelp();
    const unlisted = OPTION_IDS.flatMap((id) => specOf(id).cli?.unlisted ?? []);
    expect(unlisted).toEqual(['env-file']);
    for (const flag of Object.keys(cliParseOptions()))
      if (unlisted.includes(flag)) expect(help).not.toContain(`--${flag} `);
      else expect(help).toContain(`--${flag}`);
  });

  it("the config reader accepts exactly the schema's keys, in YAML and in pyproject.toml", () => {
    const message = configError('no-such-key: 1\n').message;
    expect(message).toContain(`known keys: ${[...configKeys().keys()].join(', ')}`);
    for (const [key, id] of configKeys()) {
      const spec = specOf(id);
      const sample = spec.kind === 'enum' ? spec.values[0]! : SAMPLE_YAML[spec.kind];
      expect(sample, key).toBeDefined();
      const config = parseConfig(`${key}: ${sample}\n`, 'c.yml');
      expect(config.values[id], key).toBeDefined();
      expect(config.keyLines[id]).toBe(1);
    }
    expect(() =>
      parseTomlConfig('[tool.django-deploy-guard]\nfail-on = "low"\nbogus = 1\n', 'p.toml'),
    ).toThrow(/^p\.toml:3: unknown key 'bogus'; known keys: /);
  });

  it('nothing reads an input, a flag or the environment around the schema', () => {
    for (const file of sourceFiles('src')) {
      const text = readFileSync(file, 'utf8');
      if (file !== join('src', 'action', 'inputs.ts'))
        expect(text, file).not.toMatch(/\bget(Boolean|Multiline)?Input\(/);
      expect(text, file).not.toMatch(/process\.env\.INPUT_|\['INPUT_/);
    }
    // inputs.ts asks for names from the schema, never a literal.
    expect(readFileSync('src/action/inputs.ts', 'utf8')).not.toMatch(/getInput\(\s*['"`]/);
    // The action reads the runner's environment once (runner.ts), from main.ts's first line.
    const main = readFileSync('src/action/main.ts', 'utf8');
    expect(main.match(/process\.env/g)).toEqual(['process.env']);
    expect(main).toContain('readRunnerEnvironment(process.env, process.cwd())');
  });

  it('every option is reachable somewhere and its default has its kind', () => {
    for (const id of OPTION_IDS) {
      const spec = specOf(id);
      expect(spec.cli ?? spec.input ?? spec.config, id).toBeDefined();
      if (spec.input?.default !== undefined && spec.kind === 'boolean')
        expect(JSON.stringify(spec.default), id).toBe(spec.input.default);
      if (spec.kind === 'enum' && spec.default !== undefined)
        expect(spec.values, id).toContain(spec.default);
    }
  });

  it('merges a flag over the config over the surface default over the schema default', () => {
    expect(resolveOptions({ failOn: 'low' }, { failOn: 'medium' }).failOn).toBe('low');
    expect(resolveOptions({}, { failOn: 'medium' }).failOn).toBe('medium');
    expect(resolveOptions({}, {}).failOn).toBe('high');
    expect(resolveOptions({}, { history: 'off' }, { history: 'range' }).history).toBe('off');
    expect(resolveOptions({}, {}, { history: 'range' }).history).toBe('range');
    expect(resolveOptions({}, {}).history).toBe('off');
    expect(resolveOptions({}, {}).settingsCheck).toBe(true);
    expect(resolveOptions({ settingsCheck: false }, {}).settingsCheck).toBe(false);
  });

  it("reads a boolean input in YAML's spellings, and names the input otherwise", () => {
    for (const text of ['true', 'True', 'TRUE', 'yes', 'Yes', 'on', 'ON', 'y', ' true\n'])
      expect(parseOptionText('checkRun', text, 'input'), text).toBe(true);
    for (const text of ['false', 'False', 'FALSE', 'no', 'NO', 'off', 'Off', 'n'])
      expect(parseOptionText('checkRun', text, 'input'), text).toBe(false);
    expect(parseOptionText('checkRun', '', 'input')).toBeUndefined();
    for (const text of ['1', 'enabled', 'tRUE', 'yess'])
      expect(() => parseOptionText('checkRun', text, 'input'), text).toThrow(
        `input 'check-run' must be true or false (or yes/no, on/off in any case); got '${text}'`,
      );
  });

  it('parses flags into typed values, aliases included, and refuses both spellings at once', () => {
    expect(
      parseCommandLine([
        'scan',
        '--fail-on',
        'low',
        '--env',
        'A=1',
        '--env',
        'B=2',
        '--env-file',
        'p.env',
        '--no-settings-check',
        '--cache-file',
        'c.json',
      ]).values,
    ).toEqual({
      failOn: 'low',
      env: { A: '1', B: '2' },
      envFile: 'p.env',
      settingsCheck: false,
      cacheFile: 'c.json',
    });
    expect(() => parseCommandLine(['scan', '--env-file', 'a', '--env-from-file', 'b'])).toThrow(
      'give --env-from-file or --env-file, not both',
    );
    expect(() => parseCommandLine(['scan', '--history', 'sometimes'])).toThrow(
      "--history must be one of off, full, range; got 'sometimes'",
    );
  });
});

describe('--env values', () => {
  it('keeps a value of spaces byte for byte (bool(" ") is True in the settings)', () => {
    expect(parseOptionText('env', ['DJANGO_SSL_REDIRECT= ', 'B=a=b', 'C='], 'cli')).toEqual({
      DJANGO_SSL_REDIRECT: ' ',
      B: 'a=b',
      C: '',
    });
  });

  it('refuses text without KEY= and does not repeat it', () => {
    expect(() => parseOptionText('env', ['hunter2-secret'], 'cli')).toThrow(
      /expects KEY=VALUE with KEY a variable name$/,
    );
  });
});
