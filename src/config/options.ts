import { secretValuesOfEnvironment } from '../core/secret-names';
import { FAIL_LEVELS, type Severity } from '../core/types';

/**
 * Every option of django-deploy-guard, declared once: its CLI flag, action input and config key
 * (`.django-deploy-guard.yml` or `[tool.django-deploy-guard]` in `pyproject.toml`), its type, its
 * default and its docs. The CLI's flags and help, the action's input reading, the config reader,
 * `action.yml`'s inputs and the README's tables are all derived from this list, and a test fails
 * when a flag, an input or a config key exists anywhere else. Pure: no I/O.
 *
 * A value from a flag or an input beats the config file's, which beats the default
 * (`resolveOptions`, the one place they are merged).
 */

/** How a value is written and checked. */
export type OptionKind =
  /** One string. */
  | 'string'
  /** A file or directory; see `ConfigForm.repositoryRelative`. */
  | 'path'
  /** A Django version, `X.Y`. */
  | 'version'
  /** One of `values`. */
  | 'enum'
  /** true/false; in the action YAML's spellings (`true`, `True`, `TRUE`, …). */
  | 'boolean'
  /** Several strings: a repeated flag, one per line (or comma) in an input, a list in config. */
  | 'list'
  /** A list of glob patterns, each compiled when read (an invalid one names its line). */
  | 'globs'
  /** KEY=VALUE pairs: a repeated `--env` flag, one per line in an input. */
  | 'env'
  /** Rule ids to on, off, a severity or `{enabled, severity}` (config only). */
  | 'rules'
  /** `{fingerprint, reason}` entries (config only). */
  | 'allowlist';

export interface RuleSetting {
  enabled: boolean;
  severity?: Severity;
  /** Line in the config file, for messages about unknown rule ids. */
  line: number;
}

export interface AllowlistEntry {
  fingerprint: string;
  reason: string;
  line: number;
}

/** The value each kind holds once read. */
interface KindValues {
  string: string;
  path: string;
  version: string;
  boolean: boolean;
  list: string[];
  globs: string[];
  env: Record<string, string>;
  rules: Map<string, RuleSetting>;
  allowlist: AllowlistEntry[];
}

/** Where an option sits in `--help` and in the README's CLI table. */
export type CliGroup =
  'output' | 'decision' | 'settings' | 'history' | 'staged' | 'fix' | 'general';

export interface CliForm {
  /** `--flag` without the dashes. */
  flag: string;
  /** Other spellings of the same flag (each is its own `parseArgs` option). */
  aliases?: readonly string[];
  short?: string;
  /** What follows the flag in help (`FILE`, `LEVEL`); none for a boolean. */
  placeholder?: string;
  /** A boolean flag that sets the option to false (`--no-settings-check`). */
  negates?: boolean;
  /** A positional argument instead of a flag (`scan [PATH]`). */
  positional?: boolean;
  group: CliGroup;
  /** One line for `--help`. */
  help: string;
  /** Help for the aliases (why two spellings exist). */
  aliasHelp?: string;
  /**
   * Aliases still accepted but not offered by `--help` or the README's table (a spelling that
   * does not always reach the CLI; the README says why).
   */
  unlisted?: readonly string[];
}

export interface InputForm {
  name: string;
  /** `default:` in action.yml, as the runner passes it when the workflow leaves the input out. */
  default?: string;
  /** A value that means "not given": the runner always passes the default (`history: auto`). */
  unsetValue?: string;
  /** The action.yml description, when it says more than `docs` (e.g. a relative base). */
  description?: string;
}

export interface ConfigForm {
  key: string;
  /**
   * The repository's own config is not trusted (a pull request can change it): a path there must
   * stay inside the repository (no absolute path, no `..`) and is read through the confined reader.
   */
  repositoryRelative?: boolean;
}

