import type { Finding } from '../core/types';
import { SEVERITIES } from '../core/types';
import type { ScanResult } from '../core/scan-result';
import { sortedActiveFindings } from './annotations';
import { escapeMarkdown } from './escape';
import type { RepositoryLinks } from './links';
import { renderLocation, renderRuleLink, toLinkDestination } from './links';
import { describeSuppressed, renderMessageCell, renderSeverity, renderVerdict } from './summary';

/**
 * The body of the one pull-request comment we keep up to date: compact (counts, the top findings,
 * a link to the run's job summary). The hidden marker lets the next run find and edit it.
 */

export const COMMENT_MARKER = '<!-- django-deploy-guard -->';
/** GitHub rejects comment bodies of 65536 characters or more. */
export const COMMENT_MAX_CHARS = 65_000;
export const COMMENT_TOP_FINDINGS = 10;

export interface CommentOptions {
  links?: RepositoryLinks;
  /** How many findings to list; the rest are counted. */
  topFindings?: number;
  /** Lines on fixes (suggested in the review, or to apply with the `fix` command). */
  fixes?: readonly string[];
}

/** True when a run has something to report in a comment (`comment: auto` posts only then). */
export function hasCommentWorthyFindings(result: ScanResult): boolean {
  return result.summary.total > 0;
}

export function renderComment(result: ScanResult, options: CommentOptions = {}): string {
  const { summary } = result;
  const links = options.links;
  const runLink = links?.runUrl
    ? `[job summary](${toLinkDestination(links.runUrl)})`
    : 'job summary';
  const commit = links?.sha ? ` at ${escapeMarkdown(links.sha.slice(0, 12))}` : '';
  if (summary.total === 0) {
    return [
      COMMENT_MARKER,
      `### ✅ django-deploy-guard: all clear`,
      '',
      `No insecure deployment settings or committed secrets found${commit}.` +
        (summary.suppressed > 0 ? ` ${describeSuppressed(result)}.` : '') +
        ` Details in the ${runLink}.`,
      '',
    ].join('\n');
  }
  const status = summary.failed
    ? '❌ failed'
    : summary.undecided > 0
      ? renderVerdict(result)
      : '⚠️ passed with findings';
  const counts = SEVERITIES.filter((s) => summary.bySeverity[s] > 0)
    .map((s) => `${summary.bySeverity[s]} ${s}`)
    .join(', ');
  const lines = [
    COMMENT_MARKER,
    `### django-deploy-guard: ${status}`,
    '',
    `**${summary.total}** finding${summary.total === 1 ? '' : 's'}${commit}: ${counts}.` +
      (summary.new !== undefined ? ` **${summary.new}** new in this change.` : '') +
      (summary.suppressed > 0 ? ` ${describeSuppressed(result)}.` : '') +
      ` ${escapeMarkdown(summary.reason)}`,
    '',
  ];
  // Undecided checks are counted by cause, not listed.
  const active = sortedActiveFindings(result.findings).filter((f) => !f.undecided);
  const limit = Math.max(0, options.topFindings ?? COMMENT_TOP_FINDINGS);
  const footerReserve = 1_500;
  let length = lines.join('\n').length;
  const row = (finding: Finding) =>
    `| ${renderSeverity(finding.severity)} | ${renderRuleLink(finding)} ${escapeMarkdown(finding.name)} | ${renderLocation(finding.locations[0] ?? finding, links)} | ${renderMessageCell(finding, links)} |`;
  /** A table of the first findings that fit; returns how many it listed. */
  const addRows = (findings: readonly Finding[], max: number): number => {
    const header = ['| Severity | Rule | Location | Message |', '| --- | --- | --- | --- |'];
    lines.push(...header);
    length += header.join('\n').length + 1;
    let listed = 0;
    for (const finding of findings.slice(0, max)) {
      const text = row(finding);
      if (length + text.length + 1 > COMMENT_MAX_CHARS - footerReserve) break;
      lines.push(text);
      length += text.length + 1;
      listed += 1;
    }
    lines.push('');
    if (findings.length > listed) lines.push(`…and ${findings.length - listed} more.`, '');
    return listed;
  };
  const withDelta = result.fixed !== undefined || active.some((f) => f.delta !== undefined);
  if (!withDelta) addRows(active, limit);
  else {
    const fresh = active.filter((f) => f.delta !== 'existing');
    const existing = active.filter((f) => f.delta === 'existing');
    lines.push(`#### New in this change (${fresh.length})`, '');
    if (fresh.length > 0) addRows(fresh, limit);
    else lines.push('Nothing new to fix.', '');
    if (existing.length > 0) {
      lines.push(
        `<details><summary>${existing.length} existing finding${existing.length === 1 ? '' : 's'} (already on the base branch)</summary>`,
        '',
      );
      addRows(existing, limit);
      lines.push('</details>', '');
    }
    const fixed = result.fixed ?? [];
    if (fixed.length > 0)
      lines.push(
        `**Fixed by this change (${fixed.length}):** ${fixed
          .slice(0, limit)
          .map((f) => `${escapeMarkdown(f.ruleId)} at ${escapeMarkdown(f.file)}:${f.line}`)
          .join(', ')}${fixed.length > limit ? `, and ${fixed.length - limit} more` : ''}.`,
        '',
      );
  }
  if (summary.undecided > 0)
    lines.push(
      `**Could not be decided:** ${summary.undecided} settings check${summary.undecided === 1 ? '' : 's'} — ${summary.undecidedCauses
        .slice(0, 3)
        .map((c) => `${escapeMarkdown(c.cause)} (${c.count})`)
        .join(', ')}.`,
      '',
    );
  if (options.fixes?.length) {
    const fixes = options.fixes.join('\n');
    if (length + fixes.length + footerReserve < COMMENT_MAX_CHARS) lines.push(...options.fixes);
  }
  lines.push(`See the ${runLink} for every finding, its fix and what was assumed.`, '');
  return lines.join('\n');
}
