import { SEVERITIES } from '../core/types';
import type { ScanResult } from '../core/scan-result';
import { sortedActiveFindings } from './annotations';
import { escapeMarkdown } from './escape';
import type { RepositoryLinks } from './links';
import { renderLocation, renderRuleLink, toLinkDestination } from './links';
import { describeSuppressed, renderMessageCell, renderSeverity } from './summary';

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
  const status = summary.failed ? '❌ failed' : '⚠️ passed with findings';
  const counts = SEVERITIES.filter((s) => summary.bySeverity[s] > 0)
    .map((s) => `${summary.bySeverity[s]} ${s}`)
    .join(', ');
  const lines = [
    COMMENT_MARKER,
    `### django-deploy-guard: ${status}`,
    '',
    `**${summary.total}** finding${summary.total === 1 ? '' : 's'}${commit}: ${counts}.` +
      (summary.suppressed > 0 ? ` ${describeSuppressed(result)}.` : '') +
      ` ${escapeMarkdown(summary.reason)}`,
    '',
    '| Severity | Rule | Location | Message |',
    '| --- | --- | --- | --- |',
  ];
  const active = sortedActiveFindings(result.findings);
  const limit = Math.max(0, options.topFindings ?? COMMENT_TOP_FINDINGS);
  const footerReserve = 600;
  let length = lines.join('\n').length;
  let listed = 0;
  for (const finding of active.slice(0, limit)) {
    const row = `| ${renderSeverity(finding.severity)} | ${renderRuleLink(finding)} ${escapeMarkdown(finding.name)} | ${renderLocation(finding.locations[0] ?? finding, links)} | ${renderMessageCell(finding, links)} |`;
    if (length + row.length + 1 > COMMENT_MAX_CHARS - footerReserve) break;
    lines.push(row);
    length += row.length + 1;
    listed += 1;
  }
  lines.push('');
  if (active.length > listed) {
    lines.push(`…and ${active.length - listed} more.`);
  }
  if (options.fixes?.length) {
    const fixes = options.fixes.join('\n');
    if (length + fixes.length + footerReserve < COMMENT_MAX_CHARS) lines.push(...options.fixes);
  }
  lines.push(`See the ${runLink} for every finding, its fix and what was assumed.`, '');
  return lines.join('\n');
}
