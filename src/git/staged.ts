import { createGitClient } from './git-client';

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
  dir: string,
  paths: readonly string[] | undefined,
  maxBytes: number,
): Promise<StagedFile[]> {
  const git = createGitClient(dir);
  let wanted: Set<string>;
  if (paths !== undefined) wanted = new Set(paths);
  else {
    const changed = await git.run([
      'diff',
      '--cached',
      '--name-only',
      '--relative',
      '--no-renames',
      '--diff-filter=d',
      '-z',
    ]);
    wanted = new Set(changed.stdout.split('\0').filter(Boolean));
  }
  // `<mode> <blob> <stage>\t<path>`; stage 0 only (a conflicted entry cannot be committed).
  const listed = await git.run(['ls-files', '--stage', '-z']);
  const entries: { path: string; blob: string }[] = [];
  for (const record of listed.stdout.split('\0')) {
    const match = /^(100644|100755) ([0-9a-f]{40,64}) 0\t(.+)$/s.exec(record);
    if (match && wanted.has(match[3]!)) entries.push({ path: match[3]!, blob: match[2]! });
  }
  const byBlob = new Map<string, { content?: Buffer; truncated: boolean }>();
  const reader = git.openBlobReader(maxBytes);
  try {
    await reader.read([...new Set(entries.map((e) => e.blob))], (blob) =>
      byBlob.set(blob.id, {
        ...(blob.content ? { content: blob.content } : {}),
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
