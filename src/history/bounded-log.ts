import { GitCommandError, type GitClient, type LogSelection } from '../git/git-client';
import { createRawLogParser, RAW_LOG_FORMAT, type RawLogHandlers } from './raw-log';

/**
 * History listed at a cost bounded by what the repository holds, not by what its trees expand to.
 *
 * `git log --raw` lists a commit's changes path by path, so a small commit holding a tree that
 * lists its child ten times, eight levels deep (a "git bomb"), is 10^8 changed paths: git would
 * stream them for hours. Past MAX_PATHS_PER_COMMIT changes in one commit, git is stopped, the
 * commit is reported, and listing starts again without it (oldest first: without every commit
 * already listed, so nothing is listed twice). A git failure (a tree too deep for git's own
 * recursion) is retried one start revision at a time, so it costs only the history of the
 * revision it is on, and that revision is named.
 */

/** Changed paths one commit may list before its tree is treated as a git bomb. */
export const MAX_PATHS_PER_COMMIT = 1_000_000;
/** Entries of one tree (`ls-tree -r`) before it is treated as a git bomb. */
export const MAX_PATHS_PER_TREE = MAX_PATHS_PER_COMMIT;

/** A path segment git's own checks (`fsck`: hasDot, hasDotdot) reject. */
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;
const MAX_DOT_PATH_WARNINGS = 10;

/** What could not be listed, for the report: the scan is incomplete. */
export interface UnlistedHistory {
  kind: 'tree-bomb' | 'git-failed';
  /** The commit (tree bomb) or start revision (git failure). */
  object: string;
  /** The tree that expands, for a tree bomb. */
  tree?: string;
  detail: string;
}

export class TreeTooLargeError extends Error {
  constructor(readonly object: string) {
    super(`${object} expands to over ${MAX_PATHS_PER_TREE.toLocaleString('en')} paths`);
    this.name = 'TreeTooLargeError';
  }
}

/** Describes one unlisted part of history in a sentence (refs named by `refsOf`). */
export function describeUnlisted(item: UnlistedHistory, refs: readonly string[]): string {
  const on = refs.length > 0 ? ` (${refs.slice(0, 5).join(', ')})` : '';
  if (item.kind === 'tree-bomb')
    return `commit ${item.object}${on}: tree ${item.tree ?? '?'} expands to over ${MAX_PATHS_PER_COMMIT.toLocaleString('en')} paths: a git bomb; its files past that were not listed or scanned`;
  return `git failed on ${item.object}${on}, so the history only it reaches was not scanned: ${item.detail}`;
}

/**
 * `git log --raw` over `selection` into `handlers`, bounded as above. Returns what could not be
 * listed; throws only what is not a git failure or a bomb.
 */
export async function logChangesBounded(
  git: GitClient,
  selection: {
    include: readonly string[];
    exclude?: readonly string[];
    order: LogSelection['order'];
  },
  handlers: RawLogHandlers,
  /** Receives a sentence per path with a `.` or `..` entry (the first few): git refuses those. */
  warnings?: string[],
): Promise<UnlistedHistory[]> {
  const unlisted: UnlistedHistory[] = [];
  let dotPaths = 0;
  const listed: string[] = [];
  const bombs: string[] = [];
  const listFrom = async (include: readonly string[]): Promise<void> => {
    for (;;) {
      let current = '';
      let changes = 0;
      const parse = createRawLogParser({
        onCommit(sha, date) {
          current = sha;
          changes = 0;
          listed.push(sha);
          handlers.onCommit(sha, date);
        },
        onChange(change) {
          if (++changes > MAX_PATHS_PER_COMMIT) throw new TreeTooLargeError(current);
          if (warnings && DOT_SEGMENT.test(change.path) && dotPaths++ < MAX_DOT_PATH_WARNINGS)
            warnings.push(
              `commit ${current} has a tree entry named "." or ".." (${JSON.stringify(change.path)}): git refuses to check it out; it is reported inside the repository`,
            );
          handlers.onChange(change);
        },
      });
      // Oldest first, every ancestor of a listed commit was listed before it: excluding them all
      // leaves exactly what is still to come. Newest first, only the bombs (and their ancestry,
      // reported as not listed) can be left out.
      const exclude = [
        ...(selection.exclude ?? []),
        ...(selection.order === 'oldest-first' ? listed : bombs),
      ];
      try {
        await git.logRaw({ include, exclude, order: selection.order }, RAW_LOG_FORMAT, parse);
        return;
      } catch (error) {
        if (!(error instanceof TreeTooLargeError)) throw error;
        bombs.push(error.object);
        const tree = await git.resolveTree(error.object);
        unlisted.push({
          kind: 'tree-bomb',
          object: error.object,
          ...(tree !== undefined ? { tree } : {}),
          detail: error.message,
        });
      }
    }
  };
  try {
    await listFrom(selection.include);
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    if (selection.include.length === 1) {
      unlisted.push({
        kind: 'git-failed',
        object: selection.include[0] ?? '',
        detail: gitDetail(error),
      });
      return unlisted;
    }
    for (const revision of selection.include) {
      try {
        await listFrom([revision]);
      } catch (failure) {
        if (!(failure instanceof GitCommandError)) throw failure;
        unlisted.push({ kind: 'git-failed', object: revision, detail: gitDetail(failure) });
      }
    }
  }
  return unlisted;
}

function gitDetail(error: GitCommandError): string {
  const last = error.stderr.trim().split('\n').slice(-2).join(' / ');
  return `git exited with ${error.code}${last !== '' ? `: ${last}` : ''}`;
}

/**
 * `git ls-tree -r` of a tree-ish into `onEntry`, stopped past MAX_PATHS_PER_TREE entries.
 * Returns the bomb when it was stopped.
 */
export async function lsTreeBounded(
  git: GitClient,
  treeish: string,
  onEntry: (path: string, blob: string) => void,
): Promise<UnlistedHistory | undefined> {
  let entries = 0;
  try {
    await git.lsTree(treeish, (path, blob) => {
      if (++entries > MAX_PATHS_PER_TREE) throw new TreeTooLargeError(treeish);
      onEntry(path, blob);
    });
    return undefined;
  } catch (error) {
    if (error instanceof TreeTooLargeError) {
      const tree = await git.resolveTree(treeish);
      return {
        kind: 'tree-bomb',
        object: treeish,
        ...(tree !== undefined ? { tree } : {}),
        detail: error.message,
      };
    }
    if (error instanceof GitCommandError)
      return { kind: 'git-failed', object: treeish, detail: gitDetail(error) };
    throw error;
  }
}
