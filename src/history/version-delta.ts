import { decodeUtf8Slice, isPlainUtf8 } from '../core/text-decode';
import {
  createHitOverflow,
  MAX_HITS_PER_FILE,
  MAX_HITS_PER_LINE,
  runSecretRules,
  type RawSecret,
} from '../secrets/detect';
import { FAKE_BLOCK_LINES } from '../secrets/hit-context';
import { commandViewLines, hasWholeFileView } from '../secrets/normalise';
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
 * Taken line by line only: files without a whole-file normalised view (not Python, notebooks,
 * JSON or YAML), in plain UTF-8 with LF line breaks, whole (not cut at the size limit), with no
 * path rule. A command view (shell-like files: its lines are the few that run a command setting a
 * variable) is read from the whole text when the version has such a line.
 */

/** A file version kept to scan the next version of its path against. */
export interface VersionBase {
  path: string;
  /** Its own copy of the bytes. */
  bytes: Buffer;
  /** Byte offset of each line's start (line 1 at 0). */
  starts: Int32Array;
  /** Its content rules' hits in the text itself (not in views), none left out by the limits. */
  hits: readonly HitRecord[];
  /** The rules' keywords it holds (a rule without them did not run on it). */
  keywords: ReadonlySet<string>;
  /** Lines its command view is built from (secrets/normalise.ts). */
  commandLines: number;
  /** Rules whose `unlessInFile` pattern occurs in it (see `DetectionScope`). */
  inFile: ReadonlySet<string>;
}

/** Smaller files cost less to scan whole than to keep. */
export const MIN_VERSION_BYTES = 16 * 1024;

/** Bytes compared at once when looking for the common start and end of two versions. */
const COMPARE_CHUNK = 4096;

/**
 * Whether a text file at `path` can be scanned against an earlier version (and kept as one): see
 * above. `bytes` are the whole blob (not truncated, not binary).
 */
export function isVersionedText(path: string, bytes: Uint8Array): boolean {
  if (bytes.length < MIN_VERSION_BYTES || hasWholeFileView(path)) return false;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return view.indexOf(13) === -1 && isPlainUtf8(bytes);
}