interface OptionSpecBase<K extends OptionKind> {
  kind: K;
  /** What the option does, for action.yml, the README and the config docs. */
  docs: string;
  cli?: CliForm;
  input?: InputForm;
  config?: ConfigForm;
  /**
   * The values this option carries are credentials or may be: every one the redactor judges
   * secret is registered with it (and masked in the action's log) before anything is printed.
   */
  holdsSecrets?: boolean;
}

export interface EnumOptionSpec<V extends string = string> extends OptionSpecBase<'enum'> {
  values: readonly V[];
  default?: V;
}

export type PlainOptionSpec<K extends Exclude<OptionKind, 'enum'> = Exclude<OptionKind, 'enum'>> =
  OptionSpecBase<K> & { default?: KindValues[K] };

export type OptionSpec = EnumOptionSpec | PlainOptionSpec;

/** The value type of one option. */
export type ValueOf<S> = S extends { kind: 'enum'; values: readonly (infer V)[] }
  ? V
  : S extends { kind: infer K extends keyof KindValues }
    ? KindValues[K]
    : never;

// Keep each spec's literal type (which options have a default, an enum's values) while checking
// the default against the kind.
const enumOption = <const V extends string, const S extends EnumOptionSpec<V>>(
  spec: S & EnumOptionSpec<V>,
): S => spec;
const option = <const S extends PlainOptionSpec>(spec: S & PlainOptionSpec<S['kind']>): S => spec;

export const HISTORY_MODES = ['off', 'full', 'range'] as const;
export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export const COMMENT_MODES = ['auto', 'always', 'never'] as const;
export const FAIL_SCOPES = ['new', 'all'] as const;
export const UNDECIDED_VERDICTS = ['warn', 'fail'] as const;

