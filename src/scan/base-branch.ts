import { relative, resolve, sep } from 'node:path';
import {
  CONFIG_FILE_NAME,
  EMPTY_CONFIG,
  PYPROJECT_FILE_NAME,
  type GuardConfig,
} from '../config/config';
import { loadConfig } from '../config/load-config';
import { ConfigurationError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { GitClient } from '../git/git-client';
import { ensureRangeAvailable } from '../git/shallow';
import type { ConfinedReader, ReadResult } from '../io/confined-reader';
import { parseConfigText } from '../guard/changes';
import {
  readNamedFile,
  repositoryTop,
  resolveFrom,
  type BaseBranch,
  type NamedFile,
  type ScanContext,
} from './scan-context';

/**
 * The base branch of a pull request, whose rules decide the run: its configuration, baseline,
 * allowlist, inline ignores and env file are read from the base commit through the git client
 * (`git cat-file blob BASE:path`), never from the pull request's checkout.
 */
export type { BaseBranch } from './scan-context';

const ZERO = /^0+$/;

/**
 * The base branch of the run, when its rules decide: `base` given and not the all-zero id of a
 * new branch. A base that is not in the clone is fetched as the history range would fetch it; one
 * that still cannot be read is a configuration error (never the pull request's rules instead).
 */
export async function openBaseBranch(options: {
  git: GitClient;
  root: string;
  prefix: string;
  base: string | undefined;
  head: string | undefined;
  logger: Logger;
}): Promise<BaseBranch | undefined> {
  const { git, base, prefix } = options;
  if (base === undefined || base === '' || ZERO.test(base)) return undefined;
  let commit = await git.resolveCommit(base);
  let deepened: string | undefined;
  if (!commit) {
    const available = await ensureRangeAvailable(git, {
      base,
      head: options.head ?? 'HEAD',
      shallow: await git.isShallow(),
      allowFetch: true,
      logger: options.logger,
    }).catch(() => undefined);
    commit = available?.baseSha;
    deepened = available?.deepened;
  }
  if (!commit)
    throw new ConfigurationError(
      `base ${base} is not a commit in this repository; a pull request's verdict is decided by the base branch's configuration, so it must be readable (fetch it, or use fetch-depth: 0)`,
    );
  const top = repositoryTop({ root: options.root, prefix });
  const found = commit;
  return {
    commit: found,
    ...(deepened ? { deepened } : {}),
    top,
    prefix,
    readFile: (path) => git.readFileAt(found, `${prefix}${path}`),
  };
}

/**
 * A path named by the workflow, as a path below the scanned root when it lies inside the
 * repository's work tree (then the pull request's checkout holds it), else undefined.
 */
export function insideWorkTree(base: BaseBranch, root: string, path: string): string | undefined {
  const absolute = resolveFrom(root, path);
  const fromTop = relative(base.top, absolute);
  if (fromTop === '' || fromTop.startsWith('..') || resolve(base.top, fromTop) !== absolute)
    return undefined;
  const fromRoot = relative(root, absolute).split(sep).join('/');
  return fromRoot.startsWith('..') ? undefined : fromRoot;
}

/**
 * The base commit's configuration: a config file the workflow names outside the checkout is the
 * workflow's (trusted); one inside it, `.django-deploy-guard.yml` or `pyproject.toml`'s table are
 * read from the base commit with the same rules as `loadConfig`.
 */
export async function loadBaseConfig(
  base: BaseBranch,
  root: string,
  configPath: string | undefined,
  workflowReader: ConfinedReader,
): Promise<GuardConfig> {
  if (configPath !== undefined) {
    const inside = insideWorkTree(base, root, configPath);
    if (inside === undefined)
      return loadConfig(workflowReader, configPath, (path) => resolveFrom(root, path));
    const text = await base.readFile(inside);
    if (text === undefined)
      throw new ConfigurationError(`config file not found on the base branch: ${configPath}`);
    return parseConfigText(text, inside);
  }
  const texts = new Map<string, string>();
  for (const name of [CONFIG_FILE_NAME, PYPROJECT_FILE_NAME]) {
    const text = await base.readFile(name);
    if (text !== undefined) texts.set(name, text);
  }
  const fromBase = {
    readText: (path: string): ReadResult => {
      const content = texts.get(path);
      return content === undefined
        ? { kind: 'missing' }
        : { kind: 'text', content, truncated: false };
    },
  };
  if (texts.size === 0) return EMPTY_CONFIG;
  return loadConfig(fromBase, undefined, (path) => path);
}

/**
 * A file the rules name (baseline, env file): with a base branch, a file inside the work tree is
 * read from the base commit; otherwise as `readNamedFile` reads it.
 */
export async function readRuleFile(
  context: Pick<ScanContext, 'base' | 'root' | 'reader'>,
  file: NamedFile,
): Promise<string | undefined> {
  if (context.base) {
    const inside =
      file.from === 'repository'
        ? file.path
        : insideWorkTree(context.base, context.root, file.path);
    if (inside !== undefined) return context.base.readFile(inside);
  }
  return readNamedFile(file, context.root, context.reader);
}
