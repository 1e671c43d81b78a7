import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { openBatchReader, type BlobReader } from './batch-reader';
import { createGitProcess } from './process';
import { fetchRefusingKeys } from './safe-options';

export type { BlobContent, BlobReader } from './batch-reader';
export { GitCommandError } from './process';

/**
 * The one module that says what to ask git. Created once per run (`createGitClient`) and passed
 * in; callers use its named operations, never a raw command line. actions/checkout's
 * git-command-manager.ts is the model: short operations over one private way of running git
 * (process.ts, which spawns, collects, streams and builds the environment).
 *
 * Every command runs hardened (safe-options.ts, docs/git-hardening.md): the scanned repository's
 * configuration can't run a program, no user or system configuration is read, replace refs and
 * grafts can't hide history, and a partial clone never fetches on its own. Revisions from outside
 * are passed after `--end-of-options` or through stdin, so a ref or path from a pull request
 * can't inject anything.
 */

/** A ref with the object it names and, for an annotated tag, what the tag points at. */
export interface RefEntry {
  /** Full name, e.g. `refs/tags/v1`. */
  name: string;
  /** git's unambiguous short name, e.g. `v1`, `origin/main`. */
  short: string;
  object: string;
  type: 'commit' | 'tag' | 'tree' | 'blob';
  /** For a tag object: the object it points at, peeled through nested tags. */
  peeled?: { object: string; type: 'commit' | 'tree' | 'blob' };
  /** Tagger date of an annotated tag (ISO 8601), else ''. */
  date: string;
}

/** Which commits `logRaw` lists. */
export interface LogSelection {
  /** Every ref except refs/stash (branches, tags, remotes, notes, a detached HEAD). */
  allRefs?: boolean;
  /** Commits to start from (full ids), and commits whose ancestry is left out. */
  include?: readonly string[];
  exclude?: readonly string[];
  /** `oldest-first`: topological order, parents before children. `newest-first`: git's default. */
  order: 'oldest-first' | 'newest-first';
  /**
   * Paths (from the repository's top) whose changes are left out of every commit: the subtrees
   * of a git bomb. Every commit is still listed (no history simplification).
   */
  excludePaths?: readonly string[];
}

