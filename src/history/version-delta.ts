import { isAscii } from 'node:buffer';
import { decodeUtf8Slice, isPlainUtf8 } from '../core/text-decode';
import {
  createHitOverflow,
  MAX_HITS_PER_FILE,
  MAX_HITS_PER_LINE,
  runSecretRules,
  type RawSecret,
} from '../secrets/detect';
import { FAKE_BLOCK_LINES } from '../secrets/hit-context';
import { countAtMost, lineIndexAt } from '../secrets/text-lines';
import {
  hasPythonView,
  hasWholeFileView,
  isNormalisedLength,
  lineViewLines,
  nextPythonViewState,
  pythonViewOf,
  pythonViewState,
  type NormalisedView,
  type PythonViewState,
} from '../secrets/normalise';
import type { BytePrefilter } from '../secrets/prefilter';
import type { DetectionScope, SecretRule } from '../secrets/rule';
import {
  isPathRule,
  toHits,
  type BlobScan,
  type DetectedSecret,
  type HitRecord,
} from './blob-scan';

/**
 * Scanning a file's next version against an earlier one. Pure.
 *
 * Most of a history's bytes are a few large files in many versions (a changelog, a GraphQL schema,
 * a lock file), each version a few lines away from the last. Given an earlier version of the same
 * path with its hits, the next version's hits are those of the earlier one outside the changed
 * lines (moved by the lines added or removed), plus what the rules find on the changed lines and
 * the context they read. Each rule declares that context (`SecretRule.scope`); a rule whose hits
 * depend on more than nearby lines runs on the whole text when the change can matter to it. The
 * result is exactly what scanning the whole text gives (test/history/version-delta.test.ts checks
 * every registered rule against a whole scan over random edits, and `npm run bench:history`
 * compares whole histories with the reference mode).
 *
 * Taken: text in plain UTF-8 with LF line breaks, whole (not cut at the size limit), with no path
 * rule. The normalised views (secrets/normalise.ts) are of two kinds:
 * - line views (JSON escapes, shell-like commands): each view line comes from one line of the
 *   text (`lineViewLines`). A version's views are rebuilt from those lines, kept with the base,
 *   and the lines above them that the fake-marker look-back reads; the rest of the text is
 *   blanked, which gives the same views.
 * - whole-file views (Python, notebooks, YAML) read the whole text: they run on it whenever the
 *   version holds a keyword, as in a whole scan; only the rules on the text itself are narrowed.
 */

/** A file version kept to scan the next version of its path against. */
export interface VersionBase {
  path: string;
  /** Its own copy of the bytes. */
  bytes: Buffer;
  /** Byte offset of each line's start (line 1 at 0). */
  starts: Int32Array;
  /** Each line's hash (`lineHashes`), carried to the next version for its unchanged lines. */
  hashes: Int32Array;
  /** Its content rules' hits in the text itself (not in views), none left out by the limits. */
  hits: readonly HitRecord[];
  /** How often each of the rules' keywords occurs in it (a rule without them did not run on it). */
  counts: ReadonlyMap<string, number>;
  /** Lines (1-based, in order) its line views are built from (secrets/normalise.ts). */
  viewLines: readonly number[];
  /** Rules whose `unlessInFile` pattern occurs in it (see `DetectionScope`). */
  inFile: ReadonlySet<string>;
  /** Python files: what their view's next version is found from (secrets/normalise.ts). */
  python?: PythonViewState;
}

/** Versions in a row scanned whole after which a path is not tried for a while. */
const MAX_MISSES = 2;
/** Versions of such a path scanned whole before it is tried again. */
const RETRY_AFTER = 8;

/** Smaller files cost less to scan whole than to keep. */
export const MIN_VERSION_BYTES = 16 * 1024;
/**
 * Python files cost more to take by their changes (the tokenizer's statements and the view
 * move with them): measured on saleor's and wagtail's histories, a version of 16–64 KiB took
 * as long or longer through the delta, counting the misses and the bases kept, and one of
 * 64 KiB or more about a third as long (src/history/README.md).
 */
export const MIN_PYTHON_VERSION_BYTES = 64 * 1024;

