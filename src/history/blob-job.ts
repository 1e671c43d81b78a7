import { decodeBlob, hasUtf16Bom, isBinaryContent } from '../core/text-decode';
import { createHitOverflow, describeHitOverflow } from '../secrets/detect';
import {
  hasNormalisedViews,
  hasPythonView,
  pythonViews,
  pythonViewState,
} from '../secrets/normalise';
import type { BytePrefilter } from '../secrets/prefilter';
import type { SecretRule } from '../secrets/rule';
import { missingPathRules, scanBlobText, type BlobScan, type DetectedSecret } from './blob-scan';
import {
  createVersionBase,
  isVersionedText,
  scanAgainstBase,
  type VersionStore,
} from './version-delta';

/**
 * What happens to one blob read from history, the same on the main thread and in a scan worker
 * (scan-workers.ts): binary blobs and blobs holding no rule's keyword (decided on their bytes, see
 * secrets/prefilter.ts) are settled without decoding; the rest are decoded and run through the
 * rules. Pure.
 */
export interface BlobJob {
  id: string;
  content: Uint8Array;
  size: number;
  truncated: boolean;
  /** Every path the blob was seen under so far (content rules use the first). */
  paths: readonly string[];
  /** The blob's earlier scan, when a path rule now needs to run on it too. */
  previous?: BlobScan;
}

export interface BlobOutcome {
  /** `clean`: no rule can match (the shared clean scan); undefined: a rule failed, not cached. */
  scan: BlobScan | 'clean' | undefined;
  /** Detected values by secret key (masking and the range byte search); never serialised. */
  secrets?: [string, DetectedSecret][];
  warning?: string;
  debug?: string;
  /** Not text (see core/text-decode.ts): counted in the coverage, not scanned. */
  binary?: true;
}

export interface BlobRules {
  rules: readonly SecretRule[];
  pathRules: readonly SecretRule[];
  prefilter: BytePrefilter;
  maxBlobBytes: number;
  /**
   * Earlier versions of large text files, to scan a next version's changed lines only
   * (version-delta.ts); kept on the thread that scans blobs in history order.
   */
  versions?: VersionStore;
}

/** True when a path rule applies to one of `paths` and hasn't run on the blob yet. */
function needsPathRule(
  pathRules: readonly SecretRule[],
  paths: readonly string[],
  previous: BlobScan | undefined,
): boolean {
  for (const rule of pathRules)
    if (previous?.p?.[rule.id] === undefined && paths.some((path) => rule.appliesToPath?.(path)))
      return true;
  return false;
}

/**
 * Whether a content rule that reads files at `path` (its first path, the one content rules get)
 * has one of `keywords`: otherwise no rule can match. A rule that ignores the path (a translation
 * catalogue for DDG122) finds nothing there whatever the text; with normalised views possible,
 * every keyword counts (a view is read by every rule).
 */
function anyRuleReads(
  rules: readonly SecretRule[],
  keywords: ReadonlySet<string>,
  path: string | undefined,
): boolean {
  if (keywords.size === 0) return false;
  if (path === undefined || hasNormalisedViews(path)) return true;
  return rules.some(
    (rule) =>
      !rule.appliesToPath &&
      !rule.ignoresPath?.(path) &&
      (rule.keywords ?? []).some((keyword) => keywords.has(keyword)),
  );
}

export function scanBlobJob(job: BlobJob, context: BlobRules): BlobOutcome {
  const { content, previous, paths } = job;
  if (isBinaryContent(content)) {
    // Binary: nothing any rule could read; remember it so it is never read again.
    const applicable = missingPathRules(undefined, paths, context.pathRules);
    return applicable.length > 0
      ? {
          scan: { c: [], p: Object.fromEntries(applicable.map((rule) => [rule.id, []])) },
          binary: true,
        }
      : { scan: 'clean', binary: true };
  }
  // A large text file's next version: only its changed lines (version-delta.ts).
  const path = paths[0];
  const versions =
    context.versions !== undefined &&
    path !== undefined &&
    !previous &&
    !job.truncated &&
    !needsPathRule(context.pathRules, paths, undefined) &&
    context.versions.worthTrying(path) &&
    isVersionedText(path, content)
      ? context.versions
      : undefined;
  const base = path === undefined ? undefined : versions?.get(path);
  if (base) {
    const found = new Map<string, DetectedSecret>();
    const next = scanAgainstBase(base, content, context.rules, context.prefilter, found);
    versions?.record(base.path, next !== undefined);
    if (next) {
      versions?.set(next.base);
      return { scan: next.scan, ...(found.size > 0 ? { secrets: [...found] } : {}) };
    }
  }
  // The byte prefilter looks for ASCII keywords, which UTF-16 spells with NULs between. A file
  // kept as a base has its keywords counted, so that its next version can be counted from its
  // changed lines.
  const counts = versions ? context.prefilter.keywordCounts(content) : undefined;
  const keywords = counts
    ? new Set(counts.keys())
    : hasUtf16Bom(content)
      ? undefined
      : context.prefilter.keywordsIn(content);
  if (
    keywords !== undefined &&
    !previous &&
    !needsPathRule(context.pathRules, paths, previous) &&
    !anyRuleReads(context.rules, keywords, path)
  )
    return { scan: 'clean' };
  const text = decodeBlob(content, job.truncated) ?? '';
  const outcome: BlobOutcome = { scan: undefined };
  if (job.truncated)
    outcome.debug = `history: blob ${job.id.slice(0, 12)} is ${job.size} bytes; scanned its first ${context.maxBlobBytes}`;
  const secrets = new Map<string, DetectedSecret>();
  const overflow = createHitOverflow();
  try {
    const inViews = { count: 0 };
    // A Python text kept as a base: its view's state, tokenized once for the scan and the base.
    const python =
      versions && path !== undefined && hasPythonView(path) ? pythonViewState(text) : undefined;
    outcome.scan = scanBlobText(
      text,
      paths,
      context.rules,
      previous,
      secrets,
      keywords,
      overflow,
      inViews,
      python && path !== undefined ? pythonViews(path, text, python) : undefined,
    );
    const skipped = describeHitOverflow(overflow);
    if (skipped !== undefined) outcome.warning = `history: blob ${job.id.slice(0, 12)}: ${skipped}`;
    else if (versions && path !== undefined && counts) {
      const direct = outcome.scan.c.slice(0, outcome.scan.c.length - inViews.count);
      versions.set(createVersionBase(path, content, text, direct, counts, context.rules, python));
    }
  } catch (error) {
    // A detector bug on odd content must not sink the whole scan; the blob stays unscanned
    // (not cached), so the next run tries again.
    outcome.warning = `history: a secret rule failed on blob ${job.id.slice(0, 12)} (${paths[0] ?? '?'}): ${(error as Error).message}`;
  }
  if (secrets.size > 0) outcome.secrets = [...secrets];
  return outcome;
}
