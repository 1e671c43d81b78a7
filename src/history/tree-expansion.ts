/**
 * How many paths a tree expands to, and how many a commit's diff lists, computed from distinct
 * objects: each tree is read once and its count memoised by id, so a "git bomb" (a tree listing
 * its child ten times, nine levels deep: 10^9 paths from ten trees) costs ten reads. Pure: trees
 * come in through `loadTrees` (git's `cat-file --batch` in a scan, a map in the rule's docs).
 */

/** One entry of a tree object, as git stores it (`<mode> <name>\0<raw id>`). */
export interface TreeEntry {
  /** The name's bytes as latin1 (one char per byte, so nothing is lost); see `displayName`. */
  name: string;
  isTree: boolean;
  /** The object id, hex. */
  id: string;
  mode: string;
}

/** Raw tree objects by id; an id that is not a tree (or is missing) is left out of the map. */
export type TreeLoader = (ids: readonly string[]) => Promise<Map<string, Buffer>>;

/** Parses a raw tree object; `idBytes` is 20 (SHA-1) or 32 (SHA-256). */
export function parseTree(raw: Buffer, idBytes: number): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let at = 0;
  while (at < raw.length) {
    const space = raw.indexOf(0x20, at);
    const nul = space === -1 ? -1 : raw.indexOf(0, space + 1);
    if (nul === -1 || nul + 1 + idBytes > raw.length) break;
    const mode = raw.toString('latin1', at, space);
    entries.push({
      mode,
      name: raw.toString('latin1', space + 1, nul),
      // Modes are octal text: `40000` (git) or `040000` (some other writers) for a tree.
      isTree: /^0?40000$/.test(mode),
      id: raw.toString('hex', nul + 1, nul + 1 + idBytes),
    });
    at = nul + 1 + idBytes;
  }
  return entries;
}

/** Whether a pathspec can name a tree entry: UTF-8 text, one path segment, not `.` or `..`. */
function isNameable(name: string): boolean {
  return (
    name !== '' &&
    name !== '.' &&
    name !== '..' &&
    !name.includes('/') &&
    displayName(name) !== undefined
  );
}

/** A name's bytes as text, or undefined when they are not UTF-8 (no pathspec can name them). */
export function displayName(name: string): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(name, 'latin1'));
  } catch {
    return undefined;
  }
}

/** The paths left out of a commit's diff so that what is left stays under the limit. */
export interface Oversized {
  /**
   * Paths from the repository's top, each a subtree whose changes pass the limit; `''` alone
   * when no path can be left out (the oversized part is the top, or not nameable).
   */
  paths: string[];
  /** The tree (of the commit, or of the parent it was compared with) at the first path. */
  tree: string;
  /** The tree is the parent's: the commit removes it. */
  inParent: boolean;
  /** Changed paths the diff would have listed (capped just past the limit). */
  changes: number;
}

/** Subtrees left out one by one before a single path is left out at the level above. */
const MAX_LEFT_OUT_PER_TREE = 32;

export class TreeExpansion {
  private readonly entries = new Map<string, TreeEntry[]>();
  private readonly counts = new Map<string, number>();
  private readonly changedCounts = new Map<string, number>();

  constructor(
    private readonly loadTrees: TreeLoader,
    /** Past this many paths a count stops growing (it is "over the limit", not a number). */
    private readonly limit: number,
    private readonly idBytes = 20,
  ) {}

  /** Paths a tree expands to (`ls-tree -r` entries), capped at limit + 1. */
  async count(tree: string): Promise<number> {
    await this.loadBelow([tree]);
    return this.countLoaded(tree);
  }

  /**
   * Paths `diff-tree -r --no-renames` lists between two trees (either undefined: the empty tree),
   * capped at limit + 1.
   */
  async changed(tree: string | undefined, parent: string | undefined): Promise<number> {
    await this.loadPairs([[tree, parent]]);
    return this.changedLoaded(tree, parent);
  }