/** Bytes compared at once when looking for the common start and end of two versions. */
const COMPARE_CHUNK = 4096;

/**
 * Whether a text file at `path` can be scanned against an earlier version (and kept as one): see
 * above. `bytes` are the whole blob (not truncated, not binary).
 */
export function isVersionedText(path: string, bytes: Uint8Array): boolean {
  const least = hasPythonView(path) ? MIN_PYTHON_VERSION_BYTES : MIN_VERSION_BYTES;
  if (bytes.length < least) return false;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return view.indexOf(13) === -1 && isPlainUtf8(bytes);
}

/** A base from a version scanned whole. */
export function createVersionBase(
  path: string,
  bytes: Uint8Array,
  text: string,
  hits: readonly HitRecord[],
  counts: ReadonlyMap<string, number>,
  rules: readonly SecretRule[],
  /** Its Python view's state, when already found (`pythonViewState(text)`). */
  python?: PythonViewState,
): VersionBase {
  const copy = Buffer.from(bytes);
  const found: number[] = [0];
  collectLineStarts(copy, 0, copy.length, found);
  const starts = Int32Array.from(found);
  return {
    path,
    bytes: copy,
    starts,
    hashes: lineHashes(copy, starts, 0, starts.length),
    hits,
    counts,
    viewLines: lineViewLines(path, text),
    inFile: patternsInFile(rules, path, text),
    ...(hasPythonView(path) ? { python: python ?? pythonViewState(text) } : {}),
  };
}

/** Ids of the rules whose `unlessInFile` pattern occurs in `text`. */
function patternsInFile(rules: readonly SecretRule[], path: string, text: string): Set<string> {
  const found = new Set<string>();
  for (const rule of rules) {
    const scope = rule.scope?.(path);
    if (scope?.kind === 'lines' && scope.unlessInFile?.test(text)) found.add(rule.id);
  }
  return found;
}

/**
 * This version's view lines: the base's outside the hunks, moved by the lines added or
 * removed before them, and those of each hunk's new text (`changed[i]` is hunk `i`'s).
 */
function movedViewLines(
  baseLines: readonly number[],
  hunks: readonly Hunk[],
  path: string,
  changed: readonly string[],
): number[] {
  const lines: number[] = [];
  let k = 0;
  let shift = 0;
  hunks.forEach((hunk, i) => {
    for (; k < baseLines.length && baseLines[k]! - 1 < hunk.aFrom; k++)
      lines.push(baseLines[k]! + shift);
    while (k < baseLines.length && baseLines[k]! - 1 < hunk.aTo) k++;
    for (const line of lineViewLines(path, changed[i] ?? '')) lines.push(hunk.bFrom + line);
    shift += hunk.bTo - hunk.bFrom - (hunk.aTo - hunk.aFrom);
  });
  for (; k < baseLines.length; k++) lines.push(baseLines[k]! + shift);
  return lines;
}

/**
 * The text the line views and their hits' context read: the view lines and the
 * `FAKE_BLOCK_LINES` above each (the fake-marker look-back), every other line blank, so lines
 * keep their numbers. Undefined if a line can't be decoded alone.
 */
function viewSource(
  bytes: Buffer,
  starts: Int32Array,
  viewLines: readonly number[],
): string | undefined {
  const text: string[] = new Array<string>(starts.length).fill('');
  for (const line of viewLines)
    for (let index = Math.max(0, line - 1 - FAKE_BLOCK_LINES); index < line; index++) {
      if (text[index] !== '') continue;
      const start = starts[index] ?? bytes.length;
      const next = starts[index + 1];
      const decoded = decodeUtf8Slice(
        bytes.subarray(start, next === undefined ? bytes.length : next - 1),
      );
      if (decoded === undefined) return undefined;
      text[index] = decoded;
    }
  return text.join('\n');
}

/** Starts of the lines after each LF in `bytes[from, to)`. */
function collectLineStarts(bytes: Buffer, from: number, to: number, into: number[]): void {
  const part = bytes.subarray(from, to);
  for (let at = part.indexOf(10); at !== -1; at = part.indexOf(10, at + 1))
    into.push(from + at + 1);
}

