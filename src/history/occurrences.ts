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

/**
 * Kept compact because a full scan holds every blob of the history at once (207,000 on wagtail):
 * each blob is a number in one map, its first occurrence two numbers in typed arrays, and only a
 * blob seen under a second path has a list. An object and an array per blob were 20 MB of
 * wagtail's heap; they are built only when asked for (`occurrencesOf`, for blobs with hits).
 */
export class OccurrenceIndex {
  readonly commits: CommitInfo[] = [];
  /** Each blob's slot, in the order blobs were first met. */
  private readonly slots = new Map<string, number>();
  /** By slot: the first occurrence's path (an index into `paths`) and commit. */
  private firstPath = new Int32Array(1024);
  private firstCommit = new Int32Array(1024);
  /** By slot, for blobs met under more than one path: the others, as path, commit, path, … */
  private readonly further = new Map<number, number[]>();
  /** One string per distinct path (a path changed in 500 commits is kept once), and its number. */
  private readonly paths: string[] = [];
  private readonly pathNumbers = new Map<string, number>();

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
    const slot = this.slots.get(blob);
    if (slot === undefined) {
      const added = this.slots.size;
      if (added === this.firstPath.length) this.grow();
      this.slots.set(blob, added);
      this.firstPath[added] = this.pathNumber(path);
      this.firstCommit[added] = commit;
      return;
    }
    const further = this.further.get(slot);
    // Checked before the path is interned: a git bomb's million paths of one blob keep nothing.
    if (further && further.length / 2 + 1 >= MAX_PATHS_PER_BLOB) return;
    if (this.paths[this.firstPath[slot]!] === path) return;
    if (further)
      for (let i = 0; i < further.length; i += 2) if (this.paths[further[i]!] === path) return;
    const pair = [this.pathNumber(path), commit];
    if (further) further.push(...pair);
    else this.further.set(slot, pair);
  }

  has(blob: string): boolean {
    return this.slots.has(blob);
  }

  /** Every blob, in the order first met. */
  blobIds(): IterableIterator<string> {
    return this.slots.keys();
  }

  /** Where `blob` appeared, its first path first; empty for a blob never recorded. */
  occurrencesOf(blob: string): Occurrence[] {
    const slot = this.slots.get(blob);
    if (slot === undefined) return [];
    const list: Occurrence[] = [
      { path: this.paths[this.firstPath[slot]!]!, commit: this.firstCommit[slot]! },
    ];
    const further = this.further.get(slot);
    if (further)
      for (let i = 0; i < further.length; i += 2)
        list.push({ path: this.paths[further[i]!]!, commit: further[i + 1]! });
    return list;
  }

  pathsOf(blob: string): string[] {
    const slot = this.slots.get(blob);
    if (slot === undefined) return [];
    const list = [this.paths[this.firstPath[slot]!]!];
    const further = this.further.get(slot);
    if (further) for (let i = 0; i < further.length; i += 2) list.push(this.paths[further[i]!]!);
    return list;
  }

  private pathNumber(path: string): number {
    let number = this.pathNumbers.get(path);
    if (number === undefined) {
      number = this.paths.length;
      this.paths.push(path);
      this.pathNumbers.set(path, number);
    }
    return number;
  }

  private grow(): void {
    const firstPath = new Int32Array(this.firstPath.length * 2);
    firstPath.set(this.firstPath);
    this.firstPath = firstPath;
    const firstCommit = new Int32Array(this.firstCommit.length * 2);
    firstCommit.set(this.firstCommit);
    this.firstCommit = firstCommit;
  }
}