/** A base from a version scanned whole. */
export function createVersionBase(
  path: string,
  bytes: Uint8Array,
  text: string,
  hits: readonly HitRecord[],
  keywords: ReadonlySet<string>,
  rules: readonly SecretRule[],
): VersionBase {
  const copy = Buffer.from(bytes);
  const starts: number[] = [0];
  collectLineStarts(copy, 0, copy.length, starts);
  return {
    path,
    bytes: copy,
    starts: Int32Array.from(starts),
    hits,
    keywords,
    commandLines: commandViewLines(path, text),
    inFile: patternsInFile(rules, path, text),
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

/** Index of the last line start at or before `offset`. */
function lineIndexAt(starts: Int32Array, offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Number of line starts at or before `offset`. */
function startsUpTo(starts: Int32Array, offset: number): number {
  return lineIndexAt(starts, offset) + 1;
}

/** How a rule is handled for one version: reuse the base's hits, scan nearby lines, or all. */
type Plan = 'none' | 'keep' | 'window' | 'whole';

/**
 * The scan of `bytes` (a version of `base.path`) from `base`, with the next base; undefined when
 * this version must be scanned whole (it isn't such a text, or the hit limits could come into
 * play). `keywords` are the rules' keywords in `bytes` (secrets/prefilter.ts); `secrets` receives
 * the values of the hits found here (the base's were recorded when it was scanned).
 */
export function scanAgainstBase(
  base: VersionBase,
  bytes: Uint8Array,
  rules: readonly SecretRule[],
  keywords: ReadonlySet<string>,
  secrets: Map<string, DetectedSecret>,
): { scan: BlobScan; base: VersionBase } | undefined {
  const { path } = base;
  if (!isVersionedText(path, bytes)) return undefined;
  const a = base.bytes;
  // A copy: kept as the next base.
  const b = Buffer.from(bytes);
  const prefix = commonPrefix(a, b);
  const suffix = commonSuffix(a, b, Math.min(a.length, b.length) - prefix);
  const endA = a.length - suffix;
  const endB = b.length - suffix;

  // Lines [first, countA) of the base and [first, countB) of this version are the changed ones;
  // lines before are the same, lines after are the same lines moved by `shift`.
  const first = lineIndexAt(base.starts, prefix);
  const countA = startsUpTo(base.starts, endA);
  const middle: number[] = [];
  collectLineStarts(b, prefix, endB, middle);
  const suffixStarts = base.starts.subarray(countA);
  const starts = new Int32Array(first + 1 + middle.length + suffixStarts.length);
  starts.set(base.starts.subarray(0, first + 1));
  starts.set(middle, first + 1);
  const delta = b.length - a.length;
  let at = first + 1 + middle.length;
  for (const start of suffixStarts) starts[at++] = start + delta;
  const countB = first + 1 + middle.length;
  const shift = countB - countA;
  const lineEnd = (own: Int32Array, length: number, count: number) =>
    count < own.length ? (own[count] ?? length) : length;

  const changedB = decodeUtf8Slice(
    b.subarray(starts[first] ?? 0, lineEnd(starts, b.length, countB)),
  );
  const changedA = decodeUtf8Slice(
    a.subarray(base.starts[first] ?? 0, lineEnd(base.starts, a.length, countA)),
  );
  if (changedB === undefined || changedA === undefined) return undefined;
  const changedLowerB = changedB.toLowerCase();
  const changedLowerA = changedA.toLowerCase();
  const commandLines =
    base.commandLines - commandViewLines(path, changedA) + commandViewLines(path, changedB);

  const contentRules = rules.filter((rule) => !isPathRule(rule));
  const baseHits = new Map<string, HitRecord[]>();
  for (const hit of base.hits) {
    const list = baseHits.get(hit.ruleId);
    if (list) list.push(hit);
    else baseHits.set(hit.ruleId, [hit]);
  }
  const mentions = (rule: SecretRule, text: string) =>
    (rule.keywords ?? []).some((keyword) => text.includes(keyword.toLowerCase()));

  const isNear = (index: number) =>
    index >= first - FAKE_BLOCK_LINES && index <= countA - 1 + FAKE_BLOCK_LINES;
  let radius = FAKE_BLOCK_LINES;
  const plans = new Map<SecretRule, Plan>();
  for (const rule of contentRules) {
    if (rule.keywords === undefined) return undefined;
    if (!rule.keywords.some((keyword) => keywords.has(keyword))) {
      plans.set(rule, 'none');
      continue;
    }
    // The rule did not run on the base: its hits there are unknown.
    if (!rule.keywords.some((keyword) => base.keywords.has(keyword))) {
      plans.set(rule, 'whole');
      continue;
    }
    const scope: DetectionScope = rule.scope?.(path) ?? { kind: 'file' };
    let plan: Plan;
    if (scope.kind === 'lines') {
      const fileWide =
        scope.unlessInFile !== undefined &&
        (base.inFile.has(rule.id) || scope.unlessInFile.test(changedB));
      plan = fileWide ? 'whole' : 'window';
      if (!fileWide) radius = Math.max(radius, scope.radius);
    } else if (scope.kind === 'keyword-lines')
      // A hit near the change may change with it (the fake-marker look-back reads lines above).
      plan =
        mentions(rule, changedLowerA) ||
        mentions(rule, changedLowerB) ||
        (baseHits.get(rule.id) ?? []).some((hit) => isNear(hit.line - 1))
          ? 'whole'
          : 'keep';
    else if (scope.kind === 'keyword-hits')
      plan = baseHits.has(rule.id) || mentions(rule, changedLowerB) ? 'whole' : 'none';
    else plan = 'whole';
    plans.set(rule, plan);
  }

  const overflow = createHitOverflow();
  const found = new Map<string, RawSecret[]>();
  const run = (planned: Plan, content: string): void => {
    const chosen = contentRules.filter((rule) => plans.get(rule) === planned);
    if (chosen.length === 0) return;
    for (const raw of runSecretRules({ path, content }, chosen, keywords, overflow, 'direct')) {
      const list = found.get(raw.rule.id);
      if (list) list.push(raw);
      else found.set(raw.rule.id, [raw]);
    }
  };

  // The window: the changed lines and twice the radius around them, of which the changed lines
  // and one radius around them are taken (each of those lines has its whole context inside).
  const lines = starts.length;
  const innerFrom = Math.max(0, first - radius);
  const innerTo = Math.min(lines - 1, countB - 1 + radius);
  const windowFrom = Math.max(0, first - 2 * radius);
  const windowTo = Math.min(lines - 1, countB - 1 + 2 * radius);
  const windowText = decodeUtf8Slice(
    b.subarray(starts[windowFrom] ?? 0, lineEnd(starts, b.length, windowTo + 1)),
  );
  if (windowText === undefined) return undefined;
  run('window', windowText);
  for (const raws of found.values())
    for (const raw of raws) {
      if (raw.match.endLine !== undefined && raw.match.endLine !== raw.match.line) return undefined;
      raw.match = { ...raw.match, line: raw.match.line + windowFrom };
      delete raw.match.endLine;
    }
  const whole = [...plans.values()].includes('whole') || commandLines > 0 ? decodeUtf8Slice(b) : '';
  if (whole === undefined) return undefined;
  run('whole', whole);
  // Without the whole text: the base's and the new lines' (a pattern absent from both is absent
  // from this version; one removed by the change is still counted, which only costs speed).
  const inFile =
    whole === ''
      ? new Set([...base.inFile, ...patternsInFile(contentRules, path, changedB)])
      : patternsInFile(contentRules, path, whole);

  // The base's hits outside the changed lines and their context, moved to this version's lines.
  const moved = (hit: HitRecord, keepFrom: number, keepTo: number): HitRecord | undefined => {
    const index = hit.line - 1;
    if (index < keepFrom) return hit;
    if (index > keepTo) {
      const next: HitRecord = { ...hit, line: hit.line + shift };
      if (hit.endLine !== undefined) next.endLine = hit.endLine + shift;
      return next;
    }
    return undefined;
  };
  const hits: HitRecord[] = [];
  for (const rule of contentRules) {
    const plan = plans.get(rule);
    const own = baseHits.get(rule.id) ?? [];
    const raws = found.get(rule.id) ?? [];
    if (plan === 'whole') hits.push(...toHits(raws, secrets));
    else if (plan === 'keep') {
      for (const hit of own) {
        const kept = moved(hit, first, countA - 1);
        if (!kept) return undefined; // a hit on a changed line without a keyword: not this rule's scope
        hits.push(kept);
      }
    } else if (plan === 'window') {
      const before: HitRecord[] = [];
      const after: HitRecord[] = [];
      for (const hit of own) {
        if (hit.endLine !== undefined && hit.endLine !== hit.line) return undefined;
        const kept = moved(hit, first - radius, countA - 1 + radius);
        if (kept) (kept === hit ? before : after).push(kept);
      }
      const inner = raws.filter(
        (raw) => raw.match.line - 1 >= innerFrom && raw.match.line - 1 <= innerTo,
      );
      hits.push(...before, ...toHits(inner, secrets), ...after);
    }
  }

  // The command view, over the whole text, without the values found in the text itself.
  const all = [...hits];
  if (commandLines > 0) {
    const direct = new Set(hits.map((hit) => `${hit.ruleId}\u0000${hit.secretHash}`));
    const raws = runSecretRules(
      { path, content: whole },
      contentRules,
      keywords,
      overflow,
      'views',
      (ruleId, secretHash) => direct.has(`${ruleId}\u0000${secretHash}`),
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
    scan: { c: all },
    base: { path, bytes: b, starts, hits, keywords, commandLines, inFile },
  };
}

/**
 * The latest version of each path kept as a base, least recently used dropped first past
 * `maxBytes` (the bytes are most of a base's size).
 */
export class VersionStore {
  private readonly bases = new Map<string, VersionBase>();
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}

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