  /**
   * What to leave out of the diff of `tree` against `parent` so that it lists no more than the
   * limit, besides the paths `leftOut` already: undefined when it is under the limit;
   * `paths: ['']` when only leaving out the whole commit would do.
   */
  async oversized(
    tree: string,
    parent: string | undefined,
    leftOut: readonly string[] = [],
  ): Promise<Oversized | undefined> {
    if ((await this.changed(tree, parent)) <= this.limit) return undefined;
    // Paths are compared as bytes: tree names are kept as latin1, one char per byte.
    const out = new Set(leftOut.map((path) => Buffer.from(path, 'utf8').toString('latin1')));
    const found = await this.leaveOut(tree, parent, '', out);
    if (found.paths.length === 0) return undefined;
    const [own, theirs] = await this.treesAt(tree, parent, found.paths[0] ?? '');
    return {
      paths: found.paths.map((path) => displayName(path) ?? ''),
      tree: own ?? theirs ?? tree,
      inParent: own === undefined && theirs !== undefined,
      changes: this.changedLoaded(tree, parent),
    };
  }

  /**
   * The distinct regular files below `tree` (at `path`), each with the first path it was met at:
   * a bomb's content is scanned once per blob, not once per path. At most `max` of them.
   */
  async distinctFiles(
    tree: string,
    path: string,
    max: number,
  ): Promise<{ blob: string; path: string }[]> {
    const files = new Map<string, string>();
    const seen = new Set<string>([tree]);
    let level: [string, string][] = [[tree, path]];
    while (level.length > 0 && files.size < max) {
      await this.read(level.map(([id]) => id));
      const next: [string, string][] = [];
      for (const [id, at] of level)
        for (const entry of this.entries.get(id) ?? []) {
          const child = `${at}/${displayName(entry.name) ?? entry.name}`;
          if (entry.isTree) {
            if (!seen.has(entry.id)) next.push([entry.id, child]);
            seen.add(entry.id);
          } else if (entry.mode.startsWith('100') && !files.has(entry.id) && files.size < max)
            files.set(entry.id, child);
        }
      level = next;
    }
    return [...files].map(([blob, at]) => ({ blob, path: at }));
  }

  /** `distinctFiles` of the subtrees of `tree` at each of `paths`, at most `max` in all. */
  async filesAt(
    tree: string,
    paths: readonly string[],
    max: number,
  ): Promise<{ blob: string; path: string }[]> {
    const files: { blob: string; path: string }[] = [];
    for (const path of paths) {
      const [own] = await this.treesAt(tree, undefined, Buffer.from(path).toString('latin1'));
      if (own !== undefined && files.length < max)
        files.push(...(await this.distinctFiles(own, path, max - files.length)));
    }
    return files;
  }

  /**
   * Where each of `wanted` sits below `tree`: at most `maxPaths` paths per blob, found by reading
   * each distinct tree once (the answer for a subtree is memoised by its id), so a tree that
   * expands to 10^9 paths costs what its distinct trees cost.
   */
  async locate(
    tree: string,
    wanted: ReadonlySet<string>,
    maxPaths: number,
  ): Promise<Map<string, string[]>> {
    const below = new Map<string, Map<string, string[]>>();
    const visit = async (id: string): Promise<Map<string, string[]>> => {
      const known = below.get(id);
      if (known) return known;
      await this.read([id]);
      const found = new Map<string, string[]>();
      const add = (blob: string, path: string) => {
        const paths = found.get(blob);
        if (!paths) found.set(blob, [path]);
        else if (paths.length < maxPaths) paths.push(path);
      };
      for (const entry of this.entries.get(id) ?? []) {
        const name = displayName(entry.name) ?? entry.name;
        if (entry.isTree) {
          for (const [blob, paths] of await visit(entry.id))
            for (const path of paths) add(blob, `${name}/${path}`);
        } else if (entry.mode.startsWith('100') && wanted.has(entry.id)) add(entry.id, name);
      }
      below.set(id, found);
      return found;
    };
    try {
      return await visit(tree);
    } finally {
      this.forgetTrees();
    }
  }