function commonPrefix(a: Buffer, b: Buffer): number {
  const limit = Math.min(a.length, b.length);
  let at = 0;
  while (
    at + COMPARE_CHUNK <= limit &&
    a.compare(b, at, at + COMPARE_CHUNK, at, at + COMPARE_CHUNK) === 0
  )
    at += COMPARE_CHUNK;
  while (at < limit && a[at] === b[at]) at++;
  return at;
}

function commonSuffix(a: Buffer, b: Buffer, limit: number): number {
  let length = 0;
  while (
    length + COMPARE_CHUNK <= limit &&
    a.compare(
      b,
      b.length - length - COMPARE_CHUNK,
      b.length - length,
      a.length - length - COMPARE_CHUNK,
      a.length - length,
    ) === 0
  )
    length += COMPARE_CHUNK;
  while (length < limit && a[a.length - 1 - length] === b[b.length - 1 - length]) length++;
  return length;
}

/** How a rule is handled for one version: reuse the base's hits, scan nearby lines, or all. */
type Plan = 'none' | 'keep' | 'window' | 'whole';

/** Changed lines: `[aFrom, aTo)` of the base became `[bFrom, bTo)` of the new version. */
export interface Hunk {
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
}

/** Edit distance (lines) past which the changed middle is taken as one hunk. */
const MAX_LINE_EDITS = 64;

/** FNV-1a over each line's bytes (with its LF), for lines `[from, to)`. */
function lineHashes(bytes: Buffer, starts: Int32Array, from: number, to: number): Int32Array {
  const hashes = new Int32Array(to - from);
  for (let line = from; line < to; line++) {
    const end = line + 1 < starts.length ? (starts[line + 1] ?? bytes.length) : bytes.length;
    let hash = 0x811c9dc5;
    for (let i = starts[line] ?? 0; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    hashes[line - from] = hash;
  }
  return hashes;
}

/**
 * The hunks between lines `[first, countA)` of `a` and `[first, countB)` of `b` (the part
 * between their common start and end): Myers' shortest edit script over line hashes, then every
 * line it calls equal checked byte for byte. One hunk for the whole part when the edits are many
 * or a hash collided.
 */
export function lineHunks(
  a: Buffer,
  startsA: Int32Array,
  b: Buffer,
  startsB: Int32Array,
  first: number,
  countA: number,
  countB: number,
  /** Every line's hash in each (`lineHashes`), when known; else the part's are computed. */
  hashes?: { a: Int32Array; b: Int32Array },
): Hunk[] {
  const whole: Hunk[] = [{ aFrom: first, aTo: countA, bFrom: first, bTo: countB }];
  const n = countA - first;
  const m = countB - first;
  if (n === 0 || m === 0) return whole;
  const x = hashes ? hashes.a.subarray(first, countA) : lineHashes(a, startsA, first, countA);
  const y = hashes ? hashes.b.subarray(first, countB) : lineHashes(b, startsB, first, countB);
  const max = Math.min(MAX_LINE_EDITS, n + m);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found === -1; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let i =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let j = i - k;
      while (i < n && j < m && x[i] === y[j]) {
        i++;
        j++;
      }
      v[offset + k] = i;
      if (i >= n && j >= m) {
        found = d;
        break;
      }
    }
  }
  if (found === -1) return whole;
  // Back from the end: the equal runs, last first.
  const runs: [number, number, number][] = [];
  let i = n;
  let j = m;
  for (let d = found; d > 0; d--) {
    const before = trace[d]!;
    const k = i - j;
    const prevK =
      k === -d || (k !== d && before[offset + k - 1]! < before[offset + k + 1]!) ? k + 1 : k - 1;
    const prevI = before[offset + prevK]!;
    const prevJ = prevI - prevK;
    const startI = prevK === k + 1 ? prevI : prevI + 1;
    const startJ = startI - k;
    if (i > startI) runs.push([startI, startJ, i - startI]);
    i = prevI;
    j = prevJ;
  }
  if (i > 0) runs.push([0, 0, i]);
  runs.reverse();
  const hunks: Hunk[] = [];
  let ai = 0;
  let bj = 0;
  for (const [runI, runJ, length] of runs) {
    if (runI > ai || runJ > bj)
      hunks.push({ aFrom: first + ai, aTo: first + runI, bFrom: first + bj, bTo: first + runJ });
    // Equal by hash: equal by bytes too, or a hash collided.
    const fromA = startsA[first + runI] ?? 0;
    const toA = first + runI + length < startsA.length ? startsA[first + runI + length]! : a.length;
    const fromB = startsB[first + runJ] ?? 0;
    const toB = first + runJ + length < startsB.length ? startsB[first + runJ + length]! : b.length;
    if (toA - fromA !== toB - fromB || a.compare(b, fromB, toB, fromA, toA) !== 0) return whole;
    ai = runI + length;
    bj = runJ + length;
  }
  if (ai < n || bj < m)
    hunks.push({ aFrom: first + ai, aTo: countA, bFrom: first + bj, bTo: countB });
  return hunks;
}

