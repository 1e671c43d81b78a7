/**
 * Where each blob appeared: the first commit (in topological order, oldest first) that introduced
 * it at each path. Pure; fed by the raw log parser or restored from the cache.
 */
export interface CommitInfo {
  sha: string;
  /** ISO 8601 author date. */
  authorDate: string;
}

export interface Occurrence {
  path: string;
  /** Index into `OccurrenceIndex.commits`; a lower index is older in topological order. */
  commit: number;
}

/** A blob reached under this many paths is not tracked further (e.g. the empty file). */
const MAX_PATHS_PER_BLOB = 1000;

export class OccurrenceIndex {
  readonly commits: CommitInfo[] = [];
  readonly blobs = new Map<string, Occurrence[]>();
  /** One string per distinct path (a path changed in 500 commits is kept once). */
  private readonly pathTable = new Map<string, string>();

  addCommit(sha: string, authorDate: string): number {
    // `-c` repeats nothing, but a restored cache may meet the same commit again: keep the first.
    const last = this.commits[this.commits.length - 1];
    if (last?.sha === sha) return this.commits.length - 1;
    this.commits.push({ sha, authorDate });
    return this.commits.length - 1;
  }

  /** A commit entry of its own, never merged with the previous one (a ref target's stand-in). */
  addStandIn(sha: string, authorDate: string): number {
    this.commits.push({ sha, authorDate });
    return this.commits.length - 1;
  }

  /** Records `blob` at `path`; only its first (oldest) commit per path is kept. */
  addOccurrence(blob: string, path: string, commit: number): void {
    const list = this.blobs.get(blob);
    // Checked before the path is interned: a git bomb's million paths of one blob keep nothing.
    if (list && list.length >= MAX_PATHS_PER_BLOB) return;
    let interned = this.pathTable.get(path);
    if (interned === undefined) {
      interned = path;
      this.pathTable.set(path, path);
    }
    if (!list) {
      // A literal of one: most blobs have one path, and `[]` + push reserves room for 17.
      this.blobs.set(blob, [{ path: interned, commit }]);
      return;
    }
    for (const occurrence of list) if (occurrence.path === path) return;
    list.push({ path: interned, commit });
  }

  pathsOf(blob: string): string[] {
    return (this.blobs.get(blob) ?? []).map((occurrence) => occurrence.path);
  }
}
