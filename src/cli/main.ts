import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseEnvAssignments } from '../core/dotenv';
import { ConfigurationError } from '../core/errors';
import type { Logger } from '../core/logger';
import { Redactor } from '../core/redactor';
import { secretValuesOfEnvironment } from '../core/secret-names';
import { FAIL_LEVELS, type FailLevel } from '../core/types';
import { writeOutputFile } from '../io/output-files';
import { stripUnsafeCharacters } from '../report/escape';
import { createProgressReporter } from '../history/progress';
import { ruleMetas } from '../registry';
import { renderJson } from '../report/json';
import { renderSarif } from '../report/sarif';
import { renderText } from '../report/text';
import { runScan } from '../scan/run-scan';
import { TOOL_NAME, TOOL_VERSION } from '../version';

/** What the CLI touches of the process, injected so tests can run it in-process too. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether standard output is a terminal (colour). */
  isTTY: boolean;
  /** Whether standard error is a terminal (a redrawn progress bar instead of log lines). */
  stderrIsTTY?: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

export const EXIT_PASS = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

const HELP = `Usage: ${TOOL_NAME} scan [PATH] [options]

Checks a Django project for an insecure deployment configuration and committed secrets,
without running any of its code. PATH defaults to the current directory.

Output
  --format text|json|sarif   report format (default text)
  --output FILE              write the report to FILE instead of standard output
  --no-color                 plain text output (also when NO_COLOR is set or not a terminal)

Decision
  --fail-on LEVEL            critical|high|medium|low|info|never (default high, or the config's)
  --config FILE              configuration file (default PATH/.django-deploy-guard.yml)
  --baseline FILE            known findings that do not fail the run
  --update-baseline          write the current findings to the baseline file

Settings deploy check
  --settings-module MOD      production settings module (repeatable; default: discovered)
  --python-path DIR          module search root (repeatable; default PATH and PATH/src)
  --env KEY=VALUE            production environment variable (repeatable)
  --env-from-file FILE       production environment from a KEY=VALUE file (relative to PATH)
  --env-file FILE            the same, where Node lets it through (see the README)
  --django-version X.Y       Django version to assume (default: from requirements)

Git history
  --history off|full|range   scan history too (default off)
  --base REV --head REV      the range for --history range (head defaults to HEAD)
  --default-branch REF       for a new branch (base 0000…), the branch to take the merge base with
  --cache FILE               remember scanned blobs so the next full scan reads only new ones

  --help                     show this help
  --version                  show the version

Exit codes: 0 passed, 1 findings at or above --fail-on, 2 usage or configuration error.
`;

/**
 * Runs the CLI; returns the exit code. Never throws for user mistakes. Everything it prints or
 * writes goes through the run's redactor, and text from the scanned repository can never reach
 * the terminal as a control sequence.
 */