/**
 * The scan of `bytes` (a version of `base.path`) from `base`, with the next base; undefined when
 * this version must be scanned whole (it isn't such a text, most of it changed, or the hit limits
 * could come into play). The rules' keywords in `bytes` are counted from the changed lines
 * (`prefilter`); `secrets` receives the values of the hits found here (the base's were recorded
 * when it was scanned). A version without any keyword is `clean`, as the prefilter would have
 * decided.
 */
export function scanAgainstBase(
  base: VersionBase,
  bytes: Uint8Array,
  rules: readonly SecretRule[],
  prefilter: BytePrefilter,
  secrets: Map<string, DetectedSecret>,
): { scan: BlobScan | 'clean'; base: VersionBase } | undefined {
  const { path } = base;
  if (!isVersionedText(path, bytes)) return undefined;
  const a = base.bytes;
  // A copy: kept as the next base.
  const b = Buffer.from(bytes);
  const prefix = commonPrefix(a, b);
  const suffix = commonSuffix(a, b, Math.min(a.length, b.length) - prefix);
  const endA = a.length - suffix;
  const endB = b.length - suffix;

  // Lines before `first` are the same in both; lines from `countA` of the base on are the same as
  // lines from `countB` of this version on. Between, the hunks say which lines changed.
  const first = lineIndexAt(base.starts, prefix);
  const countA = countAtMost(base.starts, endA);
  const middle: number[] = [];
  collectLineStarts(b, prefix, endB, middle);
  const suffixStarts = base.starts.subarray(countA);
  const starts = new Int32Array(first + 1 + middle.length + suffixStarts.length);
  starts.set(base.starts.subarray(0, first + 1));
  starts.set(middle, first + 1);
  const delta = b.length - a.length;
  let at = first + 1 + middle.length;
  // Indexed: `for…of` over a typed array allocated an iterator result per line here (measured).
  for (let i = 0; i < suffixStarts.length; i++) starts[at++] = suffixStarts[i]! + delta;
  const countB = first + 1 + middle.length;
  // Lines before `first` and from `countB` on are the base's, byte for byte: so are their hashes.
  const hashes = new Int32Array(starts.length);
  hashes.set(base.hashes.subarray(0, first));
  hashes.set(lineHashes(b, starts, first, countB), first);
  hashes.set(base.hashes.subarray(countA), countB);
  const hunks = lineHunks(a, base.starts, b, starts, first, countA, countB, {
    a: base.hashes,
    b: hashes,
  });

  const startOf = (own: Int32Array, length: number, line: number) =>
    line < own.length ? (own[line] ?? length) : length;
  const bytesOf = (buffer: Buffer, own: Int32Array, from: number, to: number) =>
    buffer.subarray(startOf(own, buffer.length, from), startOf(own, buffer.length, to));
  let changedBytes = 0;
  for (const hunk of hunks) changedBytes += bytesOf(b, starts, hunk.bFrom, hunk.bTo).length;
  // Mostly changed: a whole scan costs less.
  if (changedBytes * 2 > b.length) return undefined;

  // The keywords of this version: the base's counts, less the old changed lines', plus the new.
  const counts = new Map(base.counts);
  const changedA: string[] = [];
  const changedB: string[] = [];
  for (const hunk of hunks) {
    const old = bytesOf(a, base.starts, hunk.aFrom, hunk.aTo);
    const now = bytesOf(b, starts, hunk.bFrom, hunk.bTo);
    const removed = prefilter.keywordCounts(old);
    const added = prefilter.keywordCounts(now);
    const oldText = decodeUtf8Slice(old);
    const nowText = decodeUtf8Slice(now);
    if (!removed || !added || oldText === undefined || nowText === undefined) return undefined;
    for (const [keyword, count] of removed) {
      const left = (counts.get(keyword) ?? 0) - count;
      if (left > 0) counts.set(keyword, left);
      else counts.delete(keyword);
    }
    for (const [keyword, count] of added) counts.set(keyword, (counts.get(keyword) ?? 0) + count);
    changedA.push(oldText);
    changedB.push(nowText);
  }
  const keywords = new Set(counts.keys());
  // Joined by line breaks: no keyword or pattern looked for here spans one.
  const changedTextA = changedA.join('\n');
  const changedTextB = changedB.join('\n');
  const changedLowerA = changedTextA.toLowerCase();
  const changedLowerB = changedTextB.toLowerCase();
  const viewLines = movedViewLines(base.viewLines, hunks, path, changedB);

  const contentRules = rules.filter((rule) => !isPathRule(rule));
  const baseHits = new Map<string, HitRecord[]>();
  for (const hit of base.hits) {
    const list = baseHits.get(hit.ruleId);
    if (list) list.push(hit);
    else baseHits.set(hit.ruleId, [hit]);
  }
  const mentions = (rule: SecretRule, text: string) =>
    (rule.keywords ?? []).some((keyword) => text.includes(keyword.toLowerCase()));
  /** Whether base line `index` is within `reach` lines of a changed line of the base. */
  const nearChange = (index: number, reach: number) =>
    hunks.some((hunk) => index >= hunk.aFrom - reach && index <= hunk.aTo - 1 + reach);

  let radius = FAKE_BLOCK_LINES;
  const plans = new Map<SecretRule, Plan>();
  for (const rule of contentRules) {
    if (rule.keywords === undefined) return undefined;
    if (!rule.keywords.some((keyword) => keywords.has(keyword))) {
      plans.set(rule, 'none');
      continue;
    }
    // The rule did not run on the base: its hits there are unknown.
    if (!rule.keywords.some((keyword) => base.counts.has(keyword))) {
      plans.set(rule, 'whole');
      continue;
    }
    const scope: DetectionScope = rule.scope?.(path) ?? { kind: 'file' };
    let plan: Plan;
    if (scope.kind === 'lines') {
      const fileWide =
        scope.unlessInFile !== undefined &&
        (base.inFile.has(rule.id) || scope.unlessInFile.test(changedTextB));
      plan = fileWide ? 'whole' : 'window';
      if (!fileWide) radius = Math.max(radius, scope.radius);
    } else if (scope.kind === 'keyword-lines')
      // A hit near the change may change with it (the fake-marker look-back reads lines above).
      plan =
        mentions(rule, changedLowerA) ||
        mentions(rule, changedLowerB) ||
        (baseHits.get(rule.id) ?? []).some((hit) => nearChange(hit.line - 1, FAKE_BLOCK_LINES))
          ? 'whole'
          : 'keep';
    else if (scope.kind === 'keyword-hits')
      plan = baseHits.has(rule.id) || mentions(rule, changedLowerB) ? 'whole' : 'none';
    else plan = 'whole';
    plans.set(rule, plan);
  }

  const overflow = createHitOverflow();
  const found = new Map<string, RawSecret[]>();
  const run = (
    planned: Plan,
    content: string,
    lineOffset: number,
    keep: (line: number) => boolean,
  ): void => {
    const chosen = contentRules.filter((rule) => plans.get(rule) === planned);
    if (chosen.length === 0) return;
    for (const raw of runSecretRules({ path, content }, chosen, keywords, overflow, 'direct')) {
      raw.match = { ...raw.match, line: raw.match.line + lineOffset };
      if (!keep(raw.match.line - 1)) continue;
      const list = found.get(raw.rule.id);
      if (list) list.push(raw);
      else found.set(raw.rule.id, [raw]);
    }
  };

  // Windows: each group of hunks and twice the radius around it, of which the changed lines and
  // one radius around them are taken (each of those lines has its whole context inside).
  const lines = starts.length;
  const groups: Hunk[] = [];
  for (const hunk of hunks) {
    const last = groups[groups.length - 1];
    if (last && hunk.bFrom - 2 * radius <= last.bTo - 1 + 2 * radius + 1)
      groups[groups.length - 1] = { ...last, aTo: hunk.aTo, bTo: hunk.bTo };
    else groups.push({ ...hunk });
  }
  const inner = (index: number) =>
    groups.some((group) => index >= group.bFrom - radius && index <= group.bTo - 1 + radius);
  const windowed = [...plans.values()].includes('window');
  for (const group of windowed ? groups : []) {
    const from = Math.max(0, group.bFrom - 2 * radius);
    const to = Math.min(lines - 1, group.bTo - 1 + 2 * radius);
    const text = decodeUtf8Slice(bytesOf(b, starts, from, to + 1));
    if (text === undefined) return undefined;
    run('window', text, from, inner);
  }
  for (const raws of found.values())
    for (const raw of raws)
      if (raw.match.endLine !== undefined && raw.match.endLine !== raw.match.line) return undefined;
  // The Python view of this version from the base's and the changed lines; other whole-file
  // views read the whole text whenever the rules run at all (see runSecretRules).
  let python: PythonViewState | undefined;
  if (base.python) {
    python = nextPythonViewState(base.python, hunks, {
      baseStarts: base.starts,
      starts,
      baseLength: a.length,
      length: b.length,
      text: (from, to) => decodeUtf8Slice(bytesOf(b, starts, from, to)),
    });
    if (!python) return undefined;
  }
  const wholeView = hasWholeFileView(path) && !python && keywords.size > 0;
  const whole = [...plans.values()].includes('whole') || wholeView ? decodeUtf8Slice(b) : '';
  if (whole === undefined) return undefined;
  run('whole', whole, 0, () => true);
  // Without the whole text: the base's and the new lines' (a pattern absent from both is absent
  // from this version; one removed by the change is still counted, which only costs speed).
  const inFile =
    whole === ''
      ? new Set([...base.inFile, ...patternsInFile(contentRules, path, changedTextB)])
      : patternsInFile(contentRules, path, whole);

  // The base's hits away from the changed lines, moved to this version's lines.
  const moved = (hit: HitRecord): HitRecord => {
    let shift = 0;
    for (const hunk of hunks) {
      if (hunk.aFrom > hit.line - 1) break;
      shift += hunk.bTo - hunk.bFrom - (hunk.aTo - hunk.aFrom);
    }
    if (shift === 0) return hit;
    const next: HitRecord = { ...hit, line: hit.line + shift };
    if (hit.endLine !== undefined) next.endLine = hit.endLine + shift;
    return next;
  };
  const hits: HitRecord[] = [];
  for (const rule of contentRules) {
    const plan = plans.get(rule);
    const own = baseHits.get(rule.id) ?? [];
    const raws = found.get(rule.id) ?? [];
    if (plan === 'whole') hits.push(...toHits(raws, secrets));
    else if (plan === 'keep') {
      // Not on a changed line: a hit there would have a keyword on it (the rule's scope).
      if (own.some((hit) => nearChange(hit.line - 1, 0))) return undefined;
      hits.push(...own.map(moved));
    } else if (plan === 'window') {
      // In line order: the base's kept hits and the windows' hits, merged.
      const kept: HitRecord[] = [];
      for (const hit of own) {
        if (hit.endLine !== undefined && hit.endLine !== hit.line) return undefined;
        // Outside every window's taken lines (their base lines): not scanned again.
        const index = hit.line - 1;
        if (
          !groups.some((group) => index >= group.aFrom - radius && index <= group.aTo - 1 + radius)
        )
          kept.push(moved(hit));
      }
      const fresh = toHits(raws, secrets);
      const merged: HitRecord[] = [];
      let k = 0;
      for (const hit of fresh) {
        while (k < kept.length && kept[k]!.line < hit.line) merged.push(kept[k++]!);
        merged.push(hit);
      }
      while (k < kept.length) merged.push(kept[k++]!);
      hits.push(...merged);
    }
  }

  // The views, without the values found in the text itself. Views skip a text past their size
  // limit in characters: an ASCII text has one per byte, another is decoded to count them.
  const all = [...hits];
  const sized = isNormalisedLength(b.length);
  let viewed: { content: string | undefined; views?: NormalisedView[] } | undefined;
  if (keywords.size > 0 && (sized || !isAscii(b))) {
    if (!sized || wholeView) viewed = { content: whole || decodeUtf8Slice(b) };
    else if (python) {
      // The view's lines come from wherever its values were written: those lines are the text.
      const view = pythonViewOf(path, python);
      if (view) {
        const lines = [...new Set(view.origins.map((origin) => origin.line))];
        viewed = { content: viewSource(b, starts, lines), views: [view] };
      }
    } else if (viewLines.length > 0) viewed = { content: viewSource(b, starts, viewLines) };
  }
  if (viewed) {
    if (viewed.content === undefined) return undefined;
    const direct = new Set(hits.map((hit) => `${hit.ruleId}\u0000${hit.secretHash}`));
    const raws = runSecretRules(
      { path, content: viewed.content },
      contentRules,
      keywords,
      overflow,
      'views',
      (ruleId, secretHash) => direct.has(`${ruleId}\u0000${secretHash}`),
      viewed.views,
    );
    all.push(...toHits(raws, secrets));
  }
  if (overflow.skipped > 0) return undefined;

  // Within the limits, a whole scan drops nothing, so the hits are the same.
  if (all.length > MAX_HITS_PER_FILE) return undefined;
  const perLine = new Map<number, number>();
  for (const hit of all) {
    const count = (perLine.get(hit.line) ?? 0) + 1;
    if (count > MAX_HITS_PER_LINE) return undefined;
    perLine.set(hit.line, count);
  }
  return {
    // No keyword: the prefilter would have settled it without decoding.
    scan: keywords.size === 0 ? 'clean' : { c: all },
    base: {
      path,
      bytes: b,
      starts,
      hashes,
      hits,
      counts,
      viewLines,
      inFile,
      ...(python ? { python } : {}),
    },
  };
}