export interface GitClient {
  readonly repoDir: string;
  isRepository(): Promise<boolean>;
  isShallow(): Promise<boolean>;
  /** Commits listed in `.git/shallow`: their parents were cut off by a shallow clone. */
  shallowCommits(): Promise<Set<string>>;
  /** A partial clone (`--filter`) may lack objects; they are reported missing, never fetched. */
  isPartialClone(): Promise<boolean>;
  /** Whether `.git/info/grafts` exists (it is ignored: GIT_GRAFT_FILE points at an empty file). */
  hasGraftFile(): Promise<boolean>;
  /** Full id of `rev` peeled to a commit, or undefined when it doesn't name one. */
  resolveCommit(rev: string): Promise<string | undefined>;
  /** The tree a commit (or tree-ish) points at, or undefined. */
  resolveTree(rev: string): Promise<string | undefined>;
  mergeBase(a: string, b: string): Promise<string | undefined>;
  /** Every ref except refs/stash, with object types (a ref may name a blob or a tree). */
  listRefs(): Promise<RefEntry[]>;
  /** Of `commits`, those no current ref (except refs/stash) reaches. */
  commitsNotReachable(commits: readonly string[]): Promise<string[]>;
  /** Commits reachable from `include` and not from `exclude`, newest first (at most `limit`). */
  listCommits(
    include: readonly string[],
    exclude?: readonly string[],
    limit?: number,
  ): Promise<string[]>;
  /** Every commit reachable from every ref but refs/stash, with its parents. */
  forEachCommitWithParents(onCommit: (commit: string, parents: string[]) => void): Promise<void>;
  /**
   * `git log --raw -c --root --no-renames --no-abbrev -z` with `format` over `selection`,
   * streamed NUL-separated token by token (see history/raw-log.ts for the grammar).
   */
  logRaw(
    selection: LogSelection,
    format: string,
    onToken: (token: Buffer) => void,
    signal?: AbortSignal,
  ): Promise<void>;
  /** The commits `logRaw(selection)` lists, in its order (`rev-list` with the same walk). */
  logOrder(selection: LogSelection): Promise<string[]>;
  /** `(path, blob)` of every regular file (not symlinks or submodules) of a tree-ish. */
  lsTree(treeish: string, onEntry: (path: string, blob: string) => void): Promise<void>;
  /**
   * Files of the work tree below `repoDir`, relative to it: tracked plus untracked ones that are
   * not ignored. Undefined outside a git work tree.
   */
  listWorkTreeFiles(): Promise<string[] | undefined>;
  /**
   * The index's regular files (modes 100644/100755, stage 0) below `repoDir`, relative to it, with
   * their staged blobs. `changedOnly`: only those the index adds or changes against HEAD (every
   * staged file before the first commit), as `git commit` would record them; deletions left out.
   */
  listIndex(changedOnly: boolean): Promise<{ path: string; blob: string }[]>;
  /** Where `repoDir` sits in its work tree, as git's prefix (`backend/`); '' at the top or outside. */
  repositoryPrefix(): Promise<string>;
  /**
   * The lines `to` adds or changes against `from` (1-based, in `to`'s version), by path from the
   * repository's top: `git diff --unified=0 from to`. Paths git has to quote are left out.
   */
  addedLines(from: string, to: string): Promise<Map<string, Set<number>>>;
  /** Paths (from the repository's top) whose work-tree content differs from `rev`'s. */
  pathsChangedSince(rev: string): Promise<Set<string>>;
  /** Opens a long-lived `git cat-file --batch`; content beyond `maxBytes` is discarded unread. */
  openBlobReader(maxBytes: number): BlobReader;
  /** `openBlobReader` that keeps the raw content of trees and commits too (blobs are skipped). */
  openTreeReader(maxBytes: number): BlobReader;
  /**
   * `git show COMMIT:PATH` for one file (a full commit id, a path from the repository's top), as
   * text; undefined when the commit has no such file. The base branch's rules are read this way.
   */
  readFileAt(commit: string, path: string): Promise<string | undefined>;
  remotes(): Promise<string[]>;
  /**
   * `git fetch --no-tags --quiet <args> <remote> [<refspecs>]` with the remote's upload-pack and
   * submodules pinned; refused (`ok: false`) when the configuration redirects the connection.
   */
  fetch(
    remote: string,
    options: readonly string[],
    refspecs?: readonly string[],
  ): Promise<{ ok: boolean; stderr: string }>;
}

const SHA = /^[0-9a-f]{40,64}$/;

