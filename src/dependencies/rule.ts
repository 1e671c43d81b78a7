import { createFinding } from '../core/finding';
import { inlineIgnoreReason } from '../core/inline-ignore';
import type { RepoFiles } from '../core/repo-files';
import { formatMessage, type MessageData, type RuleMessages } from '../core/rule-messages';
import type { Finding, RuleMeta, Severity } from '../core/types';
import { findPackageRequirement, type PackageRequirement } from '../settings/django-version';
import { advisoryData, djangoSupportData, type AdvisoryData, type SupportData } from './data';

/**
 * The contract of the rules about what the project installs (DDG4xx): the pinned Django's
 * support status, known advisories of pinned packages. They read the dependency files through
 * the one reader (`findPackageRequirement`) and judge against the committed data. Pure: the
 * date is given, never read from the clock here.
 */

export interface DependencyCheckContext {
  /** The requirement the deployment installs for a package (PEP 503 name), if a file names it. */
  requirement(packageName: string): PackageRequirement | undefined;
  /** ISO date (`2026-12-07`) the judgement is made on. */
  today: string;
  support: SupportData;
  advisories: AdvisoryData;
  /** A note for the run's report (e.g. the data is older than a release cycle). */
  note(message: string): void;
}

/**
 * What a dependency rule saw: always at the requirement's file and line. Its message is one of
 * the rule's `messages` (by `messageId`, filled from `data`), or, for a rule without them, the
 * `message` text itself.
 */
export type DependencyMatch<MessageId extends string = string> = {
  requirement: PackageRequirement;
  severity?: Severity;
  fix?: string;
  /** Stable part of the fingerprint: the package's name. */
  detail: string;
} & ({ messageId: MessageId; data?: MessageData } | { message: string; messageId?: never });

/**
 * What a rule module writes: its meta and docs, its message templates (optional) and `check`.
 * With `messages`, a match's `messageId` must be one of their ids (checked by the compiler).
 */
export interface DependencyRuleDefinition<MessageId extends string = string> extends RuleMeta {
  messages?: RuleMessages<MessageId>;
  check(ctx: DependencyCheckContext): DependencyMatch<NoInfer<MessageId>>[];
}

/** A rule as `runDependencyRules` runs it; made by `defineDependencyRule`. */
export interface DependencyRule extends DependencyRuleDefinition {
  kind: 'dependency';
}

export function defineDependencyRule<MessageId extends string = never>(
  definition: DependencyRuleDefinition<MessageId>,
): DependencyRule {
  return { kind: 'dependency', ...definition };
}

/** The text of a match: its template filled in, or its own message. */
function messageOf(rule: DependencyRule, match: DependencyMatch): string {
  if (match.messageId === undefined) return match.message;
  const template = rule.messages?.[match.messageId];
  // A rule bug, not a user's mistake: the compiler and a test over every rule module
  // keep every reported id in the rule's messages (test/rule-messages.test.ts).
  if (template === undefined) throw new Error(`${rule.id}: no message '${match.messageId}'`);
  return formatMessage(template, match.data);
}

export interface DependencyContextOptions {
  fileList: readonly string[];
  files: RepoFiles;
  today: string;
  support?: SupportData;
  advisories?: AdvisoryData;
}

/** A context over the repository's dependency files; notes are collected in `notes`. */
export function createDependencyContext(options: DependencyContextOptions): {
  ctx: DependencyCheckContext;
  notes: string[];
} {
  const notes: string[] = [];
  const found = new Map<string, PackageRequirement | undefined>();
  const ctx: DependencyCheckContext = {
    requirement: (packageName) => {
      if (!found.has(packageName))
        found.set(
          packageName,
          findPackageRequirement(options.fileList, options.files, packageName),
        );
      return found.get(packageName);
    },
    today: options.today,
    support: options.support ?? djangoSupportData,
    advisories: options.advisories ?? advisoryData,
    note: (message) => {
      if (!notes.includes(message)) notes.push(message);
    },
  };
  return { ctx, notes };
}

/** Runs the rules; a match on a line with `# deploy-guard: ignore[ID]` is suppressed. */
export function runDependencyRules(
  ctx: DependencyCheckContext,
  rules: readonly DependencyRule[],
  files: RepoFiles,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const match of rule.check(ctx)) {
      const { file, line } = match.requirement;
      const ignored = inlineIgnoreReason(files.read(file)?.split(/\r\n|\r|\n/)[line - 1], rule.id);
      findings.push(
        createFinding({
          rule,
          identity: { kind: 'path', ruleId: rule.id, file, detail: match.detail },
          source: 'tree',
          file,
          line,
          message: messageOf(rule, match),
          ...(match.severity !== undefined ? { severity: match.severity } : {}),
          ...(match.fix !== undefined ? { fix: match.fix } : {}),
          ...(ignored !== undefined ? { suppressed: { kind: 'inline', reason: ignored } } : {}),
        }),
      );
    }
  }
  return findings;
}

/** Days from `from` to `to` (ISO dates), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Django ships a feature release about every eight months. */
export const RELEASE_CYCLE_DAYS = 243;

/**
 * A note when committed data is older than a Django release cycle on `today`: a series, a
 * release or an advisory may be missing from it.
 */
export function staleDataNote(
  what: string,
  source: { commitDate: string; repository: string },
  today: string,
  refresh: string,
): string | undefined {
  const age = daysBetween(source.commitDate, today);
  if (age <= RELEASE_CYCLE_DAYS) return undefined;
  return `the ${what} data was taken from ${source.repository} on ${source.commitDate}, ${age} days ago (older than a Django release cycle): newer releases or advisories are not in it; refresh it with ${refresh}`;
}

/** `today` as an ISO date: SOURCE_DATE_EPOCH (seconds) when set and valid, else the clock. */
export function todayFrom(env: Readonly<Record<string, string | undefined>>, now: Date): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const date =
    epoch !== undefined && /^\d{1,12}$/.test(epoch) ? new Date(Number(epoch) * 1000) : now;
  return date.toISOString().slice(0, 10);
}