  /** Drops what was read (the memoised counts stay: they are a number per tree). */
  forgetTrees(): void {
    this.entries.clear();
  }

  private async leaveOut(
    tree: string | undefined,
    parent: string | undefined,
    path: string,
    leftOut: ReadonlySet<string>,
  ): Promise<{ paths: string[]; remaining: number }> {
    if (leftOut.has(path)) return { paths: [], remaining: 0 };
    const within = path === '' ? '' : `${path}/`;
    const total = this.changedLoaded(tree, parent);
    if (total <= this.limit) return { paths: [], remaining: total };
    const whole = { paths: [path], remaining: 0 };
    // Counts may be known from an earlier commit whose trees were since forgotten.
    await this.read([tree, parent].filter((id): id is string => id !== undefined));
    const paths: string[] = [];
    let remaining = 0;
    for (const [name, a, b] of this.changedEntries(tree, parent)) {
      const child = `${within}${name}`;
      const aTree = a?.isTree ? a.id : undefined;
      const bTree = b?.isTree ? b.id : undefined;
      // A file beside a tree of the same name (a type change) is one path more.
      const files = (a && !a.isTree ? 1 : 0) + (b && !b.isTree ? 1 : 0);
      const below =
        aTree !== undefined || bTree !== undefined
          ? await this.leaveOut(aTree, bTree, child, leftOut)
          : { paths: [], remaining: 0 };
      // A pathspec names UTF-8 text, one segment per name: else the level above is left out.
      if (below.paths.length > 0 && !isNameable(name)) return whole;
      paths.push(...below.paths);
      remaining += below.remaining + (leftOut.has(child) ? 0 : files);
    }
    // At the top, `whole` is `['']`: only leaving out the commit would do. Nothing kept
    // beside what is left out: one path for all of it.
    if (remaining > this.limit || paths.length > MAX_LEFT_OUT_PER_TREE) return whole;
    if (paths.length > 1 && remaining === 0 && path !== '') return whole;
    return { paths, remaining };
  }

  /** The tree objects at `path` in the commit's tree and in the parent's. */
  private async treesAt(tree: string | undefined, parent: string | undefined, path: string) {
    let a = tree;
    let b = parent;
    for (const name of path === '' ? [] : path.split('/')) {
      await this.read([a, b].filter((id): id is string => id !== undefined));
      const next = (id: string | undefined) => {
        const entry =
          id === undefined ? undefined : this.entries.get(id)?.find((e) => e.name === name);
        return entry?.isTree ? entry.id : undefined;
      };
      a = next(a);
      b = next(b);
    }
    return [a, b] as const;
  }

  /** Entries that differ between two loaded trees, by name: `[name, in tree, in parent]`. */
  private changedEntries(
    tree: string | undefined,
    parent: string | undefined,
  ): [string, TreeEntry | undefined, TreeEntry | undefined][] {
    const mine = tree === undefined ? [] : (this.entries.get(tree) ?? []);
    const theirs = new Map<string, TreeEntry[]>();
    for (const entry of parent === undefined ? [] : (this.entries.get(parent) ?? [])) {
      const list = theirs.get(entry.name);
      if (list) list.push(entry);
      else theirs.set(entry.name, [entry]);
    }
    const out: [string, TreeEntry | undefined, TreeEntry | undefined][] = [];
    // A name is matched with the parent's entry of the same kind (git sorts a file `x` and a
    // tree `x/` apart: they are two entries).
    for (const entry of mine) {
      const list = theirs.get(entry.name);
      const index = list ? list.findIndex((e) => e.isTree === entry.isTree) : -1;
      const match = index === -1 ? undefined : list?.splice(index, 1)[0];
      if (match && match.id === entry.id && match.mode === entry.mode) continue;
      out.push([entry.name, entry, match]);
    }
    for (const list of theirs.values())
      for (const entry of list) out.push([entry.name, undefined, entry]);
    return out;
  }

