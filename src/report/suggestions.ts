import { asLineReplacement } from '../core/fix-edits';
import type { Finding, FixEdit } from '../core/types';
import { escapeMarkdown, stripUnsafeCharacters } from './escape';

/**
 * Which fixes become suggested changes on a pull request, and their review comments. Pure: the
 * findings and the lines the pull request changed in, comment bodies out (src/github/pr-review.ts
 * posts them).
 *
 * A fix is suggested only when every line it touches is a line the pull request added or changed
 * (the author's own change, shown in the diff where GitHub accepts a suggestion), in a file whose
 * checked-out content is the pull request head's (line numbers are the head's). Other fixes are
 * listed in the PR comment with the `fix` command to run.
 */

export const REVIEW_MARKER = '<!-- django-deploy-guard:fixes -->';
const SUGGESTION_MARKER_PREFIX = '<!-- django-deploy-guard:fix ';

/** The hidden first line of a suggestion comment: which fix it carries, stable across pushes. */
export function suggestionMarker(key: string): string {
  return `${SUGGESTION_MARKER_PREFIX}${key} -->`;
}

/** The key in a comment body's marker, if it starts with one. */
export function suggestionKeyOf(body: string | null | undefined): string | undefined {
  const match = /^<!-- django-deploy-guard:fix ([0-9a-f]{16}:\d{1,4}) -->/.exec(body ?? '');
  return match?.[1];
}

export interface FixSuggestion {
  /** `<fingerprint>:<edit index>` of the first finding the edit fixes. */
  key: string;
  path: string;
  /** 1-based lines of the pull request head the suggestion replaces. */
  startLine: number;
  line: number;
  body: string;
}

export interface SuggestionPlan {
  suggestions: FixSuggestion[];
  /** Findings with a fix that could not be suggested (lines outside the diff, instructions). */
  outside: Finding[];
}

/**
 * A finding the pull request introduced. Before the PR verdict marks findings new or existing,
 * every finding counts; after, only new ones get suggestions (an old problem on a changed line
 * is listed with the `fix` command instead).
 */
export function isNewInPullRequest(finding: Finding): boolean {
  return !('delta' in finding) || finding.delta === 'new';
}

export interface ChangedLines {
  /** Lines each path's head version adds or changes against the base. */
  added: ReadonlyMap<string, ReadonlySet<number>>;
  /** Paths whose checked-out content is not the head's (a merge commit moved them). */
  stale: ReadonlySet<string>;
}

function inDiff(edit: FixEdit, changed: ChangedLines): boolean {
  const range = asLineReplacement(edit);
  const lines = changed.added.get(range.file);
  if (!lines || changed.stale.has(range.file)) return false;
  for (let n = range.startLine; n <= range.endLine; n++) if (!lines.has(n)) return false;
  return true;
}

function suggestionBody(
  key: string,
  findings: readonly Finding[],
  edit: FixEdit,
): string | undefined {
  const { lines } = asLineReplacement(edit);
  // A fence inside the replacement would end the suggestion early.
  if (lines.some((line) => line.includes('```'))) return undefined;
  const first = findings[0]!;
  const rules = findings.map((f) => `**${escapeMarkdown(f.ruleId)}** ${escapeMarkdown(f.name)}`);
  const steps = [...new Set(findings.flatMap((f) => f.autofix?.instructions ?? []))];
  return [
    suggestionMarker(key),
    `${[...new Set(rules)].join(', ')}: ${escapeMarkdown(first.autofix!.description)}.`,
    '',
    '```suggestion',
    ...lines.map((line) => stripUnsafeCharacters(line)),
    '```',
    ...(steps.length > 0 ? ['', ...steps.map((step) => `- ${escapeMarkdown(step)}`)] : []),
    '',
  ].join('\n');
}

/** Splits the fixes of `findings` into suggestions on the diff and the rest. */
export function planSuggestions(
  findings: readonly Finding[],
  changed: ChangedLines,
): SuggestionPlan {
  const fixable = findings.filter(
    (f) => f.autofix !== undefined && !f.suppressed && f.current && isNewInPullRequest(f),
  );
  // Two rules about one problem share an edit: one suggestion, naming both.
  const byEdit = new Map<string, { key: string; edit: FixEdit; findings: Finding[] }>();
  const outside: Finding[] = [];
  for (const finding of fixable) {
    const edits = finding.autofix!.edits;
    if (edits.length === 0 || !edits.every((edit) => inDiff(edit, changed))) {
      outside.push(finding);
      continue;
    }
    edits.forEach((edit, index) => {
      const id = JSON.stringify(edit);
      const entry = byEdit.get(id);
      if (entry) entry.findings.push(finding);
      else byEdit.set(id, { key: `${finding.fingerprint}:${index}`, edit, findings: [finding] });
    });
  }
  const suggestions: FixSuggestion[] = [];
  for (const { key, edit, findings: fixed } of byEdit.values()) {
    const body = suggestionBody(key, fixed, edit);
    if (body === undefined) {
      outside.push(...fixed.filter((f) => !outside.includes(f)));
      continue;
    }
    const range = asLineReplacement(edit);
    suggestions.push({
      key,
      path: range.file,
      startLine: range.startLine,
      line: range.endLine,
      body,
    });
  }
  return { suggestions, outside };
}

/** The review's own text: what the comments are and how to apply them. */
export function renderReviewBody(suggestions: readonly FixSuggestion[]): string {
  return [
    REVIEW_MARKER,
    `**django-deploy-guard** suggests ${suggestions.length} fix${suggestions.length === 1 ? '' : 'es'} on lines this pull request changed: apply each with "Commit suggestion", or together with "Add suggestion to batch".`,
    '',
  ].join('\n');
}

/** The PR comment's section on fixes that are not suggestions: the command that applies them. */
export function renderOutsideFixes(outside: readonly Finding[], suggested: number): string[] {
  if (outside.length === 0 && suggested === 0) return [];
  const lines = ['#### Fixes', ''];
  if (suggested > 0)
    lines.push(
      `${suggested} fix${suggested === 1 ? ' is' : 'es are'} suggested in the review on the changed lines.`,
      '',
    );
  if (outside.length > 0) {
    const ids = [...new Set(outside.map((f) => f.ruleId))].sort();
    lines.push(
      `${outside.length} more touch${outside.length === 1 ? 'es' : ''} lines outside this pull request's changes (or need steps by hand): run \`npx django-deploy-guard fix --write\` locally (\`--rule ${escapeMarkdown(ids[0]!)}\` for one rule), then commit.`,
      '',
      ...outside.map(
        (f) =>
          `- **${escapeMarkdown(f.ruleId)}** ${escapeMarkdown(`${f.file}:${f.line}`)}: ${escapeMarkdown(f.autofix!.description)}`,
      ),
      '',
    );
  }
  return lines;
}
