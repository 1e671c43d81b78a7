import type { GuardConfig } from '../config/config';
import { createFinding } from '../core/finding';
import type { Finding, RuleMeta, Severity } from '../core/types';

/**
 * A rule over what a pull request changes in the guard's own inputs: its configuration, its
 * baseline, the inline ignore comments in the code. The base branch's versions decide the run
 * (docs/findings.md, "Who decides a pull request's verdict"); these rules say what the pull
 * request's versions would have weakened. Pure: both versions come in as data.
 */
export interface GuardRuleDefinition extends RuleMeta {
  detect(change: GuardChange): GuardMatch[];
}

/** A rule as `runGuardRules` runs it; made by `defineGuardRule`. */
export interface GuardRule extends GuardRuleDefinition {
  kind: 'guard';
}

export function defineGuardRule(definition: GuardRuleDefinition): GuardRule {
  return { kind: 'guard', ...definition };
}

/** The head's config could not be loaded: what the loader said, and where. */
export interface UnreadableConfig {
  error: string;
  line?: number;
}

export type GuardChange =
  | {
      kind: 'config';
      /** Repository path of the head's config file. */
      path: string;
      /** The base branch's config (the empty one when it has none). */
      base: GuardConfig;
      head: GuardConfig | UnreadableConfig;
      /** Each rule's own severity, to tell a lowered severity from a raised one. */
      ruleSeverities: ReadonlyMap<string, Severity>;
    }
  | {
      kind: 'baseline';
      path: string;
      /** Fingerprints the base branch's baseline lists. */
      base: ReadonlySet<string>;
      head: readonly { fingerprint: string; ruleId: string; file: string }[];
      headText: string;
    }
  | {
      kind: 'source';
      /** Repository path; `baseText` undefined when the pull request adds the file. */
      path: string;
      baseText?: string;
      headText: string;
    };

export interface GuardMatch {
  line: number;
  /** What the change would weaken, e.g. `fail-on high → never`. */
  message: string;
  /** Stable part of the fingerprint (the key or entry changed). */
  detail: string;
}

export function runGuardRules(change: GuardChange, rules: readonly GuardRule[]): Finding[] {
  return rules.flatMap((rule) =>
    rule.detect(change).map((match) =>
      createFinding({
        rule,
        identity: { kind: 'path', ruleId: rule.id, file: change.path, detail: match.detail },
        source: 'tree',
        file: change.path,
        line: match.line,
        message: `the pull request would weaken the check: ${match.message}`,
      }),
    ),
  );
}