/** The options, in the order of `--help`, action.yml and the README tables. */
export const OPTIONS = {
  path: option({
    kind: 'path',
    default: '.',
    docs: 'Directory of the Django project to scan.',
    cli: {
      flag: 'PATH',
      positional: true,
      group: 'general',
      help: 'the project to scan (default: the current directory)',
    },
    input: {
      name: 'path',
      default: '.',
      description: 'Directory of the Django project to scan, relative to the workspace.',
    },
  }),
  config: option({
    kind: 'path',
    docs: 'Configuration file (`.django-deploy-guard.yml`, or a TOML file with a `[tool.django-deploy-guard]` table). Defaults to `.django-deploy-guard.yml`, else `[tool.django-deploy-guard]` in `pyproject.toml`, at the scanned path.',
    cli: {
      flag: 'config',
      placeholder: 'FILE',
      group: 'decision',
      help: 'configuration file (default PATH/.django-deploy-guard.yml, else PATH/pyproject.toml)',
    },
    input: { name: 'config', default: '' },
  }),
  failOn: enumOption({
    kind: 'enum',
    values: FAIL_LEVELS,
    default: 'high',
    docs: `Fail when an unsuppressed finding is at or above this severity (${FAIL_LEVELS.join(', ')}).`,
    cli: {
      flag: 'fail-on',
      placeholder: 'LEVEL',
      group: 'decision',
      help: `${FAIL_LEVELS.join('|')} (default high, or the config's)`,
    },
    input: {
      name: 'fail-on',
      default: '',
      description: `Fail the step when an unsuppressed finding is at or above this severity (${FAIL_LEVELS.join(', ')}). Empty means the config file's \`fail-on\`, else high.`,
    },
    config: { key: 'fail-on' },
  }),
  failScope: enumOption({
    kind: 'enum',
    values: FAIL_SCOPES,
    default: 'new',
    docs: 'On a pull request (or with `--base`): `new` fails only on findings the change introduced (and on changes to the guard itself); `all` also on findings already on the base branch. Without a base every finding counts.',
    cli: {
      flag: 'fail-scope',
      group: 'decision',
      help: "with --base: fail on new findings only, or on all (default new, or the config's)",
    },
    input: { name: 'fail-scope', default: '' },
    config: { key: 'fail-scope' },
  }),
  undecided: enumOption({
    kind: 'enum',
    values: UNDECIDED_VERDICTS,
    default: 'warn',
    docs: 'Settings checks the static evaluation could not decide (they depend on a value it cannot know): `warn` says so in the verdict, `fail` fails the run on them.',
    cli: {
      flag: 'undecided',
      group: 'decision',
      help: "warn|fail on settings checks that could not be decided (default warn, or the config's)",
    },
    input: { name: 'undecided', default: '' },
    config: { key: 'undecided' },
  }),
  baseline: option({
    kind: 'path',
    docs: 'JSON file of known findings that are reported as known and do not fail the run.',
    cli: {
      flag: 'baseline',
      placeholder: 'FILE',
      group: 'decision',
      help: 'known findings that do not fail the run',
    },
    input: { name: 'baseline', default: '' },
    config: { key: 'baseline', repositoryRelative: true },
  }),
  updateBaseline: option({
    kind: 'boolean',
    default: false,
    docs: 'Write the current findings to the baseline file.',
    cli: {
      flag: 'update-baseline',
      group: 'decision',
      help: 'write the current findings to the baseline file',
    },
  }),
  exclude: option({
    kind: 'globs',
    default: [],
    docs: 'Globs of paths whose findings are not reported (picomatch syntax, `.gitignore`-like anchoring).',
    config: { key: 'exclude' },
  }),
  rules: option({
    kind: 'rules',
    default: new Map(),
    docs: 'Per rule id: `on`, `off`, a severity, or `{enabled, severity}`.',
    config: { key: 'rules' },
  }),
  allowlist: option({
    kind: 'allowlist',
    default: [],
    docs: 'Accepted findings: `{fingerprint, reason}` entries (a fingerprint of 16 hex digits, or a unique prefix of 8 or more).',
    config: { key: 'allowlist' },
  }),
  settingsCheck: option({
    kind: 'boolean',
    default: true,
    docs: "Run the settings deploy check (false: secrets and configuration files only, e.g. in a pre-commit hook that should not block on the project's settings).",
    cli: {
      flag: 'no-settings-check',
      negates: true,
      group: 'settings',
      help: 'skip the settings deploy check (secrets and config files only)',
    },
    input: { name: 'settings-check', default: 'true' },
    config: { key: 'settings-check' },
  }),
  settingsModule: option({
    kind: 'list',
    docs: 'Production settings module(s), e.g. `config.settings.production`. Default is discovered from wsgi.py, Procfile, Dockerfile, compose and env files, and file names.',
    cli: {
      flag: 'settings-module',
      placeholder: 'MOD',
      group: 'settings',
      help: 'production settings module (repeatable; default: discovered)',
    },
    input: {
      name: 'settings-module',
      default: '',
      description:
        'Production settings module(s), one per line (e.g. config.settings.production). Default is discovered from wsgi.py, Procfile, Dockerfile, compose and env files, and file names.',
    },
    config: { key: 'settings-module' },
  }),
  pythonPath: option({
    kind: 'list',
    docs: 'Module search roots, relative to the scanned path. Default is the scanned path and its `src` when it exists.',
    cli: {
      flag: 'python-path',
      placeholder: 'DIR',
      group: 'settings',
      help: 'module search root (repeatable; default PATH and PATH/src)',
    },
    input: {
      name: 'python-path',
      default: '',
      description:
        'Module search roots relative to `path`, one per line. Default is `path` and `path/src` when it exists.',
    },
    config: { key: 'python-path', repositoryRelative: true },
  }),
  env: option({
    kind: 'env',
    default: {},
    holdsSecrets: true,
    docs: "The production environment the settings are evaluated under, KEY=VALUE. Unset variables take the code's defaults. Every value shaped like a secret is masked, whatever its name.",
    cli: {
      flag: 'env',
      placeholder: 'KEY=VALUE',
      group: 'settings',
      help: 'production environment variable (repeatable)',
    },
    input: {
      name: 'env',
      default: '',
      description:
        "The production environment the settings are evaluated under, one KEY=VALUE per line. Unset variables take the code's defaults. Every value shaped like a secret (and every value under a name like *_KEY, *_PASSWORD, *_TOKEN) is masked in the log.",
    },
  }),
  envFile: option({
    kind: 'path',
    holdsSecrets: true,
    docs: 'A KEY=VALUE file with the production environment, relative to the scanned path.',
    cli: {
      flag: 'env-from-file',
      // Node reads `--env-file` on its own command line, even after the script: `node cli.js
      // scan --env-file x` stops in Node when ./x does not exist. Accepted, never offered.
      aliases: ['env-file'],
      unlisted: ['env-file'],
      placeholder: 'FILE',
      group: 'settings',
      help: 'production environment from a KEY=VALUE file (relative to PATH)',
    },
    input: {
      name: 'env-file',
      default: '',
      description: 'A KEY=VALUE file with the production environment (relative to `path`).',
    },
    config: { key: 'env-file', repositoryRelative: true },
  }),
  djangoVersion: option({
    kind: 'version',
    docs: 'Django version to assume (X.Y). Default is read from requirements files, pyproject.toml or lock files, else 5.2.',
    cli: {
      flag: 'django-version',
      placeholder: 'X.Y',
      group: 'settings',
      help: 'Django version to assume (default: from requirements)',
    },
    input: { name: 'django-version', default: '' },
    config: { key: 'django-version' },
  }),
  history: enumOption({
    kind: 'enum',
    values: HISTORY_MODES,
    default: 'off',
    docs: 'Git history scan: off, full (every blob of every ref) or range (what `base..head` introduced).',
    cli: {
      flag: 'history',
      group: 'history',
      help: "scan history too (default off, or the config's)",
    },
    input: {
      name: 'history',
      default: 'auto',
      unsetValue: 'auto',
      description:
        "Git history scan. `auto` takes the config file's `history`, else the event's: range for pull_request, pull_request_target, merge_group and pushes to other branches; full for pushes to the default branch, schedule and workflow_dispatch. Or off, full, range.",
    },
    config: { key: 'history' },
  }),
  base: option({
    kind: 'string',
    docs: 'Range start for `history: range`. In the CLI it is also the base branch whose rules decide, as on a pull request: its config, baseline, allowlist and inline ignores; findings are marked new or existing against it.',
    cli: {
      flag: 'base',
      placeholder: 'REV',
      group: 'history',
      help: 'range start; the base branch whose config, baseline and allowlist decide',
    },
    input: {
      name: 'base',
      default: '',
      description: 'Range start for `history: range` (default from the event payload).',
    },
  }),
  head: option({
    kind: 'string',
    docs: 'Range end for `history: range`.',
    cli: {
      flag: 'head',
      placeholder: 'REV',
      group: 'history',
      help: 'range end for --history range (default HEAD)',
    },
    input: {
      name: 'head',
      default: '',
      description: 'Range end for `history: range` (default from the event payload).',
    },
  }),
  defaultBranch: option({
    kind: 'string',
    docs: 'For a new branch (base 0000…), the branch to take the merge base with.',
    cli: {
      flag: 'default-branch',
      placeholder: 'REF',
      group: 'history',
      help: 'for a new branch (base 0000…), the branch to take the merge base with',
    },
  }),
  cacheFile: option({
    kind: 'path',
    docs: 'File recording the git blobs already scanned, so a repeated full history scan reads only new ones.',
    cli: {
      flag: 'cache',
      aliases: ['cache-file'],
      placeholder: 'FILE',
      group: 'history',
      help: 'remember scanned blobs so the next full scan reads only new ones',
      aliasHelp: 'the same (the action input’s name)',
    },
    input: {
      name: 'cache-file',
      default: '',
      description:
        'File recording the git blobs already scanned, so a repeated full history scan reads only new ones. Pair it with actions/cache.',
    },
  }),
  staged: option({
    kind: 'boolean',
    default: false,
    docs: 'Scan what is being committed: the staged content (from the index, not the work tree) of the files the index changes, in the whole repository as `git commit` sees it. PATH... limits it: a directory to the staged changes below it, a file to its staged content (pre-commit passes the file names; a file not in the index is an error). Secrets and file rules only: no settings check, no history.',
    cli: {
      flag: 'staged',
      group: 'staged',
      help: 'scan the index (what is being committed), not the work tree; PATH... limits it',
    },
  }),
  write: option({
    kind: 'boolean',
    default: false,
    docs: '`fix`: apply the fixes to the files (atomically, all or none) instead of only printing the diff. Symlinks, generated files and paths outside the repository are listed, never written.',
    cli: {
      flag: 'write',
      group: 'fix',
      help: 'fix: apply the fixes (atomically) instead of only printing the diff',
    },
  }),
  rule: option({
    kind: 'list',
    docs: '`fix`: only the fixes of these rule ids.',
    cli: {
      flag: 'rule',
      placeholder: 'ID',
      group: 'fix',
      help: 'fix: only the fixes of this rule id (repeatable)',
    },
  }),
  suggestFixes: option({
    kind: 'boolean',
    default: true,
    docs: 'On `pull_request` events, post the fixes that touch only lines the pull request changed as one review with suggested changes, updated in place on new pushes (needs `pull-requests: write`); other fixes are listed in the PR comment with the `fix` command.',
    input: { name: 'suggest-fixes', default: 'true' },
    config: { key: 'suggest-fixes' },
  }),
  format: enumOption({
    kind: 'enum',
    values: OUTPUT_FORMATS,
    default: 'text',
    docs: 'Report format.',
    cli: { flag: 'format', group: 'output', help: 'report format (default text)' },
  }),
  output: option({
    kind: 'path',
    docs: 'Write the report to this file instead of standard output.',
    cli: {
      flag: 'output',
      placeholder: 'FILE',
      group: 'output',
      help: 'write the report to FILE instead of standard output',
    },
  }),
  noColor: option({
    kind: 'boolean',
    default: false,
    docs: 'Plain text output.',
    cli: {
      flag: 'no-color',
      group: 'output',
      help: 'plain text output (also when NO_COLOR is set or not a terminal)',
    },
  }),
  sarifFile: option({
    kind: 'path',
    docs: 'Write a SARIF 2.1.0 report to this path (for github/codeql-action/upload-sarif).',
    input: { name: 'sarif-file', default: '' },
  }),
  comment: enumOption({
    kind: 'enum',
    values: COMMENT_MODES,
    default: 'auto',
    docs: 'Pull-request comment. `auto` keeps one comment up to date when there are findings or an earlier comment; `always` posts even a clean report; `never` posts nothing. Needs `pull-requests write`.',
    input: { name: 'comment', default: 'auto' },
  }),
  checkRun: option({
    kind: 'boolean',
    default: false,
    docs: 'Also create a check run carrying every annotation through the Checks API (needs `checks write`).',
    input: { name: 'check-run', default: 'false' },
  }),
  githubToken: option({
    kind: 'string',
    default: '',
    holdsSecrets: true,
    docs: 'Token for the PR comment and the check run. A read-only token (forks) degrades to annotations and the job summary; an empty one to a notice.',
    input: { name: 'github-token', default: '${{ github.token }}' },
  }),
  help: option({
    kind: 'boolean',
    default: false,
    docs: 'Show the help.',
    cli: { flag: 'help', short: 'h', group: 'general', help: 'show this help' },
  }),
  version: option({
    kind: 'boolean',
    default: false,
    docs: 'Show the version.',
    cli: { flag: 'version', short: 'V', group: 'general', help: 'show the version' },
  }),
} as const satisfies Record<string, OptionSpec>;

