import { resolve } from 'node:path';
import { ConfigurationError } from '../core/errors';
import { todayFrom } from '../dependencies/rule';
import type { Logger } from '../core/logger';
import { Redactor } from '../core/redactor';
import { secretValuesOfEnvironment } from '../core/secret-names';
import { writeOutputFile } from '../io/output-files';
import { stripUnsafeCharacters } from '../report/escape';
import { createProgressReporter } from '../history/progress';
import { ruleMetas } from '../registry';
import { renderJson } from '../report/json';
import { renderSarif } from '../report/sarif';
import { renderText } from '../report/text';
import { runScan } from '../scan/run-scan';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import { runFixCommand } from './fix-command';
import { parseCommandLine, renderHelp } from './flags';

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
    parsed = parseCommandLine(argv);
  } catch (error) {
    io.stderr(`${TOOL_NAME}: ${(error as Error).message}\nRun '${TOOL_NAME} --help' for usage.\n`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(renderHelp());
    return EXIT_PASS;
  }
  if (values.version) {
    io.stdout(`${TOOL_VERSION}\n`);
    return EXIT_PASS;
  }
  const [command, ...operands] = positionals;
  if (command !== 'scan' && command !== 'fix') {
    io.stderr(
      `${TOOL_NAME}: ${command ? `unknown command '${command}'` : 'missing command'}; expected 'scan' or 'fix'\nRun '${TOOL_NAME} --help' for usage.\n`,
    );
    return EXIT_USAGE;
  }
  if (command === 'scan' && (values.write || values.rule !== undefined)) {
    io.stderr(`${TOOL_NAME}: --write and --rule belong to 'fix'\n`);
    return EXIT_USAGE;
  }
  if (command === 'fix' && operands.length > 1) {
    io.stderr(`${TOOL_NAME}: fix takes one PATH; got also ${operands.slice(1).join(' ')}\n`);
    return EXIT_USAGE;
  }
  // `scan --staged FILE...`: pre-commit passes the staged files' names; the scan is of the
  // repository at the current directory. Otherwise one PATH.
  if (!values.staged && operands.length > 1) {
    io.stderr(`${TOOL_NAME}: scan takes one PATH; got also ${operands.slice(1).join(' ')}\n`);
    return EXIT_USAGE;
  }

  try {
    const format = values.format ?? 'text';
    const color = !values.noColor && io.isTTY && !io.env.NO_COLOR && values.output === undefined;
    const logger: Logger = {
      info: () => {},
      warning: (message) => io.stderr(`warning: ${message}\n`),
      debug: () => {},
    };
    if (command === 'fix') {
      await runFixCommand(operands[0] ?? io.cwd, values, io, logger, redactor);
      return EXIT_PASS;
    }
    const outcome = await runScan({
      root: values.staged ? io.cwd : (operands[0] ?? io.cwd),
      given: values,
      // With --base the base's rules decide, as on a pull request.
      verdictFromBase: values.base !== undefined,
      ...(values.staged && operands.length > 0 ? { stagedPaths: operands } : {}),
      logger,
      redactor,
      today: todayFrom(io.env, new Date()),
      // A redrawn bar on a terminal, a line every few seconds otherwise (CI logs).
      progress: io.stderrIsTTY
        ? createProgressReporter('tty', io.stderr)
        : createProgressReporter('log', (line) => io.stderr(`${line}\n`)),
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
        `${result.summary.failed ? 'FAILED' : result.summary.undecided > 0 ? `passed — ${result.summary.undecided} settings check(s) could not be decided` : 'passed'}: ${result.summary.reason}; report written to ${values.output}\n`,
      );
    } else {
      io.stdout(color ? report : terminalSafe(report));
    }
    if (outcome.baselineWritten) io.stderr(`baseline written to ${outcome.baselineWritten}\n`);
    if (result.incomplete !== undefined) {
      // Fail closed: what was not scanned may hold anything (the README's Security model).
      for (const part of result.incomplete)
        io.stderr(`${TOOL_NAME}: not scanned: ${terminalSafe(part)}\n`);
      return EXIT_USAGE;
    }
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