export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  const redactor = new Redactor();
  // The CLI's own environment may hold tokens (CI variables): a scan must never print them.
  for (const { value, pieces } of secretValuesOfEnvironment(rawIo.env))
    redactor.add(value, { pieces });
  const io: CliIo = {
    ...rawIo,
    stdout: (text) => rawIo.stdout(redactor.redact(text)),
    stderr: (text) => rawIo.stderr(terminalSafe(redactor.redact(text))),
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        'fail-on': { type: 'string' },
        config: { type: 'string' },
        'no-color': { type: 'boolean', default: false },
        baseline: { type: 'string' },
        'update-baseline': { type: 'boolean', default: false },
        'settings-module': { type: 'string', multiple: true },
        'python-path': { type: 'string', multiple: true },
        env: { type: 'string', multiple: true },
        'env-file': { type: 'string' },
        // Node (20 to 24 at least) takes `--env-file PATH` anywhere on its command line, also
        // after the script, and exits 9 when PATH is not found from the current directory.
        'env-from-file': { type: 'string' },
        'django-version': { type: 'string' },
        history: { type: 'string' },
        base: { type: 'string' },
        head: { type: 'string' },
        'default-branch': { type: 'string' },
        cache: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'V', default: false },
      },
    });
  } catch (error) {
    io.stderr(`${TOOL_NAME}: ${(error as Error).message}\nRun '${TOOL_NAME} --help' for usage.\n`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return EXIT_PASS;
  }
  if (values.version) {
    io.stdout(`${TOOL_VERSION}\n`);
    return EXIT_PASS;
  }
  const [command, path, ...extra] = positionals;
  if (command !== 'scan') {
    io.stderr(
      `${TOOL_NAME}: ${command ? `unknown command '${command}'` : 'missing command'}; expected 'scan'\nRun '${TOOL_NAME} --help' for usage.\n`,
    );
    return EXIT_USAGE;
  }
  if (extra.length > 0) {
    io.stderr(`${TOOL_NAME}: scan takes one PATH; got also ${extra.join(' ')}\n`);
    return EXIT_USAGE;
  }

  try {
    const format = values.format;
    if (format !== 'text' && format !== 'json' && format !== 'sarif') {
      throw new ConfigurationError(`--format must be text, json or sarif; got '${format}'`);
    }
    const failOn = values['fail-on'];
    if (failOn !== undefined && !(FAIL_LEVELS as readonly string[]).includes(failOn)) {
      throw new ConfigurationError(
        `--fail-on must be one of ${FAIL_LEVELS.join(', ')}; got '${failOn}'`,
      );
    }
    const history = values.history;
    if (history !== undefined && history !== 'off' && history !== 'full' && history !== 'range') {
      throw new ConfigurationError(`--history must be off, full or range; got '${history}'`);
    }
    if (values['django-version'] !== undefined && !/^\d+\.\d+$/.test(values['django-version'])) {
      throw new ConfigurationError(
        `--django-version must look like 5.2; got '${values['django-version']}'`,
      );
    }
    if (values['env-file'] !== undefined && values['env-from-file'] !== undefined) {
      throw new ConfigurationError('give --env-from-file or --env-file, not both');
    }
    const envFile = values['env-from-file'] ?? values['env-file'];
    const env = parseEnvFlags(values.env ?? []);
    const color =
      !values['no-color'] && io.isTTY && !io.env.NO_COLOR && values.output === undefined;
    const logger: Logger = {
      info: () => {},
      warning: (message) => io.stderr(`warning: ${message}\n`),
      debug: () => {},
    };
    const outcome = await runScan({
      root: path ?? io.cwd,
      logger,
      env,
      redactor,
      updateBaseline: values['update-baseline'],
      // A redrawn bar on a terminal, a line every few seconds otherwise (CI logs).
      progress: io.stderrIsTTY
        ? createProgressReporter('tty', io.stderr)
        : createProgressReporter('log', (line) => io.stderr(`${line}\n`)),
      ...(failOn !== undefined ? { failOn: failOn as FailLevel } : {}),
      ...(history !== undefined ? { history } : {}),
      ...(values.config !== undefined ? { configPath: values.config } : {}),
      ...(values.baseline !== undefined ? { baselinePath: values.baseline } : {}),
      ...(values['settings-module'] ? { settingsModules: values['settings-module'] } : {}),
      ...(values['python-path'] ? { pythonPaths: values['python-path'] } : {}),
      ...(envFile !== undefined ? { envFile } : {}),
      ...(values['django-version'] !== undefined
        ? { djangoVersion: values['django-version'] }
        : {}),
      ...(values.base !== undefined ? { base: values.base } : {}),
      ...(values.head !== undefined ? { head: values.head } : {}),
      ...(values['default-branch'] !== undefined
        ? { defaultBranch: values['default-branch'] }
        : {}),
      ...(values.cache !== undefined ? { cacheFile: values.cache } : {}),
    });
    const { result } = outcome;
    const report =
      format === 'json'
        ? renderJson(result)
        : format === 'sarif'
          ? renderSarif(result, ruleMetas())
          : renderText(result, { color });
    if (values.output !== undefined) {
      writeOutputFile(resolve(io.cwd, values.output), report, redactor);
      io.stderr(
        `${result.summary.failed ? 'FAILED' : 'passed'}: ${result.summary.reason}; report written to ${values.output}\n`,
      );
    } else {
      io.stdout(color ? report : terminalSafe(report));
    }
    if (outcome.baselineWritten) io.stderr(`baseline written to ${outcome.baselineWritten}\n`);
    return result.summary.failed ? EXIT_FAILED : EXIT_PASS;
  } catch (error) {
    if (error instanceof ConfigurationError) {
      io.stderr(`${TOOL_NAME}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    // A bug: say so plainly; the stack goes to stderr only with DEBUG set.
    io.stderr(
      `${TOOL_NAME}: internal error: ${(error as Error).message}\nPlease report it${io.env.DEBUG ? `\n${(error as Error).stack ?? ''}` : ' (set DEBUG=1 for details)'}.\n`,
    );
    return EXIT_USAGE;
  }
}

/** Line breaks and tabs stay; every other control character (ESC, BEL, bidi overrides) goes. */
function terminalSafe(text: string): string {
  return text
    .split('\r')
    .map((part) => stripUnsafeCharacters(part))
    .join('\r');
}

function parseEnvFlags(pairs: string[]): Record<string, string> {
  const { values, invalidLines } = parseEnvAssignments(pairs.join('\n'));
  const bad = invalidLines[0];
  if (bad !== undefined || pairs.some((p) => p.includes('\n'))) {
    throw new ConfigurationError(`--env expects KEY=VALUE; got '${pairs[(bad ?? 1) - 1] ?? ''}'`);
  }
  return values;
}
