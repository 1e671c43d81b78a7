import { GitCommandError, type GitClient, type LogSelection } from '../git/git-client';
import { createRawLogParser, RAW_LOG_FORMAT, type RawLogHandlers } from './raw-log';
import { TreeExpansion, type Oversized, type TreeLoader } from './tree-expansion';

/**
 * History listed at a cost bounded by what the repository holds, not by what its trees expand to.
 *
 * `git log --raw` lists a commit's changes path by path, but builds the whole list before it
 * prints the first: a small commit holding a tree that lists its child ten times, eight levels
 * deep (a "git bomb"), is 10^9 changed paths, and git would work on it for hours with its memory
 * growing. So while git works on one commit for more than WATCH_SILENCE_MS without a word, the
 * commits it may be on are checked by `TreeExpansion`, which counts their changes from distinct
 * trees (ten reads for that bomb). A commit past MAX_PATHS_PER_COMMIT changes is reported, git is
 * stopped, and listing starts again with the oversized subtrees left out by pathspec, in every
 * commit (oldest first: without every commit already listed, so nothing is listed twice). A
 * commit that streams past the limit (many distinct files) is caught by counting its lines.
 * The checks run only when git is silent, and decide by exact counts: timing changes when a bomb
 * is found, never whether it is.
 *
 * A git failure (a tree too deep for git's own recursion) is retried one start revision at a
 * time, so it costs only the history of the revision it is on, and that revision is named.
 */

/** Changed paths one commit may list before its tree is treated as a git bomb. */
export const MAX_PATHS_PER_COMMIT = 1_000_000;
/** Entries of one tree (`ls-tree -r`) before it is treated as a git bomb. */
export const MAX_PATHS_PER_TREE = MAX_PATHS_PER_COMMIT;
/** Quiet time of `git log` after which the commits it may be working on are counted. */
/**
 * git's memory grows for as long as it works on a bomb: after 2.5 s the scan's peak (git's
 * included) was 540–600 MB on a fast 2-core machine, over the 500 MB the hostile suite allows.
 */
const WATCH_SILENCE_MS = 1000;
const WATCH_INTERVAL_MS = 250;
/** Commits counted per quiet spell (git flushes each commit: it is on the first of them). */
const SUSPECTS_PER_CHECK = 4;
/** A tree object bigger than this is read in part (its count is then a lower bound). */
const MAX_TREE_BYTES = 64 * 1024 * 1024;

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
  /** Paths left out of every commit's changes for it (none: the commit was left out). */
  paths?: string[];
  /** The commit holding the tree, when it is the parent of `object` (which removes it). */
  holder?: string;
  /** Listed up to the limit and no further (`ls-tree -r`), rather than left out. */
  partial?: boolean;
  detail: string;
}

export class TreeTooLargeError extends Error {
  constructor(
    readonly object: string,
    /** What to leave out, when the commit was already counted. */
    readonly found?: Oversized & { holder?: string },
  ) {
    super(`${object} expands to over ${MAX_PATHS_PER_TREE.toLocaleString('en')} paths`);
    this.name = 'TreeTooLargeError';
  }
}

