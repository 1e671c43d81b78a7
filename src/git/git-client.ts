import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { createBatchParser, type BlobContent } from './batch-reader';
import {
  fetchRefusingKeys,
  GLOBAL_OPTIONS,
  hardenedEnv,
  patternOverrides,
  staticConfigArgs,
  withConfigEntries,
} from './hardening';

export type { BlobContent } from './batch-reader';

/**
 * The one module that runs git. Created once per run (`createGitClient`) and passed in; callers
 * use its named operations, never a raw command line. actions/checkout's git-command-manager.ts
 * is the model.
 *
 * Every command runs hardened (hardening.ts, docs/git-hardening.md): the scanned repository's
 * configuration can't run a program, no user or system configuration is read, replace refs and
 * grafts can't hide history, and a partial clone never fetches on its own. Arguments are arrays
 * handed straight to `spawn` (never a shell string), and revisions from outside are passed after
 * `--end-of-options` or through stdin, so a ref or path from a pull request can't inject anything.
 *
 * Raw `spawn` rather than `simple-git`: history scanning streams `git log -z` and one long-lived
 * `git cat-file --batch`, and simple-git buffers whole outputs and has no binary-safe streaming
 * interface for `--batch`.
 */
export interface BlobReader {
  /**
   * Reads the given blobs in order, calling `onBlob` for each as soon as it is complete. One
   * `git cat-file --batch` process serves every call until `close`. In a partial clone, blobs
   * that are not present locally come back as missing (no `content`) without being fetched.
   */
  read(ids: readonly string[], onBlob: (blob: BlobContent) => void): Promise<void>;
  /** Stops taking git's output for a while (back-pressure: git then waits). */
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

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
  logRaw(selection: LogSelection, format: string, onToken: (token: Buffer) => void): Promise<void>;
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

export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly code: number,
    readonly stderr: string,
  ) {
    super(
      `git ${args.join(' ')} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`,
    );
    this.name = 'GitCommandError';
  }
}

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

const SHA = /^[0-9a-f]{40,64}$/;

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The repository's configuration keys, read once per client: they decide the pattern overrides
 * and whether a fetch is refused. Includes followed (so an included file is neutralised too).
 */
interface RepositoryConfig {
  keys: string[];
  values: Map<string, string[]>;
}