/**
 * The latest version of each path kept as a base, least recently used dropped first past
 * `maxBytes` (the bytes are most of a base's size).
 */
export class VersionStore {
  private readonly bases = new Map<string, VersionBase>();
  private bytes = 0;
  /** Versions in a row that had to be scanned whole, by path. */
  private readonly misses = new Map<string, number>();
  constructor(private readonly maxBytes: number) {}

  /**
   * Whether to try `path`'s next version against its base. A file whose versions keep changing
   * all over (a translation catalogue whose every reference comment moves) costs the attempt and
   * then a whole scan: after `MAX_MISSES` misses in a row its next `RETRY_AFTER` versions are
   * scanned whole, then it is tried again (a changelog that met a distant branch's version).
   */
  worthTrying(path: string): boolean {
    const misses = this.misses.get(path) ?? 0;
    if (misses < MAX_MISSES) return true;
    if (misses >= MAX_MISSES + RETRY_AFTER) {
      this.misses.delete(path);
      return true;
    }
    this.misses.set(path, misses + 1);
    return false;
  }

  /** Records whether a version of `path` could be scanned against its base. */
  record(path: string, scannedAgainstBase: boolean): void {
    if (scannedAgainstBase) this.misses.delete(path);
    else this.misses.set(path, (this.misses.get(path) ?? 0) + 1);
  }

  get(path: string): VersionBase | undefined {
    const base = this.bases.get(path);
    if (base) {
      // Most recently used last.
      this.bases.delete(path);
      this.bases.set(path, base);
    }
    return base;
  }

  set(base: VersionBase): void {
    this.drop(base.path);
    if (base.bytes.length > this.maxBytes) return;
    this.bases.set(base.path, base);
    this.bytes += base.bytes.length;
    for (const [path] of this.bases) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(path);
    }
  }

  private drop(path: string): void {
    const base = this.bases.get(path);
    if (!base) return;
    this.bases.delete(path);
    this.bytes -= base.bytes.length;
  }
}