export type OptionId = keyof typeof OPTIONS;
export type OptionValue<I extends OptionId> = ValueOf<(typeof OPTIONS)[I]>;

/** Values given on one surface (flags, inputs, the config file): only what was set. */
export type OptionValues = { [I in OptionId]?: OptionValue<I> };

type WithDefault = {
  [I in OptionId]: (typeof OPTIONS)[I] extends { default: unknown } ? I : never;
}[OptionId];

/** Every option after the merge: those with a default always have a value. */
export type ResolvedOptions = { [I in WithDefault]: OptionValue<I> } & {
  [I in Exclude<OptionId, WithDefault>]?: OptionValue<I>;
};

export const OPTION_IDS = Object.keys(OPTIONS) as OptionId[];

/** The spec of an option, typed loosely for code that walks all of them. */
export function specOf(id: OptionId): OptionSpec {
  return OPTIONS[id];
}

/**
 * The one merge: a flag or input beats the config file, which beats the surface's own default
 * (e.g. the action's history mode from the event), which beats the schema's default.
 */
export function resolveOptions(
  workflow: OptionValues,
  config: OptionValues,
  surfaceDefaults: OptionValues = {},
): ResolvedOptions {
  const resolved: Record<string, unknown> = {};
  for (const id of OPTION_IDS) {
    const value = workflow[id] ?? config[id] ?? surfaceDefaults[id] ?? specOf(id).default;
    if (value !== undefined) resolved[id] = value;
  }
  return resolved as ResolvedOptions;
}