export function createGitClient(
  repoDir: string,
  baseEnv: NodeJS.ProcessEnv = process.env,
): GitClient {
  const staticArgs = [...staticConfigArgs(baseEnv), ...GLOBAL_OPTIONS];
  const env = hardenedEnv(baseEnv);
  let configPromise: Promise<RepositoryConfig> | undefined;
  let runEnvPromise: Promise<NodeJS.ProcessEnv> | undefined;

  const spawnWith = (runEnv: NodeJS.ProcessEnv, args: readonly string[]) =>
    spawn('git', [...staticArgs, ...args], {
      cwd: repoDir,
      env: runEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });

  const collect = (child: ChildProcessWithoutNullStreams, input?: string) =>
    new Promise<GitResult>((resolve, reject) => {
      child.stdin.on('error', () => {});
      child.stdin.end(input ?? '');
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code) =>
        resolve({
          code: code ?? -1,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        }),
      );
    });

  /**
   * `safe.directory` from the user's and the system's configuration, which the hardened commands
   * don't read: git honours it only from there (or the command line), and a container job's
   * workspace owned by another user depends on it. Read outside the repository.
   */
  let safeEnvPromise: Promise<NodeJS.ProcessEnv> | undefined;
  const safeEnv = (): Promise<NodeJS.ProcessEnv> =>
    (safeEnvPromise ??= Promise.all(
      ['--global', '--system'].map((scope) =>
        collect(
          spawn('git', ['config', scope, '--get-all', 'safe.directory'], {
            cwd: tmpdir(),
            env: { ...baseEnv, GIT_TERMINAL_PROMPT: '0' },
            stdio: ['pipe', 'pipe', 'pipe'],
          }),
        ).catch(() => undefined),
      ),
    ).then((results) => {
      const values = results.flatMap((result) =>
        result?.code === 0 ? result.stdout.split('\n').filter((line) => line !== '') : [],
      );
      return withConfigEntries(
        env,
        values.map((value) => ['safe.directory', value] as const),
      );
    }));

  /** The configuration as git sees it in this repository, with our overrides already applied. */
  const repositoryConfig = (): Promise<RepositoryConfig> =>
    (configPromise ??= safeEnv()
      .then((trusted) => collect(spawnWith(trusted, ['config', '--list', '-z'])))
      .then((result) => {
        const values = new Map<string, string[]>();
        const keys: string[] = [];
        if (result.code !== 0) return { keys, values };
        for (const entry of result.stdout.split('\0')) {
          if (entry === '') continue;
          const nl = entry.indexOf('\n');
          const key = nl === -1 ? entry : entry.slice(0, nl);
          const value = nl === -1 ? '' : entry.slice(nl + 1);
          if (!values.has(key)) keys.push(key);
          values.set(key, [...(values.get(key) ?? []), value]);
        }
        return { keys, values };
      }));

  /** The environment with the repository's pattern-matched keys neutralised. */
  const runEnv = (): Promise<NodeJS.ProcessEnv> =>
    (runEnvPromise ??= Promise.all([safeEnv(), repositoryConfig()]).then(([trusted, config]) =>
      withConfigEntries(trusted, patternOverrides(config.keys)),
    ));

  const run = async (
    args: readonly string[],
    options?: { allowFailure?: boolean; input?: string },
  ): Promise<GitResult> => {
    const result = await collect(spawnWith(await runEnv(), args), options?.input);
    if (result.code !== 0 && !options?.allowFailure)
      throw new GitCommandError(args, result.code, result.stderr);
    return result;
  };

  /**
   * Streams stdout split on `separator`, one token at a time, without holding the whole output.
   * A token is a view of git's raw output, valid during the call (decode what you keep: a string
   * cut from a big one would keep all of it alive).
   */
  const streamBytes = async (
    args: readonly string[],
    separator: '\0' | '\n',
    onToken: (token: Buffer) => void,
    input?: string,
  ): Promise<void> => {
    const child = spawnWith(await runEnv(), args);
    const byte = separator.charCodeAt(0);
    return new Promise((resolve, reject) => {
      child.stdin.on('error', () => {});
      child.stdin.end(input ?? '');
      let pending: Buffer | undefined;
      let failed: Error | undefined;
      const errTail: string[] = [];
      child.stdout.on('data', (chunk: Buffer) => {
        if (failed) return;
        let start = 0;
        try {
          for (let at = chunk.indexOf(byte, start); at !== -1; at = chunk.indexOf(byte, start)) {
            if (pending) {
              onToken(Buffer.concat([pending, chunk.subarray(start, at)]));
              pending = undefined;
            } else onToken(chunk.subarray(start, at));
            start = at + 1;
          }
        } catch (error) {
          failed = toError(error);
          child.kill();
          return;
        }
        if (start < chunk.length) {
          const rest = chunk.subarray(start);
          pending = pending ? Buffer.concat([pending, rest]) : Buffer.from(rest);
        }
      });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        errTail.push(chunk);
        if (errTail.length > 20) errTail.shift();
      });
      child.on('error', reject);
      child.on('close', (code) => {
        if (failed) return reject(failed);
        if (code !== 0) return reject(new GitCommandError(args, code ?? -1, errTail.join('')));
        try {
          if (pending && pending.length > 0) onToken(pending);
        } catch (error) {
          return reject(toError(error));
        }
        resolve();
      });
    });
  };

  /** `streamBytes` with each token decoded (UTF-8) into a string of its own. */
  const stream = (
    args: readonly string[],
    separator: '\0' | '\n',
    onToken: (token: string) => void,
    input?: string,
  ): Promise<void> =>
    streamBytes(args, separator, (token) => onToken(token.toString('utf8')), input);

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
    async logRaw(selection, format, onToken) {
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
        ...(selection.order === 'oldest-first' ? ['--topo-order', '--reverse'] : []),
        '-z',
        format,
      ];
      const include = selection.include ?? [];
      const exclude = selection.exclude ?? [];
      if (include.length === 0 && exclude.length === 0 && selection.allRefs) {
        await streamBytes([...args, '--exclude=refs/stash', '--all', '--'], '\0', onToken);
        return;
      }
      // Revisions through stdin: no length limit, and nothing read as an option.
      const stdin = revisionsInput(include, exclude);
      const all = selection.allRefs ? ['--exclude=refs/stash', '--all'] : [];
      await streamBytes([...args, ...all, '--stdin', '--'], '\0', onToken, stdin);
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
      return openBatchReader(
        runEnv().then((runEnvironment) => spawnWith(runEnvironment, ['cat-file', '--batch'])),
        maxBytes,
        () => isPartialClone().then((partial) => (partial ? listPresentBlobs() : undefined)),
      );
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
function revisionsInput(include: readonly string[], exclude: readonly string[]): string {
  // `^sha` rather than `--not`: git before 2.42 takes no options in --stdin.
  return [...include, ...exclude.map((sha) => `^${sha}`)].map((rev) => `${rev}\n`).join('');
}

