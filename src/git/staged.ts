import type { GitClient } from './git-client';

/** One file as the index holds it (what `git commit` would record). */
export interface StagedFile {
  /** Relative to the directory the index was read from, with `/`. */
  path: string;
  /** The staged bytes, cut at `maxBytes`; undefined when git could not give the blob. */
  content?: Buffer;
  truncated: boolean;
}

/**
 * The staged content of files below `dir`, read from the index (blobs through `git cat-file`),
 * never from the work tree: what is about to be committed, even when the work tree has moved on.
 *
 * - `paths` undefined: the files the index changes against HEAD (added, copied, modified, renamed,
 *   type-changed; not deleted), as `git commit` would record them; before the first commit, every
 *   staged file.
 * - `paths` given (the names pre-commit passes, relative to `dir`): the index's version of those,
 *   changed or not (so `pre-commit run --all-files` reads every tracked file as staged).
 *
 * Only regular files (modes 100644/100755): a symlink's blob is its target's name, a submodule has
 * no blob here. Paths are matched in JavaScript, never handed to git as pathspecs, so a file named
 * `*` or `:(glob)x` is just a name.
 */
export async function readStagedFiles(
  git: GitClient,
  paths: readonly string[] | undefined,
  maxBytes: number,
): Promise<StagedFile[]> {
  const wanted = paths === undefined ? undefined : new Set(paths);
  const entries = (await git.listIndex(paths === undefined)).filter(
    (entry) => !wanted || wanted.has(entry.path),
  );
  const byBlob = new Map<string, { content?: Buffer; truncated: boolean }>();
  const reader = git.openBlobReader(maxBytes);
  try {
    await reader.read([...new Set(entries.map((e) => e.blob))], (blob) =>
      byBlob.set(blob.id, {
        // The reader hands out a view of git's output buffer: copy what is kept.
        ...(blob.content ? { content: Buffer.from(blob.content) } : {}),
        truncated: blob.truncated,
      }),
    );
  } finally {
    await reader.close();
  }
  return entries.map(({ path, blob }) => ({
    path,
    ...(byBlob.get(blob) ?? { truncated: false }),
  }));
}
