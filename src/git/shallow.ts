import { ConfigurationError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { GitClient } from './git-client';

/**
 * Makes `base..head` fully present in a shallow clone, fetching what is missing, or says why it
 * can't. A range is complete when no commit in it is a shallow boundary (a commit whose parents
 * were cut off): then every commit the range introduces, and its parents' trees, are local.
 */
export interface RangeAvailability {
  baseSha: string;
  /** What was fetched, for the report; undefined when nothing had to be. */
  deepened?: string;
}

/** `--deepen` steps tried before giving up on a partial fetch and unshallowing. */
const DEEPEN_STEPS = [50, 250, 1000];

export function shallowAdvice(what: string): string {
  return (
    `${what}. Check out the full history instead: in GitHub Actions set \`fetch-depth: 0\` on ` +
    'actions/checkout (or run `git fetch --unshallow`), so the scanned range is complete.'
  );
}

/** Last line of git's error, with any credentials in a URL blanked out. */
function lastLine(stderr: string): string {
  const line =
    stderr
      .split('\n')
      .filter((text) => text.trim() !== '')
      .slice(-1)[0] ?? 'failed';
  return line.replace(/\/\/[^/@\s]+@/g, '//***@');
}

async function isRangeComplete(git: GitClient, base: string, head: string): Promise<boolean> {
  const shallow = await git.shallowCommits();
  if (shallow.size === 0) return true;
  try {
    const commits = await git.listCommits([head], [base]);
    return !commits.some((commit) => shallow.has(commit));
  } catch {
    return false;
  }
}

async function firstRemote(git: GitClient): Promise<string | undefined> {
  const remotes = await git.remotes();
  return remotes.includes('origin') ? 'origin' : remotes[0];
}

export async function ensureRangeAvailable(
  git: GitClient,
  options: {
    base: string;
    head: string;
    shallow: boolean;
    allowFetch: boolean;
    logger: Logger;
  },
): Promise<RangeAvailability> {
  const { base, head, logger } = options;
  let baseSha = await git.resolveCommit(base);
  if (!options.shallow) {
    let deepened: string | undefined;
    if (!baseSha && options.allowFetch && /^[0-9a-f]{40,64}$/.test(base)) {
      // A complete clone can still lack a base sha (a force-pushed "before", a fork's base):
      // ask the remote for it once.
      const remote = await firstRemote(git);
      if (remote && (await git.fetch(remote, [], [base])).ok) {
        baseSha = await git.resolveCommit(base);
        if (baseSha) {
          deepened = `fetched base ${base.slice(0, 12)} from ${remote}`;
          logger.info(`history: ${deepened}`);
        }
      }
    }
    if (!baseSha)
      throw new ConfigurationError(
        `base ${base} is not a commit in this repository: pass an existing commit or ref as the range base (fetch it first if it lives on a remote).`,
      );
    return deepened ? { baseSha, deepened } : { baseSha };
  }
  if (baseSha && (await isRangeComplete(git, baseSha, head))) return { baseSha };

  const range = `${base.slice(0, 12)}..${head.slice(0, 12)}`;
  if (!options.allowFetch)
    throw new ConfigurationError(
      shallowAdvice(
        `this is a shallow clone and ${range} is not fully present (fetching is disabled)`,
      ),
    );
  const remote = await firstRemote(git);
  if (!remote)
    throw new ConfigurationError(
      shallowAdvice(`this is a shallow clone without a remote to fetch ${range} from`),
    );

  const steps: string[] = [];
  const failures: string[] = [];
  const attempt = async (args: string[], label: string) => {
    const result = await git.fetch(remote, args);
    if (result.ok) steps.push(label);
    else failures.push(`${label}: ${lastLine(result.stderr)}`);
    return result.ok;
  };

  if (!baseSha && /^[0-9a-f]{40,64}$/.test(base)) {
    // The base commit itself; GitHub serves any reachable commit by id.
    const result = await git.fetch(remote, ['--depth=1'], [base]);
    if (result.ok) steps.push(`fetched base ${base.slice(0, 12)}`);
    else failures.push(`fetch base: ${lastLine(result.stderr)}`);
    baseSha = await git.resolveCommit(base);
  }
  let complete = baseSha !== undefined && (await isRangeComplete(git, baseSha, head));
  for (const depth of DEEPEN_STEPS) {
    if (complete || !(await attempt([`--deepen=${depth}`], `deepened by ${depth}`))) break;
    baseSha ??= await git.resolveCommit(base);
    complete = baseSha !== undefined && (await isRangeComplete(git, baseSha, head));
  }
  if (!complete && failures.length === 0) {
    await attempt(['--unshallow'], 'unshallowed');
    baseSha ??= await git.resolveCommit(base);
    complete = baseSha !== undefined && (await isRangeComplete(git, baseSha, head));
  }
  if (!complete || !baseSha) {
    const why = failures.length > 0 ? ` (${failures.join('; ')})` : '';
    throw new ConfigurationError(
      shallowAdvice(
        `this is a shallow clone and ${range} could not be fetched from ${remote}${why}`,
      ),
    );
  }
  const deepened = `${steps.join(', ')} from ${remote}`;
  logger.info(`history: the clone was shallow; ${deepened} to cover ${range}`);
  return { baseSha, deepened };
}