/** Describes one unlisted part of history in a sentence (refs named by `refsOf`). */
export function describeUnlisted(item: UnlistedHistory, refs: readonly string[]): string {
  const on = refs.length > 0 ? ` (${refs.slice(0, 5).join(', ')})` : '';
  if (item.kind === 'tree-bomb') {
    const where =
      item.paths && item.paths.length > 0
        ? ` at ${item.paths
            .slice(0, 3)
            .map((path) => JSON.stringify(path))
            .join(', ')}${item.paths.length > 3 ? ` and ${item.paths.length - 3} more` : ''}`
        : '';
    const commit =
      item.holder !== undefined
        ? `commit ${item.holder}, which commit ${item.object}${on} removes`
        : `commit ${item.object}${on}`;
    const left = item.partial
      ? 'its files past that were not listed'
      : item.paths && item.paths.length > 0
        ? 'those paths were left out of the history scan (every commit)'
        : 'the commit was left out of the history scan';
    return `${commit}: tree ${item.tree ?? '?'}${where} expands to over ${MAX_PATHS_PER_COMMIT.toLocaleString('en')} paths: a git bomb; ${left}`;
  }
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
  /** Commits left out whole: a bomb at the top of its tree (no path to leave out). */
  const bombs: string[] = [];
  const excludePaths: string[] = [];
  const counter = bombCounter(git);
  /** The distinct files of a left-out subtree, scanned once each as changes of the commit that holds it. */
  const bombFiles = new Map<string, { date: string; files: { blob: string; path: string }[] }>();
  const listBombFiles = (commit: string) => {
    const held = bombFiles.get(commit);
    if (!held) return;
    bombFiles.delete(commit);
    for (const file of held.files)
      handlers.onChange({ path: file.path, blob: file.blob, parentBlobs: [] });
  };
  const listFrom = async (include: readonly string[]): Promise<void> => {
    for (;;) {
      let current = '';
      let changes = 0;
      let heard = Date.now();
      const parse = createRawLogParser({
        onCommit(sha, date) {
          current = sha;
          changes = 0;
          listed.push(sha);
          handlers.onCommit(sha, date);
          listBombFiles(sha);
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
      // leaves exactly what is still to come. Newest first, only the bombs left out whole (and
      // their ancestry, reported as not listed) can be left out.
      const attempt: LogSelection = {
        include,
        exclude: [
          ...(selection.exclude ?? []),
          ...(selection.order === 'oldest-first' ? listed : []),
          ...bombs,
        ],
        order: selection.order,
        ...(excludePaths.length > 0 ? { excludePaths: [...excludePaths] } : {}),
      };
      const abort = new AbortController();
      const watch = watchForBombs({
        git,
        attempt,
        counter,
        lastListed: () => current,
        quietFor: () => Date.now() - heard,
        leftOut: excludePaths,
        onBomb: (commit, found) => abort.abort(new TreeTooLargeError(commit, found)),
      });
      try {
        await git.logRaw(
          attempt,
          RAW_LOG_FORMAT,
          (token) => {
            heard = Date.now();
            parse(token);
          },
          abort.signal,
        );
        return;
      } catch (error) {
        if (!(error instanceof TreeTooLargeError)) throw error;
        const found = error.found ?? (await counter.check(error.object, excludePaths));
        const tree = found?.tree ?? (await git.resolveTree(error.object));
        const paths = found?.paths.filter((path) => path !== '') ?? [];
        if (paths.length === 0 || bombs.includes(error.object)) bombs.push(error.object);
        else {
          excludePaths.push(...paths);
          const holder = found?.holder ?? error.object;
          bombFiles.set(holder, await counter.filesOf(holder, paths));
        }
        unlisted.push({
          kind: 'tree-bomb',
          object: error.object,
          ...(tree !== undefined ? { tree } : {}),
          ...(paths.length > 0 ? { paths } : {}),
          ...(found?.holder !== undefined ? { holder: found.holder } : {}),
          detail: error.message,
        });
      } finally {
        watch.stop();
      }
    }
  };
  try {
    await listFrom(selection.include);
    // A commit holding a bomb that was not listed again (already listed when it was found).
    for (const [commit, held] of bombFiles) {
      handlers.onCommit(commit, held.date);
      listBombFiles(commit);
    }
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
  } finally {
    await counter.close();
  }
  return unlisted;
}

type Found = Oversized & { holder?: string };

/**
 * Counts a commit's changes against each parent from distinct trees (`TreeExpansion`): what to
 * leave out when they pass the limit, not counting paths already left out.
 */
function bombCounter(git: GitClient) {
  const { load, close } = openTreeLoader(git);
  let expansion: TreeExpansion | undefined;
  const commitOf = async (id: string) => {
    const raw = (await load([id])).get(id);
    if (!raw) return undefined;
    const header = raw.toString('utf8', 0, Math.max(0, raw.indexOf('\n\n')));
    const field = (name: string) =>
      header
        .split('\n')
        .filter((line) => line.startsWith(`${name} `))
        .map((line) => line.slice(name.length + 1));
    return {
      tree: field('tree')[0],
      parents: field('parent'),
      date: authorDate(field('author')[0]),
    };
  };
  return {
    async check(commit: string, leftOut: readonly string[]): Promise<Found | undefined> {
      const own = await commitOf(commit);
      if (own?.tree === undefined) return undefined;
      expansion ??= new TreeExpansion(load, MAX_PATHS_PER_COMMIT, commit.length / 2);
      try {
        for (const parent of own.parents.length > 0 ? own.parents : [undefined]) {
          const parentTree = parent === undefined ? undefined : (await commitOf(parent))?.tree;
          const found = await expansion.oversized(own.tree, parentTree, leftOut);
          if (found) return { ...found, ...(found.inParent && parent ? { holder: parent } : {}) };
        }
        return undefined;
      } finally {
        expansion.forgetTrees();
      }
    },
    /** The distinct files at `paths` in a commit's tree, and its author date. */
    async filesOf(commit: string, paths: readonly string[]) {
      const own = await commitOf(commit);
      if (own?.tree === undefined || !expansion) return { date: own?.date ?? '', files: [] };
      try {
        return {
          date: own.date,
          files: await expansion.filesAt(own.tree, paths, MAX_PATHS_PER_COMMIT),
        };
      } finally {
        expansion.forgetTrees();
      }
    },
    close,
  };
}

/** Trees and commits by id through one `cat-file --batch`, started on first use. */
function openTreeLoader(git: GitClient): { load: TreeLoader; close: () => Promise<void> } {
  let reader: ReturnType<GitClient['openTreeReader']> | undefined;
  return {
    async load(ids) {
      reader ??= git.openTreeReader(MAX_TREE_BYTES);
      const objects = new Map<string, Buffer>();
      await reader.read(ids, (object) => {
        if (object.content) objects.set(object.id, Buffer.from(object.content));
      });
      return objects;
    },
    async close() {
      await reader?.close();
    },
  };
}

/**
 * Where each of `wanted` sits in a commit's tree (at most `maxPaths` paths per blob): `ls-tree -r`
 * while it lists no more than MAX_PATHS_PER_TREE entries, else a walk over distinct trees.
 */
export async function locateInTree(
  git: GitClient,
  commit: string,
  wanted: ReadonlySet<string>,
  maxPaths: number,
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const bomb = await lsTreeBounded(git, commit, (path, blob) => {
    if (!wanted.has(blob)) return;
    const paths = found.get(blob);
    if (!paths) found.set(blob, [path]);
    else if (paths.length < maxPaths) paths.push(path);
  });
  if (!bomb) return found;
  const tree = bomb.tree ?? (await git.resolveTree(commit));
  if (tree === undefined) return found;
  const { load, close } = openTreeLoader(git);
  try {
    return await new TreeExpansion(load, MAX_PATHS_PER_TREE, commit.length / 2).locate(
      tree,
      wanted,
      maxPaths,
    );
  } finally {
    await close();
  }
}

/** `git log`'s `%aI` from a commit's `author` line (`Name <email> 1700000000 +0100`). */
function authorDate(author: string | undefined): string {
  const match = / (\d+) ([+-])(\d\d)(\d\d)$/.exec(author ?? '');
  if (!match) return '';
  const [, seconds, sign, hours, minutes] = match;
  const offset = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
  const local = new Date((Number(seconds) + offset * 60) * 1000).toISOString().slice(0, 19);
  return `${local}${sign}${hours}:${minutes}`;
}

/**
 * While `git log` is quiet, counts the commits it may be on (those after the last one listed, in
 * its order) and stops it at the first past the limit. Errors while counting are ignored: git
 * goes on, and a commit that streams past the limit is still caught by its line count.
 */
function watchForBombs(options: {
  git: GitClient;
  attempt: LogSelection;
  counter: ReturnType<typeof bombCounter>;
  lastListed: () => string;
  quietFor: () => number;
  leftOut: readonly string[];
  onBomb: (commit: string, found: Found) => void;
}): { stop(): void } {
  let stopped = false;
  let busy = false;
  let order: Promise<{ commits: string[]; at: Map<string, number> }> | undefined;
  let checkedUpTo = -1;
  const tick = async () => {
    if (stopped || busy || options.quietFor() < WATCH_SILENCE_MS) return;
    busy = true;
    try {
      order ??= options.git.logOrder(options.attempt).then((commits) => ({
        commits,
        at: new Map(commits.map((commit, index) => [commit, index])),
      }));
      const { commits, at } = await order;
      const last = options.lastListed();
      const from = Math.max(checkedUpTo, last === '' ? -1 : (at.get(last) ?? -1)) + 1;
      for (let index = from; index < from + SUSPECTS_PER_CHECK && index < commits.length; index++) {
        if (stopped) return;
        checkedUpTo = index;
        const commit = commits[index] as string;
        const found = await options.counter.check(commit, options.leftOut);
        if (found && !stopped) {
          stopped = true;
          options.onBomb(commit, found);
          return;
        }
      }
    } catch {
      // Counting is a second opinion: git's own listing goes on.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), WATCH_INTERVAL_MS);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
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
        partial: true,
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