export function createGitClient(
  repoDir: string,
  baseEnv: NodeJS.ProcessEnv = process.env,
): GitClient {
  const { run, stream, streamBytes, start, repositoryConfig } = createGitProcess(repoDir, baseEnv);

  /** One `rev-parse` for the questions every scan asks first; undefined outside a repository. */
  let infoPromise: Promise<{ shallow: boolean; commonDir: string } | undefined> | undefined;
  const repositoryInfo = () =>
    (infoPromise ??= run(['rev-parse', '--is-shallow-repository', '--git-common-dir'], {
      allowFailure: true,
    }).then(
      (result) => {
        const [shallow = '', commonDir = ''] = result.stdout.split('\n');
        if (result.code !== 0 || commonDir === '') return undefined;
        return {
          shallow: shallow === 'true',
          commonDir: isAbsolute(commonDir) ? commonDir : join(repoDir, commonDir),
        };
      },
      () => undefined,
    ));

  const gitPath = async (name: string): Promise<string> => {
    const path = (await run(['rev-parse', '--git-path', name])).stdout.trim();
    return isAbsolute(path) ? path : join(repoDir, path);
  };

  let partialClone: Promise<boolean> | undefined;
  const isPartialClone = () =>
    (partialClone ??= repositoryConfig().then((config) =>
      config.keys.some((key) => {
        const lower = key.toLowerCase();
        const values = config.values.get(key) ?? [];
        if (lower === 'extensions.partialclone') return values.some((value) => value !== '');
        return (
          /^remote\..+\.promisor$/.test(lower) && values.some((v) => v.toLowerCase() === 'true')
        );
      }),
    ));

  /**
   * Blobs present in a partial clone's object store, listed without fetching anything (git
   * before 2.45 has no switch to stop `cat-file --batch` from fetching a missing object, and
   * dies when the promisor is unreachable).
   */
  let presentBlobs: Promise<Set<string>> | undefined;
  const listPresentBlobs = () =>
    (presentBlobs ??= (async () => {
      const present = new Set<string>();
      await stream(
        [
          'cat-file',
          '--batch-all-objects',
          '--unordered',
          '--batch-check=%(objecttype) %(objectname)',
        ],
        '\n',
        (line) => {
          if (line.startsWith('blob ')) present.add(line.slice(5));
        },
      );
      return present;
    })());

  const client: GitClient = {
    repoDir,
    async isRepository() {
      return (await repositoryInfo()) !== undefined;
    },
    async isShallow() {
      return (await repositoryInfo())?.shallow ?? false;
    },
    async shallowCommits() {
      const shallow = new Set<string>();
      try {
        const text = readFileSync(await gitPath('shallow'), 'utf8');
        for (const line of text.split('\n')) if (SHA.test(line.trim())) shallow.add(line.trim());
      } catch {
        // No shallow file: the repository is complete.
      }
      return shallow;
    },
    isPartialClone,
    async hasGraftFile() {
      // Not `--git-path info/grafts`: that answers GIT_GRAFT_FILE, which we point elsewhere.
      const info = await repositoryInfo();
      return info !== undefined && existsSync(join(info.commonDir, 'info', 'grafts'));
    },
    async resolveCommit(rev) {
      // `--end-of-options` keeps a ref named like an option from being read as one.
      const result = await run(
        ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`],
        { allowFailure: true },
      );
      const sha = result.stdout.trim();
      return result.code === 0 && SHA.test(sha) ? sha : undefined;
    },
    async resolveTree(rev) {
      const result = await run(
        ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{tree}`],
        { allowFailure: true },
      );
      const sha = result.stdout.trim();
      return result.code === 0 && SHA.test(sha) ? sha : undefined;
    },
    async mergeBase(a, b) {
      const result = await run(['merge-base', '--end-of-options', a, b], { allowFailure: true });
      const sha = result.stdout.trim().split('\n')[0] ?? '';
      return result.code === 0 && SHA.test(sha) ? sha : undefined;
    },
    async listRefs() {
      const result = await run([
        'for-each-ref',
        // The date only of tags: reading every commit a ref names for its date is wasted.
        '--format=%(objecttype) %(objectname) %(*objecttype) %(*objectname) %(refname)%00%(refname:short)%00%(if:equals=tag)%(objecttype)%(then)%(creatordate:iso-strict)%(end)',
      ]);
      const refs: RefEntry[] = [];
      const nested: RefEntry[] = [];
      for (const line of result.stdout.split('\n')) {
        const [head = '', short = '', date = ''] = line.split('\0');
        const [type = '', object = '', peeledType = '', peeledObject = '', ...rest] =
          head.split(' ');
        const name = rest.join(' ');
        if (name === '' || name === 'refs/stash' || !isObjectType(type)) continue;
        const ref: RefEntry = { name, short, object, type, date: type === 'tag' ? date : '' };
        if (type === 'tag' && isObjectType(peeledType)) {
          if (peeledType === 'tag') nested.push(ref);
          else ref.peeled = { object: peeledObject, type: peeledType };
        }
        refs.push(ref);
      }
      if (nested.length > 0) {
        // A tag of a tag: peel all the way (`%(*…)` peels once).
        const peeled = await run(['cat-file', '--batch-check=%(objecttype) %(objectname)'], {
          input: nested.map((ref) => `${ref.object}^{}\n`).join(''),
          allowFailure: true,
        });
        peeled.stdout.split('\n').forEach((line, i) => {
          const [type = '', object = ''] = line.split(' ');
          const ref = nested[i];
          if (ref && isObjectType(type) && type !== 'tag') ref.peeled = { object, type };
        });
      }
      return refs;
    },
    async commitsNotReachable(commits) {
      if (commits.length === 0) return [];
      const result = await run(['rev-list', '--stdin', '--not', '--exclude=refs/stash', '--all'], {
        allowFailure: true,
        input: `${commits.join('\n')}\n`,
      });
      if (result.code !== 0) return [...commits];
      return result.stdout.split('\n').filter((sha) => SHA.test(sha));
    },
    async listCommits(include, exclude = [], limit) {
      const commits: string[] = [];
      await stream(
        ['rev-list', ...(limit === undefined ? [] : [`--max-count=${limit}`]), '--stdin'],
        '\n',
        (line) => {
          if (line !== '') commits.push(line);
        },
        revisionsInput(include, exclude),
      );
      return commits;
    },
    async forEachCommitWithParents(onCommit) {
      await stream(
        ['rev-list', '--parents', '--exclude=refs/stash', '--all', '--'],
        '\n',
        (line) => {
          if (line === '') return;
          const [child = '', ...parents] = line.split(' ');
          onCommit(child, parents);
        },
      );
    },
    async logRaw(selection, format, onToken, signal) {
      const args = [
        // Signatures would be verified with gpg.program; never.
        '-c',
        'log.showSignature=false',
        'log',
        '--raw',
        '-c',
        '--root',
        '--no-renames',
        '--no-abbrev',
        '--no-textconv',
        '--no-ext-diff',
        '--no-color',
        '-z',
        format,
        ...walkArguments(selection),
      ];
      await streamBytes(
        [...args, ...pathArguments(selection)],
        '\0',
        onToken,
        walkInput(selection),
        signal,
      );
    },
    async logOrder(selection) {
      const commits: string[] = [];
      await stream(
        ['rev-list', ...walkArguments(selection), ...pathArguments(selection)],
        '\n',
        (line) => {
          if (line !== '') commits.push(line);
        },
        walkInput(selection),
      );
      return commits;
    },
    async lsTree(treeish, onEntry) {
      await stream(
        ['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', treeish],
        '\0',
        (entry) => {
          // `<mode> SP <type> SP <object> TAB <path>`
          const tab = entry.indexOf('\t');
          if (tab === -1) return;
          const [mode = '', type = '', object = ''] = entry.slice(0, tab).split(' ');
          if (type !== 'blob' || mode === '120000') return;
          onEntry(entry.slice(tab + 1), object);
        },
      );
    },
    async listWorkTreeFiles() {
      const result = await run(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
        allowFailure: true,
      }).catch(() => undefined);
      if (!result || result.code !== 0) return undefined;
      return [...new Set(result.stdout.split('\0').filter(Boolean))];
    },
    async listIndex(changedOnly) {
      let changed: Set<string> | undefined;
      if (changedOnly) {
        const diff = await run([
          'diff',
          '--cached',
          '--name-only',
          '--relative',
          '--no-renames',
          '--diff-filter=d',
          '-z',
        ]);
        changed = new Set(diff.stdout.split('\0').filter(Boolean));
      }
      // `<mode> <blob> <stage>\t<path>`; stage 0 only (a conflicted entry cannot be committed).
      const listed = await run(['ls-files', '--stage', '-z']);
      const entries: { path: string; blob: string }[] = [];
      for (const record of listed.stdout.split('\0')) {
        const match = /^(100644|100755) ([0-9a-f]{40,64}) 0\t(.+)$/s.exec(record);
        if (match && (!changed || changed.has(match[3]!)))
          entries.push({ path: match[3]!, blob: match[2]! });
      }
      return entries;
    },
    async addedLines(from, to) {
      const result = await run([
        'diff',
        '--unified=0',
        '--no-color',
        '--no-textconv',
        '--no-ext-diff',
        '--no-renames',
        '--diff-filter=AM',
        '--end-of-options',
        from,
        to,
        '--',
      ]);
      return parseAddedLines(result.stdout);
    },
    async pathsChangedSince(rev) {
      const result = await run([
        'diff',
        '--name-only',
        '-z',
        '--no-textconv',
        '--no-ext-diff',
        '--no-renames',
        '--end-of-options',
        rev,
        '--',
      ]);
      return new Set(result.stdout.split('\0').filter(Boolean));
    },
    async repositoryPrefix() {
      const result = await run(['rev-parse', '--show-prefix'], { allowFailure: true }).catch(
        () => undefined,
      );
      return result?.code === 0 ? result.stdout.trim() : '';
    },
    openBlobReader(maxBytes) {
      return openBatchReader(start(['cat-file', '--batch']), maxBytes, () =>
        isPartialClone().then((partial) => (partial ? listPresentBlobs() : undefined)),
      );
    },
    openTreeReader(maxBytes) {
      return openBatchReader(
        start(['cat-file', '--batch']),
        maxBytes,
        () => Promise.resolve(undefined),
        TREES_AND_COMMITS,
      );
    },
    async readFileAt(commit, path) {
      // A full id first, so the object name can't be read as an option; `cat-file blob` runs no
      // textconv or filter.
      if (!SHA.test(commit) || path.includes('\n')) return undefined;
      const result = await run(['cat-file', 'blob', `${commit}:${path}`], { allowFailure: true });
      return result.code === 0 ? result.stdout : undefined;
    },
    async remotes() {
      const result = await run(['remote'], { allowFailure: true });
      return result.stdout
        .split('\n')
        .map((name) => name.trim())
        .filter((name) => name !== '');
    },
    async fetch(remote, options, refspecs = []) {
      const config = await repositoryConfig();
      const refusing = fetchRefusingKeys(config.keys);
      if (refusing.length > 0)
        return {
          ok: false,
          stderr: `not fetching: the repository's git configuration sets ${refusing.join(', ')}, which would send the fetch elsewhere`,
        };
      const result = await run(
        [
          'fetch',
          '--no-tags',
          '--quiet',
          '--no-recurse-submodules',
          '--no-write-fetch-head',
          // The remote's configured upload-pack runs through the shell; name the real one.
          '--upload-pack=git-upload-pack',
          ...options,
          '--end-of-options',
          remote,
          ...refspecs,
        ],
        { allowFailure: true },
      );
      return { ok: result.code === 0, stderr: result.stderr.trim() };
    },
  };
  return client;
}

