import type { RuleMeta, Severity } from '../core/types';

/**
 * Where a hit sits, when that lowers what it means: on a commented-out line, in test code or
 * fixtures, in CI configuration, in documentation, in committed third-party code. Set on every
 * hit by `runSecretRules` (src/secrets/hit-context.ts).
 */
export type HitContext = 'comment' | 'test' | 'ci' | 'docs' | 'vendored' | 'marked-fake';

/** A text file (or git blob) handed to the detectors. `path` is repository-relative with `/`. */
export interface TextFile {
  path: string;
  content: string;
  /**
   * The rules' keywords (lower-case) that occur in `content`, or more, when `runSecretRules`
   * knows them: a detector may search for just these (a keyword outside it doesn't occur).
   */
  keywords?: ReadonlySet<string>;
}

/** What a detector saw. `secret` is kept only long enough to hash and mask it. */
export interface SecretMatch {
  /** 1-based line of the secret. */
  line: number;
  endLine?: number;
  column?: number;
  /** The secret value itself (hashed, masked, never printed). */
  secret: string;
  /**
   * What the adapters must mask, when that is not `secret` itself: e.g. the committed `.env`
   * rule identifies a finding by its key names (stable across rotations) but must mask the
   * values. Masking a name like `DATABASE_URL` would garble every log line that mentions it.
   */
  maskValues?: readonly string[];
  message: string;
  /**
   * Overrides the rule's default severity. After `runSecretRules`, the severity with the hit's context
   * applied: at most `low` in a capping context.
   */
  severity?: Severity;
  /**
   * Set by `runSecretRules`: the severity before any context cap, so that a value also found outside
   * tests (or uncommented elsewhere) can be raised back to it.
   */
  uncappedSeverity?: Severity;
  /** Set by `runSecretRules`: every context of the hit (empty when none applies). */
  contexts?: readonly HitContext[];
  fix?: string;
  /**
   * The value passes its format's own validation, beyond its shape: a GitHub or npm token whose
   * CRC32 checksum matches, a Stripe live key, a Slack token with its workspace and bot ids, an AWS
   * key id paired with its secret. Such a value is a real credential wherever it sits: no context
   * (tests, comments, docs, vendored code, history) lowers it (src/secrets/hit-context.ts).
   */
  validated?: boolean;
  /**
   * The value is a well-known default credential (`postgres`, the user's own name): reported so
   * it gets changed, but not a secret, so never registered for redaction or `::add-mask::`.
   */
  defaultCredential?: boolean;
}

/** What a rule module writes: its meta and docs, its prefilter and `detect`. */
export interface SecretRuleDefinition extends RuleMeta {
  /**
   * What makes two hits the same finding: the secret value (default: the same key anywhere is one
   * finding), or the path (a committed `.env` file is one finding whatever its revisions held).
   */
  identity?: 'value' | 'path';
  /**
   * Cheap prefilter: lower-case substrings of which at least one must occur in the lower-cased
   * content before `detect` runs. Omit for rules that decide by path alone.
   */
  keywords?: readonly string[];
  /**
   * Contexts where this rule's hits are at most `low`, besides the ones that cap every rule
   * (`comment`, `test`, `vendored`): e.g. `ci` for values that are usually throwaway test
   * credentials (Django keys, database URLs), but not for vendor tokens whose format proves them.
   */
  lowIn?: readonly HitContext[];
  /** Path-based rules (e.g. `.env` files) answer for the path; others may omit it. */
  appliesToPath?(path: string): boolean;
  /**
   * Paths where the detector finds nothing whatever the text (it returns early there): its
   * keywords then don't make such a file worth decoding (history/blob-job.ts).
   */
  ignoresPath?(path: string): boolean;
  /**
   * What the rule's hits in a file at `path` depend on (see `DetectionScope`); undefined is the
   * whole file. History uses it to scan only the changed lines of a file's next version.
   */
  scope?(path: string): DetectionScope;
  detect(file: TextFile): SecretMatch[];
}

/**
 * What a content rule's hits depend on, declared by the rule so that a history scan can reuse a
 * file's earlier version and scan only the lines that changed, with exactly the hits a scan of
 * the whole text gives (src/history/version-delta.ts). It is only used for files without
 * normalised views (secrets/normalise.ts), so it speaks of the detector on the text itself.
 * - `lines`: each hit, and whether it exists, depends only on its own line and the `radius` lines
 *   either side of it (the hit context's look-back for a fake marker is added by the caller); a
 *   hit is on one line. With `unlessInFile`: only while that pattern occurs nowhere in the file
 *   (the hits depend on whether it does).
 * - `keyword-lines`: the hits depend only on the lines that hold one of the rule's keywords, in
 *   their order (not on their line numbers), and are on those lines.
 * - `keyword-hits`: every hit is on a line that holds one of the rule's keywords, and whether
 *   such a line gives a hit depends on that line alone (what the hit says may depend on the rest
 *   of the file).
 * - `file`: anything in the file.
 */
export type DetectionScope =
  | { kind: 'lines'; radius: number; unlessInFile?: RegExp }
  | { kind: 'keyword-lines' }
  | { kind: 'keyword-hits' }
  | { kind: 'file' };

/** The scope of a hit that depends only on its own line. */
export const LINE_SCOPE: DetectionScope = { kind: 'lines', radius: 0 };

/** A rule as `runSecretRules` runs it; made by `defineSecretRule`. */
export interface SecretRule extends SecretRuleDefinition {
  kind: 'secret';
}

export function defineSecretRule(definition: SecretRuleDefinition): SecretRule {
  return { kind: 'secret', ...definition };
}