  private countLoaded(tree: string): number {
    const known = this.counts.get(tree);
    if (known !== undefined) return known;
    // No early stop: every subtree's count is memoised with it, which `leaveOut` relies on.
    let total = 0;
    for (const entry of this.entries.get(tree) ?? []) {
      total += entry.isTree ? this.countLoaded(entry.id) : 1;
    }
    const capped = Math.min(total, this.limit + 1);
    this.counts.set(tree, capped);
    return capped;
  }

  private changedLoaded(tree: string | undefined, parent: string | undefined): number {
    if (tree === parent) return 0;
    if (parent === undefined) return tree === undefined ? 0 : this.countLoaded(tree);
    if (tree === undefined) return this.countLoaded(parent);
    const key = `${tree}:${parent}`;
    const known = this.changedCounts.get(key);
    if (known !== undefined) return known;
    let total = 0;
    for (const [, a, b] of this.changedEntries(tree, parent)) {
      if (a?.isTree || b?.isTree)
        total +=
          this.changedLoaded(a?.isTree ? a.id : undefined, b?.isTree ? b.id : undefined) +
          (a && !a.isTree ? 1 : 0) +
          (b && !b.isTree ? 1 : 0);
      else total += 1;
    }
    const capped = Math.min(total, this.limit + 1);
    this.changedCounts.set(key, capped);
    return capped;
  }

  /** Reads every tree below `roots` whose count is not known yet, level by level (one batch each). */
  private async loadBelow(roots: readonly (string | undefined)[]): Promise<void> {
    const visited = new Set<string>();
    let level = roots.filter((id): id is string => id !== undefined);
    while (level.length > 0) {
      const todo = [...new Set(level)].filter((id) => !visited.has(id) && !this.counts.has(id));
      for (const id of todo) visited.add(id);
      await this.read(todo);
      level = todo.flatMap((id) =>
        (this.entries.get(id) ?? []).filter((e) => e.isTree).map((e) => e.id),
      );
    }
  }

  /**
   * Reads what the changed count of each pair needs: both sides along the entries that differ,
   * and the whole of a subtree present on one side only.
   */
  private async loadPairs(pairs: readonly [string | undefined, string | undefined][]) {
    let level = pairs.filter(([a, b]) => a !== b);
    while (level.length > 0) {
      await this.read(level.flatMap(([a, b]) => (a && b ? [a, b] : [])));
      const next = new Map<string, [string, string]>();
      const oneSided: string[] = [];
      for (const [a, b] of level) {
        if (a === undefined || b === undefined) {
          oneSided.push((a ?? b) as string);
          continue;
        }
        if (this.changedCounts.has(`${a}:${b}`)) continue;
        for (const [, ea, eb] of this.changedEntries(a, b)) {
          const ta = ea?.isTree ? ea.id : undefined;
          const tb = eb?.isTree ? eb.id : undefined;
          if (ta !== undefined && tb !== undefined) next.set(`${ta}:${tb}`, [ta, tb]);
          else if (ta !== undefined || tb !== undefined) oneSided.push((ta ?? tb) as string);
        }
      }
      await this.loadBelow(oneSided);
      level = [...next.values()];
    }
  }

  /** Reads the trees not read yet; an id that is not a tree (missing, a blob) reads as empty. */
  private async read(ids: readonly string[]): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !this.entries.has(id));
    if (wanted.length === 0) return;
    const read = await this.loadTrees(wanted);
    for (const id of wanted) {
      const raw = read.get(id);
      this.entries.set(id, raw ? parseTree(raw, this.idBytes) : []);
    }
  }
}