/** `--flag`, `input 'name'` or `'key'`: how a message names the option where it was given. */
export type OptionSurface = 'cli' | 'input' | 'config';

export function optionLabel(id: OptionId, surface: OptionSurface): string {
  const spec = specOf(id);
  if (surface === 'cli' && spec.cli)
    return spec.cli.positional ? spec.cli.flag : `--${spec.cli.flag}`;
  if (surface === 'input' && spec.input) return `input '${spec.input.name}'`;
  return `'${spec.config?.key ?? id}'`;
}

/** Options with a config key, by key. */
export function configKeys(): Map<string, OptionId> {
  return new Map(
    OPTION_IDS.flatMap((id) => {
      const key = specOf(id).config?.key;
      return key ? [[key, id] as const] : [];
    }),
  );
}

/** Options with an action input, by input name. */
export function inputNames(): Map<string, OptionId> {
  return new Map(
    OPTION_IDS.flatMap((id) => {
      const name = specOf(id).input?.name;
      return name ? [[name, id] as const] : [];
    }),
  );
}

/** The action.yml / README description of an input. */
export function inputDescription(id: OptionId): string {
  const spec = specOf(id);
  return spec.input?.description ?? spec.docs;
}

/** `text|json|sarif` for an enum, else the flag's placeholder. */
export function cliPlaceholder(spec: OptionSpec): string | undefined {
  if (!spec.cli || spec.kind === 'boolean') return undefined;
  if (spec.cli.placeholder) return spec.cli.placeholder;
  return spec.kind === 'enum' ? spec.values.join('|') : 'VALUE';
}

/**
 * The values of options marked `holdsSecrets` that the redactor must know before anything is
 * printed: the token, and every credential-named or secret-shaped value of the `env` profile
 * (whatever its name: `APP_SIGNING=<40 random characters>` is a key). A path option's file is
 * registered when it is read.
 */
export function secretValuesOfOptions(values: OptionValues): { value: string; pieces: boolean }[] {
  const out: { value: string; pieces: boolean }[] = [];
  for (const id of OPTION_IDS) {
    const spec = specOf(id);
    const value: unknown = values[id];
    if (!spec.holdsSecrets || value === undefined) continue;
    if (spec.kind === 'env')
      out.push(...secretValuesOfEnvironment(value as Record<string, string>));
    else if (spec.kind === 'string' && typeof value === 'string' && value !== '')
      out.push({ value, pieces: true });
  }
  return out;
}