interface PendingRead {
  /** The ids asked for: each answer carries the caller's own string (no second copy kept). */
  ids: readonly string[];
  next: number;
  remaining: number;
  onBlob: (blob: BlobContent) => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Requests are written strictly one after another and answers delivered to the oldest pending
 * request: output order matches the queue's. `present` (partial clones only) filters out ids that
 * aren't in the object store, which come back as missing without reaching git.
 */
function openBatchReader(
  childPromise: Promise<ChildProcessWithoutNullStreams>,
  maxBytes: number,
  presentSet: () => Promise<Set<string> | undefined>,
): BlobReader {
  const queue: PendingRead[] = [];
  let closed = false;
  let fatal: Error | undefined;
  const errTail: string[] = [];

  const deliver = (blob: BlobContent) => {
    const head = queue[0];
    if (!head) return;
    const asked = head.ids[head.next++];
    if (asked === blob.id) blob.id = asked;
    head.onBlob(blob);
    head.remaining -= 1;
    if (head.remaining === 0) {
      queue.shift();
      head.resolve();
    }
  };
  const fail = (error: Error) => {
    fatal = error;
    for (const pending of queue.splice(0)) pending.reject(error);
  };

  const started = childPromise.then((child) => {
    const parser = createBatchParser(maxBytes, deliver);
    child.stdout.on('data', (chunk: Buffer) => {
      try {
        parser.push(chunk);
      } catch (error) {
        fail(toError(error));
        child.kill();
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      errTail.push(chunk);
      if (errTail.length > 20) errTail.shift();
    });
    child.on('error', fail);
    child.on('close', (code) => {
      closed = true;
      if (queue.length > 0)
        fail(new GitCommandError(['cat-file', '--batch'], code ?? -1, errTail.join('')));
    });
    // A write after the process died surfaces through 'close'; don't crash on EPIPE.
    child.stdin.on('error', () => {});
    return child;
  });
  started.catch(fail);
  let writing: Promise<unknown> = started;

  const onChild = (use: (child: ChildProcessWithoutNullStreams) => void) =>
    void started.then(use, () => {});
  return {
    pause() {
      onChild((child) => child.stdout.pause());
    },
    resume() {
      onChild((child) => child.stdout.resume());
    },
    read(ids, onBlob) {
      if (ids.length === 0) return Promise.resolve();
      if (fatal) return Promise.reject(fatal);
      if (closed) return Promise.reject(new Error('git cat-file --batch has exited'));
      return new Promise<void>((resolve, reject) => {
        writing = writing
          .then(async () => {
            const child = await started;
            const present = await presentSet();
            const wanted = present ? ids.filter((id) => present.has(id)) : ids;
            if (wanted.length < ids.length)
              for (const id of ids)
                if (!present?.has(id)) onBlob({ id, size: 0, truncated: false });
            if (wanted.length === 0) return resolve();
            queue.push({ ids: wanted, next: 0, remaining: wanted.length, onBlob, resolve, reject });
            await writeIds(child.stdin, wanted);
          })
          .catch((error: unknown) => reject(toError(error)));
      });
    },
    close() {
      return started.then(
        (child) =>
          new Promise<void>((resolve) => {
            if (closed) return resolve();
            child.once('close', () => resolve());
            void writing.finally(() => child.stdin.end());
          }),
        () => undefined,
      );
    },
  };
}

/** Writes ids in slices, honouring back-pressure so a 100k-id request doesn't buffer at once. */
async function writeIds(stdin: NodeJS.WritableStream, ids: readonly string[]): Promise<void> {
  const slice = 512;
  for (let i = 0; i < ids.length; i += slice) {
    const text = ids.slice(i, i + slice).join('\n') + '\n';
    if (!stdin.write(text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          stdin.removeListener('drain', done);
          stdin.removeListener('close', done);
          resolve();
        };
        stdin.once('drain', done);
        stdin.once('close', done);
      });
    }
  }
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