function isObjectType(type: string): type is RefEntry['type'] {
  return type === 'commit' || type === 'tag' || type === 'tree' || type === 'blob';
}

/** `--stdin` input for rev-list/log: included commits, then `^`excluded ones. */
const TREES_AND_COMMITS: ReadonlySet<string> = new Set(['tree', 'commit']);

/** The walk of `logRaw` and `logOrder`: order, and every ref when asked (revisions: `walkInput`). */
function walkArguments(selection: LogSelection): string[] {
  const order = selection.order === 'oldest-first' ? ['--topo-order', '--reverse'] : [];
  // Path-limited, git would hide commits that touch only the left-out paths and follow one side
  // of a merge: every commit is shown instead.
  const paths = selection.excludePaths?.length ? ['--full-history', '--sparse'] : [];
  const all = selection.allRefs ? ['--exclude=refs/stash', '--all'] : [];
  return [...order, ...paths, ...all, '--stdin'];
}

/** After `--`: each left-out path as a literal pathspec (its text never read as a pattern). */
function pathArguments(selection: LogSelection): string[] {
  return ['--', ...(selection.excludePaths ?? []).map((path) => `:(exclude,literal)${path}`)];
}

/** Revisions through stdin: no length limit, and nothing read as an option. */
function walkInput(selection: LogSelection): string {
  return revisionsInput(selection.include ?? [], selection.exclude ?? []);
}

function revisionsInput(include: readonly string[], exclude: readonly string[]): string {
  // `^sha` rather than `--not`: git before 2.42 takes no options in --stdin.
  return [...include, ...exclude.map((sha) => `^${sha}`)].map((rev) => `${rev}\n`).join('');
}
/**
 * `+++ b/path` and `@@ -a,b +c,d @@` of a `--unified=0` patch: lines c..c+d-1 of each path. A
 * quoted path (git quotes names with control characters even with core.quotePath off) is skipped.
 */
export function parseAddedLines(patch: string): Map<string, Set<number>> {
  const added = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+++ ')) {
      const path = line.slice(4);
      current = path.startsWith('b/') ? new Set() : undefined;
      if (current) added.set(path.slice(2), current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  return added;
}
