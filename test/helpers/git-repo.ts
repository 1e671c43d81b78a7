import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Builds REAL git repositories in temp dirs for tests, deterministically: fixed identities, and
 * author/committer dates from a clock that advances one hour per commit from 2024-01-01T00:00Z.
 * Nothing reads the user's git config (GIT_CONFIG_GLOBAL/NOSYSTEM), so signing hooks or
 * templates on the machine can't change a test.
 */
export interface CommitOptions {
  /** ISO date for both author and committer; defaults to the repo clock. */
  date?: string;
  author?: { name: string; email: string };
}

const START = Date.parse('2024-01-01T00:00:00Z');
const created: string[] = [];

export class GitRepo {
  private clock = 0;

  constructor(readonly dir: string) {}

  /** Runs git with the fixed identity and dates; returns trimmed stdout. */
  git(
    args: readonly string[],
    options: { date?: string; input?: string; allowFailure?: boolean } = {},
  ): string {
    const date = options.date ?? this.nextDate(false);
    try {
      return execFileSync(
        'git',
        [
          '-c',
          'user.name=Test Author',
          '-c',
          'user.email=author@example.com',
          '-c',
          'commit.gpgsign=false',
          '-c',
          'tag.gpgsign=false',
          '-c',
          'init.defaultBranch=main',
          '-c',
          'core.autocrlf=false',
          ...args,
        ],
        {
          cwd: this.dir,
          encoding: 'utf8',
          input: options.input,
          stdio: ['pipe', 'pipe', 'pipe'],
          env: {
            ...process.env,
            GIT_CONFIG_NOSYSTEM: '1',
            GIT_CONFIG_GLOBAL: '/dev/null',
            GIT_AUTHOR_DATE: date,
            GIT_COMMITTER_DATE: date,
            GIT_TERMINAL_PROMPT: '0',
          },
        },
      ).trim();
    } catch (error) {
      if (options.allowFailure) return '';
      throw error;
    }
  }

  /** The clock's current date; `advance` moves it one hour first. */
  nextDate(advance = true): string {
    if (advance) this.clock += 1;
    return new Date(START + this.clock * 3_600_000).toISOString().replace('.000Z', 'Z');
  }

  write(path: string, content: string | Uint8Array): this {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return this;
  }

  remove(path: string): this {
    this.git(['rm', '-q', '--cached', '--ignore-unmatch', '--', path]);
    rmSync(join(this.dir, path), { force: true });
    return this;
  }

  rename(from: string, to: string): this {
    mkdirSync(dirname(join(this.dir, to)), { recursive: true });
    renameSync(join(this.dir, from), join(this.dir, to));
    this.git(['add', '-A', '--', from, to]);
    return this;
  }

  /** Stages everything and commits; returns the new commit's sha. */
  commit(message: string, options: CommitOptions = {}): string {
    this.git(['add', '-A']);
    const date = options.date ?? this.nextDate();
    const author = options.author
      ? ['--author', `${options.author.name} <${options.author.email}>`]
      : [];
    this.git(['commit', '-q', '--allow-empty', '-m', message, ...author], { date });
    return this.head();
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']);
  }

  revParse(rev: string): string {
    return this.git(['rev-parse', rev]);
  }

  branch(name: string, from?: string): this {
    this.git(['branch', name, ...(from ? [from] : [])]);
    return this;
  }

  checkout(name: string): this {
    this.git(['checkout', '-q', name]);
    return this;
  }

  /** Starts a branch with no parent; the work tree is emptied. */
  checkoutOrphan(name: string): this {
    this.git(['checkout', '-q', '--orphan', name]);
    this.git(['rm', '-rfq', '--ignore-unmatch', '.']);
    return this;
  }

  /**
   * Merges `branch` into the current one. With `resolve`, conflicts (or any file) are settled by
   * writing those contents by hand before committing, as a person resolving a conflict would.
   */
  merge(
    branch: string,
    options: { resolve?: Record<string, string>; message?: string } = {},
  ): string {
    const date = this.nextDate();
    this.git(['merge', '-q', '--no-ff', '--no-commit', branch], { date, allowFailure: true });
    for (const [path, content] of Object.entries(options.resolve ?? {})) this.write(path, content);
    this.git(['add', '-A']);
    this.git(['commit', '-q', '--no-edit', '-m', options.message ?? `Merge ${branch}`], { date });
    return this.head();
  }

  tag(
    name: string,
    options: { annotated?: boolean; message?: string; target?: string } = {},
  ): this {
    const target = options.target ? [options.target] : [];
    if (options.annotated) this.git(['tag', '-a', name, '-m', options.message ?? name, ...target]);
    else this.git(['tag', name, ...target]);
    return this;
  }

  /** `git clone --depth N file://…` (file:// so that --depth is honoured). */
  cloneShallow(
    depth: number,
    options: { branch?: string; noSingleBranch?: boolean } = {},
  ): GitRepo {
    const dir = makeTempDir('ddg-clone-');
    const clone = new GitRepo(dir);
    clone.git([
      'clone',
      '-q',
      `--depth=${depth}`,
      ...(options.noSingleBranch ? ['--no-single-branch'] : []),
      ...(options.branch ? ['--branch', options.branch] : []),
      `file://${this.dir}`,
      dir,
    ]);
    return clone;
  }

  /** Full clone (remote-tracking refs under origin/). */
  cloneFull(): GitRepo {
    const dir = makeTempDir('ddg-clone-');
    const clone = new GitRepo(dir);
    clone.git(['clone', '-q', `file://${this.dir}`, dir]);
    return clone;
  }
}

function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  // clone wants an empty or missing target: mkdtemp gives an empty one.
  return dir;
}

/** A new empty repository on branch `main`. */
export function createGitRepo(): GitRepo {
  const repo = new GitRepo(makeTempDir('ddg-repo-'));
  repo.git(['init', '-q', '-b', 'main']);
  return repo;
}

/** Removes every directory this helper created (call from afterAll). */
export function cleanupGitRepos(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
